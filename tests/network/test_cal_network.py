"""The CAL network page: certified centres with validity, centres in the programme, figures
with their source."""

import datetime

import pytest
from wagtail.test.utils import WagtailPageTestCase

from certificates.models import CalProgrammeRecord, CertificateStatus, QualityCertificate
from cms.models import HomePage
from network.models import CalNetworkPage, PracticeIndexPage
from tests.courses.factories import home_page
from tests.factories import CentreFactory


def certificate(centre, n, *, valid=True, status=CertificateStatus.ISSUED):
    today = datetime.date.today()
    start = today - datetime.timedelta(days=30 if valid else 800)
    return QualityCertificate.objects.create(
        centre=centre,
        centre_name=centre.name,
        centre_town=centre.town,
        number=f"CAL/N/{n}",
        verification_code=f"NET-{n:04d}",
        status=status,
        valid_from=start,
        valid_until=start + datetime.timedelta(days=730 if valid else 400),
        issuer="CAL",
        **({"revocation_kind": "manual"} if status == CertificateStatus.REVOKED else {}),
    )


class CalNetworkPageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = home_page()
        cls.page = cls.home.add_child(
            instance=CalNetworkPage(
                title="Sieć CAL",
                slug="siec-cal",
                centres_took_part=160,
                cooperating_ngos=500,
                figures_as_of=datetime.date(2012, 6, 30),
            )
        )

    def test_tree_rules_edit_and_preview(self):
        self.assertAllowedParentPageTypes(CalNetworkPage, {HomePage})
        self.assertCanNotCreateAt(PracticeIndexPage, CalNetworkPage)
        self.assertFalse(CalNetworkPage.can_create_at(HomePage.objects.get(pk=self.home.pk)))
        self.assertPageIsEditable(self.page)
        self.assertPageIsPreviewable(self.page)

    def test_certified_centres_and_figures_with_their_source(self):
        certified, expired, revoked, learning = (CentreFactory() for _ in range(4))
        certificate(certified, 1)
        certificate(expired, 2, valid=False)
        certificate(revoked, 3, status=CertificateStatus.REVOKED)
        CalProgrammeRecord.objects.create(
            centre=learning, started_on=datetime.date(2025, 1, 1), volunteers=12
        )
        html = self.client.get(self.page.url).content.decode()
        self.assertIn(certified.name, html)
        self.assertIn("NET-0001", html)
        self.assertNotIn(expired.name, html)
        self.assertNotIn(revoked.name, html)
        self.assertIn(learning.name, html)
        figures = {f["label"]: f for f in self.client.get(self.page.url).context["figures"]}
        ours = figures["Ośrodki z certyfikatem jakości CAL ważnym dziś"]
        self.assertEqual((ours["value"], ours["source"]), (1, "z danych platformy"))
        self.assertEqual(figures["Wolontariusze w przebiegach programu na platformie"]["value"], 12)
        entered = figures["Ośrodki, które wzięły udział w programie"]
        self.assertEqual(entered["value"], 160)
        self.assertIn("wpisane przez koordynatora programu, stan na 30.06.2012", entered["source"])
        # An empty entered figure is not shown.
        self.assertNotIn("Wolontariusze w całej sieci", figures)


@pytest.mark.django_db
def test_the_network_page_queries_do_not_grow(client, django_assert_max_num_queries):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page = home_page().add_child(instance=CalNetworkPage(title="Sieć CAL", slug="siec-cal"))
    for n in range(2):
        certificate(CentreFactory(), n)
    cache.clear()
    client.get(page.url)
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        client.get(page.url)
    for n in range(2, 12):
        certificate(CentreFactory(), n)
    cache.clear()
    with django_assert_max_num_queries(len(captured)):
        assert client.get(page.url).status_code == 200
