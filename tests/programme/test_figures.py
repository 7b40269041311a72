"""Every figure of the dashboard against hand-computed expectations (tests/programme/world.py)."""

import pytest
from django.utils import timezone
from wagtail.models import Site

from programme import selectors
from programme.models import ProgrammeSettings, VoivodeshipTarget

from .world import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    today = timezone.localdate()
    return build(today) | {"today": today}


def _site():
    return Site.objects.get(is_default_site=True)


def _by_key(figures):
    return {f.key: f for f in figures}


FIELDS = [
    "held",
    "planned",
    "draft",
    "cancelled",
    "seats",
    "taken",
    "confirmed",
    "pending",
    "offered",
    "waiting",
    "completions",
    "people_completed",
    "confirmed_at_start",
    "completed_of_confirmed_at_start",
    "certificates",
]


def _values(f):
    return {name: getattr(f, name) for name in FIELDS}


def test_programme_totals(world):
    total = selectors.dashboard(_site(), today=world["today"]).total
    assert _values(total) == {
        "held": 2,  # one published whose second day was yesterday, one finished
        "planned": 1,  # published, second day today
        "draft": 1,
        "cancelled": 1,
        "seats": 19,  # 10 + 5 + 4: not the cancelled one, not the draft
        "taken": 8,  # 6 confirmed, 1 pending, 1 offered
        "confirmed": 6,
        "pending": 1,
        "offered": 1,
        "waiting": 1,
        "completions": 4,
        "people_completed": 3,  # the person with two completions counts once
        "confirmed_at_start": 4,
        "completed_of_confirmed_at_start": 3,
        "certificates": 1,  # the revoked one does not count
    }
    assert total.workshops_target == 120 and total.people_target == 3000
    assert total.fill_rate == pytest.approx(8 / 19)
    assert total.completion_rate == pytest.approx(0.75)
    assert total.workshops_progress == pytest.approx(2 / 120)
    assert total.people_progress == pytest.approx(3 / 3000)


def test_per_voivodeship(world):
    board = selectors.dashboard(_site(), today=world["today"])
    assert len(board.voivodeships) == 16
    regions = _by_key(board.voivodeships)
    assert _values(regions["mazowieckie"]) == {
        "held": 1,
        "planned": 1,
        "draft": 0,
        "cancelled": 0,
        "seats": 15,
        "taken": 6,
        "confirmed": 4,
        "pending": 1,
        "offered": 1,
        "waiting": 1,
        "completions": 2,
        "people_completed": 2,
        # The one confirmed only on day one itself was offered at the start: not counted.
        "confirmed_at_start": 2,
        "completed_of_confirmed_at_start": 1,
        "certificates": 1,
    }
    assert regions["mazowieckie"].completion_rate == pytest.approx(0.5)
    assert _values(regions["malopolskie"]) == {
        "held": 1,
        "planned": 0,
        "draft": 1,
        "cancelled": 1,
        "seats": 4,
        "taken": 2,
        "confirmed": 2,
        "pending": 0,
        "offered": 0,
        "waiting": 0,
        "completions": 2,
        "people_completed": 2,
        "confirmed_at_start": 2,
        "completed_of_confirmed_at_start": 2,
        "certificates": 0,
    }
    empty = regions["podlaskie"]
    assert _values(empty) == dict.fromkeys(FIELDS, 0)
    assert empty.fill_rate is None and empty.completion_rate is None
    # The person who completed in both voivodeships is in both rows, once in the total.
    assert sum(r.people_completed for r in board.voivodeships) == 4
    assert board.total.people_completed == 3


def test_per_course(world):
    intro, role = world["courses"]
    courses = _by_key(selectors.dashboard(_site(), today=world["today"]).courses)
    assert [c.label for c in courses.values()] == [intro.title, role.title]
    assert _values(courses[str(intro.pk)]) == {
        "held": 1,
        "planned": 0,
        "draft": 1,
        "cancelled": 1,
        "seats": 10,
        "taken": 4,
        "confirmed": 3,
        "pending": 1,
        "offered": 0,
        "waiting": 0,
        "completions": 2,
        "people_completed": 2,
        "confirmed_at_start": 2,
        "completed_of_confirmed_at_start": 1,
        "certificates": 1,
    }
    assert _values(courses[str(role.pk)]) == {
        "held": 1,
        "planned": 1,
        "draft": 0,
        "cancelled": 0,
        "seats": 9,
        "taken": 4,
        "confirmed": 3,
        "pending": 0,
        "offered": 1,
        "waiting": 1,
        "completions": 2,
        "people_completed": 2,
        "confirmed_at_start": 2,
        "completed_of_confirmed_at_start": 2,
        "certificates": 0,
    }


def test_regional_targets_and_map_progress(world):
    settings = ProgrammeSettings.for_site(_site())
    settings.save()
    VoivodeshipTarget.objects.create(
        settings=settings, voivodeship="mazowieckie", workshops_target=4, people_target=4
    )
    board = selectors.dashboard(_site(), today=world["today"])
    regions = _by_key(board.voivodeships)
    assert regions["mazowieckie"].people_progress == pytest.approx(0.5)
    assert regions["mazowieckie"].workshops_progress == pytest.approx(0.25)
    assert selectors.region_progress(regions["mazowieckie"], board.total) == pytest.approx(0.5)
    # Without a target of its own: against an even share of the programme's (3000 / 16).
    assert selectors.region_progress(regions["malopolskie"], board.total) == pytest.approx(
        2 / (3000 / 16)
    )
    assert regions["malopolskie"].people_target is None
    assert not board.regional_people_targets_are_shares


@pytest.mark.parametrize(
    ("progress", "label"),
    [
        (None, "brak celu"),
        (0, "0–24%"),
        (0.2499, "0–24%"),
        (0.25, "25–49%"),
        (1.0, "100% i więcej"),
    ],
)
def test_progress_bands_at_their_boundaries(progress, label):
    assert selectors.progress_band(progress)[1] == label


def test_per_centre_type(world):
    rows = {f.key: f for f in selectors.by_centre_type(today=world["today"])}
    assert list(rows) == ["ops", "mops", "gops", "pcpr", "other"]
    # h works at a MOPS (one completion, confirmed at the start); everyone else at a GOPS
    assert (rows["mops"].confirmed, rows["mops"].people_completed) == (1, 1)
    assert rows["mops"].completion_rate == pytest.approx(1.0)
    gops = rows["gops"]
    assert (gops.confirmed, gops.pending, gops.offered, gops.waiting) == (5, 1, 1, 1)
    assert (gops.completions, gops.people_completed) == (3, 2)
    assert (gops.confirmed_at_start, gops.completed_of_confirmed_at_start) == (3, 2)
    assert rows["ops"].confirmed == 0 and rows["ops"].completion_rate is None


def test_month_by_month(world):
    import collections
    import datetime as dt

    w1, _w2, _w3, w4 = world["workshops"]

    def month(day):
        return dt.date(day.year, day.month, 1)

    held = collections.Counter([month(w1.day_one_date), month(w4.day_one_date)])
    # completions are dated on each workshop's second day (tests/programme/world.py)
    done = collections.Counter({month(w1.day_two_date): 2})
    done[month(w4.day_two_date)] += 2
    rows = selectors.trend(today=world["today"])
    assert [m.month for m in rows] == sorted(set(held) | set(done))
    assert {m.month: (m.held, m.completions) for m in rows} == {
        m: (held[m], done[m]) for m in set(held) | set(done)
    }
