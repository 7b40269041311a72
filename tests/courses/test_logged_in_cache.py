"""Logged-in course pages reuse what is the same for every visitor (the module body, the course's
live modules, the header menu, the page a path leads to), cached under the page-cache
generation: never stale after a publish, never one learner's state shown to another."""

import json
import uuid

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses import services
from tests.factories import UserFactory

from . import factories
from .factories import RIGHT_ANSWERS, WRONG_ANSWERS


def html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_publishing_new_body_text_shows_at_once_to_a_logged_in_learner(learner_client, course_tree):
    _, modules = course_tree
    module = modules[0]
    assert "Treść lekcji o animacji." in html(learner_client, module.url)
    assert "Treść lekcji o animacji." in html(learner_client, module.url)  # from the cache
    body = json.loads(factories.module_body(quiz_id=factories.quiz_id_of(module)))
    body[1]["value"] = "<p>Nowa treść po publikacji.</p>"
    module.body = json.dumps(body)
    module.save_revision().publish()
    content = html(learner_client, module.url)
    assert "Nowa treść po publikacji." in content
    assert "Treść lekcji o animacji." not in content
    assert 'name="quiz"' in content  # the quiz is still rendered for the learner


def test_new_module_title_and_order_show_at_once(learner_client, learner, course_tree):
    course, modules = course_tree
    services.course_start(user=learner, course=course)
    html(learner_client, modules[2].url)
    html(learner_client, reverse("courses:my_learning"))
    added = factories.ModulePageFactory(parent=course, title="Moduł dopisany po publikacji")
    content = html(learner_client, modules[2].url)
    assert "Moduł dopisany po publikacji" in content  # the "next module" link
    assert "Moduł 3 z 4" in content
    assert "z 4 (" in html(learner_client, reverse("courses:my_learning"))
    added.unpublish()
    assert "Moduł 3 z 3" in html(learner_client, modules[2].url)


def test_unpublished_module_is_gone_at_once_for_a_logged_in_learner(learner_client, course_tree):
    _, modules = course_tree
    html(learner_client, modules[1].url)
    modules[1].unpublish()
    assert learner_client.get(modules[1].url).status_code == 404


def test_renamed_slug_moves_the_page_at_once(learner_client, course_tree):
    _, modules = course_tree
    module = modules[1]
    old_url = module.url
    html(learner_client, old_url)
    module.slug = "nowy-adres"
    module.save_revision().publish()
    module.refresh_from_db()
    assert learner_client.get(old_url).status_code == 404
    assert module.title in html(learner_client, module.url)


def test_paths_lead_to_their_own_pages(learner_client, course_tree):
    # The cached path map must never send one path to another path's page.
    course, modules = course_tree
    for _ in range(2):
        assert "<h1>Moduł 1</h1>" in html(learner_client, modules[0].url)
        assert "<h1>Moduł 2</h1>" in html(learner_client, modules[1].url)
        assert course.title in html(learner_client, course.url)


def test_two_learners_each_see_their_own_state(course_tree):
    course, modules = course_tree
    module = modules[0]
    quiz_id = factories.quiz_id_of(module)
    ahead, behind = UserFactory(), UserFactory()
    services.course_start(user=ahead, course=course)
    services.course_start(user=behind, course=course)
    services.quiz_submit(user=ahead, module=module, quiz_id=quiz_id, answers=RIGHT_ANSWERS)
    services.module_complete(user=ahead, module=module)
    services.quiz_submit(user=behind, module=module, quiz_id=quiz_id, answers=WRONG_ANSWERS)
    ahead_client, behind_client = Client(), Client()
    ahead_client.force_login(ahead)
    behind_client.force_login(behind)
    for _ in range(2):  # the second round is served from the warm caches
        mine = html(ahead_client, module.url)
        theirs = html(behind_client, module.url)
        assert "Ten moduł jest ukończony." in mine
        assert "Ostatni wynik: 100%" in mine
        assert "Ukończone moduły: 1 z 3" in mine
        assert "Ten moduł jest ukończony." not in theirs
        assert "Ostatni wynik: 0%" in theirs
        assert "Ukończone moduły: 0 z 3" in theirs
        assert "Ukończone moduły: 1 z 3" in html(ahead_client, reverse("courses:my_learning"))
        assert "Ukończone moduły: 0 z 3" in html(behind_client, reverse("courses:my_learning"))


def test_each_learner_gets_their_own_account_menu_and_csrf_token(course_tree):
    from cms import roles

    _, modules = course_tree
    coordinator = Client()
    coordinator.force_login(UserFactory(role=roles.CENTRE_COORDINATORS))
    learner = Client()
    learner.force_login(UserFactory())
    assert "Mój ośrodek" in html(coordinator, modules[0].url)
    assert "Mój ośrodek" not in html(learner, modules[0].url)
    assert "Mój ośrodek" in html(coordinator, modules[0].url)


def test_preview_renders_the_draft_body_not_the_cached_one(client, course_tree):
    from cms import roles

    _, modules = course_tree
    module = modules[0]
    trainer = UserFactory(role=roles.PROGRAMME_COORDINATORS, is_superuser=True)
    client.force_login(trainer)
    assert "Treść lekcji o animacji." in html(client, module.url)
    body = json.loads(factories.module_body(quiz_id=factories.quiz_id_of(module)))
    body[1]["value"] = "<p>Szkic w podglądzie.</p>"
    body[1]["id"] = str(uuid.uuid4())
    module.body = json.dumps(body)
    module.save_revision()  # a draft: the live page must not change
    assert "Szkic w podglądzie." not in html(client, module.url)
    preview = client.get(reverse("wagtailadmin_pages:view_draft", args=[module.pk]))
    assert "Szkic w podglądzie." in preview.content.decode()


