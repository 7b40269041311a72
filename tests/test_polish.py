"""Polish done right: three plural forms for every counted message (ours and the admin's), date
ranges and deadlines in Polish style, gender-neutral wording, the salutation with its comma."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from cms import roles
from cms.templatetags.osl_dates import format_date_range, format_day_long, format_deadline
from tests.enrolment.factories import WorkshopFactory
from tests.factories import UserFactory

COUNTS = (1, 2, 5, 12, 22, 25)
PO = Path(settings.BASE_DIR) / "locale" / "pl" / "LC_MESSAGES" / "django.po"

# msgid, msgid_plural, variables, the expected text for 1, 2, 5, 12, 22, 25
COUNTED = [
    (
        "Znaleziono %(counter)s szkolenie.",
        "Znaleziono %(counter)s szkoleń.",
        "counter",
        ["1 szkolenie", "2 szkolenia", "5 szkoleń", "12 szkoleń", "22 szkolenia", "25 szkoleń"],
    ),
    (
        "%(counter)s wolne miejsce",
        "Wolnych miejsc: %(counter)s",
        "counter",
        [
            "1 wolne miejsce",
            "2 wolne miejsca",
            "5 wolnych miejsc",
            "12 wolnych miejsc",
            "22 wolne miejsca",
            "25 wolnych miejsc",
        ],
    ),
    (
        "%(n)s moduł",
        "%(n)s moduły",
        "n",
        ["1 moduł", "2 moduły", "5 modułów", "12 modułów", "22 moduły", "25 modułów"],
    ),
    (
        "%(modules)s moduł · ok. %(hours)s godz.",
        "%(modules)s moduły · ok. %(hours)s godz.",
        "modules",
        ["1 moduł ·", "2 moduły ·", "5 modułów ·", "12 modułów ·", "22 moduły ·", "25 modułów ·"],
    ),
    (
        "%(n)s wynik dla „%(q)s”",
        "Wyniki dla „%(q)s”: %(n)s",
        "n",
        ["1 wynik dla", "2 wyniki dla", "5 wyników", "12 wyników", "22 wyniki", "25 wyników"],
    ),
    (
        "Znaleziono %(n)s praktykę",
        "Znaleziono %(n)s praktyk",
        "n",
        ["1 praktykę", "2 praktyki", "5 praktyk", "12 praktyk", "22 praktyki", "25 praktyk"],
    ),
    (
        "i %(n)s w przygotowaniu",
        "i %(n)s w przygotowaniu",
        "n",
        ["i 1 w", "i 2 w", "i 5 w", "i 12 w", "i 22 w", "i 25 w"],
    ),
    (
        "%(n)s pozycja",
        "%(n)s pozycji",
        "n",
        ["1 pozycja", "2 pozycje", "5 pozycji", "12 pozycji", "22 pozycje", "25 pozycji"],
    ),
    (
        '%(total)s Image <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Images <span class="w-sr-only">created in %(site_name)s</span>',
        "total",
        ["1 obraz ", "2 obrazy ", "5 obrazów ", "12 obrazów ", "22 obrazy ", "25 obrazów "],
    ),
    (
        '%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Pages <span class="w-sr-only">created in %(site_name)s</span>',
        "total",
        ["1 strona ", "2 strony ", "5 stron ", "12 stron ", "22 strony ", "25 stron "],
    ),
    (
        '%(total)s Document <span class="w-sr-only">created in %(site_name)s</span>',
        '%(total)s Documents <span class="w-sr-only">created in %(site_name)s</span>',
        "total",
        [
            "1 dokument ",
            "2 dokumenty ",
            "5 dokumentów ",
            "12 dokumentów ",
            "22 dokumenty ",
            "25 dokumentów ",
        ],
    ),
    (
        "There is %(counter)s match",
        "There are %(counter)s matches",
        "counter",
        [
            "1 pasujący wynik",
            "2 pasujące wyniki",
            "5 pasujących wyników",
            "12 pasujących wyników",
            "22 pasujące wyniki",
            "25 pasujących wyników",
        ],
    ),
]


class _Vars(dict):
    def __missing__(self, key):
        return "X"


@pytest.mark.parametrize("singular,plural,var,expected", COUNTED, ids=[c[0] for c in COUNTED])
def test_every_counted_message_has_its_polish_form(singular, plural, var, expected):
    with translation.override("pl"):
        for n, want in zip(COUNTS, expected, strict=True):
            text = ngettext(singular, plural, n) % _Vars({var: n})
            assert want in text, (n, text)


def _po_plural_ids(path):
    """The (msgid, msgid_plural) pairs of a .po file, its continued lines joined."""
    entries, key, current = [], None, {}
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        m = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
        if m:
            key = m.group(1)
            current[key] = m.group(2)
        elif line.startswith('"') and key:
            current[key] += line[1:-1]
        elif not line.strip():
            if "msgid_plural" in current:
                entries.append(current)
            current, key = {}, None
    return entries


def _unescape(s):
    return s.replace('\\"', '"')


TEMPLATE_COUNT = re.compile(
    r"{% blocktrans(?:late)? ([^%]*\bcount\b[^%]*)%}(.*?)"
    r"{% plural %}(.*?){% endblocktrans(?:late)? %}",
    re.S,
)


def _template_msgid(options, text):
    if "trimmed" in options.split():
        text = " ".join(text.split())
    return re.sub(r"{{ *(\w+) *}}", r"%(\1)s", text)


def test_every_counted_message_in_our_templates_is_in_the_polish_catalogue_with_three_forms():
    entries = {(_unescape(e["msgid"]), _unescape(e["msgid_plural"])): e for e in _po_plural_ids(PO)}
    found = []
    templates = Path(settings.BASE_DIR) / "templates"
    for template in [*templates.rglob("*.html"), *templates.rglob("*.txt")]:
        for options, one, many in TEMPLATE_COUNT.findall(template.read_text(encoding="utf-8")):
            found.append((_template_msgid(options, one), _template_msgid(options, many)))
    assert len(found) >= 7
    for pair in found:
        entry = entries.get(pair)
        assert entry, f"no Polish plural forms for {pair}"
        assert all(entry.get(f"msgstr[{i}]") for i in range(3)), pair
    assert "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 " in PO.read_text()


def test_admin_pagination_counts_in_polish_not_the_model_plural(db):
    paginator = Paginator(list(range(22)), 10)
    with translation.override("pl"):
        html = render_to_string(
            "wagtailadmin/shared/pagination_nav.html",
            {"items": paginator.page(1), "linkurl": "/admin/", "elided_page_range": [1, 2, 3]},
            request=RequestFactory().get("/admin/"),
        )
    assert "22 pozycje" in html


def test_admin_strings_wagtail_lacks_are_in_polish():
    with translation.override("pl"):
        assert (
            gettext("Submit to %(workflow_name)s")
            % {"workflow_name": "Zatwierdzenie przez koordynatora programu"}
            == "Wyślij do zatwierdzenia"
        )
        assert gettext("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s") % {
            "start_index": 1,
            "end_index": 4,
            "items_count": 4,
            "model_name": "strony",
        } == ("Pozycje 1–4 z 4")


@pytest.mark.parametrize(
    "start,end,text",
    [
        ((2027, 1, 22), (2027, 1, 23), "22–23 stycznia 2027"),
        ((2027, 1, 30), (2027, 2, 2), "30 stycznia – 2 lutego 2027"),
        ((2026, 12, 31), (2027, 1, 2), "31 grudnia 2026 – 2 stycznia 2027"),
        ((2027, 1, 22), (2027, 1, 22), "22 stycznia 2027"),
    ],
)
def test_date_range_in_polish_style(start, end, text):
    with translation.override("pl"):
        assert format_date_range(datetime.date(*start), datetime.date(*end)) == text


def test_weekday_lower_case_and_deadline_at_midnight_is_the_day_before():
    warsaw = ZoneInfo("Europe/Warsaw")
    with translation.override("pl"):
        assert format_day_long(datetime.date(2027, 1, 20)) == "środa, 20 stycznia 2027"
        midnight = datetime.datetime(2027, 1, 15, 0, 0, tzinfo=warsaw)
        assert format_deadline(midnight) == "14 stycznia 2027, 23:59"
        assert format_deadline(midnight.replace(hour=12)) == "15 stycznia 2027, 12:00"


@pytest.mark.django_db
def test_catalogue_and_workshop_page_use_polish_dates_and_plurals(client, with_roles):
    day = datetime.date.today() + datetime.timedelta(days=40)
    while day.month != (day + datetime.timedelta(days=1)).month:
        day += datetime.timedelta(days=2)
    for _ in range(2):
        workshop = WorkshopFactory(day_one_date=day, day_two_date=day + datetime.timedelta(days=1))
    with translation.override("pl"):
        html = client.get(reverse("enrolment:catalogue")).content.decode()
        month = format_date_range(day, day).split(" ")[1]
    assert "Znaleziono 2 szkolenia." in html
    assert f"{day.day}–{day.day + 1} {month} {day.year}" in html
    assert "22 wolne miejsca" not in html and "25 wolnych miejsc" in html
    page = client.get(reverse("enrolment:workshop_detail", args=[workshop.code])).content.decode()
    with translation.override("pl"):
        closes = format_deadline(workshop.effective_signup_closes_at)
    assert closes in page and "00:00</dd>" not in page


@pytest.mark.django_db
def test_email_salutation_and_password_wording(client, with_roles):
    from enrolment.services import enrolment_create
    from enrolment.tasks import render_enrolment_email

    person = UserFactory(role=roles.PARTICIPANTS, first_name="Ewa")
    workshop = WorkshopFactory()
    enrolment = enrolment_create(workshop=workshop, participant=person, actor=person)
    message = render_enrolment_email(enrolment.pk, enrolment.state)
    assert message.body.startswith("Dzień dobry,\n\n")
    assert "Dzień dobry Ewa" not in message.body
    weekday = format_day_long(workshop.day_one_date)
    assert weekday == weekday.lower() and weekday in message.body

    login = client.get(reverse("account_login")).content.decode()
    assert "Nie pamiętasz hasła?" in login and "Zapomniałeś" not in login


def test_page_editor_messages_wagtail_leaves_in_english_are_in_polish():
    with translation.override("pl"):
        assert gettext("The page could not be saved due to validation errors.") == (
            "Nie zapisano strony: popraw błędy zaznaczone w formularzu."
        )
        assert gettext("Autosave is paused") == "Automatyczne zapisywanie wstrzymane"
