"""Demo data for cms: languages, the page tree, site settings, centres, trainers and one account
per role. Every step is idempotent: running it twice changes nothing."""

import functools
import os

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms import roles
from cms.demo_data import centres
from cms.models import Centre, HomePage, SiteSettings, StandardPage
from cms.services.centres import centre_coordinator_assign

User = get_user_model()
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "osl-demo-2026")

DEMO_ACCOUNTS = [
    # email, first name, last name, job title, role, superuser
    ("admin@demo.akademia-osl.pl", "Anna", "Administratorka", "administratorka", None, True),
    (
        "koordynator@demo.akademia-osl.pl",
        "Katarzyna",
        "Nowak",
        "koordynatorka programu",
        roles.PROGRAMME_COORDINATORS,
        False,
    ),
    ("trener@demo.akademia-osl.pl", "Tomasz", "Wiśniewski", "trener CAL", roles.TRAINERS, False),
    (
        "osrodek@demo.akademia-osl.pl",
        "Ewa",
        "Kowalczyk",
        "kierowniczka ośrodka",
        roles.CENTRE_COORDINATORS,
        False,
    ),
    (
        "uczestnik@demo.akademia-osl.pl",
        "Piotr",
        "Zieliński",
        "pracownik socjalny",
        roles.PARTICIPANTS,
        False,
    ),
]

TRAINER_NAMES = [
    ("Agnieszka", "Lewandowska"),
    ("Marek", "Wójcik"),
    ("Joanna", "Kamińska"),
    ("Paweł", "Kaczmarek"),
    ("Magdalena", "Mazur"),
    ("Krzysztof", "Krawczyk"),
    ("Barbara", "Piotrowska"),
    ("Andrzej", "Grabowski"),
    ("Monika", "Pawłowska"),
    ("Michał", "Michalski"),
    ("Dorota", "Król"),
    ("Jakub", "Wieczorek"),
    ("Beata", "Jabłońska"),
    ("Grzegorz", "Wróbel"),
    ("Aleksandra", "Majewska"),
    ("Łukasz", "Olszewski"),
    ("Małgorzata", "Stępień"),
    ("Rafał", "Dudek"),
    ("Justyna", "Zając"),
    ("Wojciech", "Pietrzak"),
]


@functools.cache
def _demo_password_hash() -> str:
    # One hash for every demo account: hashing 25 times would add seconds to `make run`.
    return make_password(DEMO_PASSWORD)


def _verified_user(email, first_name, last_name, job_title, centre, *, superuser=False):
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "job_title": job_title,
            "centre": centre,
            "is_superuser": superuser,
            "is_staff": superuser,
        },
    )
    if created:
        user.password = _demo_password_hash()
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    if not user.consents.exists():
        from cms.services.accounts import consent_record

        consent_record(user=user)
    return user


