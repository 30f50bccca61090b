"""The Termine calendar in a real browser: a readable column per staff member (checked by
element geometry), every short entry shows its patient, drag to move goes through scheduling.

`FRONTDESK_DOCS_SCREENSHOTS=1` also writes docs/dashboard-week.png and docs/dashboard-day.png."""

from __future__ import annotations

import itertools
import os
from datetime import datetime, time, timedelta
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from frontdesk.db.core import Database
from frontdesk.scheduling.models import ACTIVE_STATUSES, Appointment
from tests.conftest import LiveServer
from tests.dashboard.calendar_seed import OWNER, CalendarSeeded, current, seed_calendar
from tests.dashboard.seed import BERLIN, PASSWORD

DOCS = Path(__file__).resolve().parents[3] / "docs"
Box = dict[str, float]


def log_in(page: Page, base: str) -> None:
    page.goto(base + "/app/login")
    page.get_by_label("E-Mail").fill(OWNER)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Übersicht")).to_be_visible()


def box(locator: Locator) -> Box:
    found = locator.bounding_box()
    assert found is not None, locator
    return dict(found)


def overlap(a: Box, b: Box) -> bool:
    """Whether two boxes share area (touching edges do not count)."""
    return (
        min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"]) > 0.5
        and min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"]) > 0.5
    )


def week_url(live_server: LiveServer, seeded: CalendarSeeded, view: str = "week") -> str:
    return f"{live_server.url}/app/appointments?view={view}&date={seeded.monday.isoformat()}"


def now_at(database: Database, appointment_id: int) -> tuple[int, datetime]:
    """(staff, local start) of what the appointment became; it must still be active."""
    with database.sessions() as session:
        staff, start, status, _ = current(session, appointment_id)
    assert status in ACTIVE_STATUSES
    return staff, start


def entry_id(database: Database, appointment_id: int) -> int:
    with database.sessions() as session:
        return current(session, appointment_id)[3]


def entry_of(page: Page, database: Database, appointment_id: int) -> Locator:
    """The grid entry of what the appointment became (a move makes a new one)."""
    with database.sessions() as session:
        *_, now_id = current(session, appointment_id)
    return page.locator(f'#calendar .entry[data-appointment="{now_id}"]')


def seed(database: Database) -> CalendarSeeded:
    with database.unit_of_work() as session:
        return seed_calendar(session)


