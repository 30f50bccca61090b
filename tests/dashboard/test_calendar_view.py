"""The Termine calendar: placement (pure), the resource view's bands and entries from the
database, and the routes behind the grid (fragment, side panel, drag moves)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from frontdesk.dashboard.queries import calendar
from frontdesk.dashboard.queries.calendar_layout import (
    MIN_ENTRY_MINUTES,
    minute_of_day,
    place,
    visible_hours,
)
from frontdesk.db.core import Database
from frontdesk.scheduling.models import (
    ACTIVE_STATUSES,
    Appointment,
    CalendarBusyBlock,
    Staff,
    StaffCalendar,
)
from frontdesk.tenancy.models import Company
from tests.dashboard.calendar_seed import OWNER, CalendarSeeded, current, seed_calendar
from tests.dashboard.conftest import token
from tests.dashboard.seed import BERLIN, Seeded, seed_two

# -- placement, no database ---------------------------------------------------------------


def test_entries_that_meet_share_the_width_the_others_keep_it() -> None:
    placed = {p.item: p for p in place([("a", 0, 15), ("b", 15, 30), ("c", 20, 40), ("d", 60, 65)])}
    assert (placed["a"].lane, placed["a"].lanes) == (0, 1)  # touching is not overlapping
    assert {placed["b"].lane, placed["c"].lane} == {0, 1}
    assert placed["b"].lanes == placed["c"].lanes == 2
    assert (placed["d"].lanes, placed["d"].length) == (1, MIN_ENTRY_MINUTES)


def test_a_short_entry_is_drawn_long_enough_and_its_neighbour_moves_aside() -> None:
    placed = {p.item: p for p in place([("blood", 0, 10), ("next", 10, 25)])}
    assert placed["blood"].length == MIN_ENTRY_MINUTES
    assert placed["blood"].lane != placed["next"].lane


@given(
    st.lists(
        st.tuples(st.integers(0, 600), st.integers(1, 120)).map(lambda t: (t[0], t[0] + t[1])),
        max_size=25,
    )
)
def test_no_two_drawn_boxes_cover_each_other(ranges: list[tuple[int, int]]) -> None:
    placed = place([(i, lo, hi) for i, (lo, hi) in enumerate(ranges)])
    assert sorted(p.item for p in placed) == list(range(len(ranges)))
    for p in placed:
        assert 0 <= p.lane < p.lanes and p.length >= MIN_ENTRY_MINUTES
    for i, p in enumerate(placed):
        for q in placed[i + 1 :]:
            meets = p.top < q.top + q.length and q.top < p.top + p.length
            if meets:
                # Boxes that meet in time are in different lanes of one group: the lane
                # widths are 1/lanes of the column, so equal lane counts never share x.
                assert p.lane != q.lane and p.lanes == q.lanes


def test_minutes_and_visible_hours() -> None:
    day = date(2026, 3, 29)  # clocks go forward at 02:00 in Berlin
    assert minute_of_day(datetime(2026, 3, 29, 7, 30, tzinfo=BERLIN), day, BERLIN) == 450
    assert minute_of_day(datetime(2026, 3, 28, 23, 0, tzinfo=BERLIN), day, BERLIN) == 0
    assert minute_of_day(datetime(2026, 3, 30, 1, 0, tzinfo=BERLIN), day, BERLIN) == 1440
    assert visible_hours([(450, 930), (480, 1080)]) == (7, 18)
    assert visible_hours([(481, 482)]) == (8, 9)
    assert visible_hours([]) == (8, 18)


# -- the resource view from the database ----------------------------------------------------


@pytest.fixture
def markt(session: Session) -> CalendarSeeded:
    return seed_calendar(session)


def _week(session: Session, seeded: CalendarSeeded, **kwargs: object) -> calendar.CalendarView:
    options: dict[str, object] = {"days": 7, "staff_id": None, "hide_idle_days": True}
    options.update(kwargs)
    return calendar.calendar(
        session=session,
        company_id=seeded.company_id,
        tz=BERLIN,
        start=seeded.monday,
        **options,  # type: ignore[arg-type]
    )


@pytest.mark.db
def test_week_has_a_column_per_staff_member_with_hours_and_blocked_areas(
    session: Session, markt: CalendarSeeded
) -> None:
    view = _week(session, markt)
    assert [c.day.weekday() for c in view.columns] == [0, 1, 2, 3, 4]  # no weekend
    assert (view.first_hour, view.end_hour) == (7, 18)  # 07:30 (Herbst) .. 18:00 (Winter)
    assert [s.name for s in view.shown] == ["Dr. Anna Sommer", "Dr. Jonas Winter", "Lea Herbst"]
    monday, _, wednesday, thursday, friday = view.columns
    sommer, winter, herbst = monday.staff_days
    origin = 7 * 60
    assert [(b.top + origin, b.length) for b in sommer.working] == [(480, 240), (780, 240)]
    assert [(b.kind, b.top + origin, b.length, b.label) for b in sommer.blocked] == [
        ("break", 720, 60, "Pause")
    ]
    assert herbst.blocked == [] and len(herbst.working) == 1
    absent = wednesday.staff_days[1]
    assert absent.working == [] and [(b.kind, b.label) for b in absent.blocked] == [
        ("absence", "Abwesend: Fortbildung")
    ]
    assert absent.blocked[0].length == view.span
    assert thursday.closed == "Praxis geschlossen: Betriebsausflug"
    assert {b.kind for c in thursday.staff_days for b in c.blocked} == {"closed"}
    assert [(b.top + origin, b.length) for b in friday.staff_days[0].working] == [(480, 300)]
    # Entries sit in their member's column; the overview's flat list is ordered by time.
    ids = dict(markt.appointments.items())
    assert [e.appointment.id for e in sommer.entries][:2] == [
        ids["sommer-08:00"],
        ids["sommer-08:15"],
    ]
    assert all(e.appointment.staff_id == markt.staff["winter"] for e in winter.entries)
    starts = [e.appointment.starts_at for e in monday.entries]
    assert starts == sorted(starts)
    first = next(e for e in sommer.entries if e.appointment.id == ids["sommer-08:00"])
    assert (first.top, first.length, first.lanes) == (60, 15, 1)
    assert view.now_top is None  # no `now` given
    at_ten = datetime.combine(markt.monday, time(10, 30), BERLIN)
    assert _week(session, markt, now=at_ten).now_top == 10 * 60 + 30 - origin
    assert _week(session, markt, now=at_ten - timedelta(days=7)).now_top is None
    provisional = next(e for e in herbst.entries if e.appointment.id == ids["herbst-08:15"])
    assert provisional.provisional and provisional.pending
    assert provisional.patient == "Karin Vorläufig"


@pytest.mark.db
def test_one_staff_member_a_holiday_and_an_inactive_member_with_appointments(
    session: Session, markt: CalendarSeeded
) -> None:
    one = _week(session, markt, staff_id=markt.staff["winter"])
    assert [s.name for s in one.shown] == ["Dr. Jonas Winter"]
    assert all(len(c.staff_days) == 1 for c in one.columns)
    company = session.get(Company, markt.company_id)
    assert company is not None
    company.settings = {**(company.settings or {}), "public_holidays": "DE"}
    herbst = session.get(Staff, markt.staff["herbst"])
    assert herbst is not None
    herbst.active = False  # left the practice, but still has appointments next week
    session.flush()
    christmas = date(2026, 12, 25)
    holiday = calendar.calendar(
        session=session,
        company_id=markt.company_id,
        tz=BERLIN,
        start=christmas,
        days=1,
        staff_id=None,
    )
    assert holiday.columns[0].closed == "Feiertag: Erster Weihnachtstag"
    assert {b.kind for c in holiday.columns[0].staff_days for b in c.blocked} == {"holiday"}
    assert "Lea Herbst" not in [s.name for s in holiday.shown]  # inactive, nothing booked
    week = _week(session, markt)
    assert "Lea Herbst" in [s.name for s in week.shown]  # inactive, but booked: still shown
    assert "Lea Herbst" not in [s.name for s in week.staff]  # not offered for new bookings


@pytest.mark.db
def test_external_busy_times_are_blocked_areas(session: Session, markt: CalendarSeeded) -> None:
    winter = markt.staff["winter"]
    linked = StaffCalendar(
        company_id=markt.company_id, staff_id=winter, url="https://dav.example/winter/"
    )
    session.add(linked)
    session.flush()
    tuesday = markt.monday + timedelta(days=1)
    session.add(
        CalendarBusyBlock(
            company_id=markt.company_id,
            staff_id=winter,
            calendar_id=linked.id,
            starts_at=datetime.combine(tuesday, time(15, 0), BERLIN),
            ends_at=datetime.combine(tuesday, time(16, 30), BERLIN),
            uid="privat-1",
        )
    )
    session.flush()
    view = _week(session, markt)
    cell = view.columns[1].staff_days[1]
    assert cell.staff.id == winter
    busy = [
        (b.top + view.first_hour * 60, b.length, b.label) for b in cell.blocked if b.kind == "busy"
    ]
    assert busy == [(15 * 60, 90, "extern belegt")]


@pytest.mark.db
def test_another_companys_appointments_and_staff_never_show(
    session: Session, markt: CalendarSeeded
) -> None:
    other, _ = seed_two(session)
    view = _week(session, markt, hide_idle_days=False)
    assert other.staff_member_id not in {s.id for s in view.shown}
    shown = {e.appointment.id for c in view.columns for e in c.entries}
    assert shown == set(markt.appointments.values())
    with pytest.raises(LookupError):
        _week(session, CalendarSeeded(-1, markt.monday, {}, {}))


# -- the routes ------------------------------------------------------------------------------


@pytest.fixture
def markt_live(database: Database) -> CalendarSeeded:
    with database.unit_of_work() as session:
        return seed_calendar(session)


def _now(database: Database, appointment_id: int) -> tuple[int, datetime]:
    """(staff, local start) of what the appointment became; it must still be active."""
    with database.sessions() as session:
        staff, start, status, _ = current(session, appointment_id)
    assert status in ACTIVE_STATUSES
    return staff, start


def _drag(
    client: httpx.Client, appointment_id: int, day: date, at: str, staff_id: int | None = None
) -> httpx.Response:
    data = {"day": day.isoformat(), "at": at}
    if staff_id is not None:
        data["staff_id"] = str(staff_id)
    headers = {"HX-Request": "true", "X-CSRF-Token": token(client, "/app/appointments")}
    return client.post(f"/app/appointments/{appointment_id}/move", data=data, headers=headers)


@pytest.mark.db
def test_week_page_fragment_and_panel(
    markt_live: CalendarSeeded, login_as: Callable[[str], httpx.Client]
) -> None:
    client = login_as(OWNER)
    page = client.get("/app/appointments", params={"date": markt_live.monday.isoformat()}).text
    assert page.count('class="rcal-col ') == 15 and "Legende" in page
    assert 'src="/app/static/calendar.js"' in page and 'href="/app/static/calendar.css"' in page
    long_id = markt_live.appointments["herbst-07:30"]
    entry = re.search(rf'<li class="entry[^"]*"\s+data-appointment="{long_id}".*?</li>', page, re.S)
    assert entry is not None
    assert "Maximiliane-Theodora von Hohenzollern-Sigmaringen-Wittelsbach" in entry.group(0)
    assert "07:30–07:40 · Blutabnahme" in entry.group(0)
    fragment = client.get(
        "/app/appointments",
        params={"date": markt_live.monday.isoformat()},
        headers={"HX-Request": "true"},
    ).text
    assert fragment.lstrip().startswith("{#") is False and "<html" not in fragment
    assert 'id="calendar"' in fragment
    panel = client.get(f"/app/appointments/{markt_live.appointments['herbst-08:15']}/panel").text
    assert "Karin Vorläufig" in panel and "vorläufig" in panel and "unbestätigt" in panel
    assert "Lea Herbst" in panel and "<html" not in panel
    day = client.get(
        "/app/appointments", params={"view": "day", "date": markt_live.monday.isoformat()}
    ).text
    assert day.count('class="rcal-col ') == 3 and "Dr. Jonas Winter</div>" in day


@pytest.mark.db
def test_drag_moves_through_the_scheduling_rules(
    database: Database, markt_live: CalendarSeeded, login_as: Callable[[str], httpx.Client]
) -> None:
    client = login_as(OWNER)
    moving = markt_live.appointments["sommer-09:00"]
    monday = markt_live.monday
    sommer, winter, herbst = (markt_live.staff[k] for k in ("sommer", "winter", "herbst"))
    at_nine = (sommer, datetime.combine(monday, time(9, 0), BERLIN))

    taken = _drag(client, moving, monday, "10:05")
    assert taken.status_code == 409 and "<html" not in taken.text
    assert (
        "Nicht verschoben: Mo " in taken.text
        and "10:05 bei Dr. Anna Sommer ist schon vergeben" in taken.text
    )
    assert _now(database, moving) == at_nine
    for refused_day, at, staff, why in (
        (monday, "12:30", None, "außerhalb der Arbeitszeit von Dr. Anna Sommer"),  # lunch
        (monday, "08:00", winter, "außerhalb der Arbeitszeit von Dr. Jonas Winter"),
        (monday + timedelta(days=2), "10:00", winter, "Dr. Jonas Winter ist am Mi"),  # absent
        (monday + timedelta(days=3), "09:00", None, "geschlossen (Betriebsausflug)"),
        (monday - timedelta(days=7), "09:00", None, "in der Vergangenheit"),
    ):
        response = _drag(client, moving, refused_day, at, staff)
        assert response.status_code == 409, (refused_day, at)
        assert why in response.text, (why, response.text)
        assert _now(database, moving) == at_nine
    consult = markt_live.appointments["sommer-10:00"]  # a Beratung, which Lea Herbst does not do
    response = _drag(client, consult, monday, "12:00", herbst)
    assert response.status_code == 409 and "Lea Herbst bietet „Beratung“ nicht an" in response.text

    moved = _drag(client, moving, monday, "11:00")
    assert moved.status_code == 204
    assert _now(database, moving) == (sommer, datetime.combine(monday, time(11, 0), BERLIN))
    with database.sessions() as session:
        old = session.get(Appointment, moving)
        assert old is not None and old.status == "rescheduled"
        new_id = old.replaced_by_id
    assert new_id is not None
    across = _drag(client, new_id, monday, "12:00", herbst)
    assert across.status_code == 204
    friday = monday + timedelta(days=4)
    same_time = markt_live.appointments["fri-sommer-11:00"]  # to a colleague, same start
    assert _drag(client, same_time, friday, "11:00", herbst).status_code == 204
    assert _now(database, same_time) == (herbst, datetime.combine(friday, time(11, 0), BERLIN))
    assert _now(database, moving) == (herbst, datetime.combine(monday, time(12, 0), BERLIN))


@pytest.mark.db
def test_another_companys_staff_cannot_be_the_target(
    database: Database,
    markt_live: CalendarSeeded,
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    client = login_as(OWNER)
    _, b = practices
    moving = markt_live.appointments["sommer-09:00"]
    response = _drag(client, moving, markt_live.monday, "11:00", b.staff_member_id)
    assert response.status_code == 404
    assert _now(database, moving) == (
        markt_live.staff["sommer"],
        datetime.combine(markt_live.monday, time(9, 0), BERLIN),
    )


def _ends(database: Database, appointment_id: int) -> datetime:
    with database.sessions() as session:
        row = session.get(Appointment, appointment_id)
        assert row is not None
        return row.ends_at.astimezone(BERLIN)


@pytest.mark.db
def test_resize_changes_the_end_through_the_scheduling_rules(
    database: Database,
    markt_live: CalendarSeeded,
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    client = login_as(OWNER)
    headers = {"HX-Request": "true", "X-CSRF-Token": token(client, "/app/appointments")}
    growing = markt_live.appointments["sommer-09:00"]  # 09:00-09:15, next one at 10:00
    url = f"/app/appointments/{growing}/resize"
    monday = markt_live.monday

    assert client.post(url, data={"ends_at_local": "09:45"}, headers=headers).status_code == 204
    assert _ends(database, growing) == datetime.combine(monday, time(9, 45), BERLIN)
    taken = client.post(url, data={"ends_at_local": "10:15"}, headers=headers)
    assert taken.status_code == 409 and "<html" not in taken.text
    assert "Nicht geändert: bis 10:15 überschneidet sich" in taken.text
    lunch = client.post(
        f"/app/appointments/{markt_live.appointments['sommer-10:00']}/resize",
        json={"ends_at_local": "12:30"},
        headers=headers,
    )
    assert lunch.status_code == 409
    assert "außerhalb der Arbeitszeit von Dr. Anna Sommer" in lunch.text
    assert client.post(url, json={"ends_at_local": "09:30"}, headers=headers).status_code == 204
    assert _ends(database, growing) == datetime.combine(monday, time(9, 30), BERLIN)
    assert client.post(url, data={"ends_at_local": "9 Uhr"}, headers=headers).status_code == 422
    assert client.post(url, data={"ends_at_local": "09:45"}).status_code == 403  # no token
    _, b = practices
    theirs = client.post(
        f"/app/appointments/{b.appointment_id}/resize",
        data={"ends_at_local": "10:00"},
        headers=headers,
    )
    assert theirs.status_code == 404
    assert _ends(database, growing) == datetime.combine(monday, time(9, 30), BERLIN)
