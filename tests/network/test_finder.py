"""Finding practices on the index page: filters, search, the map and its table, query counts,
bad GET parameters."""

import pytest

from network.models import PracticePage

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def practices(db):
    volunteering = factories.PracticeThemeFactory(name="Wolontariat")
    seniors = factories.PracticeThemeFactory(name="Seniorzy")
    index = factories.practice_index()
    rural = factories.PracticePageFactory(title="Sąsiedzi pomagają sąsiadom", themes=[volunteering])
    city = factories.PracticePageFactory(
        title="Klub seniora na osiedlu",
        town="Łódź",
        county="Łódź",
        voivodeship="lodzkie",
        postal_code="90-001",
        unit_type="miasto-na-prawach-powiatu",
        population=650000,
        themes=[seniors],
    )
    return index, rural, city, volunteering, seniors


def listed(client, index, params):
    response = client.get(index.url, params)
    assert response.status_code == 200
    return response, response.content.decode()


def titles(response):
    return [practice.title for practice in response.context["practices"]]


def test_the_index_lists_practices_with_map_and_table(client, practices):
    index, rural, city, *_ = practices
    response, html = listed(client, index, {})
    assert sorted(titles(response)) == sorted([rural.title, city.title])
    regions = {r["key"]: r for r in response.context["map"]["regions"]}
    assert len(regions) == 16
    assert regions["mazowieckie"]["count"] == 1 and regions["lodzkie"]["count"] == 1
    assert regions["opolskie"]["count"] == 0
    # Each region has a title for assistive technology and a row in the table.
    assert "<title>mazowieckie: 1 dobra praktyka. Pokaż ją.</title>" in html
    assert "<title>opolskie: 0 dobrych praktyk. Pokaż je.</title>" in html
    assert '<th scope="row"><a href="?woj=lodzkie#lista">łódzkie</a></th><td>1</td>' in html


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"woj": "lodzkie"}, ["Klub seniora na osiedlu"]),
        ({"typ": "gmina-wiejska"}, ["Sąsiedzi pomagają sąsiadom"]),
        ({"mieszkancy": "2"}, ["Sąsiedzi pomagają sąsiadom"]),
        ({"mieszkancy": "4"}, ["Klub seniora na osiedlu"]),
        ({"mieszkancy": "1"}, []),
        ({"woj": "lodzkie", "typ": "gmina-wiejska"}, []),
    ],
)
def test_filters(client, practices, params, expected):
    index, *_ = practices
    response, _html = listed(client, index, params)
    assert titles(response) == expected


def test_theme_filter_and_the_map_counts_the_other_filters(client, practices):
    index, rural, city, volunteering, seniors = practices
    response, _html = listed(client, index, {"temat": str(seniors.pk), "woj": "mazowieckie"})
    assert titles(response) == []
    counts = {r["key"]: r["count"] for r in response.context["map"]["regions"]}
    # The map shows where the chosen theme is, whatever voivodeship is chosen.
    assert counts["lodzkie"] == 1 and counts["mazowieckie"] == 0
    response, _html = listed(client, index, {"temat": str(volunteering.pk)})
    assert titles(response) == [rural.title]


@pytest.mark.parametrize("query", ["Długosiodło", "dlugosiodlo", "DLUGOSIODLO", "Łódź", "lodz"])
def test_search_finds_a_practice_by_its_town_with_or_without_diacritics(client, practices, query):
    index, rural, city, *_ = practices
    response, _html = listed(client, index, {"q": query})
    expected = rural.title if "siod" in query.lower() else city.title
    assert titles(response) == [expected]


def test_search_and_a_filter_together(client, practices):
    index, rural, *_ = practices
    response, _html = listed(client, index, {"q": "dlugosiodlo", "woj": "lodzkie"})
    assert titles(response) == []
    response, _html = listed(client, index, {"q": "dlugosiodlo", "woj": "mazowieckie"})
    assert titles(response) == [rural.title]


@pytest.mark.parametrize(
    "params, named",
    [
        ({"woj": "atlantyda"}, True),
        ({"typ": "<script>"}, True),
        ({"temat": "٣٤"}, True),
        ({"temat": "99999999"}, True),
        ({"temat": "1_0"}, True),
        ({"mieszkancy": "9"}, True),
        ({"mieszkancy": "²"}, True),
        ({"strona": "٣"}, False),
        ({"strona": "-1"}, False),
        ({"strona": "999999999999999999999"}, False),
        ({"q": 'a" OR 1=1 --:>*'}, False),
        ({"q": "x" * 500}, True),
    ],
)
def test_bad_get_parameters_are_named_and_left_out(client, practices, params, named):
    index, *_ = practices
    response = client.get(index.url, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert ("Niektórych warunków nie rozpoznaliśmy" in html) is named
    if named:
        assert len(response.context["practices"]) == 2


def _make(n, themes, first=0):
    for i in range(first, first + n):
        factories.PracticePageFactory(
            title=f"Praktyka {i}",
            voivodeship=["mazowieckie", "lodzkie", "slaskie", "pomorskie"][i % 4],
            themes=themes,
        )


def test_queries_do_not_grow_with_the_number_of_practices(client, django_assert_max_num_queries):
    """Every filter combination, at 4 and at 24 practices (each with a theme and a centre, some
    centres certified): the second size makes no more queries than the first."""
    import datetime

    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from certificates.models import CertificateStatus, QualityCertificate
    from tests.factories import CentreFactory

    theme = factories.PracticeThemeFactory(name="Partnerstwo")
    index = factories.practice_index()
    combinations = [
        {},
        {"q": "dlugosiodlo"},
        {"woj": "mazowieckie", "typ": "gmina-wiejska", "mieszkancy": "2", "q": "praktyka"},
        {"temat": str(theme.pk), "strona": "2"},
        {"temat": str(theme.pk), "woj": "slaskie", "mieszkancy": "2"},
    ]
    today = datetime.date.today()

    def centres(count, first):
        for n in range(first, first + count):
            centre = CentreFactory()
            QualityCertificate.objects.create(
                centre=centre,
                centre_name=centre.name,
                centre_town=centre.town,
                number=f"CAL/Q/{n}",
                verification_code=f"QC-{n:04d}",
                status=CertificateStatus.ISSUED,
                valid_from=today - datetime.timedelta(days=1),
                valid_until=today + datetime.timedelta(days=365),
                issuer="CAL",
            )
            PracticePage.objects.filter(title=f"Praktyka {n}").update(centre=centre)

    def queries(params):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(index.url, params)
        assert response.status_code == 200
        return len(captured), len(response.context["practices"])

    _make(4, [theme])
    centres(4, 0)
    queries({})  # the first request of a test reads the site's settings and root paths
    small = [queries(params) for params in combinations]
    # Every combination shows something at the small size too (an empty list skips queries).
    assert all(shown for _count, shown in small)
    _make(20, [theme], first=4)
    centres(8, 4)
    for params, (bound, _shown) in zip(combinations, small, strict=True):
        with django_assert_max_num_queries(bound):
            queries(params)
    # The larger list really is larger (20 on the first page).
    assert queries({})[1] == 20
