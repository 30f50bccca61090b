"""Plain German in a real browser: the German error page for a bad address with a way back,
and a call page whose function calls read as steps (raw JSON behind a toggle) and whose long
transcript wraps instead of widening the page.

`FRONTDESK_DOCS_SCREENSHOTS=1` also writes docs/dashboard-call.png."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from playwright.sync_api import Page, expect

from frontdesk.calls.models import Call, CallEvent, FunctionInvocation
from frontdesk.db.core import Database
from tests.conftest import LiveServer
from tests.dashboard.browser.test_dashboard_browser import log_in
from tests.dashboard.seed import Seeded

DOCS = Path(__file__).resolve().parents[3] / "docs"
WIDE = {"width": 1280, "height": 900}

# One long unbroken line, as a transcript carries for a spelled e-mail or a pasted link: it
# widened the page to 1,860 px before the transcript wrapped.
LONG_LINE = (
    "Anrufer: Meine E-Mail ist " + "markus.richter.praxis-sonnenschein-" * 12 + "@beispiel.de"
)
TRANSCRIPT = "\n".join(
    [
        "Assistenz: Praxis Sonnenschein, Lena am Apparat. Wie ist Ihr Name?",
        "Anrufer: Markus Richter, ich hätte gern einen Termin zur Kontrolle.",
        "Assistenz: Gern, Herr Richter. Wann sind Sie geboren?",
        "Anrufer: Am zwölften Juni zweiundneunzig.",
        LONG_LINE,
        "Assistenz: Montag um 13:15 Uhr ist frei. Soll ich den Termin buchen?",
        "Anrufer: Ja, bitte.",
    ]
)


def seed_call(database: Database, a: Seeded) -> int:
    """A call whose assistant asked the date, saved the caller, searched and booked."""
    started = datetime.now(UTC) - timedelta(minutes=30)
    with database.unit_of_work() as session:
        call = Call(
            provider="retell",
            provider_call_id="call_a_german",
            company_id=a.company_id,
            from_number_raw="+4915112345678",
            from_number_e164="+4915112345678",
            status="analyzed",
            disconnection_reason="user_hangup",
            started_at=started,
            ended_at=started + timedelta(minutes=3),
            duration_ms=183_000,
            customer_id=a.meyer_id,
            link_status="linked",
            link_method="name_birthdate",
            link_confidence=0.97,
            caller_name="Markus Richter",
            transcript=TRANSCRIPT,
            transcript_object=[
                {"role": "agent" if line.startswith("Assistenz") else "user", "content": text}
                for line in TRANSCRIPT.splitlines()
                for text in [line.split(": ", 1)[1]]
            ],
            created_at=started,
        )
        session.add(call)
        session.flush()
        steps = [
            ("get_context", {}, {"say": "Heute ist Montag, der 30.11.2026, es ist 9:02 Uhr."}, 3.1),
            (
                "save_caller_data",
                {"name": "Markus Richter", "birth_date": "1992-06-12"},
                {"say": "Danke, Herr Richter.", "next_required_field": "phone"},
                18.4,
            ),
            (
                "check_availability",
                {"service": "Kontrolle", "date": "2026-12-07", "time": "13:00"},
                {"say": "Für die Kontrolle ist Montag, 7. Dezember, um 13:15 oder 14 Uhr frei."},
                412.0,
            ),
            (
                "book_appointment",
                {"service": "Kontrolle", "date": "2026-12-07", "time": "13:15", "confirmed": True},
                {"say": "Ich habe Ihren Termin am Montag, 7. Dezember, um 13:15 Uhr gebucht."},
                1_240.0,
            ),
        ]
        for n, (name, arguments, result, took) in enumerate(steps):
            session.add(
                FunctionInvocation(
                    call_id=call.id,
                    company_id=a.company_id,
                    name=name,
                    idempotency_key=f"german-{n}",
                    arguments=arguments,
                    result=result,
                    duration_ms=took,
                    created_at=started + timedelta(seconds=10 + 25 * n),
                )
            )
        session.add(
            CallEvent(
                provider="retell",
                dedupe_key="german-ended",
                event_type="call_ended",
                provider_call_id=call.provider_call_id,
                body=b"{}",
                status="processed",
            )
        )
        return call.id


def test_a_bad_call_address_is_a_german_page_with_a_way_back(
    page: Page, live_server: LiveServer, practices: tuple[Seeded, Seeded]
) -> None:
    a, _ = practices
    log_in(page, live_server.url, a.owner_email)
    response = page.goto(live_server.url + "/app/calls/abc")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Nicht gefunden")
    expect(page.get_by_role("alert")).to_contain_text("„abc“ ist keine gültige Anrufnummer")
    expect(page.locator("body")).not_to_contain_text("int_parsing")
    expect(page.get_by_role("navigation", name="Hauptnavigation")).to_be_visible()
    page.get_by_role("link", name="Zur Übersicht").click()
    expect(page.get_by_role("heading", name="Übersicht")).to_be_visible()
    # "Zurück" is a real link (the content security policy forbids javascript: URLs): to the
    # page the person came from, or else the list above the bad address.
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Kunden"
    ).click()
    expect(page.get_by_role("heading", name="Kunden", exact=True)).to_be_visible()
    page.evaluate("() => { location.href = '/app/customers/niemand'; }")
    expect(page.get_by_role("alert")).to_contain_text("„niemand“ ist keine gültige Kundennummer")
    page.get_by_role("link", name="Zurück", exact=True).click()
    expect(page.get_by_role("heading", name="Kunden", exact=True)).to_be_visible()
    page.goto(live_server.url + "/app/calls/abc")
    page.get_by_role("link", name="Zurück", exact=True).click()
    expect(page.get_by_role("heading", name="Anrufe", exact=True)).to_be_visible()
    page.goto(live_server.url + "/app/calls?before=gestern")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ungültige Angabe")
    expect(page.get_by_role("alert")).to_contain_text("„gestern“ ist keine gültige Anrufnummer")


def test_the_call_page_reads_as_steps_and_fits_the_screen(
    page: Page, live_server: LiveServer, practices: tuple[Seeded, Seeded], database: Database
) -> None:
    a, _ = practices
    call_id = seed_call(database, a)
    page.set_viewport_size(WIDE)
    log_in(page, live_server.url, a.owner_email)
    page.goto(f"{live_server.url}/app/calls/{call_id}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Anruf vom ")
    main = page.locator("main")
    expect(main).to_contain_text("zugeordnet über Name und Geburtsdatum (97 % sicher)")
    expect(main).to_contain_text("ausgewertet (Anrufer hat aufgelegt)")
    steps = page.locator("#steps > li")
    expect(steps).to_have_count(4)
    save = steps.nth(1)
    expect(save).to_contain_text("Angaben zur Person speichern")
    expect(save).to_contain_text("Name: Markus Richter, Geburtsdatum: Fr 12.06.1992")
    expect(save).to_contain_text("Danke, Herr Richter.")
    expect(save).to_contain_text("fragt als Nächstes: Telefon")
    expect(save).to_contain_text("dauerte 18,4 ms")
    expect(steps.nth(3)).to_contain_text("Termin buchen")
    expect(steps.nth(3)).to_contain_text("zugestimmt: ja")
    expect(steps.nth(3)).to_contain_text("dauerte 1,2 s")
    # The raw JSON is behind a toggle, with real umlauts.
    raw = steps.nth(1).locator("pre.json").first
    expect(raw).to_be_hidden()
    steps.nth(1).get_by_text("Technische Details (JSON)").click()
    expect(raw).to_be_visible()
    expect(raw).to_contain_text('"name": "Markus Richter"')
    steps.nth(1).get_by_text("Technische Details (JSON)").click()  # closed again
    expect(raw).to_be_hidden()
    search = steps.nth(2)
    search.get_by_text("Technische Details (JSON)").click()
    expect(search.locator("pre.json").last).to_contain_text("Für die Kontrolle")
    expect(search.locator("pre.json").last).not_to_contain_text("\\u00fc")
    # The long transcript wraps: nothing is wider than the window.
    transcript = page.locator(".call-transcript")
    expect(transcript.locator(".turn")).to_have_count(7)
    expect(transcript.locator(".turn").first).to_contain_text("Assistenz")
    expect(transcript).to_contain_text("@beispiel.de")
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]"
    )
    assert max(widths[:2]) <= widths[2] == WIDE["width"], widths
    box = transcript.bounding_box()
    assert box is not None and box["x"] + box["width"] <= WIDE["width"]
    if os.environ.get("FRONTDESK_DOCS_SCREENSHOTS"):
        page.locator("#steps-h").scroll_into_view_if_needed()
        page.evaluate("() => window.scrollTo(0, 0)")
        page.screenshot(path=str(DOCS / "dashboard-call.png"), full_page=True)


def test_pages_show_german_words_not_stored_ones(
    page: Page, live_server: LiveServer, practices: tuple[Seeded, Seeded]
) -> None:
    a, _ = practices
    log_in(page, live_server.url, a.owner_email)
    page.goto(f"{live_server.url}/app/calls")
    rows = page.locator("#call-rows")
    expect(rows).to_contain_text("in Prüfung")
    expect(rows).to_contain_text("zugeordnet über Telefonnummer")
    expect(rows).not_to_contain_text("review")
    page.goto(f"{live_server.url}/app/customers/{a.provisional_id}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("vorläufig")
    page.goto(f"{live_server.url}/app/calls/{a.call_id}")
    expect(page.locator("main")).to_contain_text("Unsichere Zuordnung")
    expect(page.locator("main")).not_to_contain_text("uncertain_link")
