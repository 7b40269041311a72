from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A forged or expired CSRF token: say so plainly in Polish, change nothing (403)."""
    return render(request, "403_csrf.html", status=403)
