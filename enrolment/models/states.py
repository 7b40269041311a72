"""The states a workshop, an enrolment, an attendance mark and a schedule import can be in."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkshopState(models.TextChoices):
    DRAFT = "draft", _("szkic")
    PUBLISHED = "published", _("opublikowane")
    CANCELLED = "cancelled", _("odwołane")
    FINISHED = "finished", _("zakończone")


class EnrolmentState(models.TextChoices):
    PENDING_APPROVAL = "pending_approval", _("czeka na zgodę ośrodka")
    CONFIRMED = "confirmed", _("potwierdzony")
    WAITLISTED = "waitlisted", _("na liście rezerwowej")
    OFFERED = "offered", _("zaproponowano miejsce")
    CANCELLED = "cancelled", _("anulowany")
    DECLINED = "declined", _("odrzucona propozycja")
    REJECTED = "rejected", _("ośrodek nie wyraził zgody")
    EXPIRED = "expired", _("propozycja wygasła")


# A seat is held while a person is confirmed, is offered a freed seat, or waits for their
# centre's approval (the seat must still be there when the coordinator says yes).
SEAT_HOLDING_STATES = (
    EnrolmentState.CONFIRMED,
    EnrolmentState.OFFERED,
    EnrolmentState.PENDING_APPROVAL,
)


ACTIVE_STATES = (*SEAT_HOLDING_STATES, EnrolmentState.WAITLISTED)


class CreatedVia(models.TextChoices):
    SELF = "self", _("sam(a) uczestnik")
    CENTRE_COORDINATOR = "centre_coordinator", _("koordynator(ka) ośrodka")
    PROGRAMME_COORDINATOR = "programme_coordinator", _("koordynator(ka) programu")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("obecny(-a)")
    PARTIAL = "partial", _("częściowo")
    ABSENT = "absent", _("nieobecny(-a)")


class ScheduleImportState(models.TextChoices):
    QUEUED = "queued", _("czeka w kolejce")
    RUNNING = "running", _("w toku")
    DONE = "done", _("zakończony")
    FAILED = "failed", _("nieudany")
