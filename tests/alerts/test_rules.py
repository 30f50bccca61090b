"""One test per rule: it fires above its threshold and not at or below it, and what fires is
really received by the SMTP server and the webhook."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy.orm import Session

from frontdesk.alerts.rules import BY_KEY
from frontdesk.conversations import alerting
from frontdesk.db.core import Database
from tests.alerts import builders as b
from tests.alerts.conftest import Hook, Mailbox

Scenario = Callable[[Session, int], None]


def _hours(session: Session, company_id: int, last_call: time) -> None:
    b.opening_hours(session, company_id, time(8), time(18))
    local = datetime.combine(b.NOW.date(), last_call, tzinfo=UTC) - timedelta(hours=1)  # CET
    b.call(session, company_id, at=local)


def _failed_sms(session: Session, company_id: int, rows: list[tuple[str, int]]) -> None:
    b.sms(session, company_id, status="delivered", age=timedelta(hours=1))
    for status, hours in rows:
        b.sms(session, company_id, status=status, age=timedelta(hours=hours))


# rule -> (data above the threshold, data at or below it)
SCENARIOS: dict[str, tuple[Scenario, Scenario]] = {
    "withheld_unresolved_share": (
        lambda s, c: b.withheld_calls(s, c, total=10, unresolved=3),
        lambda s, c: b.withheld_calls(s, c, total=10, unresolved=1),  # 10 %: not above
    ),
    "review_age_hours": (
        lambda s, c: b.review_item(s, c, age=timedelta(hours=25)),
        lambda s, c: b.review_item(s, c, age=timedelta(hours=23)),
    ),
    "event_failures": (
        lambda s, c: b.event(s, c, status="failed"),
        lambda s, c: b.event(s, c, status="processed"),
    ),
    "function_error_rate": (
        lambda s, c: b.invocations(s, c, durations=[20.0] * 10, errors=1),
        lambda s, c: b.invocations(s, c, durations=[20.0] * 20, errors=1),  # 5 %: not above
    ),
    "function_p99_ms": (
        lambda s, c: b.invocations(s, c, durations=[20.0] * 9 + [1500.0]),
        lambda s, c: b.invocations(s, c, durations=[20.0] * 9 + [900.0]),
    ),
    "no_calls_minutes": (
        lambda s, c: _hours(s, c, last_call=time(8, 30)),  # 150 open minutes without a call
        lambda s, c: _hours(s, c, last_call=time(9, 30)),  # 90
    ),
    "sms_failures": (
        lambda s, c: _failed_sms(s, c, [("undelivered", 1), ("failed", 2), ("failed", 3)]),
        # two in the last 24 hours (and one older, and one delivered): not above 2
        lambda s, c: _failed_sms(s, c, [("failed", 1), ("undelivered", 2), ("failed", 25)]),
    ),
}


def _company(database: Database, hook_url: str, scenario: Scenario) -> int:
    with database.unit_of_work() as session:
        company_id = b.company(
            session, "Praxis Regel", email=["team@praxis.example"], webhook=hook_url
        )
        scenario(session, company_id)
        return company_id


@pytest.mark.parametrize("rule", sorted(SCENARIOS))
def test_rule_fires_above_its_threshold_and_the_alert_arrives(
    database: Database,
    delivery: alerting.Delivery,
    mailbox: tuple[Mailbox, int],
    hook: tuple[Hook, str],
    rule: str,
) -> None:
    _company(database, hook[1], SCENARIOS[rule][0])
    [result] = alerting.check(database, now=b.NOW, delivery=delivery)
    states = {e.rule.key: e.status for e in result.evaluations}
    assert states[rule] == "firing"
    assert [k for k, v in states.items() if v == "firing"] == [rule]
    box, received = mailbox[0], hook[0]
    assert len(box.messages) == 1 and len(received.payloads) == 1
    assert box.envelopes == [["team@praxis.example"]]
    assert BY_KEY[rule].figure in box.bodies()[0]
    assert BY_KEY[rule].title in box.subjects()[0]
    payload = received.payloads[0]
    assert payload["rule"] == rule and payload["status"] == "firing"
    assert BY_KEY[rule].figure in payload["text"] and "Schwelle" in payload["text"]


@pytest.mark.parametrize("rule", sorted(SCENARIOS))
def test_rule_stays_quiet_at_or_below_its_threshold(
    database: Database,
    delivery: alerting.Delivery,
    mailbox: tuple[Mailbox, int],
    hook: tuple[Hook, str],
    rule: str,
) -> None:
    _company(database, hook[1], SCENARIOS[rule][1])
    [result] = alerting.check(database, now=b.NOW, delivery=delivery)
    assert {e.rule.key: e.status for e in result.evaluations}[rule] in ("ok", "no_data")
    assert mailbox[0].messages == [] and hook[0].payloads == []


def test_the_message_says_the_figure_against_the_threshold_and_where_to_look(
    database: Database,
    delivery: alerting.Delivery,
    mailbox: tuple[Mailbox, int],
    hook: tuple[Hook, str],
) -> None:
    _company(database, hook[1], SCENARIOS["withheld_unresolved_share"][0])
    alerting.check(database, now=b.NOW, delivery=delivery)
    body = mailbox[0].bodies()[0]
    assert body.startswith(
        "Anteil ungeklärter Anrufe mit unterdrückter Nummer heute: 30 % (Schwelle 10 %). "
        "3 von 10 Anrufen sind keinem Kunden zugeordnet."
    )
    assert "https://praxis.example/app/review oder `frontdesk report`" in body
    assert mailbox[0].subjects() == [
        "frontdesk, Praxis Regel: Viele ungeklärte Anrufe mit unterdrückter Nummer"
    ]


def test_a_share_over_too_few_calls_says_nothing_yet(
    database: Database, delivery: alerting.Delivery, hook: tuple[Hook, str]
) -> None:
    _company(database, hook[1], lambda s, c: b.withheld_calls(s, c, total=2, unresolved=2))
    [result] = alerting.check(database, now=b.NOW, delivery=delivery)
    assert {e.rule.key: e.status for e in result.evaluations}["withheld_unresolved_share"] == (
        "no_data"
    )
    assert hook[0].payloads == []


def test_calls_still_running_and_yesterdays_calls_do_not_count(
    database: Database, delivery: alerting.Delivery, hook: tuple[Hook, str]
) -> None:
    def scenario(session: Session, company_id: int) -> None:
        b.withheld_calls(session, company_id, total=10, unresolved=0)
        for _ in range(5):
            b.call(session, company_id, withheld=True, link_status=None, status="ongoing")
            b.call(
                session,
                company_id,
                withheld=True,
                link_status="review",
                at=b.NOW - timedelta(hours=12),
            )

    _company(database, hook[1], scenario)
    [result] = alerting.check(database, now=b.NOW, delivery=delivery)
    [withheld] = [e for e in result.evaluations if e.rule.key == "withheld_unresolved_share"]
    assert withheld.figure is not None and withheld.figure.details == {"unresolved": 0, "calls": 10}


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 3, 11, 12, 15, tzinfo=UTC), 135.0),  # 13:15 local, last call 11:00
        (datetime(2026, 3, 11, 21, 0, tzinfo=UTC), 420.0),  # closed since 18:00: no more minutes
        (datetime(2026, 3, 14, 12, 0, tzinfo=UTC), 1620.0),  # Saturday adds nothing to Wed-Fri
    ],
)
def test_silence_counts_only_opening_time(
    database: Database, delivery: alerting.Delivery, now: datetime, expected: float
) -> None:
    with database.unit_of_work() as session:
        company_id = b.company(session, "Praxis Stille")
        b.opening_hours(session, company_id, time(8), time(18))
        b.call(session, company_id, at=datetime(2026, 3, 11, 10, 0, tzinfo=UTC))
    [result] = alerting.check(database, now=now, delivery=delivery, deliver=False)
    [silence] = [e for e in result.evaluations if e.rule.key == "no_calls_minutes"]
    assert silence.figure is not None and silence.figure.value == pytest.approx(expected)


def test_a_practice_without_opening_hours_is_never_silent(
    database: Database, delivery: alerting.Delivery
) -> None:
    with database.unit_of_work() as session:
        b.company(session, "Praxis ohne Zeiten")
    [result] = alerting.check(database, now=b.NOW, delivery=delivery, deliver=False)
    [silence] = [e for e in result.evaluations if e.rule.key == "no_calls_minutes"]
    assert silence.status == "ok"
