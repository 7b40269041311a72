"""ESF participant data as programme coordinators read it: revealed (and logged) or masked."""

from cms import roles


def participant_record_reveal(record, *, actor) -> dict:
    """The sealed part of a record in clear (PESEL, special-situation answers), for a programme
    coordinator only; every read is written to the audit log."""
    from django.core.exceptions import PermissionDenied

    from cms.audit import audit
    from programme import sealing

    if not roles.is_programme_coordinator(actor):
        raise PermissionDenied
    audit(record, "osl.esf.read", user=actor, data={"fields": ["pesel", "special_situations"]})
    return sealing.unseal(record.sealed)


def participant_record_masked(record) -> dict:
    """What anyone else may see: that a PESEL is on file, never the number."""
    from programme import pesel

    return {"pesel": pesel.mask("x") if not record.no_pesel else "", "no_pesel": record.no_pesel}
