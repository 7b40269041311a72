"""Rate limits key on the client address the deployment trusts: behind our proxies each visitor
has a bucket of their own, and a forged X-Forwarded-For never buys a fresh one."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db
URL = "/certyfikaty/v/AAAAAAAAAAAA/"


def exhaust(client, **headers):
    for _ in range(3):
        assert client.get(URL, **headers).status_code == 404
    return client.get(URL, **headers).status_code


@override_settings(CERTIFICATES_VERIFY_RATE=(3, 300), ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_one_trusted_proxy_each_visitor_has_a_bucket(client):
    proxy = {"REMOTE_ADDR": "127.0.0.1"}

    assert exhaust(client, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy) == 429
    other = client.get(URL, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)

    assert other.status_code == 404


@override_settings(CERTIFICATES_VERIFY_RATE=(3, 300), ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_a_forged_entry_before_the_proxys_own_buys_nothing(client):
    proxy = {"REMOTE_ADDR": "127.0.0.1"}

    assert exhaust(client, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy) == 429
    forged = client.get(URL, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5", **proxy)

    assert forged.status_code == 429


@override_settings(CERTIFICATES_VERIFY_RATE=(3, 300), ALLAUTH_TRUSTED_PROXY_COUNT=0)
def test_without_trusted_proxies_the_header_is_ignored(client):
    assert exhaust(client, HTTP_X_FORWARDED_FOR="203.0.113.5") == 429

    assert client.get(URL, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
