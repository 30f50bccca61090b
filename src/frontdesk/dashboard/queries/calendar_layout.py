"""Where things sit in the calendar grid: wall-clock minutes of a day, the visible hours, and
side-by-side lanes for entries that would otherwise cover each other. Pure, no database."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

T = TypeVar("T")

DAY_MINUTES = 24 * 60
# The shortest an entry is drawn: one line of text (time and patient) must fit, so a 5- or
# 10-minute appointment takes the room of 15 and its neighbours move aside instead of under it.
MIN_ENTRY_MINUTES = 15
# Shown when nobody works and nothing is booked in the period.
DEFAULT_HOURS = (8, 18)


def minute_of_day(moment: datetime, day: date, tz: ZoneInfo) -> int:
    """Wall-clock minutes of `moment` within local `day`, clamped to 0..1440 (an instant on the
    day before is 0, one on the day after is 1440)."""
    local = moment.astimezone(tz)
    if local.date() < day:
        return 0
    if local.date() > day:
        return DAY_MINUTES
    return local.hour * 60 + local.minute


def visible_hours(spans: Iterable[tuple[int, int]]) -> tuple[int, int]:
    """The whole hours (first, end) that show every (start, end) minute range given."""
    spans = [(lo, hi) for lo, hi in spans if hi > lo]
    if not spans:
        return DEFAULT_HOURS
    first = min(lo for lo, _ in spans) // 60
    end = -(-max(hi for _, hi in spans) // 60)
    return first, max(end, first + 1)


@dataclass(frozen=True)
class Placed(Generic[T]):
    """An item at `top` minutes for `length` minutes, in lane `lane` of `lanes` side by side."""

    item: T
    top: int
    length: int
    lane: int
    lanes: int


def place(items: Sequence[tuple[T, int, int]]) -> list[Placed[T]]:
    """Lay out (item, start, end) minute ranges of one column: each is drawn at least
    MIN_ENTRY_MINUTES long, and ranges whose drawn boxes meet share the width in lanes (a group
    of transitively overlapping boxes gets as many lanes as it needs, the rest full width)."""
    ordered = sorted(items, key=lambda row: (row[1], row[2]))
    placed: list[Placed[T]] = []
    group: list[tuple[T, int, int, int]] = []  # item, top, drawn end, lane
    lane_ends: list[int] = []
    group_end = -1

    def close_group() -> None:
        for item, top, end, lane in group:
            placed.append(Placed(item, top, end - top, lane, len(lane_ends)))

    for item, start, end in ordered:
        drawn_end = max(end, start + MIN_ENTRY_MINUTES)
        if group and start >= group_end:
            close_group()
            group, lane_ends = [], []
        lane = next((i for i, busy_until in enumerate(lane_ends) if busy_until <= start), None)
        if lane is None:
            lane = len(lane_ends)
            lane_ends.append(drawn_end)
        else:
            lane_ends[lane] = drawn_end
        group.append((item, start, drawn_end, lane))
        group_end = max(group_end, drawn_end) if len(group) > 1 else drawn_end
    if group:
        close_group()
    return placed
