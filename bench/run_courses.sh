#!/usr/bin/env bash
# Courses benchmark: a throwaway database, demo data, gunicorn with production settings
# (2 sync workers, Redis as the shared cache) on a loopback port, then bench/load.py against the
# anonymous course catalogue, a course page and a module page, with
# the server's CPU time per request. Everything it creates is removed on exit.
#
#   bench/run_courses.sh                 # SQLite file in a temporary folder
#   BENCH_DB=postgres bench/run_courses.sh   # throwaway database on 127.0.0.1:5432
#
# Options through the environment: PORT (8797), CONCURRENCY (16), DURATION (20 s per path and
# run), REQUESTS (5000 per path and run), RUNS (3, interleaved; medians reported), JSON_OUT (file
# for the JSON report; default bench/results/courses-<date>.json).
set -euo pipefail

cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT=${PORT:-8797}
CONCURRENCY=${CONCURRENCY:-16}
DURATION=${DURATION:-20}
REQUESTS=${REQUESTS:-5000}
RUNS=${RUNS:-3}
BENCH_DB=${BENCH_DB:-sqlite}
PATHS=${PATHS:-"/katalog-kursow/ /katalog-kursow/animator-lokalny/ /katalog-kursow/animator-lokalny/mapa-potrzeb-i-zasobow/"}
LOGGED_IN_PATHS=${LOGGED_IN_PATHS:-"/katalog-kursow/animator-lokalny/mapa-potrzeb-i-zasobow/ /kursy/moja-nauka/"}
JSON_OUT=${JSON_OUT:-bench/results/courses-$(date -u +%Y%m%dT%H%M%SZ).json}
. bench/server.sh

# The page cache must be shared by both workers (cms/caching); a Redis database of its own.
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/9}
bench_setup
bench_start_gunicorn

echo "== load: anonymous catalogue, course and module pages, concurrency $CONCURRENCY, $RUNS interleaved runs"
$PY bench/load.py "http://127.0.0.1:$PORT" $PATHS \
    -c "$CONCURRENCY" -d "$DURATION" -n "$REQUESTS" --runs "$RUNS" \
    --server-pid "$GUNICORN_PID" --json >"$JSON_OUT"
bench_report "$JSON_OUT"

# A logged-in learner (the demo participant) who has started a course: a session made directly.
SESSION=$($PY manage.py shell -v0 -c '
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from courses import services
from courses.models import CoursePage
user = get_user_model().objects.get(email="uczestnik@demo.akademia-osl.pl")
services.course_start(user=user, course=CoursePage.objects.get(slug="animator-lokalny"))
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
')
echo "== load: logged-in module page and my learning page"
$PY bench/load.py "http://127.0.0.1:$PORT" $LOGGED_IN_PATHS -H "Cookie: sessionid=$SESSION" \
    -c "$CONCURRENCY" -d "$DURATION" -n "$REQUESTS" --runs "$RUNS" \
    --server-pid "$GUNICORN_PID" --json >"${JSON_OUT%.json}-logged-in.json"
bench_report "${JSON_OUT%.json}-logged-in.json"
