"""The RODO consent text in force. A new wording gets a new version; records keep the old one."""

from django.utils.translation import gettext_lazy as _

CURRENT_VERSION = "2026-11-01"

# Stored with each consent record by version; the template shows the full text.
TEXT = _(
    "Wyrażam zgodę na przetwarzanie moich danych osobowych przez Stowarzyszenie Centrum "
    "Wspierania Aktywności Lokalnej CAL w celu udziału w szkoleniach Modelu OSL, prowadzenia "
    "list obecności i wydawania zaświadczeń. Wiem, że mogę w każdej chwili zobaczyć, pobrać "
    "i usunąć swoje dane na stronie „Moje dane”."
)
