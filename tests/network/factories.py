"""Factories for the good-practice database: pages through Wagtail's tree API."""

import factory

from network.models import PracticeIndexPage, PracticePage, PracticeTheme
from tests.courses.factories import PageFactory, home_page


class PracticeThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeTheme
        django_get_or_create = ("name",)

    name = "Wolontariat"


class PracticeIndexPageFactory(PageFactory):
    class Meta:
        model = PracticeIndexPage

    parent = factory.LazyFunction(home_page)
    title = "Baza Dobrych Praktyk"
    slug = "dobre-praktyki"


def practice_index():
    return PracticeIndexPage.objects.first() or PracticeIndexPageFactory()


class PracticePageFactory(PageFactory):
    class Meta:
        model = PracticePage
        skip_postgeneration_save = True

    parent = factory.LazyFunction(practice_index)
    title = factory.Sequence(lambda n: f"Klub sąsiedzki nr {n}")
    summary = "Mieszkańcy sami prowadzą klub, ośrodek użycza sali i pomaga pisać wnioski."
    unit_type = "gmina-wiejska"
    town = "Długosiodło"
    county = "wyszkowski"
    voivodeship = "mazowieckie"
    postal_code = "07-210"
    implementing_unit = "Gminny Ośrodek Pomocy Społecznej"
    street = "ul. Kościuszki 2"
    phone = "29 741 21 58"
    website = "https://www.example.pl"
    email = "gops@example.pl"
    population = 8000
    contact_person = "Katarzyna Przykładowa"
    contact_position = "pracownica socjalna"

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.set(extracted)
            obj.save_revision().publish()
