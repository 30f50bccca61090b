"""When a message may go out: outside the practice's quiet hours, reminders the evening before.

Quiet hours are wall-clock times in the practice's time zone, so every answer is worked out on
the local clock and handed back as a UTC instant. Daylight saving changes are taken literally:
a window end the clock skips (02:30 on the spring change) is passed when the clock jumps, and
an end the clock shows twice counts at its first showing after the moment in question."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

_QUIET_HOURS = re.compile(r"(\d{1,2}):(\d{2})\s*[-\u2013]\s*(\d{1,2}):(\d{2})")


@dataclass(frozen=True)
class QuietHours:
    """No messages from `start` (inclusive) to `end` (exclusive), local time; may wrap midnight."""

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("quiet hours are local wall-clock times and take no tzinfo")
        if self.start == self.end:
            raise ValueError(f"quiet hours start and end are both {self.start:%H:%M}")

    def covers(self, wall: time) -> bool:
        """Whether a local wall-clock time lies inside the window."""
        if self.start < self.end:
            return self.start <= wall < self.end
        return wall >= self.start or wall < self.end


def parse_quiet_hours(text: str) -> QuietHours | None:
    """'20:00-08:00' -> QuietHours; empty text means no quiet hours; '24:00' means midnight."""
    if not text.strip():
        return None
    match = _QUIET_HOURS.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"quiet hours must look like '20:00-08:00', got {text!r}")
    start = _clock(match.group(1), match.group(2), text)
    end = _clock(match.group(3), match.group(4), text)
    if start == end:
        raise ValueError(f"quiet hours {text!r} start and end at the same time")
    return QuietHours(start, end)


def next_allowed(now: datetime, tz: ZoneInfo, quiet: QuietHours | None) -> datetime:
    """`now` when outside quiet hours, else the first UTC instant the local clock leaves them.

    Each step lands on a later end of the window (or a clock change that leaves it), and a
    clock change can push the end past at most one day, so the loop ends within a few steps."""
    _require_aware(now, "now")
    if quiet is None:
        return now
    moment = now
    while quiet.covers(_wall(moment, tz)):
        moment = _leaving(moment, tz, quiet)
    return moment


def reminder_at(
    start: datetime,
    tz: ZoneInfo,
    *,
    local_time: time = time(18, 0),
    lead_hours: float | None = None,
) -> datetime:
    """When to send the reminder for an appointment at `start` (UTC in, UTC out).

    By default the local day before at `local_time`, so the patient gets it the evening before
    whatever the hour of the appointment; with `lead_hours`, that long before the start. The
    result may already be past for a late booking; the caller decides what to do then."""
    _require_aware(start, "start")
    if lead_hours is not None:
        if lead_hours < 0:
            raise ValueError(f"lead_hours must not be negative, got {lead_hours}")
        return start.astimezone(UTC) - timedelta(hours=lead_hours)
    day_before = start.astimezone(tz).date() - timedelta(days=1)
    return _clock_shows(day_before, local_time, tz)[0]


def _clock(hours: str, minutes: str, text: str) -> time:
    hour, minute = int(hours), int(minutes)
    if hour == 24 and minute == 0:
        return time(0, 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"quiet hours {text!r} contain an impossible time {hours}:{minutes}")
    return time(hour, minute)


def _require_aware(moment: datetime, name: str) -> None:
    if moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware (UTC)")


def _wall(moment: datetime, tz: ZoneInfo) -> time:
    """The local wall-clock time at an instant."""
    return moment.astimezone(tz).time().replace(tzinfo=None)


def _leaving(moment: datetime, tz: ZoneInfo, quiet: QuietHours) -> datetime:
    """The first instant after `moment` at which the clock reaches the window's end, or an
    earlier clock change that jumps out of the window."""
    first_day = moment.astimezone(tz).date()
    reaching = min(
        instant
        for offset in range(3)
        for instant in _clock_shows(first_day + timedelta(days=offset), quiet.end, tz)
        if instant > moment
    )
    change = _clock_change(moment, reaching, tz)
    if change is not None and change < reaching and not quiet.covers(_wall(change, tz)):
        return change
    return reaching


def _clock_shows(day: date, wall: time, tz: ZoneInfo) -> list[datetime]:
    """The UTC instants, in order, at which the local clock shows (or first passes) `wall`.

    One instant normally, two when the clock is set back over it, and the moment of the jump
    when the clock skips it."""
    local = datetime.combine(day, wall)
    earlier_offset = local.replace(tzinfo=tz, fold=0).astimezone(UTC)
    later_offset = local.replace(tzinfo=tz, fold=1).astimezone(UTC)
    shown = [
        instant
        for instant in sorted({earlier_offset, later_offset})
        if instant.astimezone(tz).replace(tzinfo=None) == local
    ]
    if shown:
        return shown
    skipped_from, skipped_to = sorted((earlier_offset, later_offset))
    jump = _clock_change(skipped_from, skipped_to, tz)
    return [jump if jump is not None else skipped_to]


def _clock_change(after: datetime, until: datetime, tz: ZoneInfo) -> datetime | None:
    """The first whole second in (after, until] with a different UTC offset than `after`'s.

    Assumes at most one change in between, as holds for any span of a day in real zones."""
    low = math.floor(after.timestamp())
    high = math.ceil(until.timestamp())
    before = _offset(low, tz)
    if _offset(high, tz) == before:
        return None
    while high - low > 1:
        middle = (low + high) // 2
        if _offset(middle, tz) == before:
            low = middle
        else:
            high = middle
    return datetime.fromtimestamp(high, UTC)


def _offset(timestamp: int, tz: ZoneInfo) -> timedelta | None:
    return datetime.fromtimestamp(timestamp, tz).utcoffset()
