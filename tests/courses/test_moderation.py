"""Trainers edit, programme coordinators approve; learners only ever see what is live."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision, Workflow
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms import roles
from courses.models import ModulePage
from tests.factories import UserFactory

from . import factories

WORKFLOW = "Zatwierdzenie przez koordynatora programu"


@pytest.fixture
def trainer(db):
    return UserFactory(role=roles.TRAINERS)


@pytest.fixture
def coordinator(db):
    return UserFactory(role=roles.PROGRAMME_COORDINATORS)


def module_form(title, slug, action):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "introduction": "Wprowadzenie.",
            "estimated_minutes": 15,
            "body": streamfield([("paragraph", rich_text("<p>Lekcja o partnerstwie.</p>"))]),
        }
    )
    data[action] = action
    return data


def add_module(client, course, title, slug, action):
    url = reverse("wagtailadmin_pages:add", args=["courses", "modulepage", course.pk])
    return client.post(url, module_form(title, slug, action))


def test_the_workflow_gives_approval_to_programme_coordinators(db):
    course = factories.CoursePageFactory()
    workflow = course.get_workflow()
    assert workflow.name == WORKFLOW
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [roles.PROGRAMME_COORDINATORS]
    assert Workflow.objects.filter(name=WORKFLOW).count() == 1


def test_trainer_cannot_publish(client, trainer):
    course = factories.CoursePageFactory()
    client.force_login(trainer)
    response = add_module(client, course, "Partnerstwo lokalne", "partnerstwo", "action-publish")
    assert response.status_code in (200, 302)
    module = ModulePage.objects.get(slug="partnerstwo")
    assert not module.live
    assert module.get_latest_revision() is not None  # saved as a draft instead
    client.logout()
    assert client.get(course.url + "partnerstwo/").status_code == 404
    assert not course.permissions_for_user(trainer).can_publish_subpage()


def test_trainer_submits_coordinator_approves(client, trainer, coordinator, learner_client):
    course = factories.CoursePageFactory()
    client.force_login(trainer)
    response = add_module(client, course, "Partnerstwo lokalne", "partnerstwo", "action-submit")
    assert response.status_code == 302
    module = ModulePage.objects.get(slug="partnerstwo")
    assert module.workflow_in_progress
    assert not module.live
    # In moderation: invisible to learners, in the course outline and by URL.
    module_url = course.url + "partnerstwo/"
    assert learner_client.get(module_url).status_code == 404
    assert "Partnerstwo lokalne" not in learner_client.get(course.url).content.decode()
    # The trainer cannot approve their own work.
    task_state = module.current_workflow_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[module.pk, "approve", task_state.pk]
    )
    client.post(approve, {"comment": ""})
    module.refresh_from_db()
    assert not module.live
    # The coordinator approves: the module goes live.
    client.force_login(coordinator)
    response = client.post(approve, {"comment": "Dobry materiał."})
    assert response.status_code in (200, 302)
    module.refresh_from_db()
    assert module.live
    assert learner_client.get(module_url).status_code == 200
    from wagtail.models import PageLogEntry

    logged = set(PageLogEntry.objects.filter(page=module).values_list("action", flat=True))
    assert {"wagtail.create", "wagtail.workflow.start", "wagtail.publish"} <= logged


def test_a_draft_edit_in_moderation_never_replaces_the_live_page(client, trainer, learner_client):
    course = factories.CoursePageFactory()
    module = factories.ModulePageFactory(parent=course, title="Stary tytuł")
    client.force_login(trainer)
    url = reverse("wagtailadmin_pages:edit", args=[module.pk])
    data = module_form("Nowy tytuł w moderacji", module.slug, "action-submit")
    assert client.post(url, data).status_code == 302
    module.refresh_from_db()
    assert module.workflow_in_progress
    content = learner_client.get(module.url).content.decode()
    assert "Stary tytuł" in content
    assert "Nowy tytuł w moderacji" not in content


def test_drafts_are_invisible_to_learners(learner_client):
    course = factories.CoursePageFactory()
    factories.ModulePageFactory(parent=course, title="Widoczny moduł")
    draft = factories.ModulePageFactory(parent=course, title="Szkic modułu", live=False)
    draft_course = factories.CoursePageFactory(title="Kurs w przygotowaniu", live=False)
    catalogue = learner_client.get(course.get_parent().url).content.decode()
    assert "Kurs w przygotowaniu" not in catalogue
    outline = learner_client.get(course.url).content.decode()
    assert "Widoczny moduł" in outline
    assert "Szkic modułu" not in outline
    assert learner_client.get(course.url + draft.slug + "/").status_code == 404
    assert learner_client.get(course.get_parent().url + draft_course.slug + "/").status_code == 404
    search = learner_client.get(reverse("courses:search"), {"q": "Szkic"}).content.decode()
    assert "Szkic modułu" not in search


def test_scheduled_publishing_goes_live_with_publish_scheduled(db, client):
    course = factories.CoursePageFactory()
    module = factories.ModulePageFactory(parent=course, title="Moduł na jutro", live=False)
    module.go_live_at = timezone.now() + timedelta(hours=1)
    revision = module.save_revision()
    revision.publish()
    module.refresh_from_db()
    assert not module.live
    assert client.get(course.url + module.slug + "/").status_code == 404
    call_command("publish_scheduled")
    module.refresh_from_db()
    assert not module.live  # not yet time
    # An hour passes: move the scheduled time (and the revision's copy of it) into the past.
    past = timezone.now() - timedelta(minutes=1)
    revision = Revision.objects.get(pk=revision.pk)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command("publish_scheduled")
    module.refresh_from_db()
    assert module.live
    assert client.get(course.url + module.slug + "/").status_code == 200
