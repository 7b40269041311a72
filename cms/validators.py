import re

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# Digits are ASCII digits everywhere input is read: `\d` and int() also take other scripts'
# digits ("٣٤" is 34 to Python), which the database constraints and people reading the data
# do not.
ASCII_INT = re.compile(r"[+-]?[0-9]{1,18}")
ASCII_ID = re.compile(r"[0-9]{1,18}")

postal_code_validator = RegexValidator(
    regex=r"^[0-9]{2}-[0-9]{3}$",
    message=_("Kod pocztowy ma postać NN-NNN, np. 00-950."),
    code="invalid_postal_code",
)

phone_validator = RegexValidator(
    regex=r"^\+?[0-9 ()-]{7,20}$",
    message=_("Podaj numer telefonu złożony z cyfr, np. 22 123 45 67 lub +48 600 100 200."),
    code="invalid_phone",
)


def ascii_int(value, *, signed: bool = False) -> int | None:
    """The integer a piece of request data spells in ASCII digits (surrounding spaces allowed),
    or None for anything else: other scripts' digits, underscores ("1_000"), fractions, more
    than 18 digits, lists, None. An id (the default) has no sign."""
    if not isinstance(value, str):
        return None
    pattern = ASCII_INT if signed else ASCII_ID
    value = value.strip()
    return int(value) if pattern.fullmatch(value) else None


def postal_code_check(name: str) -> models.CheckConstraint:
    """The database's own guard for a `postal_code` field, beside the form validator above."""
    return models.CheckConstraint(
        condition=models.Q(postal_code__regex=r"^[0-9]{2}-[0-9]{3}$"), name=name
    )
