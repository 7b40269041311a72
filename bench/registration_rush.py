"""Registration rush: 3,000 people signing up across 120 workshops at once, against gunicorn
(production settings) on PostgreSQL, loopback only, bounded in count and time.

    .venv/bin/python bench/registration_rush.py            # defaults below
    .venv/bin/python bench/registration_rush.py --people 3000 --workshops 120 -c 24 -w 4

It creates a throwaway database (dropped at the end), migrates it, writes the workshops and the
people with a logged-in session each (setup is not timed), starts gunicorn on 127.0.0.1, then
keeps `concurrency` client threads posting sign-ups until every person has posted once. Popular
workshops get more people than seats, so some sign-ups queue on the same row lock and end on the
waiting list. Afterwards it reads the database: every person must have exactly one enrolment and
no workshop may hold more confirmed seats than its capacity. It also measures the anonymous
catalogue and workshop pages (--page-requests each), re-reading seats-left after the rush.

Reports sign-ups/s, p50/p99 latency, errors, over-capacity workshops, and for each phase the CPU
the server used per request: gunicorn (all its workers) and the PostgreSQL backends serving this
database, read from /proc, so a busy machine shows as time, not as cost. Also the load average at
start and end. Writes JSON with --json. With --redis-url the cache is Redis (as in a production
with REDIS_URL); without it, production's file cache."""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import CLK_TCK, process_tree_cpu_seconds  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
PG_SERVER = os.environ.get("PG_SERVER", "postgres://root@127.0.0.1:5432")
MAX_PEOPLE = 20_000
MAX_SECONDS = 600.0  # the rush stops after this, whatever is left


def env_for(db_name: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{PG_SERVER}/{db_name}",
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="bench-only-" + "x" * 40,
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="127.0.0.1",
        DB_CONN_MAX_AGE="600",
    )
    return env


def psql(sql: str, capture: bool = False) -> str:
    done = subprocess.run(
        ["psql", "-qAt", "-h", "127.0.0.1", "-U", "root", "-d", "postgres", "-c", sql],
        check=True,
        capture_output=capture,
        text=True,
    )
    return done.stdout if capture else ""


