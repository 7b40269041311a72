from .centres import Centre, CentreKind, CentreStatus, Voivodeship
from .outbox import OutgoingEmail, OutgoingEmailState
from .pages import HomePage, StandardPage
from .site_settings import SiteSettings
from .users import CentreChangeRequest, ConsentRecord, User

__all__ = [
    "Centre",
    "CentreChangeRequest",
    "CentreKind",
    "CentreStatus",
    "ConsentRecord",
    "HomePage",
    "OutgoingEmail",
    "OutgoingEmailState",
    "SiteSettings",
    "StandardPage",
    "User",
    "Voivodeship",
]
