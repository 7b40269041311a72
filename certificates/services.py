"""Writes: issuing, re-issuing, revoking certificates and reviewing CAL programme records.

Every certificate is sealed at issue: its PDF and signed credential are made once, stored in the
private storage with the PDF's SHA-256, and never made again. Every change is audited."""

import datetime
import hashlib
import secrets
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.audit import audit
from courses.selectors import certificate_requirements_met
from enrolment.selectors import completed_enrolment_ids, completion_summary

from . import credentials, pdf
from .models import (
    CalProgrammeRecord,
    CalRecordStatus,
    CalReview,
    Certificate,
    CertificateCounter,
    CertificateStatus,
    ParticipantCertificate,
    QualityCertificate,
    ReviewDecision,
)
from .selectors import (
    CODE_ALPHABET,
    CODE_LENGTH,
    cal_record_criteria_results,
    code_in_use,
    is_programme_coordinator,
)

DEFAULT_ISSUER = "Stowarzyszenie Centrum Wspierania Aktywności Lokalnej CAL"
PARTICIPANT_SERIES = "OSL"
QUALITY_SERIES = "CAL"
QUALITY_VALIDITY_YEARS = 3

NOT_ALLOWED = _("Tę czynność może wykonać tylko koordynator programu.")
REASON_REQUIRED = _("Podaj powód.")
NOT_ISSUED = _("Ten certyfikat nie jest już ważny (został unieważniony albo zastąpiony).")
NO_DAYS = _("Podaj co najmniej jeden dzień szkolenia.")
BAD_HOURS = _("Liczba godzin musi być większa od zera.")
NO_NAME = _("Certyfikat musi zawierać imię i nazwisko uczestnika.")
JUSTIFICATION_REQUIRED = _("Uzasadnij decyzję.")
BAD_VALIDITY = _("Koniec ważności musi przypadać po jej początku.")
ALREADY_DECIDED = _("Ten przebieg programu został już oceniony.")
CRITERIA_NOT_MET = _("Nie spełniono kryteriów: %(criteria)s.")
UNKNOWN_CHANGE = _("Tego pola nie można poprawić: %(field)s.")
NOTHING_CHANGED = _("Korekta niczego nie zmienia.")


class CertificateError(Exception):
    """A rule of the certificates app was broken; `message` is the Polish text to show."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _require_programme_coordinator(actor) -> None:
    if actor is None or not is_programme_coordinator(actor):
        raise CertificateError(NOT_ALLOWED)


# --- Numbers and codes -----------------------------------------------------------------------


def _next_number(series: str, year: int) -> str:
    """OSL/2026/000123. The counter row is locked until the caller's transaction ends, so
    concurrent issues never share a number."""
    counter, _ = CertificateCounter.objects.select_for_update().get_or_create(
        series=series, year=year
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{series}/{year}/{counter.last:06d}"


def _new_code() -> str:
    """12 Crockford base32 characters from `secrets`: 60 bits, not guessable."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not code_in_use(code):
            return code


# --- Sealing: the PDF and the credential, made once ------------------------------------------


def _hours_text(hours: Decimal) -> str:
    text = f"{hours.normalize():f}" if hours == hours.to_integral() else f"{hours}"
    return text.replace(".", ",")


def _participant_document(cert: ParticipantCertificate) -> pdf.CertificateDocument:
    days = [datetime.date.fromisoformat(d) for d in cert.workshop_dates]
    details = []
    if cert.role_name:
        details.append(("Rola:", cert.role_name))
    details += [
        ("Termin:", pdf.polish_date_range(days)),
        ("Miejsce:", cert.town),
        ("Liczba godzin:", _hours_text(cert.hours)),
    ]
    if cert.trainers:
        details.append(("Trenerzy:", ", ".join(cert.trainers)))
    details.append(("Wystawca:", cert.issuer))
    return pdf.CertificateDocument(
        kind_title="Zaświadczenie o ukończeniu szkolenia",
        intro="Zaświadcza się, że",
        holder=cert.holder_name,
        statement="ukończył(a) szkolenie",
        headline=cert.course_title,
        details=details,
        number=cert.number,
        issued_on=timezone.localdate(cert.issued_at),
        code=cert.verification_code,
        url=credentials.verification_url(cert.verification_code),
        pdf_title=f"Zaświadczenie {cert.number} — {cert.holder_name}",
    )


