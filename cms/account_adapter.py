"""allauth's adapter for this site: account e-mail goes through the outbox (cms.services.outbox)
like every other message, so signing up or asking for a password link never waits for, or
fails with, the mail server; and the messages name the site, not the host it answers on."""

from types import SimpleNamespace

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from wagtail.models import Site


def site_for_email(request=None) -> SimpleNamespace:
    """The site's name (Wagtail's default site's name, set by migration) and address."""
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    name = (site and site.site_name) or settings.WAGTAIL_SITE_NAME
    base = settings.SITE_URL.rstrip("/")
    return SimpleNamespace(name=name, domain=base.split("://", 1)[-1], url=base)


def _plural_pl(n: int, one: str, few: str, many: str) -> str:
    if n == 1:
        return one
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return few
    return many


def duration_pl(seconds: int) -> str:
    """ "3 dni", "1 dzień", "24 godziny", "1 godzinę" (after "przez"): how long a link is valid."""
    hours = max(1, seconds // 3600)
    if hours % 24 == 0:
        days = hours // 24
        return f"{days} {_plural_pl(days, 'dzień', 'dni', 'dni')}"
    return f"{hours} {_plural_pl(hours, 'godzinę', 'godziny', 'godzin')}"


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        from cms.services.outbox import email_queue, new_key

        request = allauth_context.request
        user = context.get("user")
        ctx = {
            "request": request,
            "email": email,
            "current_site": site_for_email(request),
            # How long the links stay valid, said in the messages.
            "password_reset_valid_for": duration_pl(settings.PASSWORD_RESET_TIMEOUT),
            "email_confirmation_expire_days": account_settings.EMAIL_CONFIRMATION_EXPIRE_DAYS,
            **context,
        }
        message = self.render_mail(template_prefix, email, ctx)
        kind = "account." + template_prefix.rsplit("/", 1)[-1]
        email_queue(
            key=new_key(kind),
            kind=kind,
            message=message,
            related=user if getattr(user, "pk", None) else None,
        )
