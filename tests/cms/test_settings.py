"""Deployment settings, security headers and Polish-first localisation."""

import base64
import datetime
import json
import os
import re
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.utils import formats, translation

from cms import roles
from tests.cms.helpers import signup_data, text
from tests.factories import CentreFactory, UserFactory

ROOT = settings.BASE_DIR
PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "d = s.DATABASES['default']; "
    "print(json.dumps({'engine': d['ENGINE'], 'name': d['NAME'], 'host': d.get('HOST'), "
    "'port': d.get('PORT'), 'user': d.get('USER'), 'debug': s.DEBUG, "
    "'hosts': s.ALLOWED_HOSTS, 'email': s.EMAIL_HOST}))"
)


def run(args, **env):
    """Run Python with production settings and only the environment given (plus PATH/HOME):
    nothing leaks in from the test process (its DATABASE_URL, DJANGO_ALLOW_ASYNC_UNSAFE)."""
    base = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    base.update({"DJANGO_SETTINGS_MODULE": "cms.settings.production", **env})
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120
    )


def production_env():
    return {
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "example.org",
        # the ESF participant data's key (programme.sealing; check --deploy warns without it)
        "OSL_PERSONAL_DATA_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
    }


def test_production_settings_pass_check_deploy():
    result = run(["manage.py", "check", "--deploy"], **production_env())

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output
    assert "WARNINGS" not in output


def test_production_settings_need_a_secret_key():
    result = run(["manage.py", "check"], ALLOWED_HOSTS="example.org")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_settings_come_from_the_environment():
    result = run(
        ["-c", PROBE],
        SECRET_KEY=secrets.token_urlsafe(64),
        DATABASE_URL="postgres://osl:tajne@db.example.org:5433/akademia",
        ALLOWED_HOSTS="akademia.example.org,www.akademia.example.org",
        EMAIL_HOST="smtp.example.org",
    )

    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout)
    assert facts["engine"] == "django.db.backends.postgresql"
    assert (facts["name"], facts["host"], facts["port"], facts["user"]) == (
        "akademia",
        "db.example.org",
        5433,
        "osl",
    )
    assert facts["debug"] is False
    assert facts["hosts"] == ["akademia.example.org", "www.akademia.example.org"]
    assert facts["email"] == "smtp.example.org"


@pytest.mark.django_db
def test_public_pages_carry_a_strict_content_security_policy(client, site_pages):
    _, about = site_pages
    for path in ["/", "/en/", about.url, "/konto/login/"]:
        response = client.get(path)
        policy = response["Content-Security-Policy"]
        directives = dict(
            (part.split(" ", 1) + [""])[:2] for part in (p.strip() for p in policy.split(";"))
        )
        assert directives["script-src"] == "'self'", policy
        assert directives["style-src"] == "'self'", policy
        assert "unsafe-inline" not in policy
        assert directives["frame-ancestors"] == "'none'"
        body = text(response)
        # Nothing inline that the policy would block.
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body), path
        assert " style=" not in body, path
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_polish_is_the_default_language():
    assert settings.LANGUAGE_CODE == "pl"
    assert [code for code, _ in settings.LANGUAGES] == ["pl", "en"]
    assert settings.TIME_ZONE == "Europe/Warsaw"


@pytest.mark.django_db
def test_html_lang_follows_the_language(client, site_pages):
    polish = client.get("/")
    english = client.get("/en/")

    assert '<html lang="pl">' in text(polish)
    assert polish["Content-Language"] == "pl"
    assert '<html lang="en">' in text(english)
    assert english["Content-Language"] == "en"
    assert "Od pomocy do samopomocy" in text(polish)
    assert "From help to self-help" in text(english)
    # Each page links to its translation.
    assert 'hreflang="en"' in text(polish)
    assert 'href="/en/"' in text(polish)


@pytest.mark.django_db
def test_account_pages_are_polish_at_the_root_and_english_under_en(client):
    polish = text(client.get("/konto/login/"))
    english = text(client.get("/en/konto/login/"))

    assert '<html lang="pl">' in polish
    assert "Zaloguj się" in polish
    assert '<html lang="en">' in english


@pytest.mark.django_db
def test_english_version_translates_our_own_strings(client):
    centre = CentreFactory()
    data = signup_data(centre)
    del data["consent"]

    polish = text(client.post("/konto/signup/", data))
    english = text(client.post("/en/konto/signup/", data))

    assert "Przejdź do treści" in polish
    assert "Bez tej zgody nie możemy założyć konta." in polish
    assert "Skip to content" in english
    assert "We cannot create an account without this consent." in english
    assert "Przejdź do treści" not in english


@pytest.mark.django_db
def test_wagtail_admin_speaks_polish(client):
    client.force_login(UserFactory(role=roles.TRAINERS))

    response = client.get("/admin/")

    assert response.status_code == 200
    body = text(response)
    assert '<html lang="pl"' in body
    assert "Strony" in body


def test_dates_and_numbers_use_polish_formats():
    day = datetime.date(2026, 11, 22)
    moment = datetime.datetime(2026, 11, 22, 9, 5)
    with translation.override("pl"):
        assert formats.date_format(day) == "22 listopada 2026"
        assert formats.time_format(moment.time()) == "09:05"
        assert formats.number_format(1234.5, decimal_pos=2) == "1234,50"
    with translation.override("en"):
        assert formats.date_format(day) == "Nov. 22, 2026"


def test_polish_short_dates_are_written_with_dots():
    import datetime

    from django.utils import formats, translation

    day = datetime.date(2026, 11, 22)
    with translation.override("pl"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "22.11.2026"
        assert formats.date_format(day) == "22 listopada 2026"
    with translation.override("en"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "11/22/2026"
