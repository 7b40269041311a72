"""Running one call in several threads at once, each with its own database connection, for the
PostgreSQL tests of races (row locks, unique constraints)."""

import threading

from django.db import connection


def run_together(call, args_list) -> tuple[list, list]:
    """Call `call(*args)` for every args tuple, all threads released together by a barrier;
    returns (results, errors). Each thread closes its own connection when done."""
    barrier = threading.Barrier(len(args_list))
    results, errors = [], []

    def worker(args):
        try:
            barrier.wait()
            results.append(call(*args))
        except Exception as exc:  # pragma: no cover - shown in the caller's assertion
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(args,)) for args in args_list]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors
