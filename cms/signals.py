from allauth.account.signals import email_confirmed
from django.apps import apps
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from cms import roles
from cms.services.accounts import user_email_verified


@receiver(email_confirmed)
def _on_email_confirmed(sender, request, email_address, **kwargs):
    user_email_verified(user=email_address.user)


@receiver(post_migrate)
def _ensure_roles(sender, **kwargs):
    # Run once, after the last app has migrated, when every permission can exist.
    if sender is list(apps.get_app_configs())[-1]:
        roles.ensure_roles()