def _participant_credential(cert: ParticipantCertificate) -> dict:
    return credentials.build_credential(
        code=cert.verification_code,
        name=f"Ukończenie szkolenia: {cert.course_title}",
        description=(
            f"Szkolenie Modelu organizowania społeczności lokalnej (Model OSL): "
            f"{cert.course_title}{f' — {cert.role_name}' if cert.role_name else ''}; "
            f"{cert.town}, {_hours_text(cert.hours)} godz."
        ),
        achievement_type="Course",
        achievement_id=credentials.absolute_url("issuer") + f"#kurs-{_slug(cert.course_title)}",
        achievement_name=cert.course_title,
        criteria="Obecność na szkoleniu zgodnie z zasadą zaliczenia programu Akademii OSL.",
        subject_name=cert.holder_name,
        issuer_name=cert.issuer,
        issued_at=cert.issued_at,
        activity_start=cert.first_day,
        activity_end=cert.last_day,
    )


def _quality_document(cert: QualityCertificate) -> pdf.CertificateDocument:
    return pdf.CertificateDocument(
        kind_title="Certyfikat Jakości pracy metodą CAL",
        intro="Certyfikat przyznano instytucji",
        holder=cert.centre_name,
        statement=cert.centre_town,
        headline="za pracę metodą Centrum Aktywności Lokalnej",
        details=[
            ("Ważny od:", pdf.polish_date(cert.valid_from)),
            ("Ważny do:", pdf.polish_date(cert.valid_until)),
            ("Wystawca:", cert.issuer),
        ],
        number=cert.number,
        issued_on=timezone.localdate(cert.issued_at),
        code=cert.verification_code,
        url=credentials.verification_url(cert.verification_code),
        pdf_title=f"Certyfikat Jakości CAL {cert.number} — {cert.centre_name}",
    )


def _quality_credential(cert: QualityCertificate) -> dict:
    until = datetime.datetime.combine(
        cert.valid_until, datetime.time(23, 59, 59), timezone.get_current_timezone()
    )
    return credentials.build_credential(
        code=cert.verification_code,
        name="Certyfikat Jakości pracy metodą CAL",
        description="Instytucja pracuje metodą Centrum Aktywności Lokalnej (CAL).",
        achievement_type="Certificate",
        achievement_id=credentials.absolute_url("issuer") + "#certyfikat-jakosci-cal",
        achievement_name="Certyfikat Jakości pracy metodą CAL",
        criteria="Ukończenie dwuletniego programu szkoleniowo-doradczego CAL i spełnienie "
        "kryteriów ustalonych przez koordynatorów programu.",
        subject_name=f"{cert.centre_name}, {cert.centre_town}",
        issuer_name=cert.issuer,
        issued_at=cert.issued_at,
        valid_until=until,
    )


def _slug(text: str) -> str:
    from django.utils.text import slugify

    return slugify(text.replace("ł", "l").replace("Ł", "L"))[:60]


def _seal(cert: Certificate) -> None:
    """Render the PDF and sign the credential once, and store both with the record."""
    if isinstance(cert, ParticipantCertificate):
        document, credential = _participant_document(cert), _participant_credential(cert)
        prefix = "participant"
    else:
        document, credential = _quality_document(cert), _quality_credential(cert)
        prefix = "quality"
    content = pdf.render_pdf(document)
    cert.pdf_sha256 = hashlib.sha256(content).hexdigest()
    name = f"certificates/{prefix}/{cert.issued_at:%Y}/{cert.verification_code}.pdf"
    cert.pdf.save(name, ContentFile(content), save=False)
    cert.credential = credential
    cert.credential_jwt = credentials.sign_credential(credential)


