"""Public: verification, the look-up by code, and the issuer's published keys, profile and
revocation list."""

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import credentials, selectors
from ..forms import (
    LookupForm,
)
from ..models import (
    CertificateStatus,
    ParticipantCertificate,
    QualityCertificate,
)
from ..ratelimit import allow
from .common import private, too_many


@require_GET
def verify(request, code):
    """What a QR code opens: the certificate's state and no more than name, course and dates."""
    if not allow(request, "verify"):
        return too_many(request)
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
    return private(response)


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


def _json(data, max_age=300):
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Cache-Control"] = f"public, max-age={max_age}"
    response["Access-Control-Allow-Origin"] = "*"  # verifiers elsewhere fetch these
    return response


@require_GET
def jwks(request):
    # Short enough that a withdrawn key leaves verifiers' caches within minutes.
    return _json(credentials.published_jwks(), max_age=600)


@require_GET
def issuer(request):
    return _json(credentials.issuer_profile())


@require_GET
def revocation_list(request):
    """1EdTech Revocation List: the credentials we have revoked (no reasons: they are private)."""
    revoked = []
    for model in (ParticipantCertificate, QualityCertificate):
        for code in model.objects.filter(status=CertificateStatus.REVOKED).values_list(
            "verification_code", flat=True
        ):
            revoked.append({"id": credentials.verification_url(code)})
    return _json(
        {
            "id": credentials.absolute_url("revocation_list"),
            "issuer": credentials.absolute_url("issuer"),
            "revokedCredentials": revoked,
        },
        max_age=60,
    )
