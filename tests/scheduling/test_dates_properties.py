"""Properties of the date parser that hold for any words and any moment of the call."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from frontdesk.scheduling.dates import parse_wish

BERLIN = ZoneInfo("Europe/Berlin")

WORDS = [
    "heute",
    "morgen",
    "Morgen",
    "übermorgen",
    "am",
    "um",
    "den",
    "der",
    "dem",
    "nächste",
    "übernächste",
    "kommenden",
    "diese",
    "Woche",
    "Wochenende",
    "Anfang",
    "Mitte",
    "Ende",
    "Montag",
    "Mittwoch",
    "Freitag",
    "Sonntag",
    "Dezember",
    "Februar",
    "Januar",
    "Monats",
    "halb",
    "viertel",
    "vor",
    "nach",
    "Uhr",
    "früh",
    "abends",
    "nachts",
    "Mittag",
    "in",
    "Tagen",
    "Wochen",
    "einer",
    "nein",
    "äh",
    "Frau",
    "letzten",
    "seit",
    "war",
    "fünften",
    "Zwölften",
    "dreißigsten",
    "zweitausendsechsundzwanzig",
    "31.",
    "5.12.",
    "30.2.",
    "14:30",
    "2026-12-05",
    "3",
    "12",
    "24",
    "99",
    "0",
    ",",
    ".",
    "?",
    "Mitternacht",
    "guten",
]
phrases = st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join)
moments = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(BERLIN)
)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=80), now=moments)
def test_never_raises_on_arbitrary_text(text: str, now: datetime) -> None:
    parse_wish(text, now)


@settings(max_examples=1500, deadline=None)
@given(text=phrases, now=moments)
def test_output_invariants(text: str, now: datetime) -> None:
    wish = parse_wish(text, now)
    today = now.date()
    assert (wish.date_from is None) == (wish.date_to is None)
    if wish.date_from is not None and wish.date_to is not None:
        assert isinstance(wish.date_from, date)
        assert today <= wish.date_from <= wish.date_to
        assert not wish.ask
    if wish.ask:
        assert wish.question and wish.date_from is None
    else:
        assert wish.question is None


@settings(max_examples=200, deadline=None)
@given(
    now=moments,
    word=st.sampled_from(["heute", "Heute", "morgen", "Morgen", "übermorgen"]),
    tail=st.sampled_from(["", " um 10", " Abend", " früh", " Nachmittag", ", geht das?"]),
)
def test_relative_days_are_consistent(now: datetime, word: str, tail: str) -> None:
    wish = parse_wish(word + tail, now)
    offset = {"heute": 0, "morgen": 1, "übermorgen": 2}[word.lower()]
    expected = now.date() + timedelta(days=offset)
    assert (wish.date_from, wish.date_to, wish.ask) == (expected, expected, False)


@settings(max_examples=200, deadline=None)
@given(now=moments, day=st.integers(1, 31), month=st.integers(1, 12))
def test_explicit_dates_are_real_or_asked(now: datetime, day: int, month: int) -> None:
    wish = parse_wish(f"am {day}.{month}.", now)
    if not wish.ask:
        assert wish.date_from == date(wish.date_from.year, month, day)  # type: ignore[union-attr]
        assert wish.date_from is not None and wish.date_from >= now.date()