def test_week_shows_a_readable_column_per_staff_member(
    page: Page, live_server: LiveServer, database: Database
) -> None:
    seeded = seed(database)
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server.url)
    page.goto(week_url(live_server, seeded))
    cal = page.locator("#calendar")
    # Mo-Fr (nobody works at the weekend), three staff columns a day.
    expect(cal.locator(".rcal-dayhead")).to_have_count(5)
    expect(cal.locator(".rcal-col")).to_have_count(15)
    monday = seeded.monday.isoformat()
    columns = cal.locator(f'.rcal-col[data-day="{monday}"]')
    expect(columns).to_have_count(3)
    boxes = [box(columns.nth(i)) for i in range(3)]
    for left, right in itertools.pairwise(boxes):
        assert left["x"] + left["width"] <= right["x"] + 0.5  # side by side, left to right
    for column in boxes:
        assert column["width"] >= 70, column  # room for a line of text
    # No entry covers another, anywhere in the week.
    entries = cal.locator(".entry")
    expect(entries).to_have_count(len(seeded.appointments))
    rects = [
        (entries.nth(i).get_attribute("data-appointment"), box(entries.nth(i)))
        for i in range(entries.count())
    ]
    for i, (id_a, a) in enumerate(rects):
        for id_b, b in rects[i + 1 :]:
            assert not overlap(a, b), (id_a, id_b, a, b)
    # Each entry stays inside its own staff member's column.
    for i in range(entries.count()):
        entry = entries.nth(i)
        column = box(entry.locator("xpath=ancestor::section[contains(@class,'rcal-col')]"))
        inner = box(entry)
        assert (
            column["x"] - 0.5 <= inner["x"]
            and inner["x"] + inner["width"] <= column["x"] + column["width"] + 0.5
        )
    # Every 15-minute (and the 10-minute) entry shows time and the patient's name.
    for label, appointment_id in seeded.appointments.items():
        entry = cal.locator(f'.entry[data-appointment="{appointment_id}"]')
        name = entry.locator(".e-name")
        expect(name).to_have_text(seeded.by_surname[label])
        expect(name).to_be_visible()
        shown, inside = box(name), box(entry)
        visible_width = min(shown["x"] + shown["width"], inside["x"] + inside["width"]) - shown["x"]
        visible_height = (
            min(shown["y"] + shown["height"], inside["y"] + inside["height"]) - shown["y"]
        )
        assert visible_width >= 20 and visible_height >= 8, (label, shown, inside)
        assert seeded.names[label] in (entry.locator("a").get_attribute("title") or "")
    # The 10-minute entry is drawn as tall as a 15-minute one and its neighbour moved aside.
    short = box(cal.locator(f'.entry[data-appointment="{seeded.appointments["herbst-07:30"]}"]'))
    after = box(cal.locator(f'.entry[data-appointment="{seeded.appointments["herbst-07:40"]}"]'))
    assert short["height"] >= 15 * 1.25 - 3 and after["x"] >= short["x"] + short["width"] - 0.5
    # Marked: unconfirmed and provisional; breaks, the absence and the closed day are blocked.
    expect(cal.locator(".entry.status-pending_confirmation")).to_have_count(4)
    expect(cal.locator(".entry.provisional")).to_have_count(2)
    expect(cal.locator(f'.rcal-col[data-day="{monday}"] .band.break')).to_have_count(2)
    wednesday = (seeded.monday + timedelta(days=2)).isoformat()
    expect(cal.locator(f'.rcal-col[data-day="{wednesday}"] .band.absence')).to_have_text(
        "Abwesend: Fortbildung"
    )
    thursday = (seeded.monday + timedelta(days=3)).isoformat()
    expect(cal.locator(f'.rcal-col[data-day="{thursday}"] .band.closed')).to_have_count(3)
    expect(page.get_by_role("list", name="Legende")).to_contain_text("unbestätigt")
    # A click opens every detail in the side panel.
    long_id = seeded.appointments["herbst-07:30"]
    cal.locator(f'.entry[data-appointment="{long_id}"] a').click()
    panel = page.locator("#cal-panel")
    expect(panel).to_contain_text(seeded.names["herbst-07:30"])
    expect(panel).to_contain_text("Blutabnahme")
    expect(panel).to_contain_text("Lea Herbst")
    if os.environ.get("FRONTDESK_DOCS_SCREENSHOTS"):
        page.keyboard.press("Escape")
        page.screenshot(path=str(DOCS / "dashboard-week.png"))


def test_day_view_has_wide_staff_columns(
    page: Page, live_server: LiveServer, database: Database
) -> None:
    seeded = seed(database)
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server.url)
    page.goto(week_url(live_server, seeded, "day"))
    cal = page.locator("#calendar")
    expect(cal.locator(".rcal-col")).to_have_count(3)
    expect(cal.locator(".rcal-staffhead").first).to_have_text("Dr. Anna Sommer")
    for i in range(3):
        assert box(cal.locator(".rcal-col").nth(i))["width"] >= 300
    entry = cal.locator(f'.entry[data-appointment="{seeded.appointments["sommer-08:00"]}"]')
    # Wide columns: time, the whole name and the service on the 15-minute entry's one line.
    for part, text in (
        ("e-time", "08:00"),
        ("e-name", seeded.names["sommer-08:00"]),
        ("e-svc", "Kontrolle"),
    ):
        expect(entry.locator(f".{part}")).to_have_text(text)
        shown, inside = box(entry.locator(f".{part}")), box(entry)
        assert shown["x"] + shown["width"] <= inside["x"] + inside["width"], part
    # By keyboard: Enter opens the panel (focus moves into it), Escape closes it and returns.
    link = entry.locator("a")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#cal-panel h2")).to_be_focused()
    expect(page.locator("#cal-panel")).to_contain_text(seeded.names["sommer-08:00"])
    page.keyboard.press("Escape")
    expect(page.locator("#cal-panel")).to_be_empty()
    expect(link).to_be_focused()
    if os.environ.get("FRONTDESK_DOCS_SCREENSHOTS"):
        cal.locator(f'.entry[data-appointment="{seeded.appointments["herbst-08:15"]}"] a').click()
        expect(page.locator("#cal-panel")).to_contain_text("vorläufig")
        page.screenshot(path=str(DOCS / "dashboard-day.png"))


