"""The days a search still has to load after a window was found empty."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from frontdesk.scheduling.slots import _unsearched

START = date(2026, 12, 1)
_DAY = st.integers(min_value=0, max_value=60).map(lambda n: START + timedelta(days=n))


def _days(first: date, last: date) -> set[date]:
    return {first + timedelta(days=n) for n in range((last - first).days + 1)}


@given(_DAY, _DAY, st.none() | st.tuples(_DAY, _DAY))
def test_every_day_outside_the_searched_window_once_in_order(
    a: date, b: date, searched: tuple[date, date] | None
) -> None:
    first, last = min(a, b), max(a, b)
    if searched is not None:
        searched = (min(searched), max(searched))
    parts = _unsearched(first, last, searched)
    covered = [day for lo, hi in parts for day in sorted(_days(lo, hi))]
    expected = _days(first, last) - (_days(*searched) if searched else set())
    assert covered == sorted(expected)  # each day once, in order, none of the searched ones
    assert all(lo <= hi for lo, hi in parts)
