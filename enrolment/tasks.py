"""Background tasks (django-tasks). They take primary keys and are enqueued on commit. The
periodic work (offers that expire) is enqueued by `manage.py run_scheduler`; e-mails are
rendered here and sent by the outbox (cms.services.outbox)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from enrolment.calendar import workshop_ics
from enrolment.models import Enrolment, EnrolmentState

SUBJECTS = {
    EnrolmentState.CONFIRMED: _("Potwierdzenie udziału w szkoleniu %(code)s"),
    EnrolmentState.PENDING_APPROVAL: _("Zapis na szkolenie %(code)s czeka na zgodę ośrodka"),
    EnrolmentState.WAITLISTED: _("Lista rezerwowa szkolenia %(code)s"),
    "offered": _("Zwolniło się miejsce na szkoleniu %(code)s"),
    "expired": _("Propozycja miejsca na szkoleniu %(code)s wygasła"),
    "reminder": _("Przypomnienie: szkolenie %(code)s już wkrótce"),
    "cancelled": _("Anulowano zapis na szkolenie %(code)s"),
    "workshop_cancelled": _("Szkolenie %(code)s zostało odwołane"),
    EnrolmentState.REJECTED: _("Ośrodek nie zaakceptował zapisu na szkolenie %(code)s"),
}


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def render_enrolment_email(enrolment_id: int, kind: str):
    """One e-mail about one enrolment, in Polish, as plain text and HTML, rendered as the outbox
    sends it (cms.services.outbox); None when there is nothing to send any more. The
    confirmation carries an .ics file with both days of the workshop."""
    enrolment = (
        Enrolment.objects.select_related("participant", "workshop__venue", "workshop__course")
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None or kind not in SUBJECTS or not enrolment.participant.email:
        return None
    if enrolment.participant.anonymised_at is not None:  # the account was deleted
        return None
    workshop = enrolment.workshop
    with translation.override("pl"):
        position = None
        if kind == EnrolmentState.WAITLISTED:
            from enrolment.selectors import waitlist_position

            position = waitlist_position(enrolment)
        context = {
            "kind": kind,
            "enrolment": enrolment,
            "workshop": workshop,
            "person": enrolment.participant,
            "position": position,
            "workshop_url": absolute(reverse("enrolment:workshop_detail", args=[workshop.code])),
            "my_url": absolute(reverse("enrolment:my_workshops")),
            "offer_expires_at": enrolment.offer_expires_at
            and timezone.localtime(enrolment.offer_expires_at),
        }
        subject = SUBJECTS[kind] % {"code": workshop.code}
        text = render_to_string("enrolment/email/message.txt", context)
        html = render_to_string("enrolment/email/message.html", context)
    message = EmailMultiAlternatives(
        "[Akademia OSL] " + subject,
        text,
        to=[enrolment.participant.email],
    )
    message.attach_alternative(html, "text/html")
    if kind == EnrolmentState.CONFIRMED:
        # Django adds the charset (utf-8) to a text part: naming it here too would repeat it.
        message.attach(
            f"szkolenie-{workshop.code}.ics",
            workshop_ics(workshop, url=context["workshop_url"]),
            "text/calendar; method=PUBLISH",
        )
    return message


@task()
def enrolment_tick() -> None:
    """Every minute (manage.py run_scheduler): seat offers past their deadline expire and
    pass their seat on."""
    from enrolment.services import offers_expire

    offers_expire()


@task()
def enrolment_reminders() -> None:
    """Every hour: reminders before workshops (each sent once, whatever the number of runs)."""
    from enrolment.services import workshops_send_reminders

    workshops_send_reminders()


@task()
def run_schedule_import(import_id: int) -> None:
    """Check (and, unless it is a dry run, write) a schedule file too large for one request."""
    from enrolment.services.schedule_import import schedule_import_run

    schedule_import_run(import_id)
