"""The e-mail "Twój certyfikat jest gotowy", queued through the outbox (cms.services.outbox) in
the issuing transaction and sent after it commits. No opt-out setting on purpose: this notice is
part of the funded programme's evidence that the holder received the certificate."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from cms.audit import audit
from enrolment.tasks import absolute

from .models import CertificateStatus, ParticipantCertificate


def certificate_issued_queue(cert: ParticipantCertificate) -> None:
    """Queue the notice for one certificate, once (the key is the certificate's), and log it."""
    from cms.services.outbox import email_queue

    holder = cert.holder
    if holder is None or not holder.email or holder.anonymised_at is not None:
        return
    email_queue(
        key=f"certificate:{cert.pk}:issued",
        kind="certificate.issued",
        renderer="certificates.notifications.render_certificate_issued_email",
        params={"certificate_id": cert.pk},
        to=[holder.email],
        related=cert,
    )
    audit(cert, "osl.certificate.notify", data={"number": cert.number})


def render_certificate_issued_email(certificate_id: int):
    """The notice as the outbox sends it; None when there is nothing to send any more."""
    cert = ParticipantCertificate.objects.select_related("holder").filter(pk=certificate_id).first()
    if cert is None or cert.status != CertificateStatus.ISSUED:
        return None
    holder = cert.holder
    if holder is None or not holder.email or holder.anonymised_at is not None:
        return None
    with translation.override("pl"):
        context = {
            "certificate": cert,
            "download_url": absolute(reverse("certificates:pdf", args=[cert.verification_code])),
            "verify_url": absolute(reverse("certificates:verify", args=[cert.verification_code])),
        }
        subject = _("Twój certyfikat jest gotowy")
        text = render_to_string("certificates/email/issued.txt", context)
        html = render_to_string("certificates/email/issued.html", context)
    message = EmailMultiAlternatives("[Akademia OSL] " + subject, text, to=[holder.email])
    message.attach_alternative(html, "text/html")
    return message
