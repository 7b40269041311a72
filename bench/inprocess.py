"""Server CPU per request measured inside one process, through Django's test client, with the
query count: a steadier A/B than a load test on a busy machine, because both variants are
interleaved in the same process. Variants: the header/footer fragment cache on and off.

    DJANGO_SETTINGS_MODULE=cms.settings.production SECRET_KEY=x ALLOWED_HOSTS=127.0.0.1 \\
    SECURE_SSL_REDIRECT=false DATABASE_URL=sqlite:////tmp/osl.sqlite3 \\
        .venv/bin/python bench/inprocess.py / /konto/login/

The database must hold the demo data (manage.py migrate && manage.py seed_demo)."""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

VARIANTS = {"fragment cache on": 600, "fragment cache off": 0}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("-n", type=int, default=100, help="requests per path, variant and round")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    client = Client(HTTP_HOST="127.0.0.1")
    cpu = {(p, v): [] for p in args.paths for v in VARIANTS}
    queries = {}
    for _ in range(args.rounds):
        for variant, seconds in VARIANTS.items():
            cache.clear()  # "off" must not read fragments the "on" variant stored
            with override_settings(OSL_FRAGMENT_CACHE_SECONDS=seconds):
                for path in args.paths:
                    for _ in range(3):
                        assert client.get(path).status_code == 200, path
                    with CaptureQueriesContext(connection) as captured:
                        client.get(path)
                    queries[(path, variant)] = len(captured)
                    started = time.process_time()
                    for _ in range(args.n):
                        client.get(path)
                    cpu[(path, variant)].append((time.process_time() - started) * 1000 / args.n)
    print(f"{'path':<16}{'variant':<22}{'queries':>8}{'CPU ms/req (median)':>22}  rounds")
    for (path, variant), values in cpu.items():
        print(
            f"{path:<16}{variant:<22}{queries[(path, variant)]:>8}"
            f"{statistics.median(values):>22.2f}  {[round(v, 1) for v in values]}"
        )


if __name__ == "__main__":
    main()
