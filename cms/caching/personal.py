"""One person's own records (a learner's quiz attempts and completions), cached under a version
of that person's records and the generation, so that a page a learner reloads reads no rows of
theirs until they change (`personal_changed`) or the site's content does. Services that decide
(completion, certificates) never read these: they read the database."""

from .fragments import cached, fragment_timeout
from .versions import bump_now_and_after_commit, generation, read_versions


def _key(namespace: str, person_id) -> str:
    return f"osl-person:{namespace}:{person_id}:version"


def _timeout() -> int:
    # A person's version outlives their fragments; after that a new one is simply made.
    return fragment_timeout() * 2


def cached_for_person(namespace: str, person_id, name: str, parts, compute):
    def prefix():
        version = personal_version(namespace, person_id)
        return f"osl-person:{namespace}:{person_id}:{version}:{generation()}:{name}:"

    return cached(prefix, parts, compute)


def personal_changed(namespace: str, person_id) -> None:
    """One person's records in `namespace` changed: their cached values are computed again."""
    bump_now_and_after_commit(_key(namespace, person_id), timeout=_timeout())


def personal_version(namespace: str, person_id) -> str:
    """The current version of one person's records in `namespace` (read once per request)."""
    return read_versions([_key(namespace, person_id)], timeout=_timeout())[0]
