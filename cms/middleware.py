"""Response headers the whole site shares."""

from django.conf import settings
from django.utils.cache import patch_cache_control


class PrivatePagesMiddleware:
    """Every response to a logged-in person is personal (their name in the header, their data on
    the page): no shared cache or browser history keeps it. A view that sets its own
    Cache-Control keeps it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            and getattr(request, "user", None) is not None
            and request.user.is_authenticated
            and not response.has_header("Cache-Control")
        ):
            patch_cache_control(response, private=True, no_store=True)
        return response
