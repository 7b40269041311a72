"""What every certificates view shares."""

from django.shortcuts import render

PRIVATE = "private, no-store"


def private(response):
    response["Cache-Control"] = PRIVATE
    return response


def too_many(request, retry_after: int = 300):
    response = render(request, "certificates/rate_limited.html", status=429)
    response["Retry-After"] = str(max(1, retry_after))
    return response


def noindex(response):
    """Pages with people's names: search engines keep them out of their index."""
    response["X-Robots-Tag"] = "noindex"
    return response
