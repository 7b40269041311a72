"""Programme coordinators' decisions: revoking and correcting a certificate, reviewing a
centre's CAL record."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cms import roles

from .. import selectors, services
from ..forms import (
    ParticipantCorrectionForm,
    ReviewForm,
    RevokeForm,
)
from ..models import (
    CalProgrammeRecord,
    ParticipantCertificate,
)
from .common import private


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
    return private(
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
    return private(
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
    return private(
        render(request, "certificates/correct.html", {"certificate": certificate, "form": form})
    )
