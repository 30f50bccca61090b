"""Which free slots to offer for a wish, best first (pure: no database)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from frontdesk.scheduling.slots import Slot, WishLike

# Local wall-clock ranges [from, to) of the dayparts the date parser reports.
DAYPARTS: dict[str, tuple[time, time]] = {
    "morning": (time(7), time(12)),
    "midday": (time(11), time(14)),
    "afternoon": (time(13), time(18)),
    "evening": (time(17), time(22)),
}
DAYS_BEFORE = 3  # nearby days searched before the wished ones (never before today)
DAYS_AFTER = 7  # and after them
OPEN_DAYS = 14  # searched when no day was named
SPREAD_MINUTES = 90  # offers without a wished time lie at least this far apart on a day

EXACT = 0  # a wished day at the wished time (or in the time range or daypart; any if none)
SAME_DAY = 1  # a wished day at another time
NEARBY_SAME_TIME = 2  # a nearby day at the wished time
NEARBY = 3  # a nearby day at another time


@dataclass(frozen=True)
class Window:
    first_day: date  # searched
    last_day: date
    wish_first: date  # wished
    wish_last: date

    @property
    def days(self) -> tuple[date, date]:
        """The searched days (first, last)."""
        return self.first_day, self.last_day


def window_for(wish: WishLike | None, today: date) -> Window:
    if wish is not None and wish.date_from is not None:
        first = max(wish.date_from, today)
        last = max(wish.date_to or wish.date_from, first)
        return Window(
            max(today, first - timedelta(days=DAYS_BEFORE)),
            last + timedelta(days=DAYS_AFTER),
            first,
            last,
        )
    last = today + timedelta(days=OPEN_DAYS - 1)
    return Window(today, last, today, last)


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


Bounds = tuple[int | None, int | None]  # wished time range in minutes; None is an open end


def wished_range(wish: WishLike | None) -> Bounds | None:
    """The caller's time range ("zwischen 14 und 16 Uhr", "ab 15 Uhr"), if the wish has one.

    Read with getattr: wishes built in code need not know about ranges (WishLike stays small).
    """
    low: time | None = getattr(wish, "time_from", None)
    high: time | None = getattr(wish, "time_to", None)
    if low is None and high is None:
        return None
    return (
        _minutes(low) if low is not None else None,
        _minutes(high) if high is not None else None,
    )


def _range_distance(minute: int, bounds: Bounds) -> int:
    """0 inside the range (both ends included: "spätestens um 12" allows 12:00), else the
    minutes to the nearer end."""
    low, high = bounds
    if low is not None and minute < low:
        return low - minute
    if high is not None and minute > high:
        return minute - high
    return 0


def _time_distance(
    slot: Slot, wished: time | None, part: tuple[time, time] | None, bounds: Bounds | None = None
) -> int:
    minute = _minutes(slot.local_start.time())
    if wished is not None:
        return abs(minute - _minutes(wished))
    if bounds is not None:
        # A range is more precise than a daypart said with it ("vormittags ab 10").
        return _range_distance(minute, bounds)
    if part is not None:
        lo, hi = _minutes(part[0]), _minutes(part[1])
        return 0 if lo <= minute < hi else min(abs(minute - lo), abs(minute - hi))
    return 0


def rank_slots(
    slots: Sequence[Slot], wish: WishLike | None, window: Window, limit: int
) -> list[tuple[int, Slot]]:
    """At most `limit` (tier, slot) pairs, best first, one per start time."""
    wished = wish.time if wish is not None else None
    part = DAYPARTS.get(wish.daypart or "") if wish is not None else None
    bounds = wished_range(wish)
    keyed = []
    for slot in slots:
        day = slot.local_start.date()
        if day < window.wish_first:
            day_distance, later = (window.wish_first - day).days, 1
        elif day > window.wish_last:
            day_distance, later = (day - window.wish_last).days, 0
        else:
            day_distance, later = 0, 0
        distance = _time_distance(slot, wished, part, bounds)
        tier = (0 if day_distance == 0 else 2) + (0 if distance == 0 else 1)
        keyed.append(((tier, day_distance, later, distance, slot.starts_at), slot))
    keyed.sort(key=lambda pair: pair[0])
    has_nearby_same_time = any(key[0] == NEARBY_SAME_TIME for key, _ in keyed)
    chosen: list[tuple[int, Slot]] = []
    for key, slot in keyed:
        if len(chosen) >= limit:
            break
        tier = key[0]
        if any(c.local_start == slot.local_start for _, c in chosen):
            continue
        same_day = sum(1 for t, _ in chosen if t == SAME_DAY)
        if tier == SAME_DAY and has_nearby_same_time and same_day >= max(1, limit - 1):
            continue
        # Offers without a wished time are spread over the day; within a range the caller
        # drew the window themselves, so neighbouring starts are fine.
        if wished is None and bounds is None and _too_close(slot, [c for _, c in chosen]):
            continue
        chosen.append((tier, slot))
    return chosen


def _too_close(slot: Slot, chosen: Sequence[Slot]) -> bool:
    spread = timedelta(minutes=SPREAD_MINUTES)
    return any(
        c.local_start.date() == slot.local_start.date()
        and abs(c.starts_at - slot.starts_at) < spread
        for c in chosen
    )
