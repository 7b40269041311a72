"""Site search in Polish.

PostgreSQL (production): Wagtail's database search backend with its trigram strategy
(modelsearch's Fuzzy query, pg_trgm word similarity) over text folded by `unaccent`, so
"spolecznosc" finds "społeczność" and "wolontariatu" finds "wolontariat" (PostgreSQL ships no
Polish stemmer; trigram similarity covers the inflected endings). The extensions and the
immutable f_unaccent() wrapper it needs are made after every `migrate` (ensure_postgres_search).

SQLite (the default for `make run`): FTS5 with its unicode61 tokenizer, which folds most
diacritics (ó, ś, ć, ź, ż, ą, ę, ń) but not "ł" (it has no Unicode decomposition), and matches
whole words only: "spolecznosc" does not find "społeczność", nor "wolontariatu" "wolontariat".

The index is updated on publish, in the same request (cms.task_backends: the search index task
runs at once after the commit, not in the background worker)."""

import unicodedata

from django.db import connections
from modelsearch.query import Fuzzy

EXTENSIONS = ("unaccent", "pg_trgm")
# unaccent() is only STABLE; the wrapper is IMMUTABLE so that it may be used in indexes.
F_UNACCENT_SQL = """CREATE FUNCTION f_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
    $func$ SELECT public.unaccent('public.unaccent', $1) $func$"""


def uses_trigrams(using="default") -> bool:
    return connections[using].vendor == "postgresql"


def search(queryset, query: str):
    """`queryset` searched for `query` in the best way the database allows."""
    if uses_trigrams(queryset.db):
        return queryset.search(Fuzzy(query, unaccent=True))
    return queryset.search(query)


def ensure_postgres_search(sender, using="default", **kwargs):
    """post_migrate: the PostgreSQL extensions the Polish search needs (both are trusted
    extensions: the database's owner may create them without being a superuser)."""
    if not uses_trigrams(using):
        return
    with connections[using].cursor() as cursor:
        # Only what is missing: what a DBA made beforehand is left as it is (the application's
        # role may be allowed neither to create extensions nor to replace that function).
        cursor.execute("SELECT extname FROM pg_extension")
        present = {name for (name,) in cursor.fetchall()}
        for name in EXTENSIONS:
            if name not in present:
                cursor.execute(f"CREATE EXTENSION IF NOT EXISTS {name}")
        cursor.execute("SELECT 1 FROM pg_proc WHERE proname = 'f_unaccent'")
        if cursor.fetchone() is None:
            cursor.execute(F_UNACCENT_SQL)


_LETTERS_WITHOUT_DECOMPOSITION = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "ø": "o"})


def fold(text: str) -> str:
    """Lower case without diacritics: "Łódź" -> "lodz" (for comparisons made in Python)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS_WITHOUT_DECOMPOSITION))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def town_matches(query: str, town: str) -> bool:
    """Does `query` name `town`, in any case, with or without diacritics, in the basic or an
    inflected form ("lodz", "Łodzi" -> Łódź; "krakowie" -> Kraków; "warszawie" -> Warszawa)?"""
    q, t = fold(query), fold(town)
    if not q or not t:
        return False
    if t.startswith(q) and len(q) >= 3:
        return True
    stem = t[:-1] if t[-1] in "aeiouy" and len(t) > 4 else t
    return q.startswith(stem) and q[len(stem) :] in TOWN_ENDINGS


# What follows a town's stem in its declined forms (folded): Łodzi, Krakowie, Warszawie,
# Gdańsku, Poznaniem, Kielcach, Katowicami.
TOWN_ENDINGS = frozenset(
    ("", "a", "u", "e", "i", "y", "o", "ie", "iu", "ia", "em", "iem", "om", "ow", "ach", "ami")
    + ("owi", "ego", "emu")
)
