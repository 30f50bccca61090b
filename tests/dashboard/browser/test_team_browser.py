"""Accounts in a real browser: invite a colleague who sets a password through the link, and
change one's own password."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.conftest import LiveServer
from tests.dashboard.browser.test_dashboard_browser import log_in
from tests.dashboard.seed import PASSWORD, Seeded


def test_an_owner_invites_a_colleague_who_sets_a_password_and_logs_in(
    page: Page, live_server: LiveServer, practices: tuple[Seeded, Seeded]
) -> None:
    a, _ = practices
    log_in(page, live_server.url, a.owner_email)
    page.get_by_role("link", name="Team").click()
    expect(page.get_by_role("heading", name="Team", exact=True)).to_be_visible()
    page.get_by_label("E-Mail").fill("kollegin@praxis.test")
    page.get_by_role("button", name="Einladen").click()
    expect(page.get_by_role("status")).to_contain_text("kollegin@praxis.test ist eingeladen")
    link = page.get_by_label("Einladungslink").input_value()
    expect(page.locator('tr[data-user="kollegin@praxis.test"]')).to_contain_text("eingeladen")
    page.get_by_role("button", name="Abmelden").click()

    page.goto(link)
    expect(page.get_by_role("heading", name="Willkommen im Team")).to_be_visible()
    page.get_by_label("Passwort", exact=True).fill("ein-ganz-neues-passwort")
    page.get_by_label("Passwort wiederholen").fill("ein-ganz-neues-passwort")
    page.get_by_role("button", name="Passwort festlegen und anmelden").click()
    expect(page.get_by_role("heading", name="Übersicht")).to_be_visible()
    expect(page.get_by_role("navigation")).to_contain_text("kollegin@praxis.test")
    expect(page.get_by_role("link", name="Team")).to_have_count(0)  # staff, not owner


def test_a_receptionist_changes_her_own_password(
    page: Page, live_server: LiveServer, practices: tuple[Seeded, Seeded]
) -> None:
    a, _ = practices
    log_in(page, live_server.url, a.staff_email)
    page.get_by_role("link", name="Passwort ändern").click()
    page.get_by_label("Aktuelles Passwort").fill(PASSWORD)
    page.get_by_label("Neues Passwort", exact=True).fill("frisches-passwort-2026")
    page.get_by_label("Neues Passwort wiederholen").fill("frisches-passwort-2026")
    page.get_by_role("button", name="Passwort ändern").click()
    expect(page.get_by_role("status")).to_contain_text("Ihr Passwort wurde geändert")


def test_a_locked_login_says_for_how_long(
    page: Page, live_server: LiveServer, practices: tuple[Seeded, Seeded]
) -> None:
    a, _ = practices
    for _ in range(6):
        page.goto(live_server.url + "/app/login")
        page.get_by_label("E-Mail").fill(a.staff_email)
        page.get_by_label("Passwort").fill("falsches-passwort-1")
        page.keyboard.press("Enter")
        expect(page.get_by_role("alert")).to_be_visible()  # answered before the next try
    expect(page.get_by_role("alert")).to_contain_text("für 15 Minuten gesperrt")