def drag_to(page: Page, entry: Locator, column: Locator, minute: int, first_minute: int) -> None:
    """Press on the entry's first line and drop it so that it starts at `minute` (of the day)."""
    entry.evaluate("node => node.scrollIntoView({block: 'center'})")  # the mouse never scrolls
    start = box(entry)
    target = box(column)
    ppm = float(page.locator("#calendar").get_attribute("data-ppm") or "1")
    grab_x, grab_y = start["x"] + 6, start["y"] + 5
    drop_x = target["x"] + target["width"] / 2
    drop_y = target["y"] + (minute - first_minute) * ppm + 1 + 4
    page.mouse.move(grab_x, grab_y)
    page.mouse.down()
    page.mouse.move(grab_x + 3, grab_y + 6, steps=2)
    page.mouse.move(drop_x, drop_y, steps=8)
    page.mouse.up()


def test_drag_moves_to_a_free_slot_and_a_taken_one_is_refused(
    page: Page, live_server: LiveServer, database: Database
) -> None:
    seeded = seed(database)
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server.url)
    page.goto(week_url(live_server, seeded, "day"))
    cal = page.locator("#calendar")
    first = int(cal.get_attribute("data-first") or "0")
    moving = seeded.appointments["sommer-09:00"]
    entry = cal.locator(f'.entry[data-appointment="{moving}"]')
    sommer = cal.locator(f'.rcal-col[data-staff="{seeded.staff["sommer"]}"]')
    offset = box(entry)["y"] - box(sommer)["y"]

    # Onto Dr. Sommer's 10:00 Beratung: taken, refused in German, the entry snaps back.
    drag_to(page, entry, sommer, 10 * 60 + 5, first)
    message = page.locator("#cal-message")
    expect(message).to_have_attribute("role", "alert")
    expect(message).to_contain_text("Nicht verschoben: Mo")
    expect(message).to_contain_text("10:05 bei Dr. Anna Sommer ist schon vergeben.")
    expect(entry).not_to_have_class("saving")
    assert abs(box(entry)["y"] - box(sommer)["y"] - offset) < 1  # back where it was
    monday = seeded.monday
    assert now_at(database, moving) == (
        seeded.staff["sommer"],
        datetime.combine(monday, time(9, 0), BERLIN),
    )

    # To a free 11:00 with Dr. Sommer: moved, in the database and on the grid.
    drag_to(page, entry, sommer, 11 * 60, first)
    expect(message).to_contain_text("Termin verschoben")
    expect(message).to_have_attribute("role", "status")
    moved = entry_of(page, database, moving)
    expect(moved.locator(".e-time")).to_have_text("11:00")
    expect(moved.locator(".e-name")).to_have_text(seeded.names["sommer-09:00"])
    assert now_at(database, moving) == (
        seeded.staff["sommer"],
        datetime.combine(monday, time(11, 0), BERLIN),
    )

    # Across to Lea Herbst at 12:00 (she works until 15:30 and offers Kontrolle).
    herbst = cal.locator(f'.rcal-col[data-staff="{seeded.staff["herbst"]}"]')
    drag_to(page, moved, herbst, 12 * 60, first)
    expect(message).to_contain_text("bei Lea Herbst")
    assert now_at(database, moving) == (
        seeded.staff["herbst"],
        datetime.combine(monday, time(12, 0), BERLIN),
    )
    expect(
        herbst.locator(f'.entry[data-appointment="{entry_id(database, moving)}"]')
    ).to_have_count(1)

    # Outside Dr. Winter's hours (before 09:00): refused, nothing changes.
    winter = cal.locator(f'.rcal-col[data-staff="{seeded.staff["winter"]}"]')
    drag_to(page, entry_of(page, database, moving), winter, 8 * 60, first)
    expect(message).to_have_attribute("role", "alert")
    expect(message).to_contain_text("außerhalb der Arbeitszeit von Dr. Jonas Winter")
    assert now_at(database, moving)[0] == seeded.staff["herbst"]
    expect(
        herbst.locator(f'.entry[data-appointment="{entry_id(database, moving)}"]')
    ).to_have_count(1)


