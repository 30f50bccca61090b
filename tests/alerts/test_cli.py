"""`frontdesk alerts check` over a real database: figures against thresholds, states, exit 0."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner, Result

from frontdesk import cli
from frontdesk.calls.models import CallEvent
from frontdesk.cli import alerts as alerts_cli
from frontdesk.db.core import Database
from frontdesk.settings import get_settings
from tests.alerts import builders as b
from tests.alerts.conftest import Hook

AT = b.NOW.isoformat()


@pytest.fixture
def practices(
    database: Database, hook: tuple[Hook, str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    with database.unit_of_work() as session:
        ours = b.company(session, "Praxis Eins", webhook=hook[1])
        b.withheld_calls(session, ours, total=10, unresolved=4)
        theirs = b.company(session, "Praxis Zwei", webhook=hook[1])
        b.withheld_calls(session, theirs, total=10, unresolved=0)
    monkeypatch.setattr(alerts_cli, "database", lambda: database)
    monkeypatch.setenv("FRONTDESK_SMTP_HOST", "")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def run(*args: str) -> Result:
    return CliRunner().invoke(cli.app, ["alerts", "check", *args])


def test_json_shows_each_rule_against_its_threshold(
    practices: None, hook: tuple[Hook, str]
) -> None:
    result = run("--company", "Praxis Eins", "--json", "--at", AT)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    [report] = data["companies"]
    rules = {row["rule"]: row for row in report["rules"]}
    assert len(rules) == 7
    withheld = rules["withheld_unresolved_share"]
    assert (withheld["value"], withheld["threshold"], withheld["state"]) == (0.4, 0.1, "firing")
    assert (withheld["value_text"], withheld["threshold_text"]) == ("40 %", "10 %")
    assert rules["review_age_hours"]["state"] == "ok"
    assert report["channels"] == ["webhook"] and report["delivered"] == 1
    assert [p["company"] for p in hook[0].payloads] == ["Praxis Eins"]


def test_a_second_check_shows_the_firing_without_sending_again(
    practices: None, hook: tuple[Hook, str]
) -> None:
    run("--at", AT)
    result = run("--at", AT)
    assert result.exit_code == 0, result.output
    assert "Praxis Eins" in result.stdout and "Praxis Zwei" in result.stdout
    assert "firing" in result.stdout and "40 %" in result.stdout
    assert len(hook[0].payloads) == 1


def test_dry_run_records_and_sends_nothing(
    practices: None, database: Database, hook: tuple[Hook, str]
) -> None:
    result = run("--dry-run", "--json", "--at", AT)
    assert result.exit_code == 0, result.output
    assert hook[0].payloads == []
    again = json.loads(run("--json", "--at", AT).stdout)
    changes = [r["change"] for c in again["companies"] for r in c["rules"] if r["change"]]
    assert changes == ["fired"]


def test_unknown_company_fails(practices: None) -> None:
    result = run("--company", "Praxis Niemand")
    assert result.exit_code == 1
    assert "no company named" in result.stderr


def test_failed_events_of_no_company_are_reported(practices: None, database: Database) -> None:
    with database.unit_of_work() as session:
        session.add(
            CallEvent(
                provider="retell",
                dedupe_key="orphan",
                provider_call_id="call_unknown",
                body=b"{}",
                status="failed",
                received_at=b.NOW,
            )
        )
    data = json.loads(run("--json", "--dry-run", "--at", AT).stdout)
    assert data["unattributed_event_failures"] == 1
    rules = [r for c in data["companies"] for r in c["rules"] if r["rule"] == "event_failures"]
    assert [r["value"] for r in rules] == [0.0, 0.0]
