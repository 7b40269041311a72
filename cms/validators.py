from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

postal_code_validator = RegexValidator(
    regex=r"^\d{2}-\d{3}$",
    message=_("Kod pocztowy ma postać NN-NNN, np. 00-950."),
    code="invalid_postal_code",
)

phone_validator = RegexValidator(
    regex=r"^\+?[0-9 ()-]{7,20}$",
    message=_("Podaj numer telefonu złożony z cyfr, np. 22 123 45 67 lub +48 600 100 200."),
    code="invalid_phone",
)


def postal_code_check(name: str) -> models.CheckConstraint:
    """The database's own guard for a `postal_code` field, beside the form validator above."""
    return models.CheckConstraint(
        condition=models.Q(postal_code__regex=r"^[0-9]{2}-[0-9]{3}$"), name=name
    )
