"""The Prüfliste in a real browser, as a receptionist works it: a call's two items closed in one
step with the next item and a confirmation, the priority filter, a callback with a note."""

from __future__ import annotations

import os
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from frontdesk.db.core import Database
from tests.conftest import LiveServer
from tests.dashboard.browser.test_dashboard_browser import log_in
from tests.dashboard.review_seed import seed_queue
from tests.dashboard.seed import Seeded

DOCS = Path(__file__).resolve().parents[3] / "docs"


def test_a_calls_two_items_are_closed_in_one_step_and_the_next_opens(
    page: Page, live_server: LiveServer, database: Database, practices: tuple[Seeded, Seeded]
) -> None:
    a, _ = practices
    q = seed_queue(database, a, "a")
    log_in(page, live_server.url, a.owner_email)
    expect(page.locator("#review-count")).to_have_text("7")
    page.get_by_role("navigation").get_by_role("link", name="Prüfliste").click()
    row = page.locator(f'tr[data-call="{q.callback_call}"]')
    expect(row).to_have_attribute("data-items", "2")
    expect(row).to_contain_text("Rückruf erbeten")
    expect(row).to_contain_text("Unsichere Zuordnung")
    row.get_by_role("link", name="Unbekannte/r Anrufer/in, Nummer unterdrückt").click()
    expect(page.locator("#call-items")).to_have_attribute("data-open", "2")
    page.get_by_label("Notiz").first.fill("Patientin meldet sich selbst")
    page.get_by_role("button", name="Alle 2 erledigen").click()
    done = page.locator("#done")
    expect(done).to_contain_text("Erledigt: Rückruf erbeten, Unsichere Zuordnung")
    expect(done).to_contain_text("2 Einträge des Anrufs")
    expect(done).to_contain_text("nächster Eintrag")
    expect(page).to_have_url(re.compile(rf"/app/review/{q.soon_id}\?done="))
    expect(page.locator("#item-status")).to_have_attribute("data-status", "open")
    expect(page.locator("#review-count")).to_have_text("5")
    page.goto(f"{live_server.url}/app/review/{q.callback_link_id}")
    expect(page.locator("#item-status")).to_have_attribute("data-status", "resolved")
    expect(page.locator('#audit li[data-action="done"]')).to_contain_text(
        "Patientin meldet sich selbst"
    )


def test_filter_by_priority_shows_only_matching_items(
    page: Page, live_server: LiveServer, database: Database, practices: tuple[Seeded, Seeded]
) -> None:
    a, _ = practices
    seed_queue(database, a, "a")
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server.url, a.owner_email)
    page.goto(live_server.url + "/app/review")
    rows = page.locator("table.queue tbody tr")
    expect(rows).to_have_count(5)  # seven items; two calls hold two each, one row per call
    levels = rows.evaluate_all("rows => rows.map(r => r.dataset.priority)")
    if os.environ.get("FRONTDESK_DOCS_SCREENSHOTS"):
        page.screenshot(path=str(DOCS / "dashboard-review-queue.png"), full_page=True)
    page.get_by_label("Priorität").select_option(label="hoch")
    page.get_by_role("button", name="Filtern").click()
    expect(page).to_have_url(re.compile(r"priority=high"))
    # the callback and the appointment tomorrow (and the seeded call when its appointment is
    # within 48 h, as on a weekend)
    expect(rows).to_have_count(levels.count("1"))
    assert 2 <= levels.count("1") < len(levels)
    for level in rows.evaluate_all("rows => rows.map(r => r.dataset.priority)"):
        assert level == "1"
    page.get_by_label("Priorität").select_option(label="niedrig")
    page.get_by_role("button", name="Filtern").click()
    expect(page).to_have_url(re.compile(r"priority=low"))
    expect(rows).to_have_count(2)
    for level in rows.evaluate_all("rows => rows.map(r => r.dataset.priority)"):
        assert level == "3"
    page.goto(live_server.url + "/app/review?priority=sofort")
    expect(page.get_by_role("alert")).to_contain_text("Die Priorität „sofort“ gibt es nicht")


def test_a_callback_marked_called_back_with_a_note_shows_in_the_history(
    page: Page, live_server: LiveServer, database: Database, practices: tuple[Seeded, Seeded]
) -> None:
    a, _ = practices
    q = seed_queue(database, a, "a")
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server.url, a.staff_email)
    page.goto(f"{live_server.url}/app/review/{q.callback_id}")
    expect(page.locator("#item-kind")).to_have_text("Rückruf erbeten")
    expect(page.locator("#item-priority")).to_contain_text("hoch")
    page.get_by_label("Notiz (was beim Rückruf besprochen wurde)").fill(
        "Befund besprochen, Kontrolle in 4 Wochen"
    )
    if os.environ.get("FRONTDESK_DOCS_SCREENSHOTS"):
        page.screenshot(path=str(DOCS / "dashboard-review-item.png"), full_page=True)
    page.get_by_role("button", name="Zurückgerufen").click()
    expect(page.locator("#done")).to_contain_text("zurückgerufen")
    page.goto(f"{live_server.url}/app/review/{q.callback_id}")
    expect(page.locator("#item-status")).to_contain_text("zurückgerufen")
    entry = page.locator('#audit li[data-action="called_back"]')
    expect(entry).to_contain_text("Befund besprochen, Kontrolle in 4 Wochen")
    expect(entry).to_contain_text(a.staff_email)
