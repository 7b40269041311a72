"""Benchmark: build the Bitstring Status List for 30,000 certificates (10% revoked, 5%
superseded), and the signing cost of one credential with ES256 (P-256) against EdDSA (Ed25519).

    .venv/bin/python bench/status_list_bench.py      # SQLite file in /tmp (fresh)
    BENCH_DATABASE_URL=postgres://root@127.0.0.1:5432/bench_status_list \\
        .venv/bin/python bench/status_list_bench.py  # PostgreSQL (the database is recreated)
    BENCH_CERTIFICATES=3000 ...                      # fewer certificates

The rows are bulk-inserted (issuing 30,000 through the service is bench/certificates_bench.py's
subject); what is timed is what the status list URL does: the query, the bitstring, GZIP,
base64url and one ES256 signature (the cache of the signed list is cleared each round)."""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BENCH_DATABASE_URL", "sqlite:////tmp/bench-status-list.sqlite3")
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
TOTAL = int(os.environ.get("BENCH_CERTIFICATES", "30000"))
ROUNDS = 20

sys.path.insert(0, str(ROOT / "bench"))
from certificates_bench import fresh_database  # noqa: E402


def make_certificates():
    from django.utils import timezone

    from certificates.models import ParticipantCertificate, RevocationKind
    from cms.models import User

    holder = User.objects.create(email="bench@example.pl", first_name="Anna", last_name="Nowak")
    now = timezone.now()
    day = datetime.date(2026, 3, 12)
    rows = []
    for n in range(TOTAL):
        status, kind, revoked_at, superseded_at = "issued", "", None, None
        if n % 10 == 3:
            status, kind, revoked_at = "revoked", RevocationKind.MANUAL, now
        elif n % 20 == 7:
            status, superseded_at = "superseded", now
        rows.append(
            ParticipantCertificate(
                number=f"OSL/2026/{n + 1:06d}",
                verification_code=f"B{n:011d}",
                status=status,
                revocation_kind=kind,
                revoked_at=revoked_at,
                superseded_at=superseded_at,
                status_index=n,
                holder=holder,
                holder_name="Anna Nowak",
                source="outside",
                course_title="Animator lokalny w Modelu OSL",
                workshop_dates=[day.isoformat()],
                first_day=day,
                last_day=day,
                town="Łódź",
                hours=16,
                issuer="Stowarzyszenie CAL",
            )
        )
    ParticipantCertificate.objects.bulk_create(rows, batch_size=2000)


def time_status_list() -> list[float]:
    from django.core.cache import cache

    from certificates import status_list

    status_list.signed_status_list()  # the key registered, connections warm
    timings = []
    for _ in range(ROUNDS):
        cache.clear()
        start = time.perf_counter()
        status_list.signed_status_list()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def time_signing() -> dict[str, float]:
    """Microseconds to sign one credential's JWT payload, per algorithm (joserfc)."""
    import json

    from joserfc import jws
    from joserfc.jwk import ECKey, OKPKey

    from certificates.models import ParticipantCertificate

    payload = json.dumps(ParticipantCertificate.objects.first().credential or {"a": 1}).encode()
    payload = payload if len(payload) > 500 else b"x" * 2500  # a credential is about 2.5 kB
    results = {}
    for algorithm, key in (
        ("ES256", ECKey.generate_key("P-256", private=True)),
        ("EdDSA", OKPKey.generate_key("Ed25519", private=True)),
    ):
        header = {"alg": algorithm, "kid": "https://example.pl/klucze/k.json", "typ": "JWT"}
        jws.serialize_compact(header, payload, key, algorithms=[algorithm])
        count = 2000
        start = time.perf_counter()
        for _ in range(count):
            jws.serialize_compact(header, payload, key, algorithms=[algorithm])
        results[algorithm] = (time.perf_counter() - start) / count * 1e6
    return results


def main():
    fresh_database()
    import warnings

    import django

    warnings.simplefilter("ignore")  # joserfc warns that EdDSA is deprecated (RFC 9864)
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    make_certificates()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would after a load like this
    timings = time_status_list()
    print(f"database: {connection.vendor}, certificates: {TOTAL} (15% not valid)")
    print(
        f"status list (query, bitstring, gzip, ES256): median {statistics.median(timings):.1f} ms,"
        f" min {min(timings):.1f} ms, max {max(timings):.1f} ms over {ROUNDS} builds"
    )
    for algorithm, micros in time_signing().items():
        print(f"signing one credential, {algorithm}: {micros:.0f} µs")


if __name__ == "__main__":
    main()
