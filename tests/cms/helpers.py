"""Small helpers shared by the cms tests."""

import re

from django.core import mail

PASSWORD = "Trudne-haslo-987"


def signup_data(chosen, **overrides):
    """Sign-up form data choosing the centre `chosen` (overridable field by field)."""
    data = {
        "email": "nowa.osoba@example.pl",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "first_name": "Grażyna",
        "last_name": "Wąsowska",
        "job_title": "pracownica socjalna",
        "phone": "+48 600 100 200",
        "centre": str(chosen.pk) if chosen is not None else "",
        "consent": "on",
    }
    data.update(overrides)
    return data


def link_in(message) -> str:
    """The path of the first link to this site in a sent e-mail."""
    match = re.search(r"http://testserver(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def delivered():
    """What the mail server has received once the outbox has sent what is queued (a test's
    transaction never commits, so the send-after-commit task never runs: the periodic job's
    function does the sending)."""
    from cms.services.outbox import emails_send_due

    emails_send_due()
    return mail.outbox


def last_mail_to(address):
    sent = [m for m in delivered() if address in m.to]
    assert sent, f"no e-mail to {address}: {[m.to for m in mail.outbox]}"
    return sent[-1]


def text(response) -> str:
    return response.content.decode()
