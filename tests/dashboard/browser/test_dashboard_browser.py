"""The dashboard in a real browser: log in, work the Prüfliste, book and cancel, isolation."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from frontdesk.db.core import Database
from tests.conftest import LiveServer
from tests.dashboard.seed import PASSWORD, Seeded, next_monday, seed_planning, seed_sms


def log_in(page: Page, base: str, email: str) -> None:
    page.goto(base + "/app/login")
    page.get_by_label("E-Mail").fill(email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.keyboard.press("Enter")  # keyboard only
    expect(page.get_by_role("heading", name="Übersicht")).to_be_visible()


def test_resolve_an_item_by_linking_a_candidate_then_undo(
    page: Page, live_server: LiveServer, practices: tuple[Seeded, Seeded]
) -> None:
    a, _ = practices
    log_in(page, live_server.url, a.owner_email)
    badge = page.locator("#review-count")
    expect(badge).to_have_text("2")
    page.get_by_role("navigation").get_by_role("link", name="Prüfliste").click()
    expect(page.get_by_role("heading", name="Prüfliste")).to_be_visible()
    page.get_by_role("link", name="Unsichere Zuordnung").click()
    expect(page.locator("#call-link-status")).to_have_attribute("data-link", "review")
    expect(page.locator(".turn.carries-name").first).to_be_visible()
    page.locator(f'button[data-action="link"][data-customer="{a.meyer_id}"]').click()
    # the next item opens (here the call's pending appointment) with a German confirmation
    expect(page.locator("#done")).to_contain_text("Erledigt: Unsichere Zuordnung")
    expect(page.locator("#call-link-status")).to_have_attribute("data-link", "linked")
    expect(page.locator("#review-count")).to_have_text("1")
    page.goto(f"{live_server.url}/app/review/{a.review_item_id}")
    expect(page.locator("#item-status")).to_have_attribute("data-status", "resolved")
    expect(page.locator('#audit li[data-action="link"]')).to_contain_text(a.owner_email)
    page.locator('button[data-action="undo"]').click()
    expect(page.locator("#call-link-status")).to_have_attribute("data-link", "review")
    expect(page.locator("#review-count")).to_have_text("2")
    expect(page.locator('#audit li[data-action="undo_link"]')).to_be_visible()


def test_book_and_cancel_in_the_week_view(
    page: Page, live_server: LiveServer, practices: tuple[Seeded, Seeded]
) -> None:
    a, _ = practices
    log_in(page, live_server.url, a.owner_email)
    monday = next_monday().isoformat()
    week = f"{live_server.url}/app/appointments?view=week&date={monday}&staff={a.staff_member_id}"
    page.goto(week)
    expect(page.locator(".entry.status-pending_confirmation")).to_have_count(1)
    page.get_by_label("Tag", exact=True).last.fill(monday)
    page.get_by_label("Uhrzeit").fill("11:30")
    page.get_by_text("Neuen Patienten anlegen").click()
    page.get_by_label("Vor- und Nachname").fill("Erika Bräuer")
    page.get_by_role("button", name="Buchen", exact=True).click()
    expect(page.get_by_role("heading", name="Erika Bräuer")).to_be_visible()  # her new page
    page.goto(week)
    entry = page.locator(".entry", has_text="Bräuer")
    expect(entry).to_have_count(1)
    href = entry.get_by_role("link").get_attribute("href")
    page.goto(f"{live_server.url}{href}")
    page.get_by_role("button", name="Absagen").click()
    page.get_by_role("button", name="Ja, Termin absagen").click()  # cancelling asks first
    # Wait for the answer: navigating at once can abort the POST before it reaches the server.
    expect(page.get_by_role("heading", name="Termin abgesagt")).to_be_visible()
    page.goto(week)
    expect(page.locator(".entry", has_text="Bräuer")).to_have_count(0)
    expect(page.locator(".entry.status-pending_confirmation")).to_have_count(1)


def test_another_companys_records_are_not_found_in_the_browser(
    page: Page, live_server: LiveServer, practices: tuple[Seeded, Seeded]
) -> None:
    a, b = practices
    log_in(page, live_server.url, a.owner_email)
    for path in (
        f"/app/review/{b.review_item_id}",
        f"/app/calls/{b.call_id}",
        f"/app/customers/{b.meyer_id}",
        f"/app/appointments/{b.appointment_id}",
    ):
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 404, path
        expect(page.locator("main")).to_contain_text("Nicht gefunden")
        assert b.marker not in page.content()
    page.goto(f"{live_server.url}/app/review/{a.review_item_id}")
    expect(page.locator("main")).not_to_contain_text(b.marker)


def test_phone_width_and_keyboard(
    page: Page, live_server: LiveServer, practices: tuple[Seeded, Seeded]
) -> None:
    a, _ = practices
    page.set_viewport_size({"width": 375, "height": 740})
    log_in(page, live_server.url, a.owner_email)
    for path in (
        "/app",
        "/app/review",
        f"/app/review/{a.review_item_id}",
        "/app/calls",
        "/app/customers",
        "/app/metrics",
        "/app/waitlist",
        "/app/absences",
        "/app/password",
    ):
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 380, (path, width)
    page.goto(live_server.url + "/app/review")
    page.keyboard.press("Tab")
    expect(page.locator(".skip")).to_be_focused()


def test_change_the_password_and_keep_working(
    page: Page, live_server: LiveServer, practices: tuple[Seeded, Seeded]
) -> None:
    """After the change the page carries the fresh session's CSRF token: htmx actions work."""
    a, _ = practices
    log_in(page, live_server.url, a.owner_email)
    page.get_by_role("navigation").get_by_role("link", name="Passwort ändern").click()
    expect(page.get_by_role("heading", name="Passwort ändern")).to_be_visible()
    page.get_by_label("Aktuelles Passwort").fill("falsches-passwort-123")
    page.get_by_label("Neues Passwort", exact=True).fill("neues-Pferd-Batterie-43")
    page.get_by_label("Neues Passwort wiederholen").fill("neues-Pferd-Batterie-43")
    page.get_by_role("button", name="Passwort ändern").click()
    expect(page.get_by_role("alert")).to_have_text("Das aktuelle Passwort ist falsch.")
    page.get_by_label("Aktuelles Passwort").fill(PASSWORD)
    page.get_by_label("Neues Passwort", exact=True).fill("neues-Pferd-Batterie-43")
    page.get_by_label("Neues Passwort wiederholen").fill("neues-Pferd-Batterie-43")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Ihr Passwort wurde geändert")
    page.goto(f"{live_server.url}/app/review/{a.review_item_id}")
    page.locator(f'button[data-action="link"][data-customer="{a.meyer_id}"]').click()
    expect(page.locator("#done")).to_contain_text("Erledigt: Unsichere Zuordnung")


