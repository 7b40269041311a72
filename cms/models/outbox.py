"""The outbox: every e-mail the site sends is first a row here, written in the same transaction as
the change it tells about, and sent by a background task once that transaction has committed
(cms.services.outbox holds the rules: claiming, retrying, giving up)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingEmailState(models.TextChoices):
    QUEUED = "queued", _("w kolejce")
    SENDING = "sending", _("w trakcie wysyłki")
    SENT = "sent", _("wysłana")
    FAILED = "failed", _("nie wysłano")
    # The worker claimed it and did not come back: the server may or may not have taken it.
    # It is never sent again by itself; a person decides (resend).
    UNCERTAIN = "uncertain", _("nie wiadomo, czy wysłano")
    # Nothing to send any more (e.g. the enrolment it was about was removed).
    SKIPPED = "skipped", _("pominięta")


class OutgoingEmail(models.Model):
    key = models.CharField(
        _("klucz wiadomości"),
        max_length=200,
        unique=True,
        help_text=_("Ta sama wiadomość nie trafi do kolejki dwa razy."),
    )
    kind = models.CharField(_("rodzaj"), max_length=100)
    to = models.JSONField(_("adresaci"), default=list)
    # Either the rendered message (subject, text, HTML, attachments) or, when `renderer` is
    # set, a function (dotted path) that renders it from `params` as it is sent.
    subject = models.CharField(_("temat"), max_length=500, blank=True)
    body_text = models.TextField(_("treść"), blank=True)
    body_html = models.TextField(_("treść HTML"), blank=True)
    from_email = models.CharField(_("nadawca"), max_length=300, blank=True)
    attachments = models.JSONField(_("załączniki"), default=list, blank=True)
    headers = models.JSONField(_("nagłówki"), default=dict, blank=True)
    renderer = models.CharField(max_length=200, blank=True)
    params = models.JSONField(default=dict, blank=True)
    # What the message is about ("enrolment.enrolment", "12").
    related_model = models.CharField(max_length=100, blank=True)
    related_id = models.CharField(max_length=64, blank=True)

    state = models.CharField(
        _("stan"),
        max_length=16,
        choices=OutgoingEmailState.choices,
        default=OutgoingEmailState.QUEUED,
    )
    attempts = models.PositiveSmallIntegerField(_("próby"), default=0)
    next_attempt_at = models.DateTimeField(_("następna próba"), null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("ostatni błąd"), blank=True)
    created_at = models.DateTimeField(_("utworzono"), auto_now_add=True)
    sent_at = models.DateTimeField(_("wysłano"), null=True, blank=True)

    class Meta:
        verbose_name = _("wiadomość e-mail")
        verbose_name_plural = _("wiadomości e-mail")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="cms_outbox_due"),
            models.Index(fields=["related_model", "related_id"], name="cms_outbox_related"),
        ]

    def __str__(self):
        return f"{self.subject or self.kind} → {', '.join(self.to)}"
