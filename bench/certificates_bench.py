"""Benchmark: issue the whole programme's 3,000 participant certificates (PDF + signed
credential, each in its own transaction as the background task does), then build one centre's
ZIP of 50 (the service and the full HTTP download).

    .venv/bin/python bench/certificates_bench.py      # SQLite file in /tmp (fresh)
    BENCH_DATABASE_URL=postgres://root@127.0.0.1:5432/bench_certificates \\
        .venv/bin/python bench/certificates_bench.py  # PostgreSQL (the database is recreated)
    BENCH_WORKERS=1 BENCH_CERTIFICATES=300 ...        # one worker, fewer certificates
"""

import datetime
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BENCH_DATABASE_URL", "sqlite:////tmp/bench-certificates.sqlite3")
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
TOTAL = int(os.environ.get("BENCH_CERTIFICATES", "3000"))
# Issuing runs in background-task workers; this many processes share the work (as
# `manage.py db_worker` processes would). 1 = a single worker.
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
ZIP_SIZE = 50


def fresh_database():
    url = os.environ["BENCH_DATABASE_URL"]
    if url.startswith("sqlite:///"):
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    else:
        import psycopg

        name = url.rsplit("/", 1)[1]
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    shutil.rmtree(ROOT / "var" / "bench-private", ignore_errors=True)


def issue_for(user_ids) -> float:
    """Issue the certificates of these users, one call each (for the person's completed
    enrolment), as the background task does."""
    from certificates import services
    from cms.models import User

    cpu_start = time.process_time()
    days = [datetime.date(2026, 3, 12), datetime.date(2026, 3, 13)]
    users = User.objects.filter(pk__in=user_ids).prefetch_related("enrolments").order_by("pk")
    for user in users:
        enrolment = user.enrolments.all()[0]
        services.participant_certificate_issue(
            holder=user,
            enrolment_id=enrolment.pk,
            workshop_key=f"workshop:{enrolment.workshop_id}",
            course_title="Animator lokalny w Modelu OSL",
            role_name="Animator lokalny",
            workshop_dates=days,
            town="Łódź",
            hours=16,
            trainers=["Agnieszka Lewandowska", "Marek Wójcik"],
        )
    return time.process_time() - cpu_start


def completed_enrolments(users):
    """One completed enrolment per person, 25 people a workshop: the certificates' sources."""
    from django.utils import timezone
    from wagtail.models import Page

    from courses.models import CoursePage
    from enrolment.models import Enrolment, EnrolmentState, Venue, Workshop

    course = Page.get_first_root_node().add_child(
        instance=CoursePage(title="Animator lokalny w Modelu OSL", slug="animator-bench")
    )
    venue = Venue.objects.create(
        name="Centrum Szkoleniowe",
        street="ul. Długa 5",
        postal_code="00-950",
        town="Łódź",
        voivodeship="lodzkie",
    )
    times = {
        "day_one_date": datetime.date(2026, 3, 12),
        "day_two_date": datetime.date(2026, 3, 13),
        "day_one_start": datetime.time(9),
        "day_one_end": datetime.time(17),
        "day_two_start": datetime.time(9),
        "day_two_end": datetime.time(17),
    }
    workshops = Workshop.objects.bulk_create(
        Workshop(code=f"osl-bench-{n:04d}", course=course, venue=venue, **times)
        for n in range((len(users) + 24) // 25)
    )
    now = timezone.now()
    Enrolment.objects.bulk_create(
        Enrolment(
            workshop=workshops[i // 25],
            participant=user,
            centre_id=user.centre_id,
            state=EnrolmentState.CONFIRMED,
            completed_at=now,
        )
        for i, user in enumerate(users)
    )


def main():
    fresh_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0)
    from certificates import bundles
    from certificates.selectors import participant_certificates_for_bundle
    from cms import roles
    from cms.models import Centre, User

    roles.ensure_roles()
    centres = [
        Centre.objects.create(
            name=f"Ośrodek Pomocy Społecznej nr {i}",
            kind="ops",
            postal_code="00-001",
            town=f"Miasto {i}",
            county="powiat",
            voivodeship="mazowieckie",
        )
        for i in range(60)
    ]
    users = User.objects.bulk_create(
        User(
            email=f"osoba{i}@example.pl",
            first_name="Zażółć",
            last_name=f"Gęślą {i}",
            centre=centres[i % len(centres)],
        )
        for i in range(TOTAL)
    )
    completed_enrolments(users)
    print(f"database: {connection.vendor}, CPUs: {os.cpu_count()}")

    from django.db import connections

    chunks = [[u.pk for u in users[w::WORKERS]] for w in range(WORKERS)]
    connections.close_all()  # each worker opens its own connection
    start, cpu_start = time.perf_counter(), time.process_time()
    if WORKERS == 1:
        cpu = [issue_for(chunks[0])]
    else:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(WORKERS) as pool:
            cpu = pool.map(issue_for, chunks)
    issue_seconds = time.perf_counter() - start
    own_cpu = time.process_time() - cpu_start  # with one worker, the issuing itself
    cpu_seconds = own_cpu if WORKERS == 1 else sum(cpu) + own_cpu
    print(
        f"issue {TOTAL} certificates (PDF + credential): {issue_seconds:.1f} s wall, "
        f"{WORKERS} worker(s), {cpu_seconds:.1f} s CPU in all "
        f"({issue_seconds / TOTAL * 1000:.1f} ms each); "
        f"load average now {os.getloadavg()[0]:.1f}"
    )

    # One centre with 50 certificates for the ZIP.
    centre = centres[0]  # every 60th person: 50 of 3,000
    certs = list(participant_certificates_for_bundle(centre=centre)[:ZIP_SIZE])
    assert len(certs) == ZIP_SIZE, len(certs)
    runs = []
    for _ in range(7):
        start = time.perf_counter()
        archive = bundles.build_zip(participant_certificates_for_bundle(centre=centre)[:ZIP_SIZE])
        size = len(archive.read())
        archive.close()
        runs.append(time.perf_counter() - start)
    print(
        f"ZIP of {ZIP_SIZE} (query + read + zip): median {statistics.median(runs) * 1000:.0f} ms"
        f", {size / 1024:.0f} KiB"
    )

    coordinator = User.objects.create(
        email="koordynator@example.pl", centre=centre, coordinated_centre=centre
    )
    roles.add_role(coordinator, roles.CENTRE_COORDINATORS)
    client = Client()
    client.force_login(coordinator)
    runs = []
    for _ in range(7):
        start = time.perf_counter()
        response = client.get("/certyfikaty/osrodek/paczka.zip")
        body = b"".join(response.streaming_content)
        runs.append(time.perf_counter() - start)
    assert response.status_code == 200
    print(
        f"HTTP download of the centre's ZIP ({ZIP_SIZE} PDFs, {len(body) / 1024:.0f} KiB): "
        f"median {statistics.median(runs) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
