"""Reads for the programme dashboard and the funder's exports, one module a subject: figures
(the definitions are in programme.selectors.figures), map, sorting, esf, alerts, trends."""

from .alerts import (
    ALERT_LIMIT,
    ATTENDANCE_GRACE_DAYS,
    LOW_FILL_DAYS,
    LOW_FILL_SHARE,
    PENDING_DAYS,
    Alert,
    alerts,
)
from .esf import (
    participant_record_masked,
    participant_record_reveal,
)
from .figures import (
    RUNNING_STATES,
    Dashboard,
    Figures,
    dashboard,
    enrolment_counts,
    fill_figures,
    held_q,
    programme_targets,
    ratio,
)
from .map import (
    NO_TARGET_BAND,
    PROGRESS_BANDS,
    progress_band,
    region_progress,
)
from .sorting import (
    DEFAULT_SORT,
    SORT_KEYS,
    parse_sort,
    sort_regions,
)
from .trends import (
    Month,
    by_centre_type,
    trend,
)

__all__ = [
    "ALERT_LIMIT",
    "ATTENDANCE_GRACE_DAYS",
    "Alert",
    "DEFAULT_SORT",
    "Dashboard",
    "Figures",
    "LOW_FILL_DAYS",
    "LOW_FILL_SHARE",
    "Month",
    "NO_TARGET_BAND",
    "PENDING_DAYS",
    "PROGRESS_BANDS",
    "RUNNING_STATES",
    "SORT_KEYS",
    "alerts",
    "by_centre_type",
    "dashboard",
    "enrolment_counts",
    "fill_figures",
    "held_q",
    "parse_sort",
    "participant_record_masked",
    "participant_record_reveal",
    "programme_targets",
    "progress_band",
    "ratio",
    "region_progress",
    "sort_regions",
    "trend",
]
