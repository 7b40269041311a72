"""Writes: issuing, re-issuing, revoking certificates and reviewing CAL programme records.

Every certificate is sealed at issue: its PDF and signed credential are made once, stored in the
private storage with the PDF's SHA-256, and never made again — except that, after a signing key
is withdrawn, the credential's same claims are signed again with the current key (resigning).
Every change is audited.

The rules live in the modules of this package (common, sealing, participants, wiring, quality,
resigning); this module is the one door the views, tasks, commands and tests use."""

from .common import CertificateError
from .participants import certificate_reissue, certificate_revoke, participant_certificate_issue
from .quality import cal_record_review, quality_certificate_issue
from .resigning import Resigned, credentials_resign
from .wiring import (
    RESTORED_COMPLETION_REASON,
    WITHDRAWN_COMPLETION_REASON,
    participant_certificate_for_completed_enrolment,
    participant_certificate_for_withdrawn_completion,
    participant_certificates_for_completed_course,
)

__all__ = [
    "RESTORED_COMPLETION_REASON",
    "WITHDRAWN_COMPLETION_REASON",
    "CertificateError",
    "Resigned",
    "cal_record_review",
    "certificate_reissue",
    "certificate_revoke",
    "credentials_resign",
    "participant_certificate_for_completed_enrolment",
    "participant_certificate_for_withdrawn_completion",
    "participant_certificate_issue",
    "participant_certificates_for_completed_course",
    "quality_certificate_issue",
]
