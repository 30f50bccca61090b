"""next_available searches a week, then doubling chunks: still the earliest free slot."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

from frontdesk.scheduling import lookup, ranking, slots
from frontdesk.scheduling.models import DateOverride
from tests.scheduling.conftest import NOW, Practice

pytestmark = pytest.mark.db


def _close(session: Session, company_id: int, today: date, offsets: range) -> None:
    """The practice closed on today + each offset."""
    for offset in offsets:
        session.add(
            DateOverride(company_id=company_id, day=today + timedelta(days=offset), closed=True)
        )
    session.flush()


@pytest.mark.parametrize("closed_days", [0, 6, 7, 8, 20, 21, 22])
def test_earliest_slot_behind_closed_days(
    session: Session, practice: Practice, closed_days: int
) -> None:
    """Closures ending in the first week, on a chunk boundary (7, 21) or inside the doubled
    chunks give the slot a search over the whole horizon at once gives."""
    company = practice.company(session)
    today = slots.today_in(company, NOW)
    _close(session, company.id, today, range(closed_days))
    service = lookup.get_service_or_raise(session=session, company_id=company.id, service="pzr")
    staff = lookup.staff_of(session=session, company_id=company.id)
    whole = slots.free_slots(
        session=session,
        company=company,
        service=service,
        staff=staff,
        first_day=today,
        last_day=today + timedelta(days=30),
        now=NOW,
    )
    found = slots.next_available(
        session=session, company=company, service=service, staff=staff, now=NOW
    )
    assert found is not None and whole
    assert found.starts_at == whole[0].starts_at
    assert (found.local_start.date() - today).days >= closed_days


def test_nothing_free_in_the_horizon(session: Session, practice: Practice) -> None:
    company = practice.company(session)
    today = slots.today_in(company, NOW)
    _close(session, company.id, today, range(40))  # the practice's horizon is 30 days
    service = lookup.get_service_or_raise(session=session, company_id=company.id, service="pzr")
    staff = lookup.staff_of(session=session, company_id=company.id)
    assert (
        slots.next_available(
            session=session, company=company, service=service, staff=staff, now=NOW
        )
        is None
    )


@pytest.mark.parametrize(
    ("closed", "searched"),
    [((0, 10), (0, 10)), ((0, 10), (3, 10)), ((2, 12), (4, 9)), ((1, 9), (1, 9))],
)
def test_days_already_found_empty_are_not_loaded_again(
    session: Session,
    practice: Practice,
    monkeypatch: pytest.MonkeyPatch,
    closed: tuple[int, int],
    searched: tuple[int, int],
) -> None:
    """A wish's window with no free slot is skipped by the search that follows it: the same
    earliest slot, and none of the window's days loaded a second time."""
    company = practice.company(session)
    today = slots.today_in(company, NOW)
    _close(session, company.id, today, range(closed[0], closed[1] + 1))
    service = lookup.get_service_or_raise(session=session, company_id=company.id, service="pzr")
    staff = lookup.staff_of(session=session, company_id=company.id)
    window = (today + timedelta(days=searched[0]), today + timedelta(days=searched[1]))
    in_window = slots.free_slots(
        session=session,
        company=company,
        service=service,
        staff=staff,
        first_day=window[0],
        last_day=window[1],
        now=NOW,
    )
    if in_window:
        pytest.skip("the window has free slots; nothing to skip")
    plain = slots.next_available(
        session=session, company=company, service=service, staff=staff, now=NOW
    )
    loaded: list[tuple[object, object]] = []
    real = slots.free_slots

    def recording(**kwargs: object) -> list[slots.Slot]:
        loaded.append((kwargs["first_day"], kwargs["last_day"]))
        return real(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(slots, "free_slots", recording)
    skipping = slots.next_available(
        session=session, company=company, service=service, staff=staff, now=NOW, searched=window
    )
    assert skipping == plain
    for first, last in loaded:
        assert last < window[0] or first > window[1]  # type: ignore[operator]


@pytest.mark.parametrize(
    ("wished", "closed_until"),
    [(2, 9), (1, 8), (0, 9), (3, 20), (1, 35)],
)
def test_a_full_window_near_today_costs_one_calendar_load(
    session: Session,
    practice: Practice,
    monkeypatch: pytest.MonkeyPatch,
    wished: int,
    closed_until: int,
) -> None:
    """A wished day whose whole window is closed gets the earliest free slot from today on,
    the one next_available finds, from the one load that covered the window; only a search
    past those days loads again, and never the same days twice."""
    company = practice.company(session)
    today = slots.today_in(company, NOW)
    _close(session, company.id, today, range(closed_until + 1))
    service = lookup.get_service_or_raise(session=session, company_id=company.id, service="pzr")
    staff = lookup.staff_of(session=session, company_id=company.id)
    earliest = slots.next_available(
        session=session, company=company, service=service, staff=staff, now=NOW
    )
    loads: list[tuple[object, object]] = []
    real = slots._load

    def recording(*args: object, **kwargs: object) -> object:
        loads.append((args[4], args[5]))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(slots, "_load", recording)
    day = today + timedelta(days=wished)
    offered = slots.ranked_offers(
        session=session,
        company=company,
        service=service,
        staff=staff,
        wish=slots.SlotWish(date_from=day, date_to=day),
        now=NOW,
    )
    if earliest is None:
        assert offered == []
    else:
        assert offered == [(ranking.NEARBY, earliest)]
    span_end = today + timedelta(days=slots.FIRST_SPAN_DAYS - 1)
    within_span = earliest is not None and earliest.local_start.date() <= span_end
    assert len(loads) == 1 if within_span else len(loads) > 1
    for (_, last), (later_first, _) in itertools.pairwise(loads):
        assert later_first > last  # type: ignore[operator]
    assert loads[0][0] == today


@pytest.mark.parametrize("closed_days", [0, 1, 3, 9])
@pytest.mark.parametrize("service_key", ["pzr", "beratung"])
def test_the_first_day_only_search_gives_the_whole_searchs_first_day(
    session: Session, practice: Practice, closed_days: int, service_key: str
) -> None:
    """`first_only` stops at the first day with a free slot: the same slots as the whole search
    has on that day (both staff members, by start), and none of a later day."""
    company = practice.company(session)
    today = slots.today_in(company, NOW)
    _close(session, company.id, today, range(closed_days))
    service = lookup.get_service_or_raise(
        session=session, company_id=company.id, service=service_key
    )
    staff = lookup.staff_of(session=session, company_id=company.id)
    common = {
        "session": session,
        "company": company,
        "service": service,
        "staff": staff,
        "first_day": today,
        "last_day": today + timedelta(days=20),
        "now": NOW,
    }
    whole = slots.free_slots(**common)  # type: ignore[arg-type]
    first = slots.free_slots(**common, first_only=True)  # type: ignore[arg-type]
    first_day = whole[0].local_start.date()
    assert first == [s for s in whole if s.local_start.date() == first_day]
    assert (first_day - today).days >= closed_days