class CpuMeter:
    """CPU seconds of gunicorn's process tree and of the PostgreSQL backends on the database."""

    def __init__(self, gunicorn_pid: int, db: str):
        self.gunicorn_pid, self.db = gunicorn_pid, db

    def _backends(self) -> dict[int, float]:
        pids = psql(f"SELECT pid FROM pg_stat_activity WHERE datname = '{self.db}'", True)
        cpu = {}
        for pid in (int(p) for p in pids.split()):
            try:
                with open(f"/proc/{pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            cpu[pid] = (int(fields[11]) + int(fields[12])) / CLK_TCK
        return cpu

    def read(self):
        return process_tree_cpu_seconds(self.gunicorn_pid), self._backends()

    @staticmethod
    def per_request(before, after, requests: int) -> dict:
        app = after[0] - before[0]
        db = sum(seconds - before[1].get(pid, 0.0) for pid, seconds in after[1].items())
        return {
            "app_cpu_ms_per_request": round(app * 1000 / requests, 2),
            "db_cpu_ms_per_request": round(db * 1000 / requests, 2),
        }


SETUP = r"""
import datetime, json, sys
import django
django.setup()
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone
from wagtail.models import Locale, Page
from cms import roles
from cms.models import Centre
from courses.models import CourseIndexPage, CoursePage
from enrolment.models import Venue, Workshop

people, n_workshops = int(sys.argv[1]), int(sys.argv[2])
roles.ensure_roles()
root = Page.get_first_root_node()
index = root.add_child(instance=CourseIndexPage(title="Kursy", slug="kursy-bench"))
course = index.add_child(instance=CoursePage(title="Animator lokalny", slug="animator"))
centres = Centre.objects.bulk_create(
    Centre(name=f"OPS {i}", kind="ops", postal_code="00-950", town=f"Miasto {i}",
           county="powiat", voivodeship="mazowieckie") for i in range(100)
)
venue = Venue.objects.create(name="Sala", street="ul. Długa 1", postal_code="00-950",
                             town="Warszawa", voivodeship="mazowieckie")
start = timezone.localdate() + datetime.timedelta(days=30)
workshops = Workshop.objects.bulk_create(
    Workshop(code=f"rush-{i:03d}", course=course, venue=venue,
             day_one_date=start + datetime.timedelta(days=3 * i),
             day_two_date=start + datetime.timedelta(days=3 * i + 1),
             day_one_start=datetime.time(9), day_one_end=datetime.time(16),
             day_two_start=datetime.time(9), day_two_end=datetime.time(15),
             capacity=25, centre_cap=5 if i % 4 == 0 else None, state="published")
    for i in range(n_workshops)
)
User = get_user_model()
users = User.objects.bulk_create(
    User(email=f"rush{i:05d}@example.pl", first_name="Osoba", last_name=f"N{i}",
         centre=centres[i % len(centres)], password="!unusable")
    for i in range(people)
)
group = Group.objects.get(name=roles.PARTICIPANTS)
User.groups.through.objects.bulk_create(
    User.groups.through(user_id=u.pk, group_id=group.pk) for u in users
)
sessions, out = [], []
store = SessionStore()
expire = timezone.now() + datetime.timedelta(days=1)
backend = "django.contrib.auth.backends.ModelBackend"
for u in users:
    key = store._get_new_session_key()
    data = {"_auth_user_id": str(u.pk), "_auth_user_backend": backend,
            "_auth_user_hash": u.get_session_auth_hash()}
    sessions.append(Session(session_key=key, session_data=store.encode(data), expire_date=expire))
    out.append(key)
Session.objects.bulk_create(sessions, batch_size=1000)
json.dump({"sessions": out, "codes": [w.code for w in workshops]}, sys.stdout)
"""

VERIFY = r"""
import json, sys
import django
django.setup()
from django.db.models import Count, Q
from enrolment.models import SEAT_HOLDING_STATES, Enrolment, Workshop
rows = list(Workshop.objects.filter(code__startswith="rush-").annotate(
    confirmed=Count("enrolments", filter=Q(enrolments__state__in=SEAT_HOLDING_STATES)),
    waiting=Count("enrolments", filter=Q(enrolments__state="waitlisted")),
).values("code", "capacity", "confirmed", "waiting"))
per_person = {}
for pid, n in Enrolment.objects.values_list("participant_id").annotate(n=Count("pk")):
    per_person[n] = per_person.get(n, 0) + 1
json.dump({"workshops": rows, "enrolments_per_person": per_person,
           "enrolments": Enrolment.objects.count()}, sys.stdout)
"""


def pick_workshop(i: int, codes: list[str]) -> str:
    # Every third person wants one of the ten most popular workshops; the rest spread evenly.
    if i % 3 == 0:
        return codes[(i // 3) % 10]
    return codes[i % len(codes)]


class Rush:
    def __init__(self, port, sessions, codes, concurrency, deadline):
        self.port = port
        self.jobs = list(enumerate(sessions))
        self.codes = codes
        self.concurrency = concurrency
        self.deadline = deadline
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.statuses: Counter = Counter()
        self.errors: list[str] = []

    def next_job(self):
        with self.lock:
            if not self.jobs or time.monotonic() > self.deadline:
                return None
            return self.jobs.pop(0)

    def worker(self):
        conn = None
        while (job := self.next_job()) is not None:
            i, session = job
            csrf = secrets.token_hex(16)  # 32 characters: an unmasked CSRF secret
            body = f"csrfmiddlewaretoken={csrf}"
            headers = {
                "Host": "127.0.0.1",
                "Cookie": f"sessionid={session}; csrftoken={csrf}",
                "Content-Type": "application/x-www-form-urlencoded",
            }
            path = f"/szkolenia/{pick_workshop(i, self.codes)}/zapisz/"
            started = time.perf_counter()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                conn.request("POST", path, body=body, headers=headers)
                response = conn.getresponse()
                payload = response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as exc:
                status = 0
                payload = repr(exc).encode()
                if conn:
                    conn.close()
                conn = None
            elapsed = time.perf_counter() - started
            with self.lock:
                self.latencies.append(elapsed)
                self.statuses[status] += 1
                if status != 302:
                    self.errors.append(f"{status} {path} {payload[:200]!r}")
        if conn:
            conn.close()

    def run(self):
        threads = [threading.Thread(target=self.worker) for _ in range(self.concurrency)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return time.perf_counter() - started


def get_many(port, path, count, concurrency):
    latencies, statuses, lock = [], Counter(), threading.Lock()
    remaining = [count]

    def worker():
        conn = None
        while True:
            with lock:
                if remaining[0] <= 0:
                    break
                remaining[0] -= 1
            started = time.perf_counter()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", path, headers={"Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException):
                status = 0
                conn = None
            with lock:
                latencies.append(time.perf_counter() - started)
                statuses[status] += 1

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return summary(latencies, elapsed, statuses)


def summary(latencies, elapsed, statuses):
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "seconds": round(elapsed, 2),
        "per_second": round(len(ordered) / elapsed, 1) if elapsed else 0,
        "p50_ms": round(statistics.median(ordered) * 1000, 1) if ordered else None,
        "p99_ms": round(ordered[int(len(ordered) * 0.99) - 1] * 1000, 1) if ordered else None,
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
    }


def wait_for(port, proc, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("gunicorn exited during start-up")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer /healthz")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--workshops", type=int, default=120)
    parser.add_argument("-c", "--concurrency", type=int, default=24)
    parser.add_argument("-w", "--gunicorn-workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--page-requests", type=int, default=2000)
    parser.add_argument("--json", help="write the report to this file")
    parser.add_argument("--redis-url", help="use this Redis as the cache (e.g. redis://…/12)")
    args = parser.parse_args()
    if not 1 <= args.people <= MAX_PEOPLE or not 1 <= args.concurrency <= 128:
        raise SystemExit("people must be 1..20000 and concurrency 1..128")

    db = f"osl_rush_{os.getpid()}"
    env = env_for(db)
    load_at_start = os.getloadavg()
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
        subprocess.run(["redis-cli", "-u", args.redis_url, "FLUSHDB"], check=True)
    else:
        env["CACHE_DIR"] = f"/tmp/osl_rush_cache_{os.getpid()}"
    gunicorn = None
    psql(f"CREATE DATABASE {db}")
    try:
        print(f"setup: database {db}, migrate, {args.people} people, {args.workshops} workshops")
        subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run(
            [PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
        )
        out = subprocess.run(
            [PY, "-c", SETUP, str(args.people), str(args.workshops)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        data = json.loads(out)
        gunicorn = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "cms.wsgi",
                "-w",
                str(args.gunicorn_workers),
                "-b",
                f"127.0.0.1:{args.port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        wait_for(args.port, gunicorn)
        # One warm-up request per worker process, so imports are not timed.
        get_many(args.port, "/szkolenia/", args.gunicorn_workers * 4, args.gunicorn_workers)

        meter = CpuMeter(gunicorn.pid, db)
        before = meter.read()
        client_cpu = time.process_time()
        rush = Rush(
            args.port,
            data["sessions"],
            data["codes"],
            args.concurrency,
            time.monotonic() + MAX_SECONDS,
        )
        elapsed = rush.run()
        after = meter.read()
        signups = summary(rush.latencies, elapsed, rush.statuses)
        signups.update(CpuMeter.per_request(before, after, len(rush.latencies)))
        signups["client_cpu_ms_per_request"] = round(
            (time.process_time() - client_cpu) * 1000 / max(len(rush.latencies), 1), 2
        )
        signups["errors"] = len(rush.errors)
        signups["error_samples"] = rush.errors[:5]

        pages = {}
        for name, path in (
            ("catalogue", "/szkolenia/"),
            ("workshop", f"/szkolenia/{data['codes'][0]}/"),
        ):
            before = meter.read()
            pages[name] = get_many(args.port, path, args.page_requests, 16)
            pages[name].update(CpuMeter.per_request(before, meter.read(), args.page_requests))
        check = json.loads(
            subprocess.run(
                [PY, "-c", VERIFY], cwd=ROOT, env=env, check=True, capture_output=True, text=True
            ).stdout
        )
        over = [w for w in check["workshops"] if w["confirmed"] > w["capacity"]]
        report = {
            "people": args.people,
            "workshops": args.workshops,
            "concurrency": args.concurrency,
            "gunicorn_workers": args.gunicorn_workers,
            "signups": signups,
            "enrolments": check["enrolments"],
            "enrolments_per_person": check["enrolments_per_person"],
            "confirmed": sum(w["confirmed"] for w in check["workshops"]),
            "waitlisted": sum(w["waiting"] for w in check["workshops"]),
            "over_capacity_workshops": len(over),
            "pages": pages,
            "cpu_count": os.cpu_count(),
            "cache": "redis" if args.redis_url else "file",
            "load_average": {"start": load_at_start, "end": os.getloadavg()},
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))
        if args.json:
            Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False))
        ok = not over and signups["errors"] == 0 and check["enrolments"] == args.people
        sys.exit(0 if ok else 1)
    finally:
        if gunicorn and gunicorn.poll() is None:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
        psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
        if not args.redis_url:
            shutil.rmtree(env["CACHE_DIR"], ignore_errors=True)


if __name__ == "__main__":
    main()
