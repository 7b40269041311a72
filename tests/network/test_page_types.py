"""Wagtail's page tests for the good-practice pages: tree rules, render, create, edit, preview."""

import datetime

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from certificates.models import CertificateStatus, QualityCertificate
from cms.models import HomePage, StandardPage
from network.models import PracticeIndexPage, PracticePage
from tests.courses.factories import home_page
from tests.factories import CentreFactory

from . import factories


def practice_form(**overrides):
    data = {
        "title": "Spółdzielnia seniorów",
        "slug": "spoldzielnia-seniorow",
        "summary": "Seniorzy prowadzą wypożyczalnię sprzętu rehabilitacyjnego.",
        "entered_on": "2024-03-14",
        "updated_on": "",
        "unit_type": "gmina-miejsko-wiejska",
        "town": "Łańcut",
        "county": "łańcucki",
        "voivodeship": "podkarpackie",
        "postal_code": "37-100",
        "post_office": "",
        "implementing_unit": "Miejsko-Gminny Ośrodek Pomocy Społecznej",
        "street": "ul. Przykładowa 1",
        "phone": "17 225 00 00",
        "email": "mgops@example.pl",
        "website": "https://example.pl",
        "population": "17000",
        "contact_person": "Anna Przykładowa",
        "contact_position": "animatorka",
        "contact_phone": "",
        "contact_email": "",
        "centre": "",
        "body": streamfield(
            [
                ("paragraph", rich_text("<p>Zaczęło się od spotkania w świetlicy.</p>")),
                ("quote", {"text": "Czujemy się potrzebni.", "attribution": "pan Józef"}),
            ]
        ),
    }
    data.update(overrides)
    return nested_form_data(data)


class PracticePageTypesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = home_page()
        cls.index = factories.practice_index()
        cls.theme = factories.PracticeThemeFactory(name="Seniorzy")
        cls.practice = factories.PracticePageFactory(themes=[cls.theme])

    def test_index_lives_only_under_a_home_page_once(self):
        self.assertCanNotCreateAt(Page, PracticeIndexPage)
        self.assertCanNotCreateAt(StandardPage, PracticeIndexPage)
        self.assertCanNotCreateAt(PracticePage, PracticeIndexPage)
        self.assertAllowedParentPageTypes(PracticeIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(PracticeIndexPage, {PracticePage})
        self.assertFalse(PracticeIndexPage.can_create_at(HomePage.objects.get(pk=self.home.pk)))

    def test_practice_lives_only_in_the_index(self):
        self.assertCanCreateAt(PracticeIndexPage, PracticePage)
        self.assertCanNotCreateAt(HomePage, PracticePage)
        self.assertCanNotCreateAt(PracticePage, PracticePage)
        self.assertAllowedParentPageTypes(PracticePage, {PracticeIndexPage})
        self.assertAllowedSubpageTypes(PracticePage, set())

    def test_pages_render(self):
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(self.index, query_data={"woj": "mazowieckie", "q": "klub"})
        self.assertPageIsRenderable(self.practice)

    def test_practice_is_created_in_the_admin_with_its_themes(self):
        self.login()
        data = practice_form(**{"action-publish": "action-publish"})
        data["themes"] = [str(self.theme.pk)]  # a multiple choice, as a browser posts it
        self.assertCanCreate(self.index, PracticePage, data)
        created = PracticePage.objects.get(slug="spoldzielnia-seniorow")
        self.assertEqual(created.town, "Łańcut")
        self.assertEqual(created.population, 17000)
        self.assertEqual(list(created.themes.all()), [self.theme])

    def test_bad_record_fields_are_refused_in_polish(self):
        self.login()
        from django.urls import reverse

        url = reverse("wagtailadmin_pages:add", args=["network", "practicepage", self.index.pk])
        response = self.client.post(
            url,
            practice_form(
                postal_code="07210",
                website="nie adres",
                email="brak-malpy",
                population="٣٤",
                updated_on="2020-01-01",
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(PracticePage.objects.filter(slug="spoldzielnia-seniorow").exists())
        errors = response.context["form"].errors
        self.assertIn("Kod pocztowy ma postać NN-NNN", str(errors["postal_code"]))
        for field in ("website", "email", "population", "updated_on"):
            self.assertIn(field, errors)

    def test_pages_are_editable_and_previewable(self):
        self.assertPageIsEditable(self.index)
        self.assertPageIsEditable(self.practice, post_data=practice_form(slug=self.practice.slug))
        self.assertPageIsPreviewable(self.index)
        self.assertPageIsPreviewable(
            self.practice, post_data=practice_form(slug=self.practice.slug)
        )

    def test_record_card_and_verified_badge_of_the_centre(self):
        centre = CentreFactory()
        page = PracticePage.objects.get(pk=self.practice.pk)
        page.centre = centre
        page.entered_on = datetime.date(2010, 3, 14)
        page.updated_on = datetime.date(2013, 7, 9)
        page.save_revision().publish()
        html = self.client.get(page.url).content.decode()
        self.assertIn("Skrót i Metryka", html)
        self.assertIn("2010-03-14", html)
        self.assertIn("2013-07-09", html)
        self.assertIn("gmina wiejska", html)
        self.assertIn("07-210 Długosiodło", html)
        self.assertNotIn("Certyfikat Jakości pracy metodą CAL", html)

        today = datetime.date.today()
        QualityCertificate.objects.create(
            centre=centre,
            centre_name=centre.name,
            centre_town=centre.town,
            number="CAL/TEST/1",
            verification_code="ABCD-EFGH-1234",
            status=CertificateStatus.ISSUED,
            valid_from=today - datetime.timedelta(days=10),
            valid_until=today + datetime.timedelta(days=700),
            issuer="CAL",
        )
        from django.core.cache import cache

        cache.clear()
        html = self.client.get(page.url).content.decode()
        self.assertIn("Certyfikat Jakości pracy metodą CAL — zweryfikowany", html)
        self.assertIn("ABCD-EFGH-1234", html)