def warm_queries(client, url) -> int:
    for _ in range(2):
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_warm_logged_in_pages_need_few_queries_whatever_the_data(course_tree):
    course, modules = course_tree
    learner = UserFactory()
    services.course_start(user=learner, course=course)
    learner_client = Client()
    learner_client.force_login(learner)
    urls = {"module": modules[1].url, "my learning": reverse("courses:my_learning")}
    small = {name: warm_queries(learner_client, url) for name, url in urls.items()}

    for i in range(4):
        factories.ModulePageFactory(parent=course, title=f"Moduł dodatkowy {i}")
        other = factories.CoursePageFactory(title=f"Kurs dodatkowy {i}")
        factories.ModulePageFactory(parent=other, title="Moduł")
        services.course_start(user=learner, course=other)
    for module in modules:
        quiz_id = factories.quiz_id_of(module)
        services.quiz_submit(user=learner, module=module, quiz_id=quiz_id, answers=WRONG_ANSWERS)
        services.quiz_submit(user=learner, module=module, quiz_id=quiz_id, answers=RIGHT_ANSWERS)
        services.module_complete(user=learner, module=module)
    large = {name: warm_queries(learner_client, url) for name, url in urls.items()}

    assert small == large
    # Only the session's user: the page, its view restrictions, the site, the account menu and
    # the learner's own state (cached until one of their records changes) come from the caches.
    assert large["module"] <= 1, large
    assert large["my learning"] <= 1, large


def test_changed_title_and_introduction_show_at_once(learner_client, course_tree):
    # The page object itself is cached with its route: a publish must replace it.
    _, modules = course_tree
    module = modules[0]
    html(learner_client, module.url)
    module.title = "Tytuł po publikacji"
    module.introduction = "Wprowadzenie po publikacji."
    module.save_revision().publish()
    content = html(learner_client, module.url)
    assert "<h1>Tytuł po publikacji</h1>" in content
    assert "Wprowadzenie po publikacji." in content


def test_a_view_restriction_added_later_applies_at_once(learner_client, course_tree):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    course, modules = course_tree
    module = modules[0]
    html(learner_client, module.url)  # route and restrictions cached
    trainers = Group.objects.create(name="Tylko trenerzy")
    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(trainers)
    response = learner_client.get(module.url)
    assert response.status_code == 302
    assert "Treść lekcji o animacji." not in response.content.decode()
    assert "login" in response["Location"]


def test_a_group_taken_off_a_restriction_is_refused_at_once(learner, learner_client, course_tree):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    course, modules = course_tree
    module = modules[0]
    allowed, other = Group.objects.create(name="Grupa A"), Group.objects.create(name="Grupa B")
    learner.groups.add(allowed)
    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(allowed)
    for _ in range(2):  # the second from the cached restrictions
        assert "Treść lekcji o animacji." in html(learner_client, module.url)
    restriction.groups.set([other])  # only the many-to-many table changes
    assert learner_client.get(module.url).status_code == 302


def test_warm_restricted_page_reads_its_restrictions_from_the_cache(learner_client, course_tree):
    from wagtail.models import PageViewRestriction

    course, modules = course_tree
    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)
    assert Client().get(modules[0].url).status_code == 302  # anonymous: refused
    for _ in range(2):  # the first one also creates the site settings
        html(learner_client, modules[0].url)
    with CaptureQueriesContext(connection) as captured:
        assert "Treść lekcji o animacji." in html(learner_client, modules[0].url)
    assert not [q for q in captured.captured_queries if "pageviewrestriction" in q["sql"]]
    assert Client().get(modules[0].url).status_code == 302  # still refused, warm


def test_progress_made_elsewhere_shows_at_once(learner, learner_client, course_tree):
    # E.g. from a second device: the learner's cached state must not outlive their records.
    course, modules = course_tree
    services.course_start(user=learner, course=course)
    module = modules[0]
    for _ in range(2):
        assert "Ukończone moduły: 0 z 3" in html(learner_client, module.url)
        assert "Ukończone moduły: 0 z 3" in html(learner_client, reverse("courses:my_learning"))
    services.quiz_submit(
        user=learner, module=module, quiz_id=factories.quiz_id_of(module), answers=RIGHT_ANSWERS
    )
    content = html(learner_client, module.url)
    assert "Ostatni wynik: 100%" in content
    # The passed quiz was the module's only requirement: the module is complete at once.
    assert "Ten moduł jest ukończony." in content
    assert "Ukończone moduły: 1 z 3" in html(learner_client, reverse("courses:my_learning"))


def test_learner_state_starts_again_after_the_commit(
    learner, course_tree, django_capture_on_commit_callbacks
):
    from cms.caching import personal as cache
    from courses.selectors import LEARNING

    course, _ = course_tree
    with django_capture_on_commit_callbacks(execute=True):
        services.course_start(user=learner, course=course)
        inside = cache.personal_version(LEARNING, learner.pk)
    # Another process may have read the old rows under `inside` before the commit.
    assert cache.personal_version(LEARNING, learner.pk) != inside
