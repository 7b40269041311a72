#!/usr/bin/env bash
# Foundation benchmark: a throwaway database, demo data, gunicorn with production settings
# (2 sync workers) on a loopback port, then bench/load.py against the home and log-in pages with
# the server's CPU time per request. Everything it creates is removed on exit.
#
#   bench/run_foundation.sh                 # SQLite file in a temporary folder
#   BENCH_DB=postgres bench/run_foundation.sh   # throwaway database on 127.0.0.1:5432
#   BENCH_CACHE=file bench/run_foundation.sh    # no Redis: the production default, a file cache
#                                               # shared by the workers (in the temporary folder)
#
# By default the cache is Redis (REDIS_URL=redis://127.0.0.1:6379/$REDIS_DB, db 13), as in a
# production deployment; the seeding step starts a new fragment-cache generation there.
#
# Options through the environment: PORT (8765), CONCURRENCY (16), DURATION (20 s per path and
# run), REQUESTS (5000 per path and run), RUNS (3, interleaved; medians reported), JSON_OUT (file
# for the JSON report; default bench/results/foundation-<date>.json).
set -euo pipefail

cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT=${PORT:-8765}
CONCURRENCY=${CONCURRENCY:-16}
DURATION=${DURATION:-20}
REQUESTS=${REQUESTS:-5000}
RUNS=${RUNS:-3}
BENCH_DB=${BENCH_DB:-sqlite}
BENCH_CACHE=${BENCH_CACHE:-redis}
REDIS_DB=${REDIS_DB:-13}
PG_SERVER=${PG_SERVER:-postgres://root@127.0.0.1:5432}
mkdir -p bench/results
JSON_OUT=${JSON_OUT:-bench/results/foundation-$(date -u +%Y%m%dT%H%M%SZ).json}

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
if [ "$BENCH_CACHE" = redis ]; then
    export REDIS_URL="redis://127.0.0.1:6379/$REDIS_DB"
else
    unset REDIS_URL
    export CACHE_DIR="$WORK/cache"
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
export MEDIA_ROOT="$WORK/media" PRIVATE_MEDIA_ROOT="$WORK/private"

echo "== set-up ($BENCH_DB, cache $BENCH_CACHE) in $WORK"
$PY manage.py migrate --noinput -v0
$PY manage.py seed_demo >/dev/null
$PY manage.py collectstatic --noinput -v0

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

echo "== load: / and /konto/login/, concurrency $CONCURRENCY, $RUNS interleaved runs"
$PY bench/load.py "http://127.0.0.1:$PORT" / /konto/login/ \
    -c "$CONCURRENCY" -d "$DURATION" -n "$REQUESTS" --runs "$RUNS" \
    --server-pid "$GUNICORN_PID" --json >"$JSON_OUT"
$PY - "$JSON_OUT" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
print(f"{'path':<16}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'CPU ms/req':>12}{'errors':>8}  statuses")
for row in report["paths"]:
    print(f"{row['path']:<16}{row['requests_per_second']:>8}{row['p50_ms']:>9}{row['p99_ms']:>9}"
          f"{row['server_cpu_ms_per_request']:>12}{row['errors']:>8}  {row['statuses']}")
print(f"JSON report: {sys.argv[1]}")
EOF
