"""Polish alphabetical order, the one way every export, sheet and list sorts people by name.

Python's own sort compares code points, so "Woźniak" < "Wójcik" < "Włodarczyk"; in Polish the
letters with diacritics are letters of their own, each right after its base letter:
a ą b c ć d e ę f g h i j k l ł m n ń o ó p q r s ś t u v w x y z ź ż (the order of the Polish
tailoring of the Unicode Collation Algorithm, CLDR "pl", which ICU implements). PyICU would need
the ICU headers and a C++ build on every machine, so the key is written here for the three
levels that matter for names:

1. the letters (case and foreign accents ignored: "é" sorts as "e"), spaces and hyphens before
   any letter, so "Nowak" < "Nowak-Kowalska" < "Nowakowska";
2. foreign accents ("Müller" after "Muller");
3. case (lower before upper), so the order is total and the same on every run.
"""

import unicodedata
from collections.abc import Callable, Iterable

ALPHABET = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"
# The Polish letters are looked up whole, never decomposed: "ą" is not "a" with a mark here.
_PRIMARY = {letter: 100 + n for n, letter in enumerate(ALPHABET)}


def _char_weights(char: str) -> tuple[int, int, int]:
    lower = char.lower()
    case = 0 if char == lower else 1
    if lower in _PRIMARY:
        return _PRIMARY[lower], 0, case
    decomposed = unicodedata.normalize("NFD", lower)
    if decomposed[:1] in _PRIMARY:  # é, ü, ç, ñ ...: the base letter, then the accent
        return _PRIMARY[decomposed[0]], sum(ord(m) for m in decomposed[1:]) or 1, case
    if char.isspace() or char in "-'’.,":
        return 1, ord(char), 0
    if char.isdigit():
        return 10 + int(unicodedata.digit(char, 0)), 0, 0
    return 1000 + ord(lower), 0, case  # other scripts: after the Latin letters, by code point


def polish_key(text: str) -> tuple:
    """A sort key for one string in Polish order (see the module's note)."""
    weights = [_char_weights(c) for c in (text or "").strip()]
    return (
        tuple(w[0] for w in weights),
        tuple(w[1] for w in weights),
        tuple(w[2] for w in weights),
    )


def person_key(last_name: str, first_name: str = "") -> tuple:
    return polish_key(last_name), polish_key(first_name)


def sort_people(items: Iterable, person: Callable = lambda item: item) -> list:
    """Items sorted by their person's surname, then first name, in Polish order; `person`
    gives the object with `last_name` and `first_name` (a user, or e.g. an enrolment's
    participant). A stable sort: equal names keep the order they came in."""
    return sorted(
        items, key=lambda item: person_key(person(item).last_name, person(item).first_name)
    )
