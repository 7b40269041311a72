"""Certificates: what a participant or a centre was certified for, frozen at issue.

An issued certificate never changes: its text is a snapshot, its PDF and signed credential are
made once and stored. A correction is a re-issue that supersedes it. Nothing here is deleted.
The one exception: after a signing key is withdrawn, the same credential claims are signed again
with the current key (services/resigning.py); the old credential is kept."""

from .base import (
    Certificate,
    CertificateCounter,
    CertificateQuerySet,
    CertificateStatus,
    NeverDeletedMixin,
    NeverDeletedQuerySet,
    RecordsAreKeptError,
    RevocationKind,
    private_storage,
    revocation_kind_matches_status,
)
from .keys import (
    CredentialHolder,
    SigningKey,
    SigningKeyAlgorithm,
    SigningKeySource,
    SigningKeyStatus,
)
from .participants import (
    CertificateSource,
    ParticipantCertificate,
)
from .quality import (
    CalConsultation,
    CalEvidence,
    CalProgrammeRecord,
    CalRecordStatus,
    CalReview,
    CriterionMetric,
    EvidenceKind,
    QualityCertificate,
    QualityCriterion,
    ReviewDecision,
    evidence_upload_to,
)

__all__ = [
    "CalConsultation",
    "CalEvidence",
    "CalProgrammeRecord",
    "CalRecordStatus",
    "CalReview",
    "Certificate",
    "CertificateCounter",
    "CertificateQuerySet",
    "CertificateSource",
    "CertificateStatus",
    "CredentialHolder",
    "CriterionMetric",
    "EvidenceKind",
    "NeverDeletedMixin",
    "NeverDeletedQuerySet",
    "ParticipantCertificate",
    "QualityCertificate",
    "QualityCriterion",
    "RecordsAreKeptError",
    "ReviewDecision",
    "RevocationKind",
    "SigningKey",
    "SigningKeyAlgorithm",
    "SigningKeySource",
    "SigningKeyStatus",
    "evidence_upload_to",
    "private_storage",
    "revocation_kind_matches_status",
]
