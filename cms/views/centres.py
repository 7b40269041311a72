from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cms.selectors import centre_staff, coordinated_centre


@login_required
@require_GET
def my_centre(request):
    """A centre coordinator's view of their own centre's staff; nobody else's."""
    centre = coordinated_centre(request.user)
    if centre is None:
        raise PermissionDenied
    return render(
        request,
        "cms/my_centre.html",
        {
            "centre": centre,
            "staff": centre_staff(centre),
        },
    )