def _store(cert: Certificate) -> None:
    """Insert the sealed certificate; if the insert fails, the file written for it goes too."""
    try:
        with transaction.atomic():
            cert.save(force_insert=True)
    except IntegrityError:
        cert.pdf.storage.delete(cert.pdf.name)
        raise


# --- Participant certificates ----------------------------------------------------------------


def _live_for_source(source_key: str) -> ParticipantCertificate | None:
    return ParticipantCertificate.objects.current().filter(source_key=source_key).first()


def participant_certificate_issue(
    *,
    holder,
    source_key: str,
    course_title: str,
    role_name: str = "",
    workshop_dates: list[datetime.date],
    town: str,
    hours: Decimal | int | float | str,
    trainers: list[str],
    issuer: str = DEFAULT_ISSUER,
    workshop_key: str = "",
    centre=None,
    holder_name: str | None = None,
    issued_by=None,
) -> ParticipantCertificate:
    """Issue the certificate for one event (`source_key`, e.g. "enrolment:123") exactly once.

    Guarantees: calling it again with the same key returns the live certificate for that key
    (issued or revoked) and changes nothing. The insert happens under a lock on the holder's row
    after a second look for the key, and a unique constraint on live certificates per key backs
    that up, so concurrent calls end with one certificate. The PDF and credential are made
    before that lock is taken (rendering is most of the cost; holding the number counter or the
    holder's row during it would serialise every worker); a call that loses such a race
    discards its file, and its number is skipped: numbers are unique and rising, not gap-free."""
    existing = _live_for_source(source_key)
    if existing is not None:
        return existing
    days = sorted(
        {
            d if isinstance(d, datetime.date) else datetime.date.fromisoformat(d)
            for d in workshop_dates
        }
    )
    if not days:
        raise CertificateError(NO_DAYS)
    hours = Decimal(str(hours))
    if hours <= 0:
        raise CertificateError(BAD_HOURS)
    name = (holder_name if holder_name is not None else holder.get_full_name()).strip()
    if not name:
        raise CertificateError(NO_NAME)
    now = timezone.now()
    with transaction.atomic():  # the counter row is locked only while the number is taken
        number = _next_number(PARTICIPANT_SERIES, timezone.localdate(now).year)
    cert = ParticipantCertificate(
        number=number,
        verification_code=_new_code(),
        issued_at=now,
        issued_by=issued_by,
        holder=holder,
        holder_name=name,
        centre_id=centre.pk if centre is not None else holder.centre_id,
        source_key=source_key,
        workshop_key=workshop_key,
        course_title=course_title.strip(),
        role_name=role_name.strip(),
        workshop_dates=[d.isoformat() for d in days],
        first_day=days[0],
        last_day=days[-1],
        town=town.strip(),
        hours=hours,
        trainers=[t.strip() for t in trainers if t.strip()],
        issuer=issuer,
    )
    _seal(cert)
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=holder.pk).values_list(
            "pk", flat=True
        ).first()
        existing = _live_for_source(source_key)
        if existing is not None:
            cert.pdf.storage.delete(cert.pdf.name)
            return existing
        try:
            _store(cert)
        except IntegrityError:
            existing = _live_for_source(source_key)
            if existing is None:
                raise
            return existing
        audit(
            cert,
            "osl.certificate.issue",
            user=issued_by,
            data={"number": cert.number, "source_key": source_key},
        )
    return cert


PARTICIPANT_CORRECTABLE = {
    "holder_name",
    "course_title",
    "role_name",
    "workshop_dates",
    "town",
    "hours",
    "trainers",
    "issuer",
}
QUALITY_CORRECTABLE = {"centre_name", "centre_town", "valid_from", "valid_until", "issuer"}


