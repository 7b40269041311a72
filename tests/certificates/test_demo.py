import pytest

from certificates import demo
from certificates.models import CalReview, ParticipantCertificate, QualityCertificate
from cms import demo as cms_demo


@pytest.mark.django_db
def test_seed_is_idempotent_and_gives_the_demo_centre_certificates(client):
    cms_demo.seed()
    demo.seed()
    counts = (
        ParticipantCertificate.objects.count(),
        QualityCertificate.objects.count(),
        CalReview.objects.count(),
    )
    assert counts == (6, 2, 2)
    demo.seed()
    assert (
        ParticipantCertificate.objects.count(),
        QualityCertificate.objects.count(),
        CalReview.objects.count(),
    ) == counts
    assert client.login(email="osrodek@demo.akademia-osl.pl", password=cms_demo.DEMO_PASSWORD)
    assert client.get("/certyfikaty/osrodek/paczka.zip").status_code == 200
