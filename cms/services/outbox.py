"""The one way the site sends e-mail: a transactional outbox.

- `email_queue` writes the message as an `OutgoingEmail` row inside the caller's transaction
  (so a rolled-back change sends nothing, and a committed one cannot lose its message) and asks
  the task queue to send it once that transaction has committed. No request ever talks to the
  mail server, so a mail server that is down never fails a request.
- `email_send` sends one row: it first *claims* it (queued → sending, in its own committed
  transaction, by a conditional UPDATE only one worker can win), then talks to the mail server,
  then marks it sent. A failure puts it back in the queue with a growing delay (RETRY_DELAYS);
  after the last one it is marked failed.
- At most once: a worker that dies after the server took the message and before it marked it
  sent leaves the row "sending". `emails_sweep` finds such rows after STALE_AFTER and marks them
  *uncertain*, never resends them by itself: the message may well have been delivered, and a
  second copy of an offer or a password link is worse than a person deciding. Programme
  coordinators see failed and uncertain messages in the admin and resend them
  (`email_resend`, audited). Each message carries a Message-ID made from its key, so a resent
  copy can be recognised as the same message.
- `emails_send_due` (the periodic job, cms.tasks.outbox_tick) sends what is due: retries, and
  messages whose task was lost (the process died between the commit and the enqueue)."""

import datetime
import hashlib
import logging
import uuid
from base64 import b64decode, b64encode

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from cms.audit import audit
from cms.models.outbox import OutgoingEmail, OutgoingEmailState

logger = logging.getLogger("akademia.outbox")

# Delay before each retry; after the last retry fails the message is marked failed.
RETRY_DELAYS = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
    datetime.timedelta(hours=12),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A claim older than this without an outcome: the worker died mid-send.
STALE_AFTER = datetime.timedelta(minutes=15)
# A queued message this late is shown as delayed to programme coordinators.
DELAYED_AFTER = datetime.timedelta(minutes=10)
DUE_BATCH = 200


def new_key(prefix: str) -> str:
    return f"{prefix}:{uuid.uuid4().hex}"


def _related(related) -> tuple[str, str]:
    if related is None:
        return "", ""
    return related._meta.label_lower, str(related.pk)


def email_queue(
    *,
    key: str,
    kind: str,
    to: list[str] | None = None,
    message: EmailMessage | None = None,
    renderer: str = "",
    params: dict | None = None,
    related=None,
) -> OutgoingEmail:
    """Put one message in the outbox, in the caller's transaction, and have it sent after the
    commit. Give either a rendered `message` or a `renderer` (the dotted path of a function
    taking `params` as keywords and returning an EmailMessage, or None when there is nothing
    to send any more) with the recipients in `to`. A second call with the same key queues
    nothing and returns the first row."""
    if (message is None) == (not renderer):
        raise ValueError("Give either a message or a renderer.")
    related_model, related_id = _related(related)
    fields = {
        "kind": kind,
        "renderer": renderer,
        "params": params or {},
        "related_model": related_model,
        "related_id": related_id,
        "next_attempt_at": timezone.now(),
    }
    if message is not None:
        fields.update(_message_fields(message))
    else:
        fields["to"] = list(to or [])
    with transaction.atomic():
        email, created = OutgoingEmail.objects.get_or_create(key=key, defaults=fields)
    if created:
        _send_after_commit(email.pk)
    return email


def _send_after_commit(pk: int) -> None:
    from cms.tasks import send_outgoing_email

    transaction.on_commit(lambda: send_outgoing_email.enqueue(pk))


def _message_fields(message: EmailMessage) -> dict:
    html = ""
    for content, mimetype in getattr(message, "alternatives", []) or []:
        if mimetype == "text/html":
            html = content
    attachments = []
    for attachment in message.attachments:
        if not isinstance(attachment, tuple):
            raise ValueError("Outbox attachments are (filename, content, mimetype) only.")
        filename, content, mimetype = attachment
        data = content.encode() if isinstance(content, str) else bytes(content)
        attachments.append(
            {"filename": filename, "mimetype": mimetype, "content": b64encode(data).decode()}
        )
    return {
        "to": list(message.to),
        "subject": message.subject,
        "body_text": message.body,
        "body_html": html,
        "from_email": message.from_email or "",
        "attachments": attachments,
        "headers": dict(message.extra_headers),
    }


def _build(email: OutgoingEmail) -> EmailMessage | None:
    if email.renderer:
        message = import_string(email.renderer)(**email.params)
        if message is None:
            return None
        # What was sent is kept, for the admin's list and a resend.
        fields = _message_fields(message)
        email.__dict__.update(fields)
        OutgoingEmail.objects.filter(pk=email.pk).update(**fields)
    message = EmailMultiAlternatives(
        email.subject,
        email.body_text,
        email.from_email or settings.DEFAULT_FROM_EMAIL,
        email.to,
        headers={**email.headers, "Message-ID": message_id(email.key)},
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    for attachment in email.attachments:
        message.attach(*_attachment(attachment))
    return message


def _attachment(attachment: dict) -> tuple[str, str | bytes, str]:
    """(filename, content, mimetype) for EmailMessage.attach(). A text part gets its charset
    from Django (utf-8): one given in the mimetype too would appear twice in the header, so it
    is dropped ("text/calendar; charset=utf-8; method=PUBLISH" → "text/calendar;
    method=PUBLISH", sent as text/calendar; method=PUBLISH; charset="utf-8")."""
    parts = [part.strip() for part in attachment["mimetype"].split(";")]
    mimetype = "; ".join(
        [parts[0], *(p for p in parts[1:] if p and not p.lower().startswith("charset="))]
    )
    data = b64decode(attachment["content"])
    if parts[0].startswith("text/"):
        return attachment["filename"], data.decode(), mimetype
    return attachment["filename"], data, mimetype


def message_id(key: str) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    domain = (settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1] or "localhost").strip("> ")
    return f"<{digest}@{domain}>"


