"""A model's check constraints evaluated in Python, as the database would, so that checking
thousands of rows costs no query per row and constraint (Django's CheckConstraint.validate asks
the database once per constraint). A condition this cannot read is left to Django."""

import operator
import re

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models


class _NotInPython(Exception):
    """A constraint condition beyond plain comparisons of the row's own columns."""


class _Excluded(Exception):
    """The condition names a column left out of validation (it has an error of its own)."""


_COMPARISONS = {
    "exact": operator.eq,
    "lt": operator.lt,
    "lte": operator.le,
    "gt": operator.gt,
    "gte": operator.ge,
}


def _column(instance, name: str, exclude):
    try:
        model_field = instance._meta.get_field(name)
    except FieldDoesNotExist as exc:
        raise _NotInPython(name) from exc
    if model_field.many_to_many or model_field.one_to_many:
        raise _NotInPython(name)
    if model_field.name in exclude:
        raise _Excluded(name)
    return getattr(instance, model_field.attname)


def _lookup_holds(lookup: str, value, instance, exclude) -> bool | None:
    name, _sep, kind = lookup.partition("__")
    kind = kind or "exact"
    left = _column(instance, name, exclude)
    if isinstance(value, models.F):
        value = _column(instance, value.name, exclude)
    elif hasattr(value, "resolve_expression"):
        raise _NotInPython(lookup)
    if kind == "isnull":
        return (left is None) == bool(value)
    if kind == "exact" and value is None:
        return left is None
    if left is None or value is None:
        return None  # SQL: a comparison with NULL is unknown
    if kind == "regex":
        return re.search(value, str(left), flags=re.ASCII) is not None
    if kind not in _COMPARISONS:
        raise _NotInPython(lookup)
    try:
        return _COMPARISONS[kind](left, value)
    except TypeError as exc:
        raise _NotInPython(lookup) from exc


def _condition_holds(node, instance, exclude) -> bool | None:
    """A Q of the row's own columns with SQL's three-valued logic: True, False or None
    (unknown, which a CHECK constraint lets pass)."""
    if not isinstance(node, models.Q):
        raise _NotInPython(node)
    results = []
    for child in node.children:
        if isinstance(child, models.Q):
            results.append(_condition_holds(child, instance, exclude))
        elif isinstance(child, tuple) and len(child) == 2:
            results.append(_lookup_holds(child[0], child[1], instance, exclude))
        else:
            raise _NotInPython(child)
    if node.connector == models.Q.AND:
        value = False if False in results else (None if None in results else True)
    elif node.connector == models.Q.OR:
        value = True if True in results else (None if None in results else False)
    else:
        raise _NotInPython(node.connector)
    return (not value) if (node.negated and value is not None) else value


def constraint_errors(instance, exclude=()) -> list[str]:
    """The messages of the model's check constraints `instance` breaks, without a query: each
    condition is evaluated in Python, as the database would (a NULL operand passes), and, as in
    Model.full_clean, a condition naming an excluded column is skipped. A condition this cannot
    read is left to Django's own check, which asks the database. Unique constraints are not
    checked here: the import looks every code and venue up itself."""
    exclude = set(exclude)
    errors = []
    for constraint in instance._meta.constraints:
        if not isinstance(constraint, models.CheckConstraint):
            continue
        try:
            holds = _condition_holds(constraint.condition, instance, exclude)
        except _Excluded:
            continue
        except _NotInPython:
            try:
                constraint.validate(type(instance), instance, exclude=exclude)
            except ValidationError as exc:
                errors.extend(exc.messages)
            continue
        if holds is False:
            errors.append(str(constraint.get_violation_error_message()))
    return errors


def _errors_of(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [
            f"{k}: {m}" if k != "__all__" else m for k, v in exc.message_dict.items() for m in v
        ]
    return list(exc.messages)


def model_errors(instance, exclude=()) -> list[str]:
    """Model.full_clean's errors, its constraints checked by constraint_errors (no query)."""
    exclude = set(exclude)
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors = _errors_of(exc)
        if hasattr(exc, "error_dict"):
            exclude |= set(exc.error_dict) - {"__all__"}
    else:
        errors = []
    return errors + constraint_errors(instance, exclude)
