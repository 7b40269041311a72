"""Permission-checked downloads: one certificate's PDF and credential, a person's, a centre's
and the programme's certificates and ZIP bundles, CAL evidence."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cms import roles
from cms.selectors import coordinated_centre

from .. import bundles, selectors
from ..forms import (
    BundleFilterForm,
    ProgrammeBundleForm,
)
from ..models import (
    CalEvidence,
)
from .common import private


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
    return private(response)


@login_required
@require_GET
def certificate_credential(request, code, fmt):
    certificate = _visible_certificate(request, code)
    base = certificate.number.replace("/", "-")
    if fmt == "jwt":
        response = HttpResponse(certificate.credential_jwt, content_type="application/vc+jwt")
        response["Content-Disposition"] = f'attachment; filename="{base}.jwt"'
    else:  # the OpenBadgeCredential itself; its proof is the .jwt (the signed file)
        body = json.dumps(certificate.credential, ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/vc+ld+json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{base}.json"'
    return private(response)


@login_required
@require_GET
def my_certificates(request):
    return private(
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
    return private(
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
    return private(response)


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
        return private(render(request, "certificates/programme_bundle.html", {"form": form}))
    data = form.cleaned_data
    certs = list(
        selectors.participant_certificates_for_bundle(
            centre=data["osrodek"], year=data["rok"], workshop_key=data["szkolenie"] or None
        )
    )
    if not certs:
        form.add_error(None, _("Nie ma certyfikatów spełniających wybrane warunki."))
        return private(render(request, "certificates/programme_bundle.html", {"form": form}))
    return _zip_response(certs, str(data["rok"] or "wszystkie"))


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
    return private(response)
