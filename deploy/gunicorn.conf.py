"""gunicorn for the container image (Dockerfile): everything tunable from the environment.

The worker model stays gunicorn's sync workers, as `make serve-prod` and the benchmarks run,
until the contention work (issue 17, part 4) chooses another: GUNICORN_WORKER_CLASS=gthread
with GUNICORN_THREADS=4, say. On SIGTERM gunicorn stops accepting connections, lets requests
in flight finish for up to graceful_timeout seconds, then exits."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# A worker is replaced now and then, so that a slow leak never grows for long.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
# The proxy in front (nginx, the load balancer) is the only client; it sets X-Forwarded-*.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "*")
