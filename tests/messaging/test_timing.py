"""Quiet hours and reminder times on the practice's clock, including both DST changes."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontdesk.messaging.timing import QuietHours, next_allowed, parse_quiet_hours, reminder_at

BERLIN = ZoneInfo("Europe/Berlin")
NIGHT = QuietHours(time(20, 0), time(8, 0))
LUNCH = QuietHours(time(12, 0), time(14, 0))


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def berlin(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, *, fold: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN, fold=fold)


def quiet_at(moment: datetime, quiet: QuietHours) -> bool:
    """Written apart from the module: is the Berlin wall clock inside the window?"""
    wall = moment.astimezone(BERLIN).time().replace(tzinfo=None)
    if quiet.start < quiet.end:
        return quiet.start <= wall < quiet.end
    return not quiet.end <= wall < quiet.start


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20:00-08:00", NIGHT),
        (" 20:00 - 08:00 ", NIGHT),
        ("20:00–08:00", NIGHT),
        ("12:00-14:00", LUNCH),
        ("7:30-9:05", QuietHours(time(7, 30), time(9, 5))),
        ("22:00-24:00", QuietHours(time(22, 0), time(0, 0))),
        ("", None),
        ("   ", None),
    ],
)
def test_parse_quiet_hours(text: str, expected: QuietHours | None) -> None:
    assert parse_quiet_hours(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("20:00", "must look like"),
        ("20-08", "must look like"),
        ("abends", "must look like"),
        ("20:00-08:00-09:00", "must look like"),
        ("25:00-08:00", "impossible time"),
        ("20:00-08:60", "impossible time"),
        ("20:00-20:00", "same time"),
        ("00:00-24:00", "same time"),
    ],
)
def test_parse_quiet_hours_rejects(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_quiet_hours(text)


def test_quiet_hours_must_differ() -> None:
    with pytest.raises(ValueError):
        QuietHours(time(8, 0), time(8, 0))


@pytest.mark.parametrize(
    ("now", "quiet", "expected"),
    [
        # Winter (UTC+1): 19:59 Berlin is allowed, 20:00 is quiet until 08:00 next morning.
        (berlin(2026, 12, 1, 19, 59), NIGHT, berlin(2026, 12, 1, 19, 59)),
        (berlin(2026, 12, 1, 20, 0), NIGHT, berlin(2026, 12, 2, 8, 0)),
        (berlin(2026, 12, 2, 3, 0), NIGHT, berlin(2026, 12, 2, 8, 0)),
        (berlin(2026, 12, 2, 8, 0), NIGHT, berlin(2026, 12, 2, 8, 0)),
        # Summer (UTC+2).
        (berlin(2026, 7, 1, 23, 0), NIGHT, berlin(2026, 7, 2, 8, 0)),
        (berlin(2026, 7, 1, 12, 30), LUNCH, berlin(2026, 7, 1, 14, 0)),
        (berlin(2026, 7, 1, 14, 0), LUNCH, berlin(2026, 7, 1, 14, 0)),
        (berlin(2026, 7, 1, 11, 59), LUNCH, berlin(2026, 7, 1, 11, 59)),
        # The night the clocks go forward (2026-03-29) and back (2026-10-25).
        (berlin(2026, 3, 28, 21, 0), NIGHT, berlin(2026, 3, 29, 8, 0)),
        (berlin(2026, 10, 24, 21, 0), NIGHT, berlin(2026, 10, 25, 8, 0)),
    ],
)
def test_next_allowed(now: datetime, quiet: QuietHours, expected: datetime) -> None:
    result = next_allowed(now.astimezone(UTC), BERLIN, quiet)
    assert result == expected
    assert result.utcoffset() == timedelta(0)


def test_next_allowed_across_dst_in_utc() -> None:
    # 08:00 CEST on 29 March is 06:00 UTC; 08:00 CET on 25 October is 07:00 UTC.
    assert next_allowed(utc(2026, 3, 28, 22, 0), BERLIN, NIGHT) == utc(2026, 3, 29, 6, 0)
    assert next_allowed(utc(2026, 10, 24, 22, 0), BERLIN, NIGHT) == utc(2026, 10, 25, 7, 0)


def test_window_end_skipped_by_the_spring_change_ends_at_the_jump() -> None:
    # 02:30 never shows on 29 March 2026: at 01:00 UTC the clock goes from 02:00 to 03:00.
    quiet = QuietHours(time(1, 0), time(2, 30))
    assert next_allowed(utc(2026, 3, 29, 0, 15), BERLIN, quiet) == utc(2026, 3, 29, 1, 0)


def test_window_end_shown_twice_in_autumn() -> None:
    # 02:30 shows at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
    quiet = QuietHours(time(1, 0), time(2, 30))
    assert next_allowed(utc(2026, 10, 24, 23, 30), BERLIN, quiet) == utc(2026, 10, 25, 0, 30)
    # After the clock is set back, 02:10 CET is quiet again until 02:30 CET.
    second_pass = berlin(2026, 10, 25, 2, 10, fold=1).astimezone(UTC)
    assert second_pass == utc(2026, 10, 25, 1, 10)
    assert next_allowed(second_pass, BERLIN, quiet) == utc(2026, 10, 25, 1, 30)


def test_autumn_change_can_leave_the_window_early() -> None:
    # 02:40-03:00: at 02:59:59 CEST the clock falls back to 02:00 CET, outside the window.
    quiet = QuietHours(time(2, 40), time(3, 0))
    assert next_allowed(utc(2026, 10, 25, 0, 50), BERLIN, quiet) == utc(2026, 10, 25, 1, 0)


def test_no_quiet_hours() -> None:
    now = utc(2026, 12, 1, 2, 0)
    assert next_allowed(now, BERLIN, None) == now


def test_naive_now_is_rejected() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        next_allowed(datetime(2026, 12, 1, 2, 0), BERLIN, NIGHT)


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        # Evening before at 18:00 local.
        (berlin(2026, 12, 8, 9, 30), berlin(2026, 12, 7, 18, 0)),
        (berlin(2026, 12, 8, 0, 15), berlin(2026, 12, 7, 18, 0)),
        (berlin(2026, 12, 8, 23, 30), berlin(2026, 12, 7, 18, 0)),
        # Day before is the DST day itself, and the day after it.
        (berlin(2026, 3, 30, 9, 0), berlin(2026, 3, 29, 18, 0)),
        (berlin(2026, 3, 29, 10, 0), berlin(2026, 3, 28, 18, 0)),
        (berlin(2026, 10, 26, 9, 0), berlin(2026, 10, 25, 18, 0)),
        (berlin(2026, 10, 25, 10, 0), berlin(2026, 10, 24, 18, 0)),
    ],
)
def test_reminder_the_evening_before(start: datetime, expected: datetime) -> None:
    result = reminder_at(start.astimezone(UTC), BERLIN)
    assert result == expected
    assert result.utcoffset() == timedelta(0)


def test_reminder_in_utc_across_dst() -> None:
    assert reminder_at(utc(2026, 3, 30, 7, 0), BERLIN) == utc(2026, 3, 29, 16, 0)
    assert reminder_at(utc(2026, 3, 29, 8, 0), BERLIN) == utc(2026, 3, 28, 17, 0)
    assert reminder_at(utc(2026, 10, 26, 8, 0), BERLIN) == utc(2026, 10, 25, 17, 0)


def test_reminder_local_time_skipped_or_repeated() -> None:
    assert reminder_at(utc(2026, 3, 30, 7, 0), BERLIN, local_time=time(2, 30)) == utc(
        2026, 3, 29, 1, 0
    )
    assert reminder_at(utc(2026, 10, 26, 8, 0), BERLIN, local_time=time(2, 30)) == utc(
        2026, 10, 25, 0, 30
    )


def test_reminder_with_lead_hours() -> None:
    start = utc(2026, 3, 29, 8, 0)
    assert reminder_at(start, BERLIN, lead_hours=24) == utc(2026, 3, 28, 8, 0)
    assert reminder_at(start, BERLIN, lead_hours=1.5) == utc(2026, 3, 29, 6, 30)
    with pytest.raises(ValueError, match="negative"):
        reminder_at(start, BERLIN, lead_hours=-1)


MINUTES = st.integers(0, 24 * 60 - 1).map(lambda minute: time(*divmod(minute, 60)))
WINDOWS = (
    st.tuples(MINUTES, MINUTES)
    .filter(lambda ends: ends[0] != ends[1])
    .map(lambda ends: QuietHours(*ends))
)
DST_DAYS = [datetime(2026, 3, 29, tzinfo=UTC), datetime(2026, 10, 25, tzinfo=UTC)]
NEAR_DST = st.builds(
    lambda day, seconds: day + timedelta(seconds=seconds),
    st.sampled_from(DST_DAYS),
    st.integers(-36 * 3600, 36 * 3600),
)
ANY_TIME = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1), timezones=st.just(UTC)
)


@settings(max_examples=400, deadline=None)
@given(now=st.one_of(NEAR_DST, ANY_TIME), quiet=WINDOWS)
def test_next_allowed_is_the_first_moment_outside(now: datetime, quiet: QuietHours) -> None:
    result = next_allowed(now, BERLIN, quiet)
    assert result >= now
    assert not quiet_at(result, quiet)
    if quiet_at(now, quiet):
        assert result > now
        assert result - now <= timedelta(hours=49)
        # Every moment in between is quiet, so no earlier moment was allowed.
        span = result - now
        for step in range(1, 50):
            assert quiet_at(now + span * step / 50, quiet)
        assert quiet_at(result - timedelta(seconds=1), quiet) or result - now <= timedelta(
            seconds=1
        )
    else:
        assert result == now


@settings(max_examples=200, deadline=None)
@given(start=st.one_of(NEAR_DST, ANY_TIME), local_time=st.times())
def test_reminder_is_on_the_local_day_before(start: datetime, local_time: time) -> None:
    result = reminder_at(start, BERLIN, local_time=local_time)
    assert result < start
    local = result.astimezone(BERLIN)
    assert local.date() == start.astimezone(BERLIN).date() - timedelta(days=1)
    assert local.time() >= local_time  # equal, or after the jump over a skipped time