@transaction.atomic
def certificate_reissue(*, certificate: Certificate, actor, reason: str, **changes) -> Certificate:
    """Correct a certificate by issuing a new one (new number, code, PDF and credential) that
    supersedes it. The old one stays, verifies as superseded and points at the new one."""
    _require_programme_coordinator(actor)
    if not reason.strip():
        raise CertificateError(REASON_REQUIRED)
    model = type(certificate)
    old = model.objects.select_for_update().get(pk=certificate.pk)
    if old.status != CertificateStatus.ISSUED:
        raise CertificateError(NOT_ISSUED)
    allowed = PARTICIPANT_CORRECTABLE if model is ParticipantCertificate else QUALITY_CORRECTABLE
    for field in changes:
        if field not in allowed:
            raise CertificateError(UNKNOWN_CHANGE % {"field": field})
    now = timezone.now()
    new = model.objects.get(pk=old.pk)  # a copy to turn into the new record
    new.pk = new.id = None
    new._state.adding = True
    for field, value in changes.items():
        setattr(new, field, value)
    if model is ParticipantCertificate:
        days = sorted(
            {
                d if isinstance(d, datetime.date) else datetime.date.fromisoformat(d)
                for d in new.workshop_dates
            }
        )
        if not days:
            raise CertificateError(NO_DAYS)
        new.workshop_dates = [d.isoformat() for d in days]
        new.first_day, new.last_day = days[0], days[-1]
        new.hours = Decimal(str(new.hours))
        series = PARTICIPANT_SERIES
    else:
        if new.valid_from >= new.valid_until:
            raise CertificateError(BAD_VALIDITY)
        series = QUALITY_SERIES
    if all(getattr(new, f) == getattr(old, f) for f in allowed):
        raise CertificateError(NOTHING_CHANGED)
    old.status = CertificateStatus.SUPERSEDED
    old.superseded_at = now
    old.save(update_fields=["status", "superseded_at"])
    new.number = _next_number(series, timezone.localdate(now).year)
    new.verification_code = _new_code()
    new.status = CertificateStatus.ISSUED
    new.issued_at = now
    new.issued_by = actor
    new.correction_reason = reason.strip()
    new.revoked_at, new.revoked_by, new.revocation_reason = None, None, ""
    new.superseded_at, new.superseded_by = None, None
    _seal(new)
    _store(new)
    old.superseded_by = new
    old.save(update_fields=["superseded_by"])
    data = {"old": old.number, "new": new.number, "reason": new.correction_reason}
    audit(old, "osl.certificate.supersede", user=actor, data=data)
    audit(new, "osl.certificate.reissue", user=actor, data=data)
    return new


def _revoke(cert: Certificate, *, actor, reason: str) -> Certificate:
    """Revoke (the caller holds the row lock and checked who may do it). Audited."""
    if cert.status != CertificateStatus.ISSUED:
        raise CertificateError(NOT_ISSUED)
    cert.status = CertificateStatus.REVOKED
    cert.revoked_at = timezone.now()
    cert.revoked_by = actor
    cert.revocation_reason = reason.strip()
    cert.save(update_fields=["status", "revoked_at", "revoked_by", "revocation_reason"])
    audit(
        cert,
        "osl.certificate.revoke",
        user=actor,
        data={"number": cert.number, "reason": cert.revocation_reason},
    )
    return cert


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, actor, reason: str) -> Certificate:
    """Revoke an issued certificate. Its files stay; it verifies as revoked from now on, and
    its credential appears in the revocation list."""
    _require_programme_coordinator(actor)
    if not reason.strip():
        raise CertificateError(REASON_REQUIRED)
    cert = type(certificate).objects.select_for_update().get(pk=certificate.pk)
    return _revoke(cert, actor=actor, reason=reason)


# --- Wiring to the enrolment app -------------------------------------------------------------

# The reason recorded (and shown on the verification page) when an attendance correction takes
# a completed participant back below the threshold. Kept in Polish as data: it is evidence.
WITHDRAWN_COMPLETION_REASON = "korekta listy obecności"
RESTORED_COMPLETION_REASON = "korekta listy obecności: ukończenie przywrócone"


def _source_key(enrolment_id: int) -> str:
    return f"enrolment:{enrolment_id}"


