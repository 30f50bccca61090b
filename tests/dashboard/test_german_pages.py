"""Plain German everywhere a person looks: error pages inside /app (JSON outside), labels
instead of stored words, history as sentences, a call's function calls as steps, German
numbers and dates, lists newest first."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from html import unescape

import httpx
import pytest
import structlog
from fastapi.testclient import TestClient

from frontdesk.accounts.models import ReviewAction
from frontdesk.app import create_app
from frontdesk.calls.models import Call, FunctionInvocation
from frontdesk.dashboard import history
from frontdesk.dashboard.charts import format_value
from frontdesk.dashboard.formats import day_time, decimal, milliseconds, percent
from frontdesk.dashboard.labels import LABELS
from frontdesk.dashboard.queries.transcript import readable_text
from frontdesk.db.core import Database
from frontdesk.settings import Settings
from tests.dashboard.conftest import token
from tests.dashboard.seed import BERLIN, Seeded

pytestmark = pytest.mark.db

# Stored words that must never reach a page as they are.
RAW_WORDS = (
    "pending_confirmation",
    "new_customer",
    "provisional",
    "uncertain_link",
    "call_ended",
    "unidentified",
    "analyzed",
    "int_parsing",
)


def visible_text(html: str) -> str:
    """What a person reads: no tags, attributes, scripts or the JSON behind a toggle."""
    html = re.sub(r"<details\b.*?</details>", " ", html, flags=re.S)
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_german_number_and_date_formats() -> None:
    assert format_value(0.1, "hours") == "0,1 h"
    assert format_value(0.126, "share") == "13 %"
    assert format_value(1234, "count") == "1.234"
    assert decimal(1234.5, 1) == "1.234,5"
    assert percent(0.58) == "58 %"
    assert milliseconds(4.2) == "4,2 ms" and milliseconds(1234.5) == "1,2 s"
    assert day_time(datetime(2026, 12, 7, 12, 15, tzinfo=UTC), BERLIN) == "Mo 07.12., 13:15"


def test_a_plain_transcript_names_its_speakers_in_german() -> None:
    text = "Agent: Wie ist Ihr Name?\nUser: Jutta Maier\nohne Sprecher: bleibt"
    assert readable_text(text) == "Assistenz: Wie ist Ihr Name?\nAnrufer: Jutta Maier\n" + (
        "ohne Sprecher: bleibt"
    )


def test_a_bad_address_inside_app_is_a_german_page_with_a_way_back(
    practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, _ = practices
    client = login_as(a.owner_email)
    response = client.get("/app/calls/abc")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    text = visible_text(response.text)
    assert "Die Adresse ist ungültig" in text and "„abc“ ist keine gültige Anrufnummer" in text
    assert 'href="/app"' in response.text and "Zurück" in text
    assert 'aria-label="Hauptnavigation"' in response.text  # in the layout, navigation and all
    assert "detail" not in response.text and "int_parsing" not in response.text
    unknown = client.get("/app/gibt-es-nicht")
    assert unknown.status_code == 404 and "Diese Seite gibt es nicht." in unknown.text
    assert 'href="/app"' in unknown.text


@pytest.mark.parametrize(
    ("path", "params", "says"),
    [
        ("/app/calls", {"before": "abc"}, "„abc“ ist keine gültige Anrufnummer"),
        ("/app/calls", {"day": "2026-13-01"}, "„2026-13-01“ ist kein gültiger Tag"),
        ("/app/calls", {"link": "kaputt"}, "„kaputt“ gibt es bei „Zuordnung“ nicht"),
        ("/app/metrics", {"days": "viele"}, "„viele“ ist keine gültige Anzahl Tage"),
        ("/app/metrics", {"days": "500"}, "„500“ ist zu groß für Anzahl Tage (höchstens 90)"),
    ],
)
def test_query_parameters_that_do_not_parse_say_so_in_german(
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
    path: str,
    params: dict[str, str],
    says: str,
) -> None:
    a, _ = practices
    response = login_as(a.owner_email).get(path, params=params)
    assert response.status_code == 422
    text = visible_text(response.text)
    assert "Die Angaben sind ungültig" in text and says in text
    assert "Ungültige Angabe" in text and 'href="/app"' in response.text


def test_an_htmx_request_gets_just_the_german_message(
    practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, _ = practices
    response = login_as(a.owner_email).get(
        "/app/calls", params={"before": "x"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 422
    assert "<html" not in response.text and "„x“ ist keine gültige Anrufnummer" in response.text


def test_server_errors_inside_app_are_german_and_logged_outside_json_unchanged(
    settings: Settings, database: Database
) -> None:
    app = create_app(settings, database)

    @app.get("/app/test-boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    @app.post("/app/test-boom")
    def boom_on_save() -> None:
        raise RuntimeError("secret internals")

    @app.get("/outside/{number}")
    def outside(number: int) -> dict[str, int]:
        return {"number": number}

    with TestClient(app, raise_server_exceptions=False) as client:
        with structlog.testing.capture_logs() as logs:
            response = client.get("/app/test-boom")
        assert response.status_code == 500
        assert "Ein Fehler ist aufgetreten" in response.text and 'href="/app"' in response.text
        assert "secret internals" not in response.text and "Traceback" not in response.text
        assert any(e["event"] == "dashboard.unhandled_error" for e in logs)
        assert "nicht gespeichert" not in response.text  # nothing was sent
        saving = client.post("/app/test-boom")
        assert saving.status_code == 500 and "wurde nicht gespeichert" in saving.text
        bad = client.get("/outside/abc")
        assert bad.status_code == 422
        assert bad.json()["detail"][0]["type"] == "int_parsing"
        missing = client.get("/nirgends")
        assert missing.status_code == 404 and missing.json() == {"detail": "Not Found"}


def _add_invocation(database: Database, a: Seeded) -> None:
    with database.unit_of_work() as session:
        session.add(
            FunctionInvocation(
                call_id=a.call_id,
                company_id=a.company_id,
                name="save_caller_data",
                idempotency_key="german-steps",
                arguments={"name": "Jürgen Müller", "birth_date": "1992-06-12"},
                result={
                    "say": "Danke, Herr Müller. Unter welcher Nummer erreichen wir Sie?",
                    "next_required_field": "phone",
                },
                duration_ms=1234.5,
                repeats=1,
                created_at=datetime.now(UTC),
            )
        )


def test_the_call_page_reads_in_german(
    database: Database,
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    a, _ = practices
    _add_invocation(database, a)
    page = login_as(a.owner_email).get(f"/app/calls/{a.call_id}").text
    text = visible_text(page)
    for word in RAW_WORDS:
        assert word not in text, word
    assert "ausgewertet" in text and "in Prüfung" in text and "Unsichere Zuordnung" in text
    assert "Assistenz Praxis Sonnenschein" in text and "Agent:" not in text
    assert "Anruf beendet" in text and "verarbeitet" in text
    # The function call as a step: German name, what was asked and answered, how long.
    assert "Angaben zur Person speichern" in text
    assert "Name: Jürgen Müller , Geburtsdatum: Fr 12.06.1992" in text
    assert "Danke, Herr Müller." in text and "fragt als Nächstes: Telefon" in text
    assert "dauerte 1,2 s" in text and "2× gesendet, einmal ausgeführt" in text
    # The raw JSON is behind a toggle, with real umlauts.
    raw = page[page.index("<details") : page.rindex("</details>")]
    assert "Jürgen Müller" in raw and "\\u00fc" not in page and "save_caller_data" in raw


def test_history_entries_are_sentences(
    practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, _ = practices
    client = login_as(a.owner_email)
    csrf = token(client, f"/app/review/{a.review_item_id}")
    linked = client.post(
        f"/app/review/{a.review_item_id}/link",
        data={"customer_id": str(a.meyer_id), "csrf_token": csrf},
    )
    assert linked.status_code in (200, 303), linked.text
    undone = client.post(f"/app/review/{a.review_item_id}/undo", data={"csrf_token": csrf})
    assert undone.status_code in (200, 303), undone.text
    page = visible_text(client.get(f"/app/calls/{a.call_id}").text)
    sentence = re.search(
        rf"{re.escape(a.owner_email)} hat den Anruf Jutta Meyer \(geb\. 02\.04\.1971\) "
        r"zugeordnet – rückgängig gemacht um \d\d:\d\d",
        page,
    )
    assert sentence, page
    assert f"{a.owner_email} hat die Zuordnung zu Jutta Meyer (geb. 02.04.1971) rückgängig" in page
    assert "hat Jutta Maier mit Jutta Meyer (geb. 02.04.1971) zusammengeführt" in page
    assert "from_customer_id" not in page and "merge_id" not in page
    item = visible_text(client.get(f"/app/review/{a.review_item_id}").text)
    assert "hat den Anruf Jutta Meyer (geb. 02.04.1971) zugeordnet – rückgängig" in item


def test_history_never_names_another_companys_customer(
    database: Database, practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, b = practices
    with database.unit_of_work() as session:
        session.add(
            ReviewAction(
                company_id=a.company_id,
                review_item_id=a.review_item_id,
                actor=a.owner_email,
                action="link",
                details={"customer_id": b.other_id, "from_customer_id": b.meyer_id},
            )
        )
    client = login_as(a.owner_email)
    for path in (f"/app/review/{a.review_item_id}", f"/app/calls/{a.call_id}"):
        page = client.get(path).text
        assert b.marker not in page, path
    assert f"hat den Anruf Kunde {b.other_id} zugeordnet" in visible_text(
        client.get(f"/app/review/{a.review_item_id}").text
    )


def test_lists_are_newest_first_and_labelled(
    database: Database, practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, _ = practices
    with database.unit_of_work() as session:
        newest = Call(
            provider="retell",
            provider_call_id="call_a_newest",
            company_id=a.company_id,
            status="ended",
            customer_id=a.other_id,
            link_status="new_customer",
            created_at=datetime.now(UTC) + timedelta(minutes=1),
        )
        session.add(newest)
        session.flush()
        newest_id = newest.id
    client = login_as(a.owner_email)
    calls = client.get("/app/calls").text
    order = [calls.index(f'/app/calls/{i}"') for i in (newest_id, a.call_id, a.plain_call_id)]
    assert order == sorted(order)
    text = visible_text(calls)
    assert "neuer Kunde" in text and "in Prüfung" in text and "über Telefonnummer" in text
    customer = client.get(f"/app/customers/{a.other_id}").text
    assert customer.index(f'/app/calls/{newest_id}"') < customer.index(
        f'/app/calls/{a.plain_call_id}"'
    )
    assert "new_customer" not in visible_text(customer)
    provisional = visible_text(client.get(f"/app/customers/{a.provisional_id}").text)
    assert "vorläufig" in provisional and "provisional" not in provisional


def test_the_csv_export_speaks_german(
    practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, _ = practices
    export = login_as(a.owner_email).get("/app/calls/export.csv")
    rows = list(csv.reader(io.StringIO(export.text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["Anruf-ID", "Beginn", "Dauer (s)"] and "Zuordnung" in rows[0]
    by_id = {r[0]: r for r in rows[1:]}
    assert "in Prüfung" in by_id["call_a_review"] and "zugeordnet" in by_id["call_a_plain"]
    assert "Telefonnummer" in by_id["call_a_plain"]
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", by_id["call_a_review"][1])
    assert [r[0] for r in rows[1:]] == ["call_a_review", "call_a_plain"]  # newest first


def test_the_privacy_export_explains_its_stored_words(
    practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, _ = practices
    client = login_as(a.owner_email)
    document = json.loads(client.get(f"/app/privacy/customers/{a.provisional_id}/export").text)
    meanings = document["bedeutungen"]
    assert meanings["customer"]["status"] == {"provisional": "vorläufig"}
    assert meanings["calls"]["link_status"]["review"] == "in Prüfung"
    assert meanings["appointments"]["status"]["pending_confirmation"] == "unbestätigt"


def test_every_audited_action_reads_as_a_sentence(
    database: Database, practices: tuple[Seeded, Seeded]
) -> None:
    a, _ = practices
    details = {
        "note": {"text": "Rückruf morgen früh"},
        "assign": {"assignee": "staff@a.test"},
        "link": {"customer_id": a.meyer_id, "from_customer_id": a.provisional_id},
        "new_customer": {"name": "Jutta Maier", "customer_id": a.provisional_id},
        "confirm_appointment": {"appointment_id": a.appointment_id},
        "cancel_appointment": {"appointment_id": a.appointment_id},
        "called_back": {"note": "Termin verschoben"},
    }
    with database.unit_of_work() as session:
        rows = [
            ReviewAction(
                company_id=a.company_id,
                review_item_id=a.review_item_id,
                actor=a.owner_email,
                action=action,
                details=details.get(action, {}),
            )
            for action in LABELS["audit_action"]
        ]
        session.add_all(rows)
        session.flush()
        lines = history.action_lines(
            session=session, company_id=a.company_id, actions=rows, tz=BERLIN
        )
        sentences = {line.action: line.sentence for line in lines}
    assert set(sentences) == set(LABELS["audit_action"])
    for sentence in sentences.values():
        assert sentence.startswith(a.owner_email + " hat "), sentence
        assert "_" not in sentence.replace(a.owner_email, ""), sentence
    assert sentences["note"].endswith("notiert: „Rückruf morgen früh“")
    assert sentences["assign"] == f"{a.owner_email} hat den Eintrag staff@a.test zugewiesen"
    assert "Jutta Meyer (geb. 02.04.1971) zugeordnet" in sentences["link"]
    assert re.search(
        r"den Termin \w\w \d\d\.\d\d\., \d\d:\d\d \(Beratung\) bestätigt",
        sentences["confirm_appointment"],
    )
    assert sentences["called_back"].endswith("hat zurückgerufen – „Termin verschoben“")
