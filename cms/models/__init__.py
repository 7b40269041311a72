from .centres import Centre, CentreKind, CentreStatus, Voivodeship
from .pages import HomePage, StandardPage
from .site_settings import SiteSettings
from .users import ConsentRecord, User

__all__ = [
    "Centre",
    "CentreKind",
    "CentreStatus",
    "ConsentRecord",
    "HomePage",
    "SiteSettings",
    "StandardPage",
    "User",
    "Voivodeship",
]
