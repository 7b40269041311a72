"""What every certificates view shares."""

from django.shortcuts import render

PRIVATE = "private, no-store"


def private(response):
    response["Cache-Control"] = PRIVATE
    return response


def too_many(request):
    response = render(request, "certificates/rate_limited.html", status=429)
    response["Retry-After"] = "300"
    return response
