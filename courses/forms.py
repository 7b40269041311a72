import re

from django import forms
from django.utils.translation import gettext_lazy as _

WORD = re.compile(r"\w+")


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Szukaj w kursach i modułach"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def clean_q(self):
        """The words of the query, nothing else: the search backends read punctuation as their
        own syntax (SQLite's full-text search fails on `"`, `:` or `>`: a server error)."""
        return " ".join(WORD.findall(self.cleaned_data["q"]))
