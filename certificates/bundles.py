"""ZIP bundles of stored certificate PDFs, with a CSV list of what is inside."""

import csv
import io
import tempfile
import zipfile

from django.utils import timezone

from enrolment.spreadsheets import safe_cell


def _entry_name(cert) -> str:
    name = getattr(cert, "holder_name", None) or getattr(cert, "centre_name", "")
    safe = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in name).strip()
    return f"{cert.number.replace('/', '-')} {safe}.pdf"


def build_zip(certificates) -> tempfile.SpooledTemporaryFile:
    """The stored PDFs as they are (PDFs are compressed already, so ZIP_STORED), plus spis.csv.
    Kept in memory up to 64 MiB, then on disk; the caller streams and closes it."""
    out = tempfile.SpooledTemporaryFile(max_size=64 * 1024 * 1024)  # noqa: SIM115 (returned open)
    listing = io.StringIO()
    writer = csv.writer(listing, delimiter=";")
    writer.writerow(["numer", "imię i nazwisko / ośrodek", "kurs", "od", "do", "kod", "sha256"])
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        for cert in certificates:
            with cert.pdf.open("rb") as handle:
                archive.writestr(_entry_name(cert), handle.read())
            row = [
                cert.number,
                getattr(cert, "holder_name", "") or getattr(cert, "centre_name", ""),
                getattr(cert, "course_title", "Certyfikat Jakości pracy metodą CAL"),
                getattr(cert, "first_day", getattr(cert, "valid_from", "")),
                getattr(cert, "last_day", getattr(cert, "valid_until", "")),
                cert.verification_code,
                cert.pdf_sha256,
            ]
            writer.writerow([safe_cell(c) for c in row])
        archive.writestr("spis.csv", "\ufeff" + listing.getvalue())
    out.seek(0)
    return out


def bundle_filename(label: str) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in label).strip("-")
    return f"certyfikaty-{safe or 'zestaw'}-{timezone.localdate():%Y%m%d}.zip"
