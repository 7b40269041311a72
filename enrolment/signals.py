"""Signals other apps listen to (the certificates app issues certificates on completion).

Both are sent after the transaction that changed the attendance commits, with
`sender=Enrolment` and `enrolment_id=<pk>`."""

from django.dispatch import Signal

# A participant attended at least the threshold share of the workshop's hours.
participation_completed = Signal()
# A correction of attendance took a completed participant back below the threshold.
participation_completion_withdrawn = Signal()
