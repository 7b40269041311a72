"""Demo good practices: the Baza Dobrych Praktyk under the Polish home page, its themes and
32 practices in all 16 voivodeships. Idempotent: the index, themes and practices are looked up
by slug or name and never made twice."""

import datetime
import uuid

from django.db import transaction
from django.utils.text import slugify

from cms.models import Centre, HomePage
from network.demo_content import PRACTICES, THEMES
from network.models import CalNetworkPage, PracticeIndexPage, PracticePage, PracticeTheme

INDEX_SLUG = "dobre-praktyki"


def _say(stdout, text):
    if stdout:
        stdout.write(text)


def _themes() -> dict:
    by_name = {}
    for order, (name, description) in enumerate(THEMES):
        theme, _ = PracticeTheme.objects.get_or_create(
            name=name, defaults={"description": description, "sort_order": order}
        )
        by_name[name] = theme
    return by_name


def _index(home) -> PracticeIndexPage:
    index = PracticeIndexPage.objects.child_of(home).first()
    if index is None:
        index = PracticeIndexPage(
            title="Baza Dobrych Praktyk",
            slug=INDEX_SLUG,
            introduction=(
                "Co zadziałało w gminie podobnej do Twojej? Ośrodki z sieci CAL opisują tu, "
                "jak razem z mieszkańcami rozwiązały lokalne problemy. Szukaj według "
                "województwa, typu gminy, tematu i liczby mieszkańców."
            ),
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def _network_page(home) -> None:
    if CalNetworkPage.objects.child_of(home).exists():
        return
    page = CalNetworkPage(
        title="Sieć Centrów Aktywności Lokalnej",
        slug="siec-cal",
        introduction=(
            "Ośrodki, które przeszły dwuletni program szkoleniowo-doradczy CAL, tworzą sieć "
            "wymieniającą się doświadczeniem. Najlepsze z nich mają Certyfikat Jakości pracy "
            "metodą CAL."
        ),
        # The programme's own figures (from before the platform), as CAL reports them.
        centres_took_part=160,
        centres_certified=30,
        cooperating_ngos=500,
        volunteers=5000,
    )
    home.add_child(instance=page)
    page.save_revision().publish()


def _body(story: str, quote: str, author: str) -> list:
    return [
        {
            "type": "heading",
            "value": {"text": "Jak to się zaczęło", "level": "h2"},
            "id": str(uuid.uuid4()),
        },
        {"type": "paragraph", "value": f"<p>{story}</p>", "id": str(uuid.uuid4())},
        {
            "type": "quote",
            "value": {"text": quote, "attribution": author},
            "id": str(uuid.uuid4()),
        },
    ]


def _domain(town: str) -> str:
    return slugify(town.replace("ł", "l").replace("Ł", "L")) + ".example.pl"


def seed(stdout=None):
    home = HomePage.objects.filter(locale__language_code="pl").order_by("path").first()
    if home is None:
        _say(stdout, "  no Polish home page: good practices skipped")
        return
    with transaction.atomic():
        themes = _themes()
        index = _index(home)
        _network_page(home)
        existing = set(PracticePage.objects.child_of(index).values_list("slug", flat=True))
        made = 0
        for number, row in enumerate(PRACTICES):
            (
                voivodeship,
                town,
                county,
                postal_code,
                unit_type,
                population,
                unit,
                street,
                contact,
                theme_names,
                title,
                summary,
                story,
                quote,
                author,
            ) = row
            slug = slugify(f"{title}-{town}".replace("ł", "l").replace("Ł", "L"))[:80]
            if slug in existing:
                continue
            domain = _domain(town)
            entered = datetime.date(2019, 1, 10) + datetime.timedelta(days=47 * number)
            practice = PracticePage(
                title=title,
                slug=slug,
                summary=summary,
                body=_body(story, quote, author),
                entered_on=entered,
                updated_on=entered + datetime.timedelta(days=200) if number % 3 == 0 else None,
                unit_type=unit_type,
                town=town,
                county=county,
                voivodeship=voivodeship,
                postal_code=postal_code,
                implementing_unit=unit,
                street=street,
                phone=f"{10 + number * 2} 700 {10 + number:02d} {20 + number:02d}",
                website=f"https://www.{domain}",
                email=f"osrodek@{domain}",
                population=population,
                contact_person=contact,
                contact_position="pracownik socjalny, animator CAL",
                contact_email=f"cal@{domain}",
                centre=Centre.objects.filter(town=town).order_by("pk").first(),
            )
            index.add_child(instance=practice)
            practice.themes.set([themes[name] for name in theme_names])
            practice.save_revision().publish()
            made += 1
    _say(stdout, f"  good practices: {made} new, {len(PRACTICES)} in the demo")
