"""A visitor's journey through the accounts pages in real Chromium, with axe-core on every page.

The live server runs in a thread of the test process, so the e-mails the site sends land in
django.core.mail.outbox (the test settings use the local-memory backend)."""

import re

import pytest
from django.core import mail

from cms.models import Centre
from tests.factories import PASSWORD, UserFactory
from tests.playwright_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/shots"


def _submit(tab):
    tab.locator("main form button[type=submit]").last.click()


def _fill_signup(tab, centre):
    tab.fill("#id_email", "nowa.osoba@example.pl")
    tab.fill("#id_password1", "Organizowanie-2026")
    tab.fill("#id_password2", "Organizowanie-2026")
    tab.fill("#id_first_name", "Jadwiga")
    tab.fill("#id_last_name", "Łęcka")
    tab.fill("#id_job_title", "pracownica socjalna")
    tab.fill("#id_centre_filter", centre.town)
    tab.select_option("#id_centre", str(centre.pk))
    tab.check("#id_consent")


def _verification_link():
    assert len(mail.outbox) == 1, [m.subject for m in mail.outbox]
    message = mail.outbox[0]
    assert message.to == ["nowa.osoba@example.pl"]
    match = re.search(r"https?://\S+/konto/confirm-email/\S+/", message.body)
    assert match, message.body
    return match.group(0)


def test_sign_up_verify_log_in_see_profile_log_out(site, centres, page, axe):
    centre = centres[1]
    page.goto("/")
    expect(page.locator("h1")).to_contain_text("Od pomocy do samopomocy")
    axe(page)

    page.get_by_role("navigation", name="Menu główne").get_by_role(
        "link", name="Załóż konto"
    ).click()
    expect(page).to_have_url(re.compile(r"/konto/signup/$"))
    axe(page)
    _fill_signup(page, centre)
    _submit(page)

    expect(page).to_have_url(re.compile(r"/konto/confirm-email/$"))
    axe(page)
    link = _verification_link()

    page.goto(link)
    axe(page)
    _submit(page)

    expect(page).to_have_url(re.compile(r"/konto/login/"))
    axe(page)
    page.fill("#id_login", "nowa.osoba@example.pl")
    page.fill("#id_password", "Organizowanie-2026")
    _submit(page)

    expect(page).to_have_url(re.compile(r"/konto/profil/$"))
    expect(page.locator("main .lead")).to_contain_text("Jadwiga Łęcka")
    expect(page.locator("main .lead")).to_contain_text(centre.name)
    axe(page)

    page.get_by_role("button", name="Wyloguj się").click()
    expect(page.get_by_role("link", name="Zaloguj się")).to_be_visible()
    page.goto("/konto/profil/")
    expect(page).to_have_url(re.compile(r"/konto/login/\?next="))


def test_sign_up_without_verification_cannot_log_in(site, centres, page):
    page.goto("/konto/signup/")
    _fill_signup(page, centres[0])
    _submit(page)
    expect(page).to_have_url(re.compile(r"/konto/confirm-email/$"))

    page.goto("/konto/login/")
    page.fill("#id_login", "nowa.osoba@example.pl")
    page.fill("#id_password", "Organizowanie-2026")
    _submit(page)
    # Mandatory verification: back to "verify your e-mail", never to the profile.
    expect(page).to_have_url(re.compile(r"/konto/confirm-email/$"))
    page.goto("/konto/profil/")
    expect(page).to_have_url(re.compile(r"/konto/login/\?next="))


def test_empty_sign_up_shows_errors_tied_to_fields(site, centres, page, axe):
    page.goto("/konto/signup/")
    _submit(page)
    email = page.locator("#id_email")
    expect(email).to_have_attribute("aria-invalid", "true")
    described_by = email.get_attribute("aria-describedby") or ""
    assert "id_email_error" in described_by.split()
    expect(page.locator("#id_consent_error")).to_contain_text("Bez tej zgody")
    axe(page)
    page.screenshot(path=f"{SHOTS}/signup-errors-desktop.png", full_page=True)


def test_password_reset_page_passes_axe(site, page, axe):
    page.goto("/konto/password/reset/")
    expect(page.locator("#id_email")).to_be_visible()
    axe(page)


def test_my_data_page_passes_axe(site, page, axe):
    user = UserFactory(email="uczestniczka.programu.osl@osrodek-pomocy-spolecznej.example.pl")
    page.goto("/konto/login/")
    page.fill("#id_login", user.email)
    page.fill("#id_password", PASSWORD)
    _submit(page)
    expect(page).to_have_url(re.compile(r"/konto/profil/$"))
    page.goto("/konto/moje-dane/")
    expect(page.locator("h1")).to_have_text("Moje dane")
    expect(page.locator("main")).to_contain_text(user.email)
    axe(page)
    # A long e-mail address wraps instead of pushing the page sideways on a small phone.
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_typing_a_town_narrows_the_centre_list(site, centres, page):
    page.goto("/konto/signup/")
    visible = page.locator("#id_centre optgroup option:not([hidden])")
    expect(visible).to_have_count(len(centres))
    page.fill("#id_centre_filter", "ustrzyki")
    expect(visible).to_have_count(1)
    expect(visible.first).to_contain_text("Ustrzyki Dolne")
    expect(page.locator("#id_centre_filter ~ p[aria-live]")).to_contain_text("1")
    page.fill("#id_centre_filter", "")
    expect(visible).to_have_count(len(centres))


def test_choosing_a_missing_centre_reveals_the_new_centre_fields(site, centres, page, axe):
    page.goto("/konto/signup/")
    new_name = page.locator("#id_new_centre_name")
    expect(new_name).to_be_hidden()
    page.select_option("#id_centre", "new")
    expect(new_name).to_be_visible()
    expect(page.locator("#id_new_centre_postal_code")).to_be_visible()
    axe(page)
    page.select_option("#id_centre", str(centres[0].pk))
    expect(new_name).to_be_hidden()


def test_sign_up_proposing_a_new_centre(site, centres, page):
    page.goto("/konto/signup/")
    _fill_signup(page, centres[0])
    page.select_option("#id_centre", "new")
    page.fill("#id_new_centre_name", "Gminny Ośrodek Pomocy Społecznej w Lutowiskach")
    page.select_option("#id_new_centre_kind", "gops")
    page.fill("#id_new_centre_postal_code", "38-713")
    page.fill("#id_new_centre_town", "Lutowiska")
    page.fill("#id_new_centre_county", "bieszczadzki")
    page.select_option("#id_new_centre_voivodeship", "podkarpackie")
    _submit(page)
    expect(page).to_have_url(re.compile(r"/konto/confirm-email/$"))
    proposed = Centre.objects.get(town="Lutowiska")
    assert proposed.status == "pending"
    assert proposed.proposed_by.email == "nowa.osoba@example.pl"


@pytest.mark.parametrize(
    ("name", "path"), [("home", "/"), ("signup", "/konto/signup/"), ("profile", "/konto/profil/")]
)
def test_screenshots(site, centres, page, mobile_page, axe, name, path):
    """Not an assertion of looks: it saves what a person sees, for review, and runs axe at
    both sizes."""
    user = UserFactory(first_name="Jadwiga", last_name="Łęcka", centre=centres[0])
    for tab, size in ((page, "desktop"), (mobile_page, "phone")):
        if name == "profile":
            tab.goto("/konto/login/")
            tab.fill("#id_login", user.email)
            tab.fill("#id_password", PASSWORD)
            _submit(tab)
        tab.goto(path)
        axe(tab)
        tab.screenshot(path=f"{SHOTS}/{name}-{size}.png", full_page=True)
