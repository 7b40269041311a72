"""Signals other apps listen to (the certificates app issues a workshop certificate that was
waiting for the e-learning). The courses app imports neither of them.

`course_completed` is sent with `sender=CourseProgress`, `user_id` and `course_id`, after the
commit of the transaction that recorded the learner's last missing step (a finished module or a
passed quiz) and left every live module of the course finished, so a rolled-back step sends
nothing (the project's one rule for domain signals). It may be sent more than once for
the same learner and course (e.g. a module added later and finished too): receivers must be
idempotent. Nothing is sent when a completion is lost (see services._course_refresh_completion)."""

from django.dispatch import Signal

course_completed = Signal()
