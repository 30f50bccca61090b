"""Free slots: hours, notice, buffers, horizon, overrides, clock changes, holds, ranking."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from frontdesk.calls.models import Call
from frontdesk.scheduling import lookup, slots
from frontdesk.scheduling import service as scheduling
from frontdesk.scheduling.dates import parse_wish
from frontdesk.scheduling.slots import SlotWish
from tests.scheduling.conftest import NOW, PRACTICE, Practice, load_text

BERLIN = ZoneInfo("Europe/Berlin")


def free(
    session: Session,
    practice: Practice,
    service: str,
    first: date,
    last: date | None = None,
    *,
    staff: str | None = None,
    now: datetime = NOW,
) -> list[slots.Slot]:
    company = practice.company(session)
    members = lookup.staff_of(session=session, company_id=company.id)
    if staff is not None:
        members = [m for m in members if m.key == staff]
    return slots.free_slots(
        session=session,
        company=company,
        service=lookup.get_service_or_raise(
            session=session, company_id=company.id, service=service
        ),
        staff=members,
        first_day=first,
        last_day=last or first,
        now=now,
    )


def local_times(found: list[slots.Slot]) -> list[str]:
    return [s.local_start.strftime("%H:%M") for s in found]


def test_hours_and_minimum_notice(session: Session, practice: Practice) -> None:
    monday = date(2026, 11, 30)  # now is 08:00 there; notice 60 minutes
    assert local_times(free(session, practice, "Beratung", monday, staff="sommer")) == [
        "09:00", "09:30", "10:00", "10:30", "11:00", "11:30",
    ]  # fmt: skip
    winter = free(session, practice, "Beratung", monday, staff="winter")
    assert local_times(winter)[0] == "14:00" and local_times(winter)[-1] == "17:30"
    # Winter does not do PZR; a 60-minute service must end within the hours.
    assert local_times(free(session, practice, "PZR", monday)) == [
        "09:00", "09:30", "10:00", "10:30", "11:00",
    ]  # fmt: skip


def test_buffers_block_around_appointments(session: Session, practice: Practice) -> None:
    tuesday = date(2026, 12, 1)
    scheduling.book(
        session=session,
        company_id=practice.company_id,
        service="Beratung",
        start=datetime(2026, 12, 1, 10, 0, tzinfo=BERLIN),
        staff="sommer",
        confidence=1.0,
        now=NOW,
    )
    # PZR blocks 10 minutes before and 15 after its hour.
    assert local_times(free(session, practice, "PZR", tuesday)) == ["08:00", "08:30", "11:00"]
    wednesday = date(2026, 12, 2)
    scheduling.book(
        session=session,
        company_id=practice.company_id,
        service="PZR",
        start=datetime(2026, 12, 2, 9, 0, tzinfo=BERLIN),
        confidence=1.0,
        now=NOW,
    )
    assert local_times(free(session, practice, "Beratung", wednesday, staff="sommer")) == [
        "08:00", "10:30", "11:00", "11:30",
    ]  # fmt: skip


def test_horizon(session: Session, practice: Practice) -> None:
    found = free(session, practice, "Beratung", date(2026, 12, 28), date(2027, 1, 8))
    assert found
    assert max(s.local_start.date() for s in found) == date(2026, 12, 30)  # today + 30 days


OVERRIDES = """
overrides:
  - {date: 2026-12-02, closed: true, note: Betriebsausflug}
  - {date: 2026-12-04, hours: "09:00-10:00", note: kurzer Tag}
