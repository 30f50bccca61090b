"""Booking for a real patient in a real browser: found by a misspelled name or another phone
notation, a refused booking with its reason and three alternatives (the form kept), and cancel,
confirm, undo. `FRONTDESK_DOCS_SCREENSHOTS=1` also writes docs/dashboard-booking.png."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

from playwright.sync_api import Page, expect

from frontdesk.dashboard.formats import day_label
from tests.conftest import LiveServer
from tests.dashboard.browser.test_dashboard_browser import log_in
from tests.dashboard.seed import Seeded, next_monday

DOCS = Path(__file__).resolve().parents[3] / "docs"


def _pick(page: Page, query: str, name: str) -> None:
    # Typed key by key, as the receptionist types: a fill right after htmx swapped the picker
    # in could land before htmx listens to the new field, and no search would follow.
    page.get_by_label("Suchen: Name").press_sequentially(query, delay=20)
    page.get_by_role("button", name=f"{name} wählen").click()
    expect(page.locator("#picked-patient")).to_contain_text(name)


def _when(page: Page, day: date, at: str) -> None:
    page.get_by_label("Tag", exact=True).fill(day.isoformat())
    page.get_by_label("Uhrzeit").fill(at)


def test_book_for_a_patient_found_by_sound_and_by_another_phone_notation(
    page: Page, live_server: LiveServer, practices: tuple[Seeded, Seeded]
) -> None:
    a, _ = practices
    log_in(page, live_server.url, a.owner_email)
    monday = next_monday()
    page.goto(f"{live_server.url}/app/appointments/new")
    _pick(page, "Jutta Meier", "Jutta Meyer")  # spelled as it sounds
    _when(page, monday, "15:00")
    page.get_by_role("button", name="Buchen", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/app/customers/{a.meyer_id}\?gebucht="))
    expect(page.get_by_role("status")).to_have_text("Termin gebucht.")
    expect(page.locator("main")).to_contain_text(f"{day_label(monday)}, 15:00 Beratung")
    # From the patient's page: "Termin buchen" comes with the patient picked.
    page.get_by_role("link", name="Termin buchen").click()
    expect(page.locator("#picked-patient")).to_contain_text("Jutta Meyer")
    page.get_by_role("button", name="Anderen Patienten wählen").click()
    _pick(page, "0049 (30) 111 222-33", "Jutta Meyer")  # the number in another notation
    _when(page, monday, "16:30")
    page.get_by_role("button", name="Buchen", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/app/customers/{a.meyer_id}\?gebucht="))
    expect(page.locator("main")).to_contain_text(f"{day_label(monday)}, 16:30 Beratung")
    expect(page.locator("main")).to_contain_text(f"{day_label(monday)}, 15:00 Beratung")


def test_a_refused_booking_offers_three_slots_and_keeps_the_form(
    page: Page, live_server: LiveServer, practices: tuple[Seeded, Seeded]
) -> None:
    a, _ = practices
    log_in(page, live_server.url, a.owner_email)
    monday = next_monday()
    page.goto(f"{live_server.url}/app/appointments/new")
    _pick(page, "Meier 02.04.1971", "Jutta Meyer")
    page.get_by_label("Leistung").select_option(label="Beratung (30 min)")
    _when(page, monday, "10:00")  # the seeded pending appointment is there
    page.get_by_role("button", name="Buchen", exact=True).click()
    refusal = page.locator("#booking-refusal")
    expect(refusal).to_contain_text(f"Nicht gebucht: {day_label(monday)}, 10:00 bei")
    expect(refusal).to_contain_text("ist schon vergeben")
    alternatives = page.locator("button.alternative")
    expect(alternatives).to_have_count(3)
    expect(alternatives.nth(0)).to_have_text(re.compile(r", 09:15 bei "))
    expect(alternatives.nth(1)).to_have_text(re.compile(r", 09:30 bei "))
    expect(alternatives.nth(2)).to_have_text(re.compile(r", 10:30 bei "))
    # The form is as it was: the patient, the service, the day and the time.
    expect(page.locator("#picked-patient")).to_contain_text("Jutta Meyer")
    expect(page.get_by_label("Uhrzeit")).to_have_value("10:00")
    expect(page.get_by_label("Tag", exact=True)).to_have_value(monday.isoformat())
    expect(page.get_by_label("Leistung")).to_have_value(str(a.service_id))
    if os.environ.get("FRONTDESK_DOCS_SCREENSHOTS"):
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=str(DOCS / "dashboard-booking.png"), full_page=True)
    alternatives.nth(1).click()
    expect(page).to_have_url(re.compile(rf"/app/customers/{a.meyer_id}\?gebucht="))
    expect(page.locator("main")).to_contain_text(f"{day_label(monday)}, 09:30 Beratung")


def test_cancel_asks_for_confirmation_and_undo_restores(
    page: Page, live_server: LiveServer, practices: tuple[Seeded, Seeded]
) -> None:
    a, _ = practices
    log_in(page, live_server.url, a.owner_email)
    monday = next_monday()
    page.goto(f"{live_server.url}/app/appointments/new?customer_id={a.meyer_id}")
    _when(page, monday, "15:00")
    page.get_by_role("button", name="Buchen", exact=True).click()
    booked = page.locator("main a", has_text=f"{day_label(monday)}, 15:00 Beratung")
    booked.click()
    page.get_by_role("button", name="Absagen").click()
    expect(page.get_by_role("heading", name="Termin absagen?")).to_be_visible()
    page.get_by_role("button", name="Ja, Termin absagen").click()
    expect(page.get_by_role("heading", name="Termin abgesagt")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("rückgängig machen")
    page.get_by_role("button", name="Rückgängig").click()
    expect(page).to_have_url(re.compile(rf"/app/customers/{a.meyer_id}\?gebucht="))
    restored = page.locator("main li", has_text=f"{day_label(monday)}, 15:00 Beratung")
    expect(restored.filter(has_text="bestätigt")).to_have_count(1)
    expect(restored.filter(has_text="abgesagt")).to_have_count(1)  # the cancelled one stays
