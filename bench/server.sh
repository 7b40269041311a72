# Sourced by the bench/run_*.sh scripts: a throwaway database with the demo data and gunicorn
# with production settings (2 sync workers) on a loopback port. Everything it makes is removed on
# exit. The caller sets PY, PORT and BENCH_DB (sqlite | postgres), and the cache (REDIS_URL, or
# CACHE_DIR for the file cache) before calling bench_setup.

PG_SERVER=${PG_SERVER:-postgres://root@127.0.0.1:5432}
WORK=$(mktemp -d /tmp/osl-bench.XXXXXX)
PG_DB="osl_bench_$$"
GUNICORN_PID=""
mkdir -p bench/results

bench_cleanup() {
    if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
        kill "$GUNICORN_PID"
        wait "$GUNICORN_PID" 2>/dev/null || true
    fi
    if [ "$BENCH_DB" = postgres ]; then
        dropdb --if-exists -h 127.0.0.1 -U root "$PG_DB" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap bench_cleanup EXIT

# Database, production environment with throwaway secrets, migrate, demo data, static files.
bench_setup() {
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
    # A P-256 key (ES256, what Open Badges 3.0 validators accept).
    CERTIFICATES_SIGNING_KEY=$($PY -c 'from cryptography.hazmat.primitives import serialization as s
from cryptography.hazmat.primitives.asymmetric import ec
print(ec.generate_private_key(ec.SECP256R1()).private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8,
      s.NoEncryption()).decode())')
    export CERTIFICATES_SIGNING_KEY
    export MEDIA_ROOT="$WORK/media" PRIVATE_MEDIA_ROOT="$WORK/private"

    echo "== set-up ($BENCH_DB) in $WORK"
    $PY manage.py migrate --noinput -v0
    $PY manage.py seed_demo >/dev/null
    $PY manage.py collectstatic --noinput -v0
}

bench_start_gunicorn() {
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
        echo "Port $PORT is already in use: set PORT to a free port." >&2
        exit 1
    fi
    echo "== gunicorn on 127.0.0.1:$PORT (2 sync workers, production settings)"
    .venv/bin/gunicorn cms.wsgi -w 2 -b "127.0.0.1:$PORT" --log-level warning &
    GUNICORN_PID=$!
    for _ in $(seq 1 100); do
        if $PY - "$PORT" <<'PYEOF' 2>/dev/null; then break; fi
import http.client, sys
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=2)
c.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
sys.exit(0 if c.getresponse().status == 200 else 1)
PYEOF
        sleep 0.2
    done
}

# Print a bench/load.py JSON report as a table.
bench_report() {
    $PY - "$1" <<'PYEOF'
import json, sys
report = json.load(open(sys.argv[1]))
width = max(len(row["path"]) for row in report["paths"]) + 2
print(f"{'path':<{width}}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'CPU ms/req':>12}{'errors':>8}  statuses")
for row in report["paths"]:
    print(f"{row['path']:<{width}}{row['requests_per_second']:>8}{row['p50_ms']:>9}"
          f"{row['p99_ms']:>9}{row['server_cpu_ms_per_request']:>12}{row['errors']:>8}"
          f"  {row['statuses']}")
print(f"JSON report: {sys.argv[1]}")
PYEOF
}
