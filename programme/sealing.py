"""Encryption of the ESF participant data at rest (Fernet: AES-128-CBC with HMAC-SHA256, from
`cryptography`, already a dependency).

The keys come from the environment: OSL_PERSONAL_DATA_KEYS, one or more Fernet keys separated by
commas, the newest first (older ones only decrypt, so a key can be rotated: add the new key in
front, run `reseal()` over the records, then drop the old one). Without the variable the key is
derived from SECRET_KEY (HKDF-SHA256) so that development and tests work; `manage.py check
--deploy` warns about that."""

import base64
import json
import os

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core import checks

KEYS_ENV = "OSL_PERSONAL_DATA_KEYS"


class SealError(Exception):
    """The stored value cannot be opened with any key in the environment."""


def _derived_key() -> bytes:
    hkdf = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"osl-esf-participant-data", info=b"fernet"
    )
    return base64.urlsafe_b64encode(hkdf.derive(settings.SECRET_KEY.encode()))


def _fernet() -> MultiFernet:
    configured = [k.strip() for k in os.environ.get(KEYS_ENV, "").split(",") if k.strip()]
    keys = configured or [_derived_key()]
    return MultiFernet([Fernet(k) for k in keys])


def seal(data: dict) -> str:
    return _fernet().encrypt(json.dumps(data, sort_keys=True).encode()).decode("ascii")


def unseal(token: str) -> dict:
    if not token:
        return {}
    try:
        return json.loads(_fernet().decrypt(token.encode("ascii")))
    except (InvalidToken, ValueError) as exc:
        raise SealError("cannot decrypt") from exc


def reseal(token: str) -> str:
    """The same data under the newest key."""
    return _fernet().rotate(token.encode("ascii")).decode("ascii")


@checks.register(checks.Tags.security, deploy=True)
def check_keys(app_configs, **kwargs):
    if os.environ.get(KEYS_ENV):
        try:
            _fernet()
        except ValueError:
            return [
                checks.Error(
                    f"{KEYS_ENV} holds a value that is not a Fernet key.", id="programme.E001"
                )
            ]
        return []
    return [
        checks.Warning(
            f"{KEYS_ENV} is not set: the ESF participant data is encrypted with a key derived "
            "from SECRET_KEY.",
            id="programme.W001",
        )
    ]
