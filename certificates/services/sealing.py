"""Numbers, verification codes and sealing: the PDF and the signed credential of a certificate,
made once at issue and stored with the PDF's SHA-256."""

import datetime
import hashlib
import secrets
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from .. import credentials, pdf
from ..models import Certificate, CertificateCounter, ParticipantCertificate, QualityCertificate
from ..selectors import CODE_ALPHABET, CODE_LENGTH, code_in_use

# --- Numbers and codes -----------------------------------------------------------------------


def _next_number(series: str, year: int) -> str:
    """OSL/2026/000123. One UPDATE ... RETURNING takes the next number: the row lock lasts that
    statement (or, inside a transaction, until it ends), so concurrent issues never share a
    number, in one round trip instead of four (3,000 certificates: docs/benchmarks.md)."""
    table = connection.ops.quote_name(CertificateCounter._meta.db_table)
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET last = last + 1 WHERE series = %s AND year = %s "  # noqa: S608
                "RETURNING last",
                [series, year],
            )
            row = cursor.fetchone()
        if row is not None:
            return f"{series}/{year}/{row[0]:06d}"
        try:  # the series' first number this year: make the row, then take from it
            with transaction.atomic():
                CertificateCounter.objects.create(series=series, year=year)
        except IntegrityError:
            pass  # another process made it first


STATUS_SERIES, STATUS_YEAR = "STATUS", 0  # the counter row of the status list's indexes


def _next_status_index() -> int:
    """The certificate's bit in the Bitstring Status List: one index space over both kinds of
    certificate, from the same counter table (one UPDATE ... RETURNING), never reused."""
    return int(_next_number(STATUS_SERIES, STATUS_YEAR).rsplit("/", 1)[1]) - 1


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
    if cert.role_shown:
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
        issued_at=cert.issued_at,
    )


def _participant_credential(cert: ParticipantCertificate) -> dict:
    return credentials.build_credential(
        code=cert.verification_code,
        name=f"Ukończenie szkolenia: {cert.course_title}",
        description=(
            f"Szkolenie Modelu organizowania społeczności lokalnej (Model OSL): "
            f"{cert.title_with_role}; "
            f"{cert.town}, {_hours_text(cert.hours)} godz."
        ),
        achievement_type="Course",
        achievement_id=credentials.absolute_url("issuer") + f"#kurs-{_slug(cert.course_title)}",
        achievement_name=cert.course_title,
        criteria="Obecność na szkoleniu zgodnie z zasadą zaliczenia programu Akademii OSL.",
        subject_id=credentials.holder_subject_id(cert.holder),
        identifiers=[
            *([credentials.email_identifier(cert.holder.email)] if cert.holder.email else []),
            credentials.name_identifier(cert.holder_name),
        ],
        status_index=cert.status_index,
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
        issued_at=cert.issued_at,
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
        subject_id=credentials.centre_subject_id(cert.centre_id),
        identifiers=[credentials.name_identifier(f"{cert.centre_name}, {cert.centre_town}")],
        status_index=cert.status_index,
        issued_at=cert.issued_at,
        valid_until=until,
    )


def _slug(text: str) -> str:
    from django.utils.text import slugify

    return slugify(text.replace("ł", "l").replace("Ł", "L"))[:60]


def _seal(cert: Certificate) -> None:
    """Render the PDF and sign the credential once, and store both with the record. A new
    record (a re-issue too) gets its own place on the status list."""
    cert.status_index = _next_status_index()
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
