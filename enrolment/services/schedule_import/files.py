"""Reading a schedule file within bounds: its size, its rows (read lazily, stopping at the limit)
and, for XLSX, what its ZIP archive declares it would unpack to, read before it is opened."""

import contextlib
import csv
import datetime
import io
import itertools
import zipfile
from collections.abc import Iterator

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from enrolment import conf

from ..base import EnrolmentError

COLUMNS = [
    "kod",
    "kurs",
    "miejsce",
    "ulica",
    "kod_pocztowy",
    "miejscowosc",
    "wojewodztwo",
    "dzien1",
    "dzien1_od",
    "dzien1_do",
    "dzien2",
    "dzien2_od",
    "dzien2_do",
    "miejsca",
    "limit_na_osrodek",
    "trenerzy",
    "stan",
]


REQUIRED = set(COLUMNS) - {"limit_na_osrodek", "trenerzy", "stan", "miejsca"}


# Blank rows are skipped and not counted as workshops, but no more than this many rows of any
# kind are read per allowed data row (a sheet formatted down to row 1,048,576 stops here).
SCANNED_ROWS_PER_DATA_ROW = 10


# Cells read per row (the 17 columns in any order, and room for the coordinator's own notes):
# a sheet whose dimension claims 16,384 columns is not read that wide.
MAX_COLUMNS = 64


# The header line of a CSV file, in characters: 17 column names need a few hundred.
MAX_HEADER_CHARS = 4096


# Members of an XLSX archive smaller than this are not judged by their compression ratio.
RATIO_MIN_MEMBER_BYTES = 1024 * 1024


MSG_BAD_FILE = _("Nie udało się odczytać pliku. Prześlij plik CSV (UTF-8) albo XLSX.")


MSG_MISSING_COLUMNS = _("W pliku brakuje kolumn: %(columns)s.")


MSG_EMPTY = _("Plik nie zawiera żadnego wiersza z danymi.")


MSG_TOO_LARGE = _(
    "Plik jest za duży: ma %(size)s, a harmonogram może mieć najwyżej %(limit)s. "
    "Podziel go na mniejsze pliki. Nic nie zostało zapisane."
)


MSG_TOO_MANY_ROWS = _(
    "Plik ma więcej niż %(limit)s wierszy, a jeden import może mieć najwyżej %(limit)s "
    "szkoleń. Podziel harmonogram na mniejsze pliki. Nic nie zostało zapisane."
)


MSG_UNPACKED_TOO_LARGE = _(
    "Plik XLSX po rozpakowaniu zająłby %(size)s, a może najwyżej %(limit)s. Usuń zbędne "
    "arkusze i formatowanie albo zapisz harmonogram jako CSV. Nic nie zostało zapisane."
)


MSG_ZIP_BOMB = _(
    "Plik XLSX jest podejrzanie mocno skompresowany i nie zostanie otwarty. Zapisz harmonogram "
    "ponownie w arkuszu kalkulacyjnym albo jako CSV. Nic nie zostało zapisane."
)


def upload_size_check(size: int) -> None:
    """The upload limit, for the admin form and the service alike."""
    limit = conf.import_max_upload_bytes()
    if size > limit:
        raise EnrolmentError(
            MSG_TOO_LARGE,
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )


def _zip_check(content: bytes) -> None:
    """Refuse an XLSX archive whose members would unpack to too much, judged from the sizes its
    central directory declares, before anything is unpacked. (Python's zipfile never unpacks a
    member past its declared size, so the declaration is a bound, not a promise.)"""
    try:
        members = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except Exception as exc:  # noqa: BLE001 — not a ZIP archive at all: not an XLSX file
        raise EnrolmentError(MSG_BAD_FILE, code="bad_file") from exc
    unpacked = sum(m.file_size for m in members)
    limit = conf.import_max_unpacked_bytes()
    if unpacked > limit:
        raise EnrolmentError(
            MSG_UNPACKED_TOO_LARGE,
            code="unpacked_too_large",
            params={"size": filesizeformat(unpacked), "limit": filesizeformat(limit)},
        )
    ratio = conf.import_max_compression_ratio()
    for member in members:
        if member.file_size > RATIO_MIN_MEMBER_BYTES and member.file_size > ratio * max(
            member.compress_size, 1
        ):
            raise EnrolmentError(MSG_ZIP_BOMB, code="zip_bomb")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx_table(content: bytes, max_rows: int) -> Iterator[list[str]]:
    _zip_check(content)
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        # Explicit bounds: otherwise openpyxl pads every row to the width, and the sheet to the
        # height, that the sheet's own <dimension> claims.
        for row in book.active.iter_rows(max_col=MAX_COLUMNS, max_row=max_rows, values_only=True):
            yield [_cell(v) for v in row]
    finally:
        book.close()


def _delimiter(header: str) -> str:
    """The separator that splits the header into the most known column names. (Not
    csv.Sniffer: its regular expressions take quadratic time on a line of quotes and
    separators, minutes for a few hundred kilobytes.)"""

    def known(delimiter):
        return sum(c.strip().strip('"').lower() in COLUMNS for c in header.split(delimiter))

    return max(",;\t", key=known)


def _csv_table(content: bytes) -> Iterator[list[str]]:
    # Decoded as it is read: bytes past the last row read are never looked at.
    text = io.TextIOWrapper(io.BytesIO(content), encoding="utf-8-sig", newline="")
    first = ""
    for _blank in range(SCANNED_ROWS_PER_DATA_ROW):  # the header may follow a few blank lines
        first = text.readline(MAX_HEADER_CHARS + 1)
        if first.strip() or not first:
            break
    if len(first) > MAX_HEADER_CHARS:
        raise EnrolmentError(MSG_BAD_FILE, code="bad_file")
    reader = csv.reader(itertools.chain([first], text), delimiter=_delimiter(first))
    for row in reader:
        yield [c.strip() for c in row]


def read_rows(name: str, content: bytes) -> list[dict]:
    """Rows of a CSV or XLSX file as dicts keyed by the lower-cased header, read row by row and
    never past the row limit. Raises EnrolmentError when the file is too large or cannot be read."""
    upload_size_check(len(content))
    limit = conf.import_max_rows()
    too_many = EnrolmentError(MSG_TOO_MANY_ROWS, code="too_many_rows", params={"limit": limit})
    header: list[str] | None = None
    rows: list[dict] = []
    max_scanned = (limit + 1) * SCANNED_ROWS_PER_DATA_ROW
    if name.lower().endswith(".xlsx"):
        table = _xlsx_table(content, max_scanned + 1)
    else:
        table = _csv_table(content)
    with contextlib.closing(table):
        try:
            for scanned, cells in enumerate(table, start=1):
                if scanned > max_scanned:
                    raise too_many
                if not any(cells):
                    continue
                if header is None:
                    header = [h.strip().lower() for h in cells]
                    missing = [c for c in COLUMNS if c in REQUIRED and c not in header]
                    if missing:
                        raise EnrolmentError(
                            MSG_MISSING_COLUMNS,
                            code="missing_columns",
                            params={"columns": ", ".join(missing)},
                        )
                    continue
                if len(rows) == limit:
                    raise too_many
                rows.append(dict(zip(header, cells, strict=False)))
        except EnrolmentError:
            raise
        except Exception as exc:  # noqa: BLE001 — any unreadable upload gets the same answer
            raise EnrolmentError(MSG_BAD_FILE, code="bad_file") from exc
    if not rows:
        raise EnrolmentError(MSG_EMPTY, code="empty")
    return rows
