"""RODO: how the "my data" page names what courses.selectors.learner_personal_data returns."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "courses": _("Kursy"),
    "completed_modules": _("Ukończone moduły"),
    "quiz_attempts": _("Próby quizów"),
    "course": _("Kurs"),
    "started_at": _("Rozpoczęto"),
    "completed_at": _("Ukończono"),
    "module": _("Moduł"),
    "quiz_id": _("Quiz"),
    "score": _("Wynik (%)"),
    "passed": _("Zaliczony"),
    "created_at": _("Data"),
    "results": _("Odpowiedzi"),
    "question": _("Pytanie"),
    "chosen": _("Wybrane odpowiedzi"),
    "correct": _("Poprawna"),
    "feedback": _("Komentarz"),
}
