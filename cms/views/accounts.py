import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cms import personal_data
from cms.forms import DeleteAccountForm, ProfileForm
from cms.selectors import pending_centre_change
from cms.services.accounts import user_delete_account, user_personal_data, user_update_profile


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    initial = {f: getattr(user, f) for f in ["first_name", "last_name", "job_title", "phone"]}
    initial["centre"] = user.centre_id
    form = ProfileForm(request.POST or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = user_update_profile(user=user, actor=user, **form.cleaned_data)
        if "centre_request" in changed:
            messages.info(
                request,
                _(
                    "Prośba o zmianę ośrodka została przekazana koordynatorowi programu. "
                    "Do czasu jej zatwierdzenia pozostajesz w dotychczasowym ośrodku."
                ),
            )
        if set(changed) - {"centre_request"}:
            messages.success(request, _("Zapisano zmiany w profilu."))
        elif not changed:
            messages.info(request, _("Nie wprowadzono żadnych zmian."))
        return redirect("cms:profile")
    return render(
        request,
        "cms/profile.html",
        {"form": form, "pending_centre_change": pending_centre_change(user)},
    )


def _my_data_page(request, delete_form, status=200):
    data = user_personal_data(user=request.user)
    return render(
        request,
        "cms/my_data.html",
        {"sections": personal_data.present(data), "delete_form": delete_form},
        status=status,
    )


@login_required
@require_GET
def my_data(request):
    return _my_data_page(request, DeleteAccountForm(user=request.user))


@login_required
@require_GET
def my_data_export(request):
    data = user_personal_data(user=request.user)
    data["exported_at"] = timezone.now().isoformat()
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="akademia-osl-moje-dane.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def delete_account(request):
    form = DeleteAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return _my_data_page(request, form, status=400)
    user_delete_account(user=request.user)
    logout(request)
    messages.success(request, _("Twoje konto zostało usunięte, a dane osobowe wymazane."))
    return redirect("/")
