"""The new date forms (tests/scheduling/data/new_forms_conventions.md): time ranges, holidays
by name, weeks and months counted ahead, school holidays asked back; and slots ranked by a
caller's time range, up to the live function."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from frontdesk.calls.models import Call
from frontdesk.conversations.live import LiveContext
from frontdesk.conversations.live_appointments import check_availability
from frontdesk.conversations.live_schemas import CheckAvailabilityArgs
from frontdesk.scheduling import service as scheduling
from frontdesk.scheduling.dates import parse_wish, parse_wish_parts
from frontdesk.scheduling.dates_batch import parse_record
from frontdesk.scheduling.feast_days import next_span
from frontdesk.scheduling.ranking import EXACT, SAME_DAY, Window, rank_slots
from frontdesk.scheduling.slots import Slot, SlotWish
from tests.scheduling.conftest import NOW, Practice

BERLIN = ZoneInfo("Europe/Berlin")
FIELDS = ("date_from", "date_to", "time", "time_from", "time_to", "daypart", "ask")
DEV = Path(__file__).resolve().parent / "data" / "new_forms_dev.jsonl"
DEV_RECORDS = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line]
WED = datetime.fromisoformat("2026-11-25T10:15:00+01:00")


def test_dev_set_is_big_enough() -> None:
    assert len(DEV_RECORDS) >= 50
    assert all(set(r["gold"]) == set(FIELDS) for r in DEV_RECORDS)


@pytest.mark.parametrize("record", DEV_RECORDS, ids=[r["id"] for r in DEV_RECORDS])
def test_dev_case(record: dict[str, Any]) -> None:
    got = parse_record(record, all_fields=True)
    assert {f: got[f] for f in FIELDS} == record["gold"], record["text"]


def test_record_shape() -> None:
    """The CLI's seven fields; without a range the batch face keeps the base set's shape."""
    plain = {"id": "a", "text": "morgen um 10", "now": WED.isoformat()}
    assert "time_from" not in parse_record(plain)
    assert parse_record(plain, all_fields=True)["time_from"] is None
    ranged = parse_record({"id": "b", "text": "ab 15 Uhr", "now": WED.isoformat()})
    assert (ranged["time"], ranged["time_from"], ranged["time_to"]) == (None, "15:00", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("um zehn, nee, ab elf", (None, time(11), None)),
        ("ab elf, nee, um zwölf", (time(12), None, None)),
        ("zwischen 8 und 10 Uhr, nee, lieber zwischen 10 und 12", (None, time(10), time(12))),
        ("um zehn nach vier", (time(16, 10), None, None)),  # an offset, not "nach 4"
        ("am 24.12 nach 15 Uhr", (None, time(15), None)),
        ("in 2 bis 3 Wochen", (None, None, None)),  # counts, not hours
        ("von neun bis elf Uhr vormittags", (None, time(9), time(11))),
        ("Also spätestens um 12.", (None, None, time(12))),
    ],
)
def test_time_forms(text: str, expected: tuple[time | None, ...]) -> None:
    wish = parse_wish(text, WED)
    assert (wish.time, wish.time_from, wish.time_to) == expected


def test_heiliger_abend_is_no_evening() -> None:
    wish = parse_wish("am Heiligen Abend vormittags", WED)
    assert (wish.date_from, wish.daypart) == (date(2026, 12, 24), "morning")


def test_holiday_next_year_when_named() -> None:
    wish = parse_wish("Ostern nächstes Jahr", datetime.fromisoformat("2026-03-01T10:00:00+01:00"))
    assert (wish.date_from, wish.date_to) == (date(2027, 3, 26), date(2027, 3, 29))


@pytest.mark.parametrize(
    ("ours", "theirs", "subdivision"),
    [
        ("karfreitag", "Karfreitag", None),
        ("ostermontag", "Ostermontag", None),
        ("himmelfahrt", "Christi Himmelfahrt", None),
        ("pfingstmontag", "Pfingstmontag", None),
        ("fronleichnam", "Fronleichnam", "BY"),
        ("einheit", "Tag der Deutschen Einheit", None),
        ("reformationstag", "Reformationstag", "BB"),
        ("allerheiligen", "Allerheiligen", "BY"),
    ],
)
def test_feast_days_agree_with_the_holidays_package(
    ours: str, theirs: str, subdivision: str | None
) -> None:
    for year in range(2025, 2041):
        official = holidays.country_holidays("DE", subdiv=subdivision, years=year, language="de")
        expected = [day for day, name in official.items() if name == theirs]
        assert next_span(ours, date(year, 1, 1)) == (expected[0], expected[0]), year


def test_date_parts_carry_the_range() -> None:
    wish = parse_wish_parts("am Montag", "zwischen 15 und 16 Uhr", WED)
    assert (wish.date_from, wish.time, wish.time_from, wish.time_to) == (
        date(2026, 11, 30),
        None,
        time(15),
        time(16),
    )


def _slot(hour: int, minute: int = 0) -> Slot:
    local = datetime(2026, 12, 7, hour, minute, tzinfo=BERLIN)
    utc = local.astimezone(ZoneInfo("UTC"))
    return Slot(1, "Winter", 1, "Beratung", utc, utc, utc, utc, local)


DAY = date(2026, 12, 7)
WINDOW = Window(DAY, DAY, DAY, DAY)


def test_ranking_inside_the_range_counts_as_exact() -> None:
    found = [_slot(h, m) for h in range(9, 18) for m in (0, 30)]
    wish = SlotWish(DAY, DAY, time_from=time(15), time_to=time(16))
    ranked = rank_slots(found, wish, WINDOW, 4)
    assert [(t, s.local_start.strftime("%H:%M")) for t, s in ranked] == [
        (EXACT, "15:00"),
        (EXACT, "15:30"),
        (EXACT, "16:00"),
        (SAME_DAY, "14:30"),  # outside: by distance to the range
    ]


def test_ranking_open_range_by_distance() -> None:
    found = [_slot(9), _slot(11), _slot(12, 30)]
    ranked = rank_slots(found, SlotWish(DAY, DAY, time_from=time(14)), WINDOW, 3)
    assert [s.local_start.hour for _, s in ranked] == [12, 11, 9]
    assert {t for t, _ in ranked} == {SAME_DAY}


def test_service_offers_slots_inside_the_range(session: Session, practice: Practice) -> None:
    wish = parse_wish("am 7. Dezember ab 16 Uhr", NOW.astimezone(BERLIN))
    answer = scheduling.check_availability(
        session=session, company_id=practice.company_id, service="Beratung", wish=wish, now=NOW
    )
    assert answer.exact
    assert [s.local_start.strftime("%H:%M") for s in answer.slots] == ["16:00", "16:30", "17:00"]


def test_live_function_passes_the_range_on(
    session: Session, practice: Practice, new_call: Callable[..., Call]
) -> None:
    ctx = LiveContext(session=session, company=practice.company(session), call=new_call(), now=NOW)
    args = CheckAvailabilityArgs.model_validate(
        {"service": "Beratung", "date": "am 7. Dezember", "time": "zwischen 15 und 16 Uhr"}
    )
    reply = check_availability(ctx, args)
    assert reply["exact"] is True
    starts = [slot["start"][11:16] for slot in reply["slots"]]
    assert starts == ["15:00", "15:30", "16:00"]


HOUR_WORDS = {7: "sieben", 8: "acht", 9: "neun", 10: "zehn", 11: "elf", 12: "zwölf"}
moments = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(BERLIN)
)


@settings(max_examples=300, deadline=None)
@given(
    hours=st.lists(st.integers(7, 20), min_size=2, max_size=2, unique=True).map(sorted),
    words=st.booleans(),
    now=moments,
)
def test_zwischen_hours_parse_to_that_range(hours: list[int], words: bool, now: datetime) -> None:
    low, high = hours
    said = [HOUR_WORDS.get(h, str(h)) if words else str(h) for h in (low, high)]
    wish = parse_wish(f"zwischen {said[0]} und {said[1]} Uhr", now)
    assert (wish.time, wish.time_from, wish.time_to) == (None, time(low), time(high))
    assert not wish.ask and wish.date_from is None


WORDS = [
    *("zwischen", "und", "von", "bis", "ab", "nach", "vor", "nicht", "frühestens", "spätestens"),
    *("gleich", "direkt", "um", "Uhr", "halb", "viertel", "mittags", "Mittag", "Mittagspause"),
    *("dem", "der", "den", "Jahren", "Ostern", "Pfingsten", "Weihnachten", "Silvester"),
    *("Neujahr", "Heiligabend", "Karfreitag", "Ostermontag", "Fronleichnam", "Herbstferien"),
    *("Ferien", "über", "Jahreswechsel", "in", "zwei", "drei", "Wochen", "einer", "Woche"),
    *("am", "Dienstag", "Freitag", "Anfang", "Mitte", "Ende", "übernächsten", "nächsten"),
    *("Monats", "morgen", "heute", "nächstes", "Jahr", "vormittags", "abends", "nee"),
    *("3", "8", "12", "15", "16", "23", "14:30", "5.", "24.12.", ",", "."),
]
phrases = st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=80), now=moments)
def test_never_raises_on_arbitrary_text(text: str, now: datetime) -> None:
    parse_wish(text, now)


@settings(max_examples=1500, deadline=None)
@given(text=phrases, now=moments)
def test_days_never_before_today(text: str, now: datetime) -> None:
    wish = parse_wish(text, now)
    if wish.date_from is not None and wish.date_to is not None:
        assert now.date() <= wish.date_from <= wish.date_to
        assert not wish.ask
    assert (wish.date_from is None) == (wish.date_to is None)
    assert wish.ask == (wish.question is not None)
    if wish.time_from is not None or wish.time_to is not None:
        assert wish.time is None
