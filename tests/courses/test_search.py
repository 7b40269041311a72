from django.urls import reverse

from . import factories


def test_catalogue_has_a_search_form_that_works_without_js(client, course_tree):
    course, _ = course_tree
    content = client.get(course.get_parent().url).content.decode()
    assert f'action="{reverse("courses:search")}"' in content
    assert 'method="get"' in content
    assert 'name="q"' in content


def test_search_finds_modules_and_courses(client, course_tree):
    course, modules = course_tree
    response = client.get(reverse("courses:search"), {"q": "animacji"})
    assert response.status_code == 200
    content = response.content.decode()
    assert modules[0].title in content
    response = client.get(reverse("courses:search"), {"q": "praktyce"})
    assert course.title in response.content.decode()


def test_search_is_limited_to_courses_and_modules(client, course_tree):
    factories.home_page()  # the home page is searchable, but not here
    response = client.get(reverse("courses:search"), {"q": "Akademia"})
    assert "Akademia OSL</a>" not in response.content.decode()


def test_empty_and_overlong_queries_are_handled(client, db):
    assert client.get(reverse("courses:search")).status_code == 200
    assert client.get(reverse("courses:search"), {"q": "x" * 500}).status_code == 200


def test_catalogue_filters_by_role(client, db):
    animator = factories.ProfessionalRoleFactory()
    planner = factories.ProfessionalRoleFactory(
        name="Lokalny polityk społeczny", slug="lokalny-polityk-spoleczny", icon="compass"
    )
    factories.CoursePageFactory(title="Kurs dla animatorów", role=animator)
    factories.CoursePageFactory(title="Kurs dla planistów", role=planner)
    url = factories.catalogue().url
    everything = client.get(url).content.decode()
    assert "Kurs dla animatorów" in everything and "Kurs dla planistów" in everything
    filtered = client.get(url, {"rola": planner.slug}).content.decode()
    assert "Kurs dla planistów" in filtered
    assert "Kurs dla animatorów" not in filtered
    unknown = client.get(url, {"rola": "nie-ma"})
    assert unknown.status_code == 200
    assert "Nie ma takiej roli" in unknown.content.decode()
