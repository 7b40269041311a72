"""Server CPU and SQL queries per request for the logged-in course pages, inside one process
(Django's test client, the demo participant with the animator course started). Steadier than a
load test on a busy machine; `--profile` prints the top of a cProfile run instead.

    DJANGO_SETTINGS_MODULE=cms.settings.production SECRET_KEY=x ALLOWED_HOSTS=127.0.0.1 \\
    SECURE_SSL_REDIRECT=false DATABASE_URL=postgres://root@127.0.0.1:5432/DB \\
    REDIS_URL=redis://127.0.0.1:6379/N .venv/bin/python bench/inprocess_logged_in.py

The database must hold the demo data (manage.py migrate && manage.py seed_demo)."""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from courses import services  # noqa: E402
from courses.models import CoursePage  # noqa: E402

PATHS = ["/katalog-kursow/animator-lokalny/mapa-potrzeb-i-zasobow/", "/kursy/moja-nauka/"]


def switch_off(parts):
    """Switch a cache part off in this process only, to measure what it saves."""
    if "route-cache" in parts:
        from cms.caching import urls

        urls.cached_page = lambda request, path: None
    if "person-cache" in parts:
        from courses import selectors

        selectors.cached_for_person = lambda namespace, pid, name, parts, compute: compute()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="*", default=PATHS)
    parser.add_argument("-n", type=int, default=50, help="requests per path and round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--show-queries", action="store_true")
    parser.add_argument(
        "--without",
        choices=["route-cache", "person-cache"],
        action="append",
        default=[],
        help="measure with a cache part switched off (docs/benchmarks.md, issue 9)",
    )
    args = parser.parse_args()
    switch_off(args.without)
    user = get_user_model().objects.get(email="uczestnik@demo.akademia-osl.pl")
    services.course_start(user=user, course=CoursePage.objects.get(slug="animator-lokalny"))
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    for path in args.paths:
        for _ in range(3):
            assert client.get(path).status_code == 200, path
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        print(f"{path}: {len(captured)} queries")
        if args.show_queries:
            for query in captured.captured_queries:
                print("   ", query["sql"][:300])
    if args.profile:
        for path in args.paths:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.n):
                client.get(path)
            profiler.disable()
            print(f"== {path}")
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
        return
    cpu = {path: [] for path in args.paths}
    for _ in range(args.rounds):
        for path in args.paths:
            started = time.process_time()
            for _ in range(args.n):
                client.get(path)
            cpu[path].append((time.process_time() - started) * 1000 / args.n)
    for path, values in cpu.items():
        rounds = [round(v, 1) for v in values]
        print(
            f"{path}: CPU ms/req median {statistics.median(values):.2f}, "
            f"min {min(values):.2f} {rounds}"
        )


if __name__ == "__main__":
    main()
