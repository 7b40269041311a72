import pytest

from certificates import signals, tasks


@pytest.mark.django_db
def test_completion_queues_the_certificate_only_after_commit(
    django_capture_on_commit_callbacks, monkeypatch
):
    queued = []

    class FakeTask:
        enqueue = staticmethod(queued.append)

    monkeypatch.setattr(tasks, "participant_certificate_issue_for_enrolment", FakeTask)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        signals.on_participation_completed(sender=None, enrolment_id=42)
    assert queued == []  # nothing before the commit
    assert len(callbacks) == 1
    callbacks[0]()
    assert queued == [42]