def test_phone_width_scrolls_inside_the_calendar(
    page: Page, live_server: LiveServer, database: Database
) -> None:
    seeded = seed(database)
    page.set_viewport_size({"width": 375, "height": 740})
    log_in(page, live_server.url)
    for view in ("week", "day"):
        page.goto(week_url(live_server, seeded, view))
        expect(page.locator("#calendar .entry").first).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 380, (view, width)
        inner = page.evaluate("document.querySelector('.rcal-scroll').scrollWidth")
        assert inner > 375  # the columns keep their width and scroll sideways


def test_drag_to_another_day_in_the_week(
    page: Page, live_server: LiveServer, database: Database
) -> None:
    seeded = seed(database)
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server.url)
    page.goto(week_url(live_server, seeded))
    cal = page.locator("#calendar")
    first = int(cal.get_attribute("data-first") or "0")
    moving = seeded.appointments["sommer-14:00"]  # Monday, a 45-minute Untersuchung
    tuesday = seeded.monday + timedelta(days=1)
    target = cal.locator(
        f'.rcal-col[data-day="{tuesday.isoformat()}"][data-staff="{seeded.staff["sommer"]}"]'
    )
    drag_to(page, cal.locator(f'.entry[data-appointment="{moving}"]'), target, 15 * 60, first)
    expect(page.locator("#cal-message")).to_contain_text("Termin verschoben auf Di")
    assert now_at(database, moving) == (
        seeded.staff["sommer"],
        datetime.combine(tuesday, time(15, 0), BERLIN),
    )
    expect(
        target.locator(f'.entry[data-appointment="{entry_id(database, moving)}"]')
    ).to_be_visible()


def ends_at(database: Database, appointment_id: int) -> datetime:
    with database.sessions() as session:
        row = session.get(Appointment, appointment_id)
        assert row is not None
        return row.ends_at.astimezone(BERLIN)


def drag_lower_edge(page: Page, entry: Locator, minutes: int, ppm: float) -> None:
    """Press on the entry's resize handle and pull it `minutes` down."""
    entry.scroll_into_view_if_needed()
    entry.hover()
    handle = box(entry.locator(".e-resize"))
    x, y = handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, y + 6, steps=2)
    page.mouse.move(x, y + minutes * ppm, steps=8)
    page.mouse.up()


def test_drag_the_lower_edge_to_change_the_end(
    page: Page, live_server: LiveServer, database: Database
) -> None:
    seeded = seed(database)
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server.url)
    page.goto(week_url(live_server, seeded, "day"))
    cal = page.locator("#calendar")
    ppm = float(cal.get_attribute("data-ppm") or "1")
    growing = seeded.appointments["sommer-09:00"]  # 09:00-09:15; Dr. Sommer's next at 10:00
    entry = cal.locator(f'.entry[data-appointment="{growing}"]')
    expect(entry.locator(".e-resize")).to_have_css("cursor", "ns-resize")
    monday = seeded.monday
    message = page.locator("#cal-message")

    # 15 minutes longer, into free time: saved, the grid redrawn taller.
    height = box(entry)["height"]
    drag_lower_edge(page, entry, 15, ppm)
    expect(message).to_have_attribute("role", "status")
    expect(message).to_contain_text("Termin endet jetzt um 09:30.")
    assert ends_at(database, growing) == datetime.combine(monday, time(9, 30), BERLIN)
    entry = cal.locator(f'.entry[data-appointment="{growing}"]')
    expect(entry).to_have_attribute("data-minutes", "30")
    assert box(entry)["height"] > height + 10 * ppm

    # Into the 10:00 Beratung: refused in German, the old length comes back.
    height = box(entry)["height"]
    drag_lower_edge(page, entry, 45, ppm)
    expect(message).to_have_attribute("role", "alert")
    expect(message).to_contain_text("Nicht geändert: bis 10:15 überschneidet sich")
    expect(entry).not_to_have_class("saving")
    assert abs(box(entry)["height"] - height) < 1
    assert ends_at(database, growing) == datetime.combine(monday, time(9, 30), BERLIN)