def _page_tree():
    pl, _ = Locale.objects.get_or_create(language_code="pl")
    en, _ = Locale.objects.get_or_create(language_code="en")
    # Wagtail's first migration made its own locale from LANGUAGE_CODE and a welcome page.
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=pl).first()
    if home is None:
        Page.objects.filter(depth=2).exclude(pk__in=HomePage.objects.values("pk")).delete()
        home = root.add_child(
            instance=HomePage(
                title="Akademia OSL",
                slug="akademia-osl",
                locale=pl,
                hero_title="Od pomocy do samopomocy",
                hero_text=(
                    "Szkolenia i kursy e-learningowe Modelu organizowania społeczności "
                    "lokalnej dla pracowników socjalnych z całej Polski."
                ),
                hero_cta_text="Załóż konto i zapisz się",
                body=[
                    (
                        "paragraph",
                        "<p>Model OSL pokazuje, jak ośrodek pomocy społecznej może "
                        "pracować z całą społecznością: budzić aktywność mieszkańców, budować "
                        "sieci współpracy i wpływać na lokalną politykę społeczną.</p>",
                    ),
                    (
                        "quote",
                        {
                            "text": "Pomóżmy ludziom, żeby pomogli sami sobie.",
                            "attribution": "motto Modelu OSL",
                        },
                    ),
                ],
            )
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Akademia OSL",
        )
    elif site.root_page_id != home.pk or site.site_name != "Akademia OSL":
        site.root_page = home
        site.site_name = "Akademia OSL"
        site.save()
    about = _child_page(
        home,
        "o-programie",
        "O programie",
        "Model OSL i ogólnopolskie wdrożenie: 120 dwudniowych szkoleń dla "
        "3000 pracowników socjalnych.",
    )
    accessibility = _child_page(
        home,
        "deklaracja-dostepnosci",
        "Deklaracja dostępności",
        "Akademia OSL stara się zapewnić dostępność swojej strony zgodnie "
        "z ustawą z 4 kwietnia 2019 r. o dostępności cyfrowej (WCAG 2.1 AA).",
        show_in_menus=False,
    )
    privacy = _child_page(
        home,
        "ochrona-danych",
        "Ochrona danych osobowych (RODO)",
        "Kto przetwarza Twoje dane, w jakim celu i jakie masz prawa.",
        show_in_menus=False,
    )
    if not home.get_translations().filter(locale=en).exists():
        home_en = home.copy_for_translation(en)
        home_en.title = "Akademia OSL"
        home_en.hero_title = "From help to self-help"
        home_en.hero_text = (
            "Trainings and e-learning on the Local Community Organising model "
            "for social workers across Poland."
        )
        home_en.hero_cta_text = "Create an account"
        home_en.body = []
        home_en.save_revision().publish()
    for page, slug, title, introduction in [
        (
            about,
            "about",
            "About the programme",
            "Model OSL and its national roll-out: 120 two-day workshops for 3,000 social workers.",
        ),
        (
            accessibility,
            "accessibility",
            "Accessibility statement",
            "Akademia OSL aims to make its website accessible under the Polish Digital "
            "Accessibility Act of 4 April 2019 (WCAG 2.1 AA).",
        ),
        (
            privacy,
            "privacy",
            "Personal data protection (GDPR)",
            "Who processes your data, for what purpose, and what your rights are.",
        ),
    ]:
        _translate(page, en, slug, title, introduction)
    settings = SiteSettings.for_site(site)
    settings.address = "ul. Lelechowska 5, 02-351 Warszawa"
    settings.email = "akademia@cal.example.pl"
    settings.phone = "22 668 91 92"
    settings.footer_text = (
        "Projekt „Tworzenie i rozwijanie standardów usług pomocy i integracji "
        "społecznej” współfinansowany ze środków Europejskiego Funduszu "
        "Społecznego."
    )
    settings.accessibility_page = accessibility
    settings.privacy_page = privacy
    settings.save()
    return home, about


def _translate(page, locale, slug, title, introduction):
    if page.get_translations().filter(locale=locale).exists():
        return
    translated = page.copy_for_translation(locale)
    translated.title = title
    translated.slug = slug
    translated.introduction = introduction
    translated.save_revision().publish()


def _child_page(parent, slug, title, introduction, show_in_menus=True):
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing
    return parent.add_child(
        instance=StandardPage(
            title=title,
            slug=slug,
            introduction=introduction,
            show_in_menus=show_in_menus,
            locale=parent.locale,
        )
    )


@transaction.atomic
def seed(stdout=None):
    roles.ensure_roles()
    _page_tree()
    for data in centres():
        Centre.objects.get_or_create(name=data["name"], town=data["town"], defaults=data)
    first_centre = Centre.objects.order_by("pk").first()
    for email, first, last, job, role, superuser in DEMO_ACCOUNTS:
        user = _verified_user(email, first, last, job, first_centre, superuser=superuser)
        if role == roles.CENTRE_COORDINATORS:
            centre_coordinator_assign(user=user, centre=first_centre)
        elif role:
            roles.add_role(user, role)
    for i, (first, last) in enumerate(TRAINER_NAMES, start=1):
        user = _verified_user(
            f"trener{i:02d}@demo.akademia-osl.pl", first, last, "trener CAL", None
        )
        roles.add_role(user, roles.TRAINERS)
    for email, *_ in DEMO_ACCOUNTS:
        if stdout:
            stdout.write(f"  {email}")
