"""Log actions, registered one way: each app lists its actions in a table, `LOG_ACTIONS` in its
wagtail_hooks, and registers the table from Wagtail's `register_log_actions` hook:

    LOG_ACTIONS = {
        "osl.course.start": (_("Rozpoczęcie kursu"), _("Rozpoczęto kurs")),
        "osl.account.signup": log_actions.person(_("Założenie konta"), _("Założono konto")),
    }

    @hooks.register("register_log_actions")
    def register_log_actions(actions):
        log_actions.register(actions, LOG_ACTIONS)

An entry is a (label, message) pair, or a LogFormatter class when the message needs the entry
(an action about a person names them by their current name, looked up when the log is read)."""

from wagtail.log_actions import LogFormatter

from cms import audit


class PersonFormatter(LogFormatter):
    """An entry about an account says whose, by the account's current name, looked up when the
    log is read: the entry itself holds only the number, so an erased person stays erased."""

    def format_message(self, log_entry):
        return f"{self.message} ({audit.person_display(log_entry.object_id)})"


def person(label, message) -> type[LogFormatter]:
    """The table entry of an action about a person's account."""
    return type("PersonActionFormatter", (PersonFormatter,), {"label": label, "message": message})


def register(actions, table: dict) -> None:
    for action, entry in table.items():
        if isinstance(entry, type):
            actions.register_action(action)(entry)
        else:
            label, message = entry
            actions.register_action(action, label, message)
