# Akademia OSL: one image for the web app, the task worker and the scheduler (docs/deployment.md).
#   docker build -t akademia-osl .
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=cms.settings.production \
    MEDIA_ROOT=/data/media \
    PRIVATE_MEDIA_ROOT=/data/private \
    CACHE_DIR=/app/var/cache

# The dependencies first (a layer that changes only with pyproject.toml); psycopg, Pillow,
# cryptography and reportlab come as wheels, so no compiler is needed.
WORKDIR /app
COPY pyproject.toml ./
RUN pip install .

# The application, owned by root and read-only to the user that runs it.
COPY . .
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin osl \
    && mkdir -p /app/var /data/media /data/private \
    && chown osl:osl /app/var /data/media /data/private

# Static files collected and compressed at build (WhiteNoise serves them with hashed names).
# The settings need a secret to load: a throwaway one, for this command only.
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput -v0

USER osl
VOLUME ["/data/media", "/data/private"]
EXPOSE 8000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request as u; sys.exit(u.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"]

# gunicorn, tuned from the environment (deploy/gunicorn.conf.py); graceful stop on SIGTERM.
CMD ["gunicorn", "cms.wsgi", "--config", "deploy/gunicorn.conf.py"]
