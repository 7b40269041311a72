from wagtail.images import get_image_model
from wagtail.models import Page

from cms import demo as cms_demo
from courses import demo
from courses.models import CourseIndexPage, CoursePage, ModulePage, ProfessionalRole


def counts():
    return (
        Page.objects.count(),
        ProfessionalRole.objects.count(),
        get_image_model().objects.count(),
        ModulePage.objects.live().count(),
    )


def test_demo_courses_are_complete_and_idempotent(db, client):
    cms_demo.seed()
    demo.seed()
    first = counts()
    demo.seed()
    assert counts() == first

    catalogue = CourseIndexPage.objects.get()
    assert catalogue.live and catalogue.show_in_menus
    assert catalogue.get_workflow().name == demo.WORKFLOW_NAME
    courses = CoursePage.objects.live().child_of(catalogue)
    assert sorted(c.role.name if c.role else "" for c in courses) == [
        "",
        "Animator lokalny",
        "Lokalny polityk społeczny",
        "Organizator sieci społecznych",
    ]
    for course in courses:
        modules = ModulePage.objects.live().child_of(course)
        assert modules.count() >= 3
        for module in modules:
            types = [block.block_type for block in module.body]
            assert "quiz" in types and "image" in types
            image = next(b for b in module.body if b.block_type == "image")
            assert image.value["alt_text"]
    home = client.get("/").content.decode()
    assert f'href="{catalogue.url}"' in home
    assert client.get(catalogue.url).status_code == 200
