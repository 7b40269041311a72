"""PESEL, the Polish personal identification number: 11 ASCII digits, YYMMDD (the month carries
the century: +80 for the 1800s, +0, +20 for the 2000s, +40, +60), a serial number whose last
digit is odd for men and even for women, and a check digit (weights 1 3 7 9 1 3 7 9 1 3)."""

import datetime
import re
from dataclasses import dataclass

_PESEL_RE = re.compile(r"[0-9]{11}", re.ASCII)
_WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
_CENTURIES = {0: 1900, 20: 2000, 40: 2100, 60: 2200, 80: 1800}

MALE = "m"
FEMALE = "k"


class PeselError(ValueError):
    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Pesel:
    number: str
    birth_date: datetime.date
    sex: str  # MALE or FEMALE


def parse(value: str) -> Pesel:
    """The PESEL's birth date and sex, or PeselError with a Polish message."""
    if not isinstance(value, str) or not _PESEL_RE.fullmatch(value):
        raise PeselError("PESEL to 11 cyfr (0–9), bez spacji i kresek.", "format")
    digits = [int(c) for c in value]
    check = (10 - sum(w * d for w, d in zip(_WEIGHTS, digits, strict=False)) % 10) % 10
    if check != digits[10]:
        raise PeselError(
            "Ten numer PESEL ma błędną cyfrę kontrolną — sprawdź, czy nie ma literówki.",
            "checksum",
        )
    month = digits[2] * 10 + digits[3]
    offset = month - month % 20
    try:
        birth = datetime.date(
            _CENTURIES[offset] + digits[0] * 10 + digits[1],
            month - offset,
            digits[4] * 10 + digits[5],
        )
    except (KeyError, ValueError):
        raise PeselError("Ten numer PESEL zawiera niemożliwą datę urodzenia.", "date") from None
    return Pesel(value, birth, MALE if digits[9] % 2 else FEMALE)


def mask(value: str) -> str:
    """What is shown outside the programme office: only that a number is on file."""
    return "•" * 11 if value else ""
