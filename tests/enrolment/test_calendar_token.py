"""The personal calendar feed refuses malformed tokens with a 404 before any lookup."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from enrolment.models import CalendarFeed

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/szkolenia/kalendarz/%00.ics",
        "/szkolenia/kalendarz/abc%00def.ics",
        "/szkolenia/kalendarz/%C5%BC%C3%B3%C5%82w.ics",
        "/szkolenia/kalendarz/" + "A" * 44 + ".ics",
        "/szkolenia/kalendarz/" + "A" * 42 + ".ics",
        "/szkolenia/kalendarz/" + "A" * 42 + "%00.ics",
    ],
)
def test_malformed_calendar_token_is_404_for_anonymous_without_a_lookup(client, path):
    # On PostgreSQL a NUL byte reaching the query is a 500 (DataError); the token's format
    # is checked first, so the feed table is never asked.
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 404
    assert not [q for q in queries.captured_queries if "calendarfeed" in q["sql"].lower()]


def test_a_real_token_still_opens_the_feed(client, person):
    feed = CalendarFeed.objects.create(user=person)
    response = client.get(f"/szkolenia/kalendarz/{feed.token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
