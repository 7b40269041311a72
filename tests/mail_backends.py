"""A mail backend that fails on demand, for the outbox tests: `FlakyBackend.down = True` makes
every send fail as a mail server that is not there; `FlakyBackend.crash_after_send = True`
delivers the message and then "kills the worker" (an exception the outbox does not catch, as a
process that dies before it can record the outcome)."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class WorkerDied(BaseException):
    """Not an Exception: nothing in the sending code may catch it, as nothing survives a kill."""


class FlakyBackend(EmailBackend):
    down = False
    crash_after_send = False

    def send_messages(self, messages):
        if FlakyBackend.down:
            raise smtplib.SMTPConnectError(421, "Serwer poczty niedostępny (test)")
        sent = super().send_messages(messages)
        if FlakyBackend.crash_after_send:
            raise WorkerDied
        return sent