def test_sms_conversation_reads_at_phone_width(
    page: Page, live_server: LiveServer, database: Database, practices: tuple[Seeded, Seeded]
) -> None:
    a, _ = practices
    with database.unit_of_work() as session:
        sms = seed_sms(session, a)
    page.set_viewport_size({"width": 375, "height": 740})
    log_in(page, live_server.url, a.owner_email)
    for path in (
        f"/app/review/{sms.reply_item_id}",
        f"/app/customers/{a.meyer_id}",
        f"/app/calls/{a.call_id}",
    ):
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", name="SMS-Verlauf")).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 380, (path, width)
    page.goto(f"{live_server.url}/app/review/{sms.reply_item_id}")
    focused = page.locator(".sms-msg.focus")
    expect(focused).to_have_count(1)
    expect(focused).to_contain_text("an Team weitergeleitet")
    expect(page.locator(f"#message-{sms.failed_id}")).to_contain_text("fehlgeschlagen")


def test_enter_an_absence_then_take_someone_off_the_waitlist(
    page: Page, live_server: LiveServer, database: Database, practices: tuple[Seeded, Seeded]
) -> None:
    a, _ = practices
    with database.unit_of_work() as session:
        planned = seed_planning(session, a)
    log_in(page, live_server.url, a.staff_email)
    nav = page.get_by_role("navigation")
    nav.get_by_role("link", name="Abwesenheiten").click()
    expect(page.get_by_role("heading", name="Abwesenheiten", exact=True)).to_be_visible()
    monday = next_monday().isoformat()
    page.get_by_label("Mitarbeiter").select_option(str(a.staff_member_id))
    page.get_by_label("Von").fill(monday)
    page.get_by_label("Bis", exact=True).fill("2000-01-01")
    page.get_by_label("Notiz").fill("Urlaub")
    page.get_by_role("button", name="Abwesenheit eintragen").click()
    expect(page.get_by_role("alert")).to_contain_text("„Bis“ liegt vor „von“")
    expect(page.get_by_label("Notiz")).to_have_value("Urlaub")
    page.get_by_label("Bis", exact=True).fill(monday)
    page.get_by_role("button", name="Abwesenheit eintragen").click()
    expect(page.locator("#added")).to_contain_text("Diese Termine müssen umgebucht werden")
    affected = page.locator(f'#added li[data-appointment="{a.appointment_id}"]')
    expect(affected).to_contain_text("10:00 · Beratung")
    expect(page.locator('tr[data-source="manual"]')).to_contain_text("Urlaub")
    affected.get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="Beratung am")).to_be_visible()
    nav.get_by_role("link", name="Warteliste").click()
    row = page.locator(f'tr[data-entry="{planned.waiting_id}"]')
    expect(row).to_have_attribute("data-status", "waiting")
    row.get_by_role("button", name="Von der Warteliste nehmen").click()
    expect(row).to_have_attribute("data-status", "cancelled")
    expect(row).to_contain_text("entfernt")
    expect(page.get_by_role("button", name="Von der Warteliste nehmen")).to_have_count(0)
