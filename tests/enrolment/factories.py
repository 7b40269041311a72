"""Factories for the enrolment app."""

import datetime
import itertools

import factory
from django.utils import timezone
from wagtail.models import Locale, Page

from cms import roles
from courses.models import CourseIndexPage, CoursePage
from enrolment.models import Venue, Workshop, WorkshopState
from tests.factories import UserFactory

_course_numbers = itertools.count(1)


def course_page(title: str | None = None) -> CoursePage:
    """A CoursePage under a course index (created once) under the tree's root."""
    index = CourseIndexPage.objects.first()
    if index is None:
        root = Page.get_first_root_node()
        if root is None:  # a transactional test flushed the tree Wagtail's migration made
            locale, _ = Locale.objects.get_or_create(language_code="pl")
            root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
        index = root.add_child(instance=CourseIndexPage(title="Kursy", slug="kursy-testowe"))
    n = next(_course_numbers)
    return index.add_child(
        instance=CoursePage(title=title or f"Animator lokalny {n}", slug=f"kurs-{n}")
    )


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Centrum Szkoleniowe {n}")
    street = "ul. Długa 5"
    postal_code = "00-950"
    town = factory.Sequence(lambda n: f"Radom {n}")
    voivodeship = "mazowieckie"
    accessibility_notes = "Wejście bez schodów, winda."


def _in_days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"osl-test-{n:03d}")
    course = factory.LazyFunction(course_page)
    venue = factory.SubFactory(VenueFactory)
    programme = "Założenia Modelu OSL\nPraca z grupą"
    day_one_date = factory.LazyFunction(lambda: _in_days(30))
    day_two_date = factory.LazyAttribute(lambda o: o.day_one_date + datetime.timedelta(days=1))
    day_one_start = datetime.time(9, 0)
    day_one_end = datetime.time(16, 0)
    day_two_start = datetime.time(9, 0)
    day_two_end = datetime.time(15, 0)
    capacity = 25
    state = WorkshopState.PUBLISHED

    @factory.post_generation
    def trainers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.trainers.set(extracted)


def participant(**kwargs):
    return UserFactory(role=roles.PARTICIPANTS, **kwargs)
