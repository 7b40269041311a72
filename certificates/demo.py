"""Demo certificates: a few participants' certificates at the demo centre for trainings held
outside the platform, the certificates of the finished demo workshops (through the service the
completion signal uses), quality criteria, and CAL programme records for three centres, two of
them granted the quality certificate.

Idempotent: an outside training's certificate is looked up by holder and workshop key, an
enrolment's by the enrolment, records by centre and start date."""

import datetime

from django.db import transaction

from cms import roles
from cms.demo import _verified_user
from cms.models import Centre
from enrolment.models import Enrolment

from . import services
from .models import (
    CalConsultation,
    CalProgrammeRecord,
    CalRecordStatus,
    CertificateSource,
    CriterionMetric,
    ParticipantCertificate,
    QualityCertificate,
    QualityCriterion,
)

COURSES = [
    # key, title, role, days, town, hours, trainers
    (
        "wprowadzenie-2026-03",
        "Wprowadzenie do Modelu OSL",
        "",
        [datetime.date(2026, 3, 12), datetime.date(2026, 3, 13)],
        "Łódź",
        16,
        ["Agnieszka Lewandowska", "Marek Wójcik"],
    ),
    (
        "animator-2026-05",
        "Animator lokalny w Modelu OSL",
        "Animator lokalny",
        [datetime.date(2026, 5, 21), datetime.date(2026, 5, 22)],
        "Kraków",
        16,
        ["Joanna Kamińska", "Paweł Kaczmarek"],
    ),
]
STAFF = [
    ("pracownik1@demo.akademia-osl.pl", "Małgorzata", "Żurawska"),
    ("pracownik2@demo.akademia-osl.pl", "Łukasz", "Gęsicki"),
    ("pracownik3@demo.akademia-osl.pl", "Agnieszka", "Ślęzak"),
]
CRITERIA = [
    (CriterionMetric.LEVEL_ONE_TRAININGS, 5, "Pięć szkoleń I stopnia ukończonych przez zespół"),
    (CriterionMetric.CONSULTATIONS, 2, "Co najmniej dwie konsultacje II stopnia"),
    (CriterionMetric.LOCAL_PROJECTS, 2, "Dwa zrealizowane projekty lokalne"),
    (CriterionMetric.PARTNERSHIPS, 1, "Działające partnerstwo lokalne"),
    (CriterionMetric.VOLUNTEERS, 10, "Dziesięciu wolontariuszy"),
    (CriterionMetric.MONTHS_IN_PROGRAMME, 24, "Dwa lata w programie"),
]


def _participant_certificates(centre):
    participant = _verified_user(
        "uczestnik@demo.akademia-osl.pl", "Piotr", "Zieliński", "pracownik socjalny", centre
    )
    people = [participant] + [
        _verified_user(email, first, last, "pracownik socjalny", centre)
        for email, first, last in STAFF
    ]
    for person in people:
        roles.add_role(person, roles.PARTICIPANTS)
    for index, (key, title, role, days, town, hours, trainers) in enumerate(COURSES):
        workshop_key = f"demo-workshop:{key}"
        held = set(
            ParticipantCertificate.objects.filter(
                source=CertificateSource.OUTSIDE, workshop_key=workshop_key
            ).values_list("holder_id", flat=True)
        )
        for person in people if index == 0 else people[:2]:
            if person.pk in held:
                continue
            services.participant_certificate_issue(
                holder=person,
                enrolment_id=None,  # a training held outside the platform
                workshop_key=workshop_key,
                course_title=title,
                role_name=role,
                workshop_dates=days,
                town=town,
                hours=hours,
                trainers=trainers,
                centre=centre,
            )


def _enrolment_certificates() -> int:
    """Certificates for the finished demo workshops' completed enrolments, through the same
    service the completion signal uses. Idempotent: the service finds a certificate already
    issued for an enrolment and returns it."""
    issued = 0
    enrolment_ids = Enrolment.objects.filter(completed_at__isnull=False).order_by("pk")
    done = set(
        ParticipantCertificate.objects.filter(enrolment__isnull=False).values_list(
            "enrolment_id", flat=True
        )
    )
    for enrolment_id in enrolment_ids.values_list("pk", flat=True):
        if enrolment_id in done:
            continue
        if services.participant_certificate_for_completed_enrolment(enrolment_id=enrolment_id):
            issued += 1
    return issued


def _quality(reviewer):
    for metric, threshold, description in CRITERIA:
        QualityCriterion.objects.get_or_create(
            metric=metric, defaults={"threshold": threshold, "description": description}
        )
    centres = list(Centre.objects.order_by("pk")[:3])
    started = datetime.date(2023, 9, 1)
    for index, centre in enumerate(centres):
        record, created = CalProgrammeRecord.objects.get_or_create(
            centre=centre,
            started_on=started,
            defaults={
                "level_one_trainings_entered": 7 if index < 2 else 2,
                "local_projects": 3,
                "partnerships": 2,
                "volunteers": 25 if index < 2 else 4,
                "notes": "Dane przykładowe.",
            },
        )
        if created:
            CalConsultation.objects.create(
                record=record, held_on=datetime.date(2024, 4, 10), consultant="Anna Kowalska (CAL)"
            )
            CalConsultation.objects.create(
                record=record, held_on=datetime.date(2025, 2, 18), consultant="Jan Nowicki (CAL)"
            )
        if index < 2 and record.status == CalRecordStatus.IN_PROGRESS:
            services.cal_record_review(
                record=record,
                reviewer=reviewer,
                decision="grant",
                justification="Ośrodek spełnia wszystkie kryteria programu (dane przykładowe).",
                valid_from=datetime.date(2026, 1, 1),
                valid_until=datetime.date(2029, 1, 1),
            )


@transaction.atomic
def seed(stdout=None):
    centre = Centre.objects.order_by("pk").first()
    reviewer = roles.users_with_role(roles.PROGRAMME_COORDINATORS).order_by("pk").first()
    if centre is None or reviewer is None:
        return
    _participant_certificates(centre)
    _enrolment_certificates()
    _quality(reviewer)
    if stdout:
        stdout.write(
            f"  certyfikaty uczestników: {ParticipantCertificate.objects.count()}, "
            f"certyfikaty jakości: {QualityCertificate.objects.count()}"
        )
