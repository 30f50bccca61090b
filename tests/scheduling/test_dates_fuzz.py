"""The German date parser on arbitrary input: every code point, long text, wishes split into
date and time words, any moment from 1970 to 2100. It never raises, and its answer keeps its
invariants (a range or a question, never both; nothing in the past).

tests/scheduling/test_dates_properties.py covers short text and the phrase vocabulary; this adds
what a JSON body or a transcript can carry beyond that."""

from __future__ import annotations

import os
from datetime import date, datetime
from zoneinfo import ZoneInfo

from hypothesis import example, given, settings
from hypothesis import strategies as st

from frontdesk.scheduling.dates import DateWish, parse_wish, parse_wish_parts

EXAMPLES = int(os.environ.get("FRONTDESK_FUZZ_EXAMPLES_PURE", "400"))
BERLIN = ZoneInfo("Europe/Berlin")
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=200)
WORDS = st.sampled_from(
    [
        "am",
        "um",
        "ab",
        "bis",
        "vor",
        "nach",
        "nächste",
        "nächsten",
        "übernächste",
        "kommenden",
        "Montag",
        "Dienstag",
        "Freitag",
        "Wochenende",
        "morgen",
        "übermorgen",
        "heute",
        "früh",
        "vormittags",
        "Mittag",
        "abends",
        "halb",
        "viertel",
        "dreiviertel",
        "zehn",
        "elf",
        "zwölf",
        "9",
        "10:30",
        "1.2.",
        "31.12.2099",
        "29.2.",
        "Januar",
        "Dezember",
        "Ostern",
        "Weihnachten",
        "KW",
        "53",
        "in",
        "zwei",
        "Wochen",
        "drei",
        "Tagen",
        "Monaten",
        "Jahr",
        "ersten",
        "letzten",
        "zweiten",
        "-",
        "/",
        ".",
        ",",
        "?",
        "0",
        "99",
        "100000",
    ]
)
GERMANISH = st.lists(WORDS, max_size=15).map(" ".join)
MOMENTS = st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(2100, 12, 31), timezones=st.just(BERLIN)
)


def _consistent(wish: DateWish, now: datetime) -> None:
    assert (wish.date_from is None) == (wish.date_to is None)
    if wish.date_from is not None and wish.date_to is not None:
        assert isinstance(wish.date_from, date)
        assert now.date() <= wish.date_from <= wish.date_to
    assert wish.ask == (wish.question is not None)


@settings(max_examples=EXAMPLES, deadline=None)
@given(text=ANY_TEXT | GERMANISH, now=MOMENTS)
@example(text="am 31.12.9999", now=datetime(2100, 12, 31, tzinfo=BERLIN))
@example(text="in 100000 Jahren", now=datetime(2026, 1, 1, tzinfo=BERLIN))
@example(text="\x00morgen\udc00 um 10", now=datetime(2026, 1, 1, tzinfo=BERLIN))
@example(text="nächste " * 500 + "Woche", now=datetime(2026, 1, 1, tzinfo=BERLIN))
def test_parse_wish_never_raises_and_stays_consistent(text: str, now: datetime) -> None:
    _consistent(parse_wish(text, now), now)


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    date_text=st.none() | ANY_TEXT | GERMANISH,
    time_text=st.none() | ANY_TEXT | GERMANISH,
    now=MOMENTS,
)
def test_parse_wish_parts_never_raises_and_stays_consistent(
    date_text: str | None, time_text: str | None, now: datetime
) -> None:
    _consistent(parse_wish_parts(date_text, time_text, now), now)


@settings(max_examples=EXAMPLES, deadline=None)
@given(text=GERMANISH, now=MOMENTS)
def test_date_words_alone_read_as_the_whole_phrase(text: str, now: datetime) -> None:
    wish = parse_wish(text, now)
    alone = parse_wish_parts(text, None, now)
    assert (alone.date_from, alone.date_to, alone.ask) == (wish.date_from, wish.date_to, wish.ask)
