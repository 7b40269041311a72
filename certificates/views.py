"""Thin views: public verification, the issuer's keys, and permission-checked downloads."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cms import roles
from cms.selectors import coordinated_centre

from . import bundles, credentials, selectors, services
from .forms import (
    BundleFilterForm,
    LookupForm,
    ParticipantCorrectionForm,
    ProgrammeBundleForm,
    ReviewForm,
    RevokeForm,
)
from .models import (
    CalEvidence,
    CalProgrammeRecord,
    CertificateStatus,
    ParticipantCertificate,
    QualityCertificate,
)
from .ratelimit import allow

PRIVATE = "private, no-store"


def _private(response):
    response["Cache-Control"] = PRIVATE
    return response


def _too_many(request):
    response = render(request, "certificates/rate_limited.html", status=429)
    response["Retry-After"] = "300"
    return response


# --- Public: verification and the issuer's published data ------------------------------------


@require_GET
def verify(request, code):
    """What a QR code opens: the certificate's state and no more than name, course and dates."""
    if not allow(request, "verify"):
        return _too_many(request)
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
    return _private(response)


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


# --- Downloads -------------------------------------------------------------------------------


def _visible_certificate(request, code):
    certificate = selectors.certificate_by_code(code)
    # 404 whether it does not exist or is not yours: nothing is learnt by guessing.
    if certificate is None or not selectors.certificate_visible_to(request.user, certificate):
        raise Http404
    return certificate


@login_required
@require_GET
def certificate_pdf(request, code):
    certificate = _visible_certificate(request, code)
    filename = f"{certificate.number.replace('/', '-')}.pdf"
    response = FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )
    response["ETag"] = f'"{certificate.pdf_sha256}"'
    return _private(response)


