"""Races against PostgreSQL: many threads released at the same instant."""

import threading

from django.db import connections


def run_at_once(action, arguments):
    """Calls `action(argument)` in one thread per argument, all released together by a barrier,
    and returns the exceptions they raised. Each thread closes its own database connections."""
    barrier = threading.Barrier(len(arguments))
    errors = []

    def run(argument):
        try:
            barrier.wait()
            action(argument)
        except Exception as error:  # returned to the test, which asserts there is none
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
