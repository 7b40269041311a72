"""The registry of centres: proposals from people signing up, approved by programme coordinators."""

from cms.audit import audit
from cms.models import Centre, CentreStatus


def centre_propose(
    *,
    name: str,
    kind: str,
    street: str,
    postal_code: str,
    town: str,
    county: str,
    voivodeship: str,
    email: str = "",
    phone: str = "",
    proposed_by=None,
) -> Centre:
    """A person signing up proposes a centre that is not in the registry yet.

    It is usable for that person at once and shown to programme coordinators for approval."""
    centre = Centre(
        name=name.strip(),
        kind=kind,
        street=street.strip(),
        postal_code=postal_code.strip(),
        town=town.strip(),
        county=county.strip(),
        voivodeship=voivodeship,
        email=email,
        phone=phone,
        status=CentreStatus.PENDING,
        proposed_by=proposed_by,
    )
    centre.full_clean()
    centre.save()
    audit(centre, "osl.centre.propose", user=proposed_by)
    return centre
