"""Shared by the property-based (hypothesis) tests of bad input: a fixed, reproducible budget,
each example rolled back so the next starts from the same database, and the kinds of text that
break naive code."""

from contextlib import contextmanager

from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st


def budget(examples):
    """The same examples on every run (derandomize), no timing flakiness (deadline), and no
    example database under the work tree."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


@contextmanager
def rolled_back():
    """One example's writes, undone afterwards (a savepoint inside the test's transaction)."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def counts(*models):
    return {model.__name__: model.objects.count() for model in models}


NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\u202e",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "%s%s%n",
    "../../etc/passwd",
    "-1",
    "0",
    "1e400",
    "NaN",
    "9" * 40,
    "١٢٣",
    "2021-02-31",
    "31-02-2021",
    "25:61",
    "SAG-2021-0348",
    "æøå ÆØÅ",
    "x" * 5000,
    "a@b",
    "@",
    "Æblegrød@københavn.dk",
]

# Text a user or a file could send: anything printable or not, and the known troublemakers.
nasty_text = st.one_of(st.sampled_from(NASTY), st.text(max_size=80))
