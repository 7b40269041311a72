"""The participant's own page: the ESF participant data (HTTP only; the rules are in
programme.forms and programme.services)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cms import roles
from cms.audit import audit
from programme import sealing, services
from programme.forms import ParticipantRecordForm
from programme.models import SEALED_FIELDS, ParticipantRecord


@login_required
@require_http_methods(["GET", "POST"])
def participant_data(request):
    user = request.user
    if not roles.has_role(user, roles.PARTICIPANTS):
        raise PermissionDenied
    record = ParticipantRecord.objects.filter(user=user).first()
    locked = record is not None and services.record_is_locked(user)
    sealed = sealing.unseal(record.sealed) if record is not None else {}
    if record is not None:
        audit(record, "osl.esf.read", user=user, data={"fields": ["special_situations"]})
    if request.method == "POST":
        if locked:
            messages.error(request, services.RecordLocked.message)
            return redirect("programme:participant_data")
        form = ParticipantRecordForm(
            request.POST, instance=record, pesel_on_file=sealed.get("pesel", "")
        )
        if form.is_valid():
            services.participant_record_save(user=user, form=form, actor=user)
            messages.success(request, _("Zapisano dane uczestnika projektu."))
            return redirect("programme:participant_data")
    else:
        initial = {name: sealed[name] for name in SEALED_FIELDS[1:] if name in sealed}
        if record is not None:
            initial["consent"] = True
        form = ParticipantRecordForm(
            instance=record, initial=initial, pesel_on_file=sealed.get("pesel", "")
        )
    if locked:
        for field in form.fields.values():
            field.disabled = True
    return render(
        request,
        "programme/participant_data.html",
        {
            "form": form,
            "record": record,
            "locked": locked,
            "locked_message": services.RecordLocked.message,
        },
    )
