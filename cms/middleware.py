"""Response headers the whole site shares, and the input it refuses outright."""

from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.generic.edit import ProcessFormView


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


class StrictInputMiddleware:
    """Input that is not what the site reads is refused with 400 before any view sees it, instead
    of being quietly repaired: Django turns bytes that are not UTF-8 into U+FFFD (in the path,
    the query string and form fields), which would then be stored and shown as if the person had
    typed it. Also a form body in another declared charset (Django would decode it with that
    charset, or fail on an unknown one).

    And a class-based view gets only the methods it implements (405 otherwise, before its own
    wrappers run), PUT not even on a form view, which Django's form views treat as POST (the
    function views' own decorators restrict them)."""

    FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._is_utf8(request):
            return render(request, "400.html", {"reason": "encoding"}, status=400)
        return self.get_response(request)

    def _is_utf8(self, request) -> bool:
        path = request.META.get("PATH_INFO", "")
        query = request.META.get("QUERY_STRING", "")
        if not (_wsgi_text_is_utf8(path) and _wsgi_text_is_utf8(query, query=True)):
            return False
        if request.content_type not in self.FORM_TYPES:
            return True
        charset = request.content_params.get("charset")
        if charset and charset.strip().lower().replace("_", "-") not in ("utf-8", "utf8"):
            return False
        if request.content_type == "application/x-www-form-urlencoded":
            return _bytes_are_utf8(unquote_to_bytes(request.body.replace(b"+", b" ")))
        # multipart: Django has decoded the fields with errors="replace" by now.
        return not any(
            "\ufffd" in key or any("\ufffd" in value for value in values)
            for key, values in request.POST.lists()
        ) and not any("\ufffd" in (f.name or "") for f in request.FILES.values())

    def process_view(self, request, view_func, view_args, view_kwargs):
        view_class = getattr(view_func, "view_class", None)
        if view_class is None:
            return None  # a function view: its decorator names its methods
        allowed = _methods_of(view_class)
        if request.method.lower() not in allowed:
            return HttpResponseNotAllowed(sorted(m.upper() for m in allowed))
        return None


def _methods_of(view_class) -> set[str]:
    """The methods a class-based view implements: Django answers the others with 405 too, but
    only in View.dispatch, after whatever the view wraps around it (allauth's views redirect a
    logged-in person first, or render a page). PUT is left out where it is only Django's form
    view treating it as POST."""
    methods = {m for m in view_class.http_method_names if hasattr(view_class, m)}
    if getattr(view_class, "put", None) is ProcessFormView.put:
        methods.discard("put")
    if "get" in methods:
        methods.add("head")  # as View.setup does
    return methods


def _bytes_are_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _wsgi_text_is_utf8(value: str, *, query: bool = False) -> bool:
    """A WSGI environ string holds the request's bytes as Latin-1 characters (an ASGI server
    passes text that is decoded already, which cannot be encoded back so). Percent-escapes are
    read too: Django puts the escapes back for bytes of the path that are not UTF-8."""
    try:
        raw = value.encode("latin-1")
    except UnicodeEncodeError:
        return "\ufffd" not in value
    if query:
        raw = raw.replace(b"+", b" ")
    return _bytes_are_utf8(raw) and _bytes_are_utf8(unquote_to_bytes(raw))