"""


def test_overrides_most_specific_wins(session: Session, database: object) -> None:
    text = PRACTICE.replace(
        '      mi: "14:00-18:00"\n',
        '      mi: "14:00-18:00"\n    overrides:\n'
        '      - {date: 2026-12-02, hours: "15:00-16:00"}\n'
        '      - {date: 2026-12-05, hours: "09:00-10:00", note: Samstag}\n',
    ).replace(
        '      fr: "08:00-12:00"\n',
        '      fr: "08:00-12:00"\n    overrides:\n      - {date: 2026-12-03, closed: true}\n',
    )
    practice = load_text(session, text + OVERRIDES)
    # Company closed on the 2nd, but Winter's own row for that date wins.
    found = free(session, practice, "Beratung", date(2026, 12, 2))
    assert [(s.staff_name, s.local_start.strftime("%H:%M")) for s in found] == [
        ("Jonas Winter", "15:00"), ("Jonas Winter", "15:30"),
    ]  # fmt: skip
    assert free(session, practice, "Beratung", date(2026, 12, 3)) == []  # Sommer away
    assert local_times(free(session, practice, "Beratung", date(2026, 12, 4))) == [
        "09:00", "09:30",
    ]  # fmt: skip
    saturday = free(session, practice, "Beratung", date(2026, 12, 5))
    assert {s.staff_name for s in saturday} == {"Jonas Winter"} and len(saturday) == 2


NIGHT_SERVICE = (
    "  - name: Notdienst Praxis\n    key: notdienst\n    services: [Beratung]\n    hours:\n"
    '      so: "01:00-05:00"\n      mo: "08:00-09:00"\n      fr: "08:00-09:00"\n'
)


@pytest.mark.parametrize(
    ("now", "sunday", "utc_starts", "local_starts", "friday_utc", "monday_utc"),
    [
        (
            datetime(2026, 3, 26, 12, 0, tzinfo=UTC),
            date(2026, 3, 29),  # clocks jump 02:00 -> 03:00
            ["00:00", "00:30", "01:00", "01:30", "02:00", "02:30"],
            ["01:00", "01:30", "03:00", "03:30", "04:00", "04:30"],
            "07:00",
            "06:00",
        ),
        (
            datetime(2026, 10, 22, 12, 0, tzinfo=UTC),
            date(2026, 10, 25),  # clocks fall back 03:00 -> 02:00
            ["23:00", "23:30", "00:00", "00:30", "01:00", "01:30", "02:00", "02:30", "03:00",
             "03:30"],
            ["01:00", "01:30", "02:00", "02:30", "02:00", "02:30", "03:00", "03:30", "04:00",
             "04:30"],
            "06:00",
            "07:00",
        ),
    ],
)  # fmt: skip
def test_daylight_saving_sundays(
    session: Session,
    database: object,
    now: datetime,
    sunday: date,
    utc_starts: list[str],
    local_starts: list[str],
    friday_utc: str,
    monday_utc: str,
) -> None:
    practice = load_text(session, PRACTICE + NIGHT_SERVICE)
    night = free(session, practice, "Beratung", sunday, staff="notdienst", now=now)
    assert [s.starts_at.strftime("%H:%M") for s in night] == utc_starts
    assert local_times(night) == local_starts
    assert all(s.ends_at - s.starts_at == timedelta(minutes=30) for s in night)
    assert len({s.starts_at for s in night}) == len(night)
    friday = free(session, practice, "Beratung", sunday - timedelta(days=2), staff="notdienst",
                  now=now)  # fmt: skip
    monday = free(session, practice, "Beratung", sunday + timedelta(days=1), staff="notdienst",
                  now=now)  # fmt: skip
    assert friday[0].starts_at.strftime("%H:%M") == friday_utc
    assert monday[0].starts_at.strftime("%H:%M") == monday_utc
    assert local_times(friday)[0] == local_times(monday)[0] == "08:00"
    # Booked on the Monday after the change, it is 08:00 in Berlin and stored in UTC.
    booked = scheduling.book(
        session=session,
        company_id=practice.company_id,
        slot_id=monday[0].id,
        confidence=1.0,
        now=now,
    )
    session.flush()
    session.expire_all()
    assert booked.starts_at.tzinfo is not None
    assert booked.starts_at.astimezone(BERLIN).time() == time(8, 0)
    assert booked.starts_at.strftime("%H:%M") == monday_utc


def test_always_current_data(
    session: Session, practice: Practice, new_call: Callable[..., Call]
) -> None:
    monday = SlotWish(date(2026, 12, 7), date(2026, 12, 7), time(10, 0))
    first = scheduling.check_availability(
        session=session, company_id=practice.company_id, service="Beratung", wish=monday, now=NOW
    )
    assert first.exact and first.slots[0].local_start.time() == time(10, 0)
    scheduling.book(
        session=session,
        company_id=practice.company_id,
        slot_id=first.slots[0].slot_id,
        call_id=new_call().id,
        now=NOW,
    )
    again = scheduling.check_availability(
        session=session, company_id=practice.company_id, service="Beratung", wish=monday, now=NOW
    )
    assert not again.exact
    assert first.slots[0].slot_id not in {s.slot_id for s in again.slots}


def test_alternatives_same_day_then_nearby_days(session: Session, practice: Practice) -> None:
    scheduling.book(
        session=session,
        company_id=practice.company_id,
        service="Beratung",
        start=datetime(2026, 12, 7, 10, 0, tzinfo=BERLIN),
        confidence=1.0,
        now=NOW,
    )
    wish = SlotWish(date(2026, 12, 7), date(2026, 12, 7), time(10, 0))
    answer = scheduling.check_availability(
        session=session, company_id=practice.company_id, service="Beratung", wish=wish, now=NOW
    )
    assert not answer.exact
    assert [s.local_start.strftime("%d. %H:%M") for s in answer.slots] == [
        "07. 09:30", "07. 10:30", "08. 10:00",
    ]  # fmt: skip
    assert answer.slots[0].spoken == "Montag, den 7. Dezember, um 9 Uhr 30"


def test_daypart_offers_are_spread(session: Session, practice: Practice) -> None:
    wish = SlotWish(date(2026, 12, 7), date(2026, 12, 7), None, "afternoon")
    answer = scheduling.check_availability(
        session=session, company_id=practice.company_id, service="Beratung", wish=wish, now=NOW
    )
    assert answer.exact
    assert [s.local_start.strftime("%H:%M") for s in answer.slots] == ["14:00", "15:30", "17:00"]


def test_parsed_wish_from_the_date_parser(session: Session, practice: Practice) -> None:
    wish = parse_wish("nächste Woche Dienstag um halb elf", NOW.astimezone(BERLIN))
    answer = scheduling.check_availability(
        session=session, company_id=practice.company_id, service="Erstgespräch", wish=wish, now=NOW
    )
    assert answer.exact
    assert answer.slots[0].local_start == datetime(2026, 12, 8, 10, 30, tzinfo=BERLIN)


def test_ambiguous_wish_asks_back(session: Session, practice: Practice) -> None:
    wish = parse_wish("am 31.11.", NOW.astimezone(BERLIN))
    assert wish.ask
    answer = scheduling.check_availability(
        session=session, company_id=practice.company_id, service="Beratung", wish=wish, now=NOW
    )
    assert answer.slots == [] and answer.question


def test_next_available(session: Session, practice: Practice) -> None:
    company = practice.company(session)
    service = lookup.get_service_or_raise(
        session=session, company_id=company.id, service="Beratung"
    )
    staff = lookup.staff_of(session=session, company_id=company.id)
    found = slots.next_available(
        session=session, company=company, service=service, staff=staff, now=NOW
    )
    assert found is not None
    assert found.local_start == datetime(2026, 11, 30, 9, 0, tzinfo=BERLIN)
    no_wish = scheduling.check_availability(
        session=session, company_id=company.id, service="Beratung", now=NOW
    )
    assert [s.local_start.strftime("%d. %H:%M") for s in no_wish.slots] == [
        "30. 09:00", "30. 10:30", "30. 14:00",
    ]  # fmt: skip