@login_required
@require_GET
def certificate_credential(request, code, fmt):
    certificate = _visible_certificate(request, code)
    base = certificate.number.replace("/", "-")
    if fmt == "jwt":
        response = HttpResponse(certificate.credential_jwt, content_type="application/vc+jwt")
        response["Content-Disposition"] = f'attachment; filename="{base}.jwt"'
    else:
        body = json.dumps(
            credentials.enveloped(certificate.credential_jwt), ensure_ascii=False, indent=2
        )
        response = HttpResponse(body, content_type="application/vc+ld+json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{base}.json"'
    return _private(response)


@login_required
@require_GET
def my_certificates(request):
    return _private(
        render(
            request,
            "certificates/my_certificates.html",
            {"certificates": selectors.holder_certificates(request.user)},
        )
    )


def _centre_filters(request, centre):
    form = BundleFilterForm(
        request.GET or None,
        years=selectors.centre_bundle_years(centre),
        workshops=selectors.centre_bundle_workshops(centre),
    )
    year = workshop = None
    if form.is_bound and form.is_valid():
        year, workshop = form.cleaned_data["rok"], form.cleaned_data["szkolenie"] or None
    return form, year, workshop


@login_required
@require_GET
def centre_certificates(request):
    centre = coordinated_centre(request.user)
    if centre is None:
        raise PermissionDenied
    form, year, workshop = _centre_filters(request, centre)
    certificates = selectors.participant_certificates_for_bundle(
        centre=centre, year=year, workshop_key=workshop
    )
    return _private(
        render(
            request,
            "certificates/centre_certificates.html",
            {
                "centre": centre,
                "form": form,
                "certificates": certificates,
                "quality_certificates": selectors.centre_quality_certificates(centre),
                "query": request.GET.urlencode(),
            },
        )
    )


def _zip_response(certs, label):
    archive = bundles.build_zip(certs)
    response = FileResponse(
        archive,
        as_attachment=True,
        filename=bundles.bundle_filename(label),
        content_type="application/zip",
    )
    return _private(response)


@login_required
@require_GET
def centre_bundle(request):
    """All live certificates of the coordinator's own centre, as one ZIP."""
    centre = coordinated_centre(request.user)
    if centre is None:
        raise PermissionDenied
    form, year, workshop = _centre_filters(request, centre)
    certs = list(
        selectors.participant_certificates_for_bundle(
            centre=centre, year=year, workshop_key=workshop
        )
    )
    if not certs:
        messages.info(request, _("Nie ma certyfikatów spełniających wybrane warunki."))
        return redirect("certificates:centre")
    return _zip_response(certs, f"{centre.town}-{year or 'wszystkie'}")


@login_required
@require_GET
def programme_bundle(request):
    """Programme coordinators: any set of participant certificates as one ZIP."""
    if not roles.is_programme_coordinator(request.user):
        raise PermissionDenied
    form = ProgrammeBundleForm(request.GET or None)
    if not form.is_bound or not form.is_valid():
        return _private(render(request, "certificates/programme_bundle.html", {"form": form}))
    data = form.cleaned_data
    certs = list(
        selectors.participant_certificates_for_bundle(
            centre=data["osrodek"], year=data["rok"], workshop_key=data["szkolenie"] or None
        )
    )
    if not certs:
        form.add_error(None, _("Nie ma certyfikatów spełniających wybrane warunki."))
        return _private(render(request, "certificates/programme_bundle.html", {"form": form}))
    return _zip_response(certs, str(data["rok"] or "wszystkie"))


@login_required
@require_http_methods(["GET", "POST"])
def revoke(request, code):
    if not roles.is_programme_coordinator(request.user):
        raise PermissionDenied
    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        raise Http404
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.certificate_revoke(
                certificate=certificate, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except services.CertificateError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Certyfikat %(number)s unieważniono.") % {"number": certificate.number}
            )
            return redirect("certificates:verify", code=certificate.verification_code)
    return _private(
        render(request, "certificates/revoke.html", {"certificate": certificate, "form": form})
    )


@login_required
@require_http_methods(["GET", "POST"])
def cal_record_review(request, pk):
    """A programme coordinator reviews a centre's CAL record against the criteria."""
    if not roles.is_programme_coordinator(request.user):
        raise PermissionDenied
    record = get_object_or_404(CalProgrammeRecord.objects.select_related("centre"), pk=pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review = services.cal_record_review(
                record=record,
                reviewer=request.user,
                decision=data["decision"],
                justification=data["justification"],
                valid_from=data["valid_from"],
                valid_until=data["valid_until"],
            )
        except services.CertificateError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Decyzję zapisano."))
            if review.certificate:
                return redirect("certificates:verify", code=review.certificate.verification_code)
            return redirect("certificates:cal_review", pk=record.pk)
    return _private(
        render(
            request,
            "certificates/cal_record_review.html",
            {
                "record": record,
                "form": form,
                "results": selectors.cal_record_criteria_results(
                    record, today=timezone.localdate()
                ),
                "consultations": record.consultations.all(),
                "evidence": record.evidence.all(),
                "reviews": record.reviews.select_related("reviewer", "certificate"),
            },
        )
    )


@login_required
@require_GET
def cal_evidence(request, pk):
    """An evidence file: programme coordinators and the centre's own coordinator only."""
    evidence = get_object_or_404(CalEvidence.objects.select_related("record"), pk=pk)
    centre = coordinated_centre(request.user)
    allowed = roles.is_programme_coordinator(request.user) or (
        centre is not None and evidence.record.centre_id == centre.pk
    )
    if not allowed:
        raise Http404
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.file.name.rsplit("/", 1)[-1],
    )
    return _private(response)


@login_required
@require_http_methods(["GET", "POST"])
def correct(request, code):
    """A programme coordinator corrects a participant certificate by re-issuing it."""
    if not roles.is_programme_coordinator(request.user):
        raise PermissionDenied
    certificate = selectors.certificate_by_code(code)
    if not isinstance(certificate, ParticipantCertificate):
        raise Http404
    initial = {
        "holder_name": certificate.holder_name,
        "course_title": certificate.course_title,
        "role_name": certificate.role_name,
        "town": certificate.town,
        "hours": certificate.hours,
        "trainers": ", ".join(certificate.trainers),
    }
    form = ParticipantCorrectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.certificate_reissue(
                certificate=certificate,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                **form.changes(),
            )
        except services.CertificateError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("Wydano poprawiony certyfikat %(number)s.") % {"number": new.number},
            )
            return redirect("certificates:verify", code=new.verification_code)
    return _private(
        render(request, "certificates/correct.html", {"certificate": certificate, "form": form})
    )
