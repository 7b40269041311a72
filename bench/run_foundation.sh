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
JSON_OUT=${JSON_OUT:-bench/results/foundation-$(date -u +%Y%m%dT%H%M%SZ).json}
. bench/server.sh

if [ "$BENCH_CACHE" = redis ]; then
    export REDIS_URL="redis://127.0.0.1:6379/$REDIS_DB"
else
    unset REDIS_URL
    export CACHE_DIR="$WORK/cache"
fi
echo "== cache: $BENCH_CACHE"
bench_setup
bench_start_gunicorn

echo "== load: / and /konto/login/, concurrency $CONCURRENCY, $RUNS interleaved runs"
$PY bench/load.py "http://127.0.0.1:$PORT" / /konto/login/ \
    -c "$CONCURRENCY" -d "$DURATION" -n "$REQUESTS" --runs "$RUNS" \
    --server-pid "$GUNICORN_PID" --json >"$JSON_OUT"
bench_report "$JSON_OUT"
