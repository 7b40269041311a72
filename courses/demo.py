"""Demo courses: the catalogue under the Polish home page, the introduction to Model OSL and one
course per professional role, each with illustrated modules and a quiz. Idempotent: pages,
images and roles are looked up by slug or title and never created twice."""

import io
import json
import uuid

from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Workflow, WorkflowPage

from cms.models import HomePage
from courses.demo_content import COURSES, ROLES
from courses.models import CourseIndexPage, CoursePage, ModulePage, ProfessionalRole

CATALOGUE_SLUG = "katalog-kursow"
WORKFLOW_NAME = "Zatwierdzenie przez koordynatora programu"


def _say(stdout, text):
    if stdout:
        stdout.write(text)


def _roles():
    by_slug = {}
    for order, data in enumerate(ROLES):
        role, _ = ProfessionalRole.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "description": data["description"],
                "icon": data["icon"],
                "sort_order": order,
            },
        )
        by_slug[role.slug] = role
    return by_slug


def _png(colour: str) -> bytes:
    """A simple illustration: connected circles on a coloured ground (people and their ties)."""
    image = PILImage.new("RGB", (960, 540), colour)
    draw = ImageDraw.Draw(image)
    points = [(180, 270), (380, 150), (580, 300), (780, 170), (480, 430)]
    for a in points:
        for b in points:
            if a < b:
                draw.line([a, b], fill="#ffffff", width=4)
    for x, y in points:
        draw.ellipse([x - 46, y - 46, x + 46, y + 46], fill="#ffffff")
        draw.ellipse([x - 30, y - 30, x + 30, y + 30], fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _image(title: str, colour: str):
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    slug = uuid.uuid5(uuid.NAMESPACE_URL, title).hex[:12]
    return Image.objects.create(
        title=title, file=ImageFile(io.BytesIO(_png(colour)), name=f"kurs-{slug}.png")
    )


def _block(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def _module_body(data) -> str:
    paragraphs = data["paragraphs"]
    title, alt, colour = data["image"]
    body = [
        _block("paragraph", paragraphs[0]),
        _block(
            "image",
            {"image": _image(title, colour).pk, "alt_text": alt, "caption": title},
        ),
        *[_block("paragraph", p) for p in paragraphs[1:]],
    ]
    if data.get("quote"):
        text, attribution = data["quote"]
        body.append(_block("quote", {"text": text, "attribution": attribution}))
    if data.get("case"):
        body.append(_block("case_story", data["case"]))
    if data.get("reflection"):
        body.append(_block("reflection", data["reflection"]))
    body.append(_block("quiz", {"title": "Sprawdź się", "questions": data["quiz"]}))
    return json.dumps(body)


def _publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _catalogue(home):
    catalogue = CourseIndexPage.objects.child_of(home).first()
    if catalogue is None:
        catalogue = _publish_child(
            home,
            CourseIndexPage(
                title="Kursy e-learningowe",
                slug=CATALOGUE_SLUG,
                show_in_menus=True,
                introduction=(
                    "Kursy o Modelu organizowania społeczności lokalnej i trzech rolach "
                    "organizatora społeczności. Ucz się przed szkoleniem i po nim, we własnym "
                    "tempie."
                ),
            ),
        )
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow:
        for page in (home, catalogue):
            WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    return catalogue


def _course(catalogue, data, roles):
    course = CoursePage.objects.child_of(catalogue).filter(slug=data["slug"]).first()
    if course is None:
        outcomes = "".join(f"<li>{item}</li>" for item in data["outcomes"])
        course = _publish_child(
            catalogue,
            CoursePage(
                title=data["title"],
                slug=data["slug"],
                search_description=data["summary"],
                description=data["description"],
                learning_outcomes=f"<ul>{outcomes}</ul>",
                estimated_hours=data["hours"],
                pass_mark=data["pass_mark"],
                role=roles.get(data["role"]) if data["role"] else None,
            ),
        )
    for module_data in data["modules"]:
        if not ModulePage.objects.child_of(course).filter(slug=module_data["slug"]).exists():
            _publish_child(
                course,
                ModulePage(
                    title=module_data["title"],
                    slug=module_data["slug"],
                    introduction=module_data["intro"],
                    estimated_minutes=module_data["minutes"],
                    body=_module_body(module_data),
                ),
            )
    return course


@transaction.atomic
def seed(stdout=None):
    roles = _roles()
    home = HomePage.objects.filter(locale__language_code="pl").order_by("path").first()
    if home is None:
        _say(stdout, "  courses: no Polish home page yet; run cms demo first")
        return
    catalogue = _catalogue(home)
    for data in COURSES:
        course = _course(catalogue, data, roles)
        _say(stdout, f"  {course.title}: {course.get_children().count()} modules")