def participant_certificate_for_completed_enrolment(
    *, enrolment_id: int
) -> ParticipantCertificate | None:
    """Issue the certificate of a completed enrolment (the task behind `participation_completed`).

    Returns None, issuing nothing, when the enrolment is not (or no longer) completed, or when
    its course asks for its e-learning modules and the participant has not finished them (the
    rule lives in courses.selectors.certificate_requirements_met). Idempotent per enrolment:
    a second call returns the certificate already issued."""
    summary = completion_summary(enrolment_id)
    if summary is None:
        return None
    course = summary["course"]
    holder = summary["participant"]
    if not certificate_requirements_met(user=holder, course=course):
        return None
    key = _source_key(enrolment_id)
    live = _live_for_source(key)
    if live is not None and _revoked_for_withdrawn_completion(live):
        return _participant_certificate_restore(live, summary=summary)
    return _issue_for_summary(summary)


def participant_certificates_for_completed_course(
    *, user_id: int, course_id: int
) -> list[ParticipantCertificate]:
    """Issue the certificates that waited for a course's e-learning (the task behind
    courses.signals.course_completed): one for every workshop of the course the person
    completed by attendance and holds no certificate for yet.

    Each goes through participant_certificate_for_completed_enrolment, so the same rules apply
    (the e-learning requirement is checked again, idempotent per enrolment) and running this
    twice issues nothing more. A certificate already held — issued, or revoked by a coordinator
    — is left alone. Returns the certificates issued now."""
    enrolment_ids = completed_enrolment_ids(participant_id=user_id, course_id=course_id)
    held = set(
        ParticipantCertificate.objects.current()
        .filter(source_key__in=[_source_key(pk) for pk in enrolment_ids])
        .values_list("source_key", flat=True)
    )
    issued = []
    for enrolment_id in enrolment_ids:
        if _source_key(enrolment_id) in held:
            continue
        cert = participant_certificate_for_completed_enrolment(enrolment_id=enrolment_id)
        if cert is not None:
            issued.append(cert)
    return issued


def _revoked_for_withdrawn_completion(cert: ParticipantCertificate) -> bool:
    return (
        cert.status == CertificateStatus.REVOKED
        and cert.revoked_by_id is None
        and cert.revocation_reason == WITHDRAWN_COMPLETION_REASON
    )


@transaction.atomic
def _participant_certificate_restore(
    old: ParticipantCertificate, *, summary: dict
) -> ParticipantCertificate:
    """A later correction completed the enrolment again after its certificate was revoked for
    the withdrawn completion: a new certificate supersedes the revoked one (which keeps its
    revocation date and reason, and points to the new one). Audited."""
    old = ParticipantCertificate.objects.select_for_update().get(pk=old.pk)
    if not _revoked_for_withdrawn_completion(old):  # another worker restored it meanwhile
        return _live_for_source(old.source_key) or old
    old.status = CertificateStatus.SUPERSEDED
    old.superseded_at = timezone.now()
    old.save(update_fields=["status", "superseded_at"])
    new = _issue_for_summary(summary)
    new.correction_reason = RESTORED_COMPLETION_REASON
    new.save(update_fields=["correction_reason"])
    old.superseded_by = new
    old.save(update_fields=["superseded_by"])
    data = {"old": old.number, "new": new.number, "reason": RESTORED_COMPLETION_REASON}
    audit(old, "osl.certificate.supersede", user=None, data=data)
    audit(new, "osl.certificate.reissue", user=None, data=data)
    return new


def _issue_for_summary(summary: dict) -> ParticipantCertificate:
    course = summary["course"]
    return participant_certificate_issue(
        holder=summary["participant"],
        source_key=_source_key(summary["enrolment_id"]),
        workshop_key=f"workshop:{summary['workshop_id']}",
        course_title=summary["course_title"],
        role_name=course.role.name if course.role_id else "",
        workshop_dates=[summary["day_one"], summary["day_two"]],
        town=summary["town"],
        hours=summary["total_hours"],
        trainers=summary["trainers"],
        centre=summary["centre"],
    )


