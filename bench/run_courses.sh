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
PG_SERVER=${PG_SERVER:-postgres://root@127.0.0.1:5432}
mkdir -p bench/results
PATHS=${PATHS:-"/katalog-kursow/ /katalog-kursow/animator-lokalny/ /katalog-kursow/animator-lokalny/mapa-potrzeb-i-zasobow/"}
LOGGED_IN_PATHS=${LOGGED_IN_PATHS:-"/katalog-kursow/animator-lokalny/mapa-potrzeb-i-zasobow/ /kursy/moja-nauka/"}
JSON_OUT=${JSON_OUT:-bench/results/courses-$(date -u +%Y%m%dT%H%M%SZ).json}

WORK=$(mktemp -d /tmp/osl-bench.XXXXXX)
PG_DB="osl_bench_$$"
GUNICORN_PID=""
cleanup() {
    if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
        kill "$GUNICORN_PID"
        wait "$GUNICORN_PID" 2>/dev/null || true
    fi
    if [ "$BENCH_DB" = postgres ]; then
        dropdb --if-exists -h 127.0.0.1 -U root "$PG_DB" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

if [ "$BENCH_DB" = postgres ]; then
    createdb -h 127.0.0.1 -U root "$PG_DB"
    export DATABASE_URL="$PG_SERVER/$PG_DB"
else
    export DATABASE_URL="sqlite:///$WORK/bench.sqlite3"
fi
export DJANGO_SETTINGS_MODULE=cms.settings.production
SECRET_KEY=$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1
export SECURE_SSL_REDIRECT=false
# Production signs certificates only with a key from the environment: a throwaway one here.
CERTIFICATES_SIGNING_KEY=$($PY -c 'from cryptography.hazmat.primitives import serialization as s
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
print(Ed25519PrivateKey.generate().private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8,
      s.NoEncryption()).decode())')
export CERTIFICATES_SIGNING_KEY
# The page cache must be shared by both workers (cms/cache.py); a Redis database of its own.
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/9}
export MEDIA_ROOT="$WORK/media" PRIVATE_MEDIA_ROOT="$WORK/private"

echo "== set-up ($BENCH_DB) in $WORK"
$PY manage.py migrate --noinput -v0
$PY manage.py seed_demo >/dev/null
$PY manage.py collectstatic --noinput -v0

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    echo "Port $PORT is already in use: set PORT to a free port." >&2
    exit 1
fi
echo "== gunicorn on 127.0.0.1:$PORT (2 sync workers, production settings)"
.venv/bin/gunicorn cms.wsgi -w 2 -b "127.0.0.1:$PORT" --log-level warning &
GUNICORN_PID=$!
for _ in $(seq 1 100); do
    if $PY - "$PORT" <<'EOF' 2>/dev/null; then break; fi
import http.client, sys
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=2)
c.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
sys.exit(0 if c.getresponse().status == 200 else 1)
EOF
    sleep 0.2
done

report() {
    $PY - "$1" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
print(f"{'path':<58}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'CPU ms/req':>12}{'errors':>8}  statuses")
for row in report["paths"]:
    print(f"{row['path']:<58}{row['requests_per_second']:>8}{row['p50_ms']:>9}{row['p99_ms']:>9}"
          f"{row['server_cpu_ms_per_request']:>12}{row['errors']:>8}  {row['statuses']}")
print(f"JSON report: {sys.argv[1]}")
EOF
}

echo "== load: anonymous catalogue, course and module pages, concurrency $CONCURRENCY, $RUNS interleaved runs"
$PY bench/load.py "http://127.0.0.1:$PORT" $PATHS \
    -c "$CONCURRENCY" -d "$DURATION" -n "$REQUESTS" --runs "$RUNS" \
    --server-pid "$GUNICORN_PID" --json >"$JSON_OUT"
report "$JSON_OUT"

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
report "${JSON_OUT%.json}-logged-in.json"
