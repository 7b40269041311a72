"""Factories for the cms app. Apps keep theirs in tests/<app>/factories.py."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from cms.models import Centre

PASSWORD = "Haslo-testowe-123"


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre

    name = factory.Sequence(lambda n: f"Gminny Ośrodek Pomocy Społecznej nr {n}")
    kind = "gops"
    street = "ul. Szkolna 1"
    postal_code = "05-400"
    town = factory.Sequence(lambda n: f"Otwock {n}")
    county = "otwocki"
    voivodeship = "mazowieckie"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"osoba{n}@example.pl")
    first_name = "Zofia"
    last_name = factory.Sequence(lambda n: f"Żółkiewska{n}")
    job_title = "pracownica socjalna"
    centre = factory.SubFactory(CentreFactory)

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save()

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)

    @factory.post_generation
    def role(obj, create, extracted, **kwargs):
        if create and extracted:
            from cms import roles

            roles.add_role(obj, extracted)
            if extracted == roles.CENTRE_COORDINATORS and obj.centre_id:
                # In tests a centre coordinator speaks for the centre they were made with.
                obj.coordinated_centre = obj.centre
                obj.save(update_fields=["coordinated_centre"])