@transaction.atomic
def participant_certificate_for_withdrawn_completion(
    *, enrolment_id: int
) -> ParticipantCertificate | None:
    """Revoke the certificate of an enrolment whose completion an attendance correction took
    back (the task behind `participation_completion_withdrawn`).

    The system acts (audit log user None) with the reason WITHDRAWN_COMPLETION_REASON, so the
    certificate verifies as revoked and its credential shows in the revocation list. Nothing
    happens if the enrolment is completed again by the time this runs, or has no issued
    certificate."""
    if completion_summary(enrolment_id) is not None:
        return None
    cert = (
        ParticipantCertificate.objects.select_for_update()
        .filter(source_key=_source_key(enrolment_id), status=CertificateStatus.ISSUED)
        .first()
    )
    if cert is None:
        return None
    return _revoke(cert, actor=None, reason=WITHDRAWN_COMPLETION_REASON)


# --- Quality certificates and the CAL programme ----------------------------------------------


@transaction.atomic
def quality_certificate_issue(
    *,
    centre,
    valid_from: datetime.date,
    valid_until: datetime.date,
    issued_by,
    issuer: str = DEFAULT_ISSUER,
    record: CalProgrammeRecord | None = None,
) -> QualityCertificate:
    if valid_from >= valid_until:
        raise CertificateError(BAD_VALIDITY)
    now = timezone.now()
    cert = QualityCertificate(
        number=_next_number(QUALITY_SERIES, timezone.localdate(now).year),
        verification_code=_new_code(),
        issued_at=now,
        issued_by=issued_by,
        centre=centre,
        centre_name=centre.name,
        centre_town=centre.town,
        programme_record=record,
        valid_from=valid_from,
        valid_until=valid_until,
        issuer=issuer,
    )
    _seal(cert)
    _store(cert)
    audit(cert, "osl.certificate.issue", user=issued_by, data={"number": cert.number})
    return cert


@transaction.atomic
def cal_record_review(
    *,
    record: CalProgrammeRecord,
    reviewer,
    decision: str,
    justification: str,
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
) -> CalReview:
    """A programme coordinator grants or refuses the quality certificate, with a justification.

    Granting needs every active criterion met and issues the certificate (valid for three years
    by default). The criteria results are kept with the review as they stood that day."""
    _require_programme_coordinator(reviewer)
    if not justification.strip():
        raise CertificateError(JUSTIFICATION_REQUIRED)
    record = CalProgrammeRecord.objects.select_for_update().get(pk=record.pk)
    if record.status != CalRecordStatus.IN_PROGRESS:
        raise CertificateError(ALREADY_DECIDED)
    today = timezone.localdate()
    results = cal_record_criteria_results(record, today=today)
    review = CalReview(
        record=record,
        decision=decision,
        justification=justification.strip(),
        reviewer=reviewer,
        criteria_results=results,
    )
    if decision == ReviewDecision.GRANT:
        unmet = [f"{r['label']} ({r['value']}/{r['threshold']})" for r in results if not r["met"]]
        if unmet:
            raise CertificateError(CRITERIA_NOT_MET % {"criteria": ", ".join(unmet)})
        valid_from = valid_from or today
        valid_until = valid_until or valid_from.replace(
            year=valid_from.year + QUALITY_VALIDITY_YEARS
        )
        review.certificate = quality_certificate_issue(
            centre=record.centre,
            valid_from=valid_from,
            valid_until=valid_until,
            issued_by=reviewer,
            record=record,
        )
        record.status = CalRecordStatus.GRANTED
    elif decision == ReviewDecision.REFUSE:
        record.status = CalRecordStatus.REFUSED
    else:
        raise CertificateError(JUSTIFICATION_REQUIRED)
    review.save()
    record.save(update_fields=["status"])
    audit(
        record,
        f"osl.cal_record.{decision}",
        user=reviewer,
        data={"justification": review.justification, "criteria": results},
    )
    return review
