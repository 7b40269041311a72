"""Public: verification, the look-up by code, and the issuer's published keys, profile and
status lists."""

import hashlib

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import credentials, keys, selectors
from .. import status_list as statuses
from ..forms import (
    LookupForm,
)
from ..models import (
    CertificateStatus,
    ParticipantCertificate,
    QualityCertificate,
    RevocationKind,
)
from ..ratelimit import allow
from .common import noindex, private, too_many


@require_GET
def verify(request, code):
    """What a QR code opens: the certificate's state and no more than name, course and dates."""
    allowed, retry_after = allow(request, "verify")
    if not allowed:
        return noindex(too_many(request, retry_after))
    certificate = selectors.certificate_by_code(code)
    response = render(
        request,
        "certificates/verification.html",
        {
            "certificate": certificate,
            "state": certificate.verification_state if certificate else "unknown",
            "is_quality": isinstance(certificate, QualityCertificate),
            "code": code,
        },
        status=200 if certificate else 404,
    )
    return noindex(private(response))


@require_GET
def lookup(request):
    """A form for typing a code from a printed certificate."""
    form = LookupForm(request.GET or None)
    if form.is_valid():
        code = selectors.normalise_code(form.cleaned_data["kod"])
        if code:
            return redirect("certificates:verify", code=code)
        form.add_error("kod", _("Kod ma 12 znaków: cyfry i litery bez I, L, O, U."))
    return render(request, "certificates/lookup.html", {"form": form})


def _public(response, max_age):
    response["Cache-Control"] = f"public, max-age={max_age}"
    response["Access-Control-Allow-Origin"] = "*"  # verifiers elsewhere fetch these
    return response


def _json(data, max_age=300):
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    return _public(response, max_age)


@require_GET
def jwks(request):
    # Short enough that a withdrawn key leaves verifiers' caches within minutes.
    return _json(credentials.published_jwks(), max_age=600)


@require_GET
def jwk(request, kid):
    """One published key as a JWK: what a credential's `kid` (this URL) dereferences to. A
    withdrawn or unknown key is not found."""
    key = keys.published_key(kid)
    if key is None:
        raise Http404
    return _json(key, max_age=600)


@require_GET
def issuer(request):
    return _json(credentials.issuer_profile())


@require_GET
def status_list(request):
    """The W3C Bitstring Status List every credential's credentialStatus points to: a VC-JWT,
    the same bytes (and ETag) until a certificate is revoked or superseded."""
    token = statuses.signed_status_list()
    etag = '"' + hashlib.sha256(token.encode("ascii")).hexdigest()[:32] + '"'
    response = get_conditional_response(request, etag=etag) or HttpResponse(
        token, content_type="application/vc+jwt"
    )
    response["ETag"] = etag
    return _public(response, max_age=statuses.TTL_MS // 1000)


_REASONS = {
    RevocationKind.MANUAL: "unieważniony przez wystawcę",
    RevocationKind.COMPLETION_WITHDRAWN: "ukończenie szkolenia cofnięte korektą listy obecności",
}
SUPERSEDED_REASON = "zastąpiony poprawionym certyfikatem"


@require_GET
def revocation_list(request):
    """1EdTech Revocation List, for the credentials issued before the Bitstring Status List
    (their credentialStatus names this list): every revoked or superseded credential, with a
    reason from the kind of revocation (never the coordinator's own words: they are private)."""
    revoked = []
    for model in (ParticipantCertificate, QualityCertificate):
        rows = model.objects.exclude(status=CertificateStatus.ISSUED).values_list(
            "verification_code", "status", "revocation_kind"
        )
        for code, status, kind in rows.order_by("pk"):
            reason = SUPERSEDED_REASON if status == CertificateStatus.SUPERSEDED else ""
            revoked.append(
                {
                    "id": credentials.verification_url(code),
                    "revocationReason": reason or _REASONS.get(kind, _REASONS["manual"]),
                }
            )
    return _json(
        {
            "id": credentials.absolute_url("revocation_list"),
            "issuer": credentials.absolute_url("issuer"),
            "revokedCredential": revoked,
        },
        max_age=60,
    )
