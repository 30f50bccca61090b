"""Each firing is delivered once, its resolution announced once, a failed delivery retried;
thresholds and recipients are per company and no company's figures leak into another's."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from frontdesk.alerts.models import AlertState
from frontdesk.calls.models import Call
from frontdesk.conversations import alerting
from frontdesk.db.core import Database
from frontdesk.jobs.runner import JobView
from frontdesk.notify.mail import SmtpMailer
from frontdesk.settings import get_settings
from frontdesk.tenancy.models import Company
from tests.alerts import builders as b
from tests.alerts.conftest import Hook, Mailbox

RULE = "withheld_unresolved_share"
LATER = b.NOW + timedelta(minutes=5)


def _practice(
    database: Database, name: str, hook_url: str, unresolved: int, **alerts: object
) -> int:
    with database.unit_of_work() as session:
        company_id = b.company(
            session,
            name,
            email=[f"team@{name.split()[-1].lower()}.example"],
            webhook=hook_url,
            **alerts,
        )
        b.withheld_calls(session, company_id, total=10, unresolved=unresolved)
        return company_id


def _resolve_calls(database: Database, company_id: int) -> None:
    with database.unit_of_work() as session:
        session.execute(
            update(Call).where(Call.company_id == company_id).values(link_status="linked")
        )


def _states(database: Database) -> list[AlertState]:
    with database.sessions() as session:
        return list(session.scalars(select(AlertState).order_by(AlertState.id)))


def test_two_checks_deliver_one_message(
    database: Database,
    delivery: alerting.Delivery,
    mailbox: tuple[Mailbox, int],
    hook: tuple[Hook, str],
) -> None:
    _practice(database, "Praxis Eins", hook[1], unresolved=4)
    alerting.check(database, now=b.NOW, delivery=delivery)
    alerting.check(database, now=LATER, delivery=delivery)
    assert len(mailbox[0].messages) == 1 and len(hook[0].payloads) == 1
    [state] = _states(database)
    assert state.status == "firing" and state.open_key == "open"
    assert state.notified_at == b.NOW
    assert state.details["latest"]["at"] == LATER.isoformat()


def test_the_resolution_is_announced_once(
    database: Database,
    delivery: alerting.Delivery,
    mailbox: tuple[Mailbox, int],
    hook: tuple[Hook, str],
) -> None:
    company_id = _practice(database, "Praxis Eins", hook[1], unresolved=4)
    alerting.check(database, now=b.NOW, delivery=delivery)
    _resolve_calls(database, company_id)
    [result] = alerting.check(database, now=LATER, delivery=delivery)
    alerting.check(database, now=LATER + timedelta(minutes=5), delivery=delivery)

    assert {e.rule.key: e.change for e in result.evaluations}[RULE] == "resolved"
    assert len(mailbox[0].messages) == 2 and len(hook[0].payloads) == 2
    assert mailbox[0].subjects()[1].startswith("frontdesk, Praxis Eins: behoben: ")
    assert (
        mailbox[0]
        .bodies()[1]
        .startswith(
            "Behoben: Anteil ungeklärter Anrufe mit unterdrückter Nummer heute: 0 % "
            "(Schwelle 10 %). Die Meldung vom 11.03.2026 11:00 Uhr ist erledigt"
        )
    )
    assert hook[0].payloads[1]["status"] == "resolved"
    [state] = _states(database)
    assert (state.status, state.open_key) == ("resolved", None)
    assert state.resolved_at == LATER and state.resolution_notified_at == LATER


def test_a_new_firing_after_resolution_is_a_new_alert(
    database: Database,
    delivery: alerting.Delivery,
    mailbox: tuple[Mailbox, int],
    hook: tuple[Hook, str],
) -> None:
    company_id = _practice(database, "Praxis Eins", hook[1], unresolved=4)
    alerting.check(database, now=b.NOW, delivery=delivery)
    _resolve_calls(database, company_id)
    alerting.check(database, now=LATER, delivery=delivery)
    with database.unit_of_work() as session:
        b.withheld_calls(session, company_id, total=5, unresolved=5)
    alerting.check(database, now=LATER + timedelta(minutes=5), delivery=delivery)
    assert [s.status for s in _states(database)] == ["resolved", "firing"]
    assert len(mailbox[0].messages) == 3


def test_a_failed_delivery_is_recorded_and_retried_without_resending_what_arrived(
    database: Database,
    delivery: alerting.Delivery,
    mailbox: tuple[Mailbox, int],
    hook: tuple[Hook, str],
) -> None:
    _practice(database, "Praxis Eins", hook[1], unresolved=4)
    hook[0].status = 500
    [result] = alerting.check(database, now=b.NOW, delivery=delivery)
    assert result.delivered == 0 and "webhook answered 500" in result.failed[0]
    [state] = _states(database)
    assert state.notified_at is None
    assert state.details["errors"][0]["channel"] == "webhook"
    assert list(state.details["delivered"]["firing"]) == ["email"]

    hook[0].status = 200
    alerting.check(database, now=LATER, delivery=delivery)
    assert len(mailbox[0].messages) == 1  # the e-mail had arrived: not sent again
    assert len(hook[0].payloads) == 2  # the refused one and the retry
    [state] = _states(database)
    assert state.notified_at == LATER


def test_an_unreachable_smtp_server_leaves_the_firing_undelivered(
    database: Database, delivery: alerting.Delivery, hook: tuple[Hook, str]
) -> None:
    _practice(database, "Praxis Eins", hook[1], unresolved=4)
    broken = alerting.Delivery(
        mailer=SmtpMailer(host="127.0.0.1", port=1, timeout=2.0),
        poster=delivery.poster,
        base_url=delivery.base_url,
    )
    [result] = alerting.check(database, now=b.NOW, delivery=broken)
    assert result.failed and result.failed[0].startswith(f"{RULE} email: SMTP 127.0.0.1:1")
    [state] = _states(database)
    assert state.notified_at is None and len(hook[0].payloads) == 1


def test_nothing_configured_waits_for_a_recipient(
    database: Database, delivery: alerting.Delivery, mailbox: tuple[Mailbox, int]
) -> None:
    with database.unit_of_work() as session:
        company_id = b.company(session, "Praxis Stumm")
        b.withheld_calls(session, company_id, total=10, unresolved=4)
    [result] = alerting.check(database, now=b.NOW, delivery=delivery)
    assert result.channels == [] and mailbox[0].messages == []
    configured = alerting.Delivery(
        mailer=delivery.mailer, poster=delivery.poster, base_url="x", default_email="ops@x.example"
    )
    alerting.check(database, now=LATER, delivery=configured)
    assert mailbox[0].envelopes == [["ops@x.example"]]


def test_thresholds_and_recipients_are_per_company(
    database: Database,
    delivery: alerting.Delivery,
    mailbox: tuple[Mailbox, int],
    hook: tuple[Hook, str],
) -> None:
    # Same figures (30 %): the lenient practice allows up to 50 %, the other uses the default.
    _practice(database, "Praxis Gelassen", hook[1] + "/gelassen", 3, withheld_unresolved_share=0.5)
    _practice(database, "Praxis Streng", hook[1] + "/streng", 3)
    results = alerting.check(database, now=b.NOW, delivery=delivery)
    firing = {
        r.company: [e.rule.key for e in r.evaluations if e.status == "firing"] for r in results
    }
    assert firing == {"Praxis Gelassen": [], "Praxis Streng": [RULE]}
    assert mailbox[0].envelopes == [["team@streng.example"]]
    assert hook[0].paths == ["/streng"] and hook[0].payloads[0]["company"] == "Praxis Streng"


def test_a_rule_can_be_switched_off(database: Database, delivery: alerting.Delivery) -> None:
    _practice(database, "Praxis Aus", "", 5, withheld_unresolved_share=None)
    [result] = alerting.check(database, now=b.NOW, delivery=delivery)
    assert {e.rule.key: e.status for e in result.evaluations}[RULE] == "off"
    assert _states(database) == []


def test_another_companys_calls_never_count(
    database: Database,
    delivery: alerting.Delivery,
    mailbox: tuple[Mailbox, int],
    hook: tuple[Hook, str],
) -> None:
    good = _practice(database, "Praxis Gut", hook[1] + "/gut", unresolved=0)
    bad = _practice(database, "Praxis Schlecht", hook[1] + "/schlecht", unresolved=9)
    with database.unit_of_work() as session:
        b.event(session, bad, status="failed")
        b.invocations(session, bad, durations=[3000.0] * 10, errors=10)
        b.review_item(session, bad, age=timedelta(days=3))
        for hours in (1, 2, 3):
            b.sms(session, bad, status="failed", age=timedelta(hours=hours))
    results = {r.company: r for r in alerting.check(database, now=b.NOW, delivery=delivery)}
    assert all(e.status != "firing" for e in results["Praxis Gut"].evaluations)
    [withheld] = [e for e in results["Praxis Gut"].evaluations if e.rule.key == RULE]
    assert withheld.figure is not None and withheld.figure.details == {"unresolved": 0, "calls": 10}
    assert {e.rule.key for e in results["Praxis Schlecht"].evaluations if e.status == "firing"} == {
        RULE,
        "event_failures",
        "function_error_rate",
        "function_p99_ms",
        "review_age_hours",
        "sms_failures",
    }
    assert {tuple(e) for e in mailbox[0].envelopes} == {("team@schlecht.example",)}
    assert set(hook[0].paths) == {"/schlecht"}
    assert {s.company_id for s in _states(database)} == {bad}
    assert good != bad


def test_the_periodic_job_checks_and_delivers_from_settings(
    database: Database,
    mailbox: tuple[Mailbox, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FRONTDESK_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("FRONTDESK_SMTP_PORT", str(mailbox[1]))
    monkeypatch.setenv("FRONTDESK_ALERT_EMAIL_TO", "ops@betreiber.example")
    monkeypatch.setenv("FRONTDESK_PUBLIC_BASE_URL", "https://frontdesk.example")
    get_settings.cache_clear()
    try:
        with database.unit_of_work() as session:
            company_id = b.company(session, "Praxis Job")
            b.withheld_calls(session, company_id, total=10, unresolved=5)
        view = JobView(1, alerting.ALERTS_CHECK, "k", None, {}, 1, b.NOW)
        outcome = alerting.run_checks(database, view)
    finally:
        get_settings.cache_clear()
    assert outcome.result["checked"] == 1 and outcome.result["delivered"] == 1
    assert mailbox[0].envelopes == [["ops@betreiber.example"]]
    assert "https://frontdesk.example/app/review" in mailbox[0].bodies()[0]


def test_switching_a_firing_rule_off_closes_it_without_an_all_clear(
    database: Database, delivery: alerting.Delivery, mailbox: tuple[Mailbox, int]
) -> None:
    company_id = _practice(database, "Praxis Eins", "", unresolved=4)
    alerting.check(database, now=b.NOW, delivery=delivery)
    with database.unit_of_work() as session:
        company = session.get_one(Company, company_id)
        company.settings = {"alerts": {**company.settings["alerts"], RULE: None}}
    alerting.check(database, now=LATER, delivery=delivery)
    [state] = _states(database)
    assert (state.status, state.open_key, state.resolution_notified_at) == ("resolved", None, LATER)
    assert len(mailbox[0].messages) == 1