def _claim(pk: int, now) -> bool:
    """queued → sending, committed before the mail server is called; only one caller wins."""
    with transaction.atomic():
        return bool(
            OutgoingEmail.objects.filter(
                pk=pk, state=OutgoingEmailState.QUEUED, next_attempt_at__lte=now
            ).update(state=OutgoingEmailState.SENDING, claimed_at=now, attempts=F("attempts") + 1)
        )


def email_send(pk: int, *, now=None) -> str | None:
    """Send one queued message if it is due; returns its new state (None if not claimed)."""
    now = now or timezone.now()
    if not _claim(pk, now):
        return None
    email = OutgoingEmail.objects.get(pk=pk)
    try:
        message = _build(email)
        if message is None:
            OutgoingEmail.objects.filter(pk=pk).update(state=OutgoingEmailState.SKIPPED)
            return OutgoingEmailState.SKIPPED
        message.send()
    except Exception as exc:  # the mail server, a template, anything: retried, then failed
        logger.warning("E-mail %s (%s) not sent: %s", pk, email.kind, exc)
        return _failed_attempt(email, now, f"{exc.__class__.__name__}: {exc}")
    OutgoingEmail.objects.filter(pk=pk, state=OutgoingEmailState.SENDING).update(
        state=OutgoingEmailState.SENT, sent_at=timezone.now(), last_error=""
    )
    return OutgoingEmailState.SENT


def _failed_attempt(email: OutgoingEmail, now, error: str) -> str:
    if email.attempts >= MAX_ATTEMPTS:
        state, next_at = OutgoingEmailState.FAILED, None
    else:
        state, next_at = OutgoingEmailState.QUEUED, now + RETRY_DELAYS[email.attempts - 1]
    OutgoingEmail.objects.filter(pk=email.pk, state=OutgoingEmailState.SENDING).update(
        state=state, next_attempt_at=next_at, last_error=error[:2000]
    )
    return state


def emails_sweep(*, now=None) -> int:
    """Mark messages claimed longer than STALE_AFTER ago as uncertain (not resent)."""
    now = now or timezone.now()
    return OutgoingEmail.objects.filter(
        state=OutgoingEmailState.SENDING, claimed_at__lt=now - STALE_AFTER
    ).update(
        state=OutgoingEmailState.UNCERTAIN,
        last_error="Wysyłka przerwana: nie wiadomo, czy serwer poczty przyjął wiadomość.",
    )


def emails_send_due(*, now=None) -> int:
    """The periodic job: sweep stale claims, then send every queued message that is due."""
    now = now or timezone.now()
    emails_sweep(now=now)
    due = list(
        OutgoingEmail.objects.filter(state=OutgoingEmailState.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:DUE_BATCH]
    )
    return sum(1 for pk in due if email_send(pk, now=now) == OutgoingEmailState.SENT)


RESENDABLE = (OutgoingEmailState.FAILED, OutgoingEmailState.UNCERTAIN)


def needs_attention(now=None):
    """Failed and uncertain messages, and queued ones that are late (for the admin)."""
    now = now or timezone.now()
    return OutgoingEmail.objects.filter(
        Q(state__in=RESENDABLE)
        | Q(state=OutgoingEmailState.QUEUED, next_attempt_at__lt=now - DELAYED_AFTER)
        | Q(state=OutgoingEmailState.QUEUED, attempts__gt=0)
    )


def email_resend(email: OutgoingEmail, *, actor) -> bool:
    """A person asks for a failed or uncertain message to be sent again, with a fresh round of
    retries. Returns False (and changes nothing) for a message in any other state."""
    with transaction.atomic():
        updated = OutgoingEmail.objects.filter(pk=email.pk, state__in=RESENDABLE).update(
            state=OutgoingEmailState.QUEUED, attempts=0, next_attempt_at=timezone.now()
        )
        if not updated:
            return False
        audit(email, "osl.outbox.resend", user=actor, data={"from": email.state})
        _send_after_commit(email.pk)
    return True


def emails_erase_for(user) -> int:
    """An account is deleted (RODO): the messages to the person's address, or about the account,
    go from the outbox, sent or not, so nothing more reaches them and no copy of what was
    written to them stays. Messages about their enrolments rendered later find the account
    anonymised and are skipped (enrolment.tasks.render_enrolment_email)."""
    rows = OutgoingEmail.objects.filter(
        Q(to__icontains=user.email)
        | Q(related_model=user._meta.label_lower, related_id=str(user.pk))
    )
    return rows.delete()[0]


def emails_prune(*, now=None) -> int:
    """Sent and skipped messages older than OSL_OUTBOX_KEEP_DAYS (30 by default) go: the outbox
    is a queue, not an archive of what people were written (the audit log keeps the events)."""
    now = now or timezone.now()
    days = getattr(settings, "OSL_OUTBOX_KEEP_DAYS", 30)
    return OutgoingEmail.objects.filter(
        state__in=(OutgoingEmailState.SENT, OutgoingEmailState.SKIPPED),
        created_at__lt=now - datetime.timedelta(days=days),
    ).delete()[0]
