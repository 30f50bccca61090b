"""Each metric from stored rows, as its definition in experiments/metrics.py says."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session

from frontdesk.calls.models import Call, CallEvent, FunctionInvocation
from frontdesk.db.core import Database
from frontdesk.experiments import metrics
from tests.dashboard.conftest import practices  # noqa: F401  (a fixture)
from tests.dashboard.seed import Seeded
from tests.experiments.helpers import start_experiment

NOW = datetime.now(UTC)


def user_said(*lines: str) -> list[dict[str, str]]:
    turns = [{"role": "agent", "content": "Guten Tag, mit wem spreche ich?"}]
    return turns + [{"role": "user", "content": line} for line in lines]


def add_call(session: Session, company_id: int, key: str, variant: str, **fields: Any) -> Call:
    call = Call(
        provider="retell",
        provider_call_id=f"call_metric_{key}",
        company_id=company_id,
        variant=variant,
        **{"status": "ended", **fields},
    )
    session.add(call)
    session.flush()
    return call


def invoked(
    session: Session,
    call: Call,
    name: str,
    arguments: dict[str, Any],
    result: dict[str, Any],
    transcript: list[dict[str, str]],
    at: datetime,
) -> None:
    """A live-function request as the inbox stores it, and the invocation it produced."""
    session.add(
        CallEvent(
            provider="retell",
            dedupe_key=f"{call.provider_call_id}:{name}:{at.timestamp()}",
            event_type=f"function:{name}",
            provider_call_id=call.provider_call_id,
            body=b"{}",
            payload={"name": name, "call": {"transcript_object": transcript}, "args": arguments},
            status="processed",
            received_at=at,
        )
    )
    session.add(
        FunctionInvocation(
            call_id=call.id,
            company_id=call.company_id,
            name=name,
            idempotency_key=f"{call.provider_call_id}:{name}:{at.timestamp()}",
            arguments=arguments,
            result=result,
            created_at=at + timedelta(milliseconds=5),
        )
    )


@pytest.fixture
def experiment(database: Database, practices: tuple[Seeded, Seeded]) -> int:  # noqa: F811
    """Practice A's seeded calls plus five more, over variants A and B."""
    seeded = practices[0]
    experiment_id = start_experiment(database, seeded.company_id)
    with database.unit_of_work() as session:
        for row_id, variant in ((seeded.call_id, "A"), (seeded.plain_call_id, "B")):
            call = session.get(Call, row_id)
            assert call is not None
            call.experiment_id, call.variant = experiment_id, variant
        company = seeded.company_id

        def made(hours: int) -> dict[str, Any]:
            return {"experiment_id": experiment_id, "created_at": NOW - timedelta(hours=hours)}

        # A: hung up before any name.
        add_call(session, company, "a_hangup", "A", disconnection_reason="user_hangup", **made(2))
        # A: known by number, confirmed at the first answer.
        known = add_call(session, company, "a_known", "A", link_status="linked", **made(1))
        invoked(session, known, "identify_caller", {}, {"known": True},
                user_said("Ja, genau."), NOW - timedelta(minutes=59))  # fmt: skip
        # A: still talking: no outcome yet.
        add_call(session, company, "a_live", "A", **{**made(0), "status": "ongoing"})
        # B: the name in the first answer, then hung up.
        early = add_call(session, company, "b_early", "B", link_status="new_customer",
                         disconnection_reason="user_hangup", **made(2))  # fmt: skip
        invoked(session, early, "save_caller_data", {"name": "Jutta Maier"}, {"saved": True},
                user_said("Jutta Maier."), NOW - timedelta(minutes=119))  # fmt: skip
        # B: a refused "name" first, the real one only in the caller's second turn.
        late = add_call(session, company, "b_late", "B", link_status="review",
                        disconnection_reason="user_hangup", **made(1))  # fmt: skip
        invoked(session, late, "save_caller_data", {"name": "Guten Tag"}, {"saved": False},
                user_said("Guten Tag."), NOW - timedelta(minutes=59))  # fmt: skip
        second = user_said("Guten Tag.", "Kern, Uwe Kern.")
        invoked(session, late, "save_caller_data", {"name": "Uwe Kern"}, {"saved": True},
                second, NOW - timedelta(minutes=58))  # fmt: skip
    return experiment_id


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        # A: seeded review call (booked, no capture), a_hangup, a_known; B: seeded plain call
        # (linked), b_early, b_late.
        ("name_before_second_turn", {"A": [False, False, True], "B": [False, True, False]}),
        ("caller_identified", {"A": [False, False, True], "B": [True, True, False]}),
        ("appointment_booked", {"A": [True, False, False], "B": [False, False, False]}),
        ("hangup_before_name", {"A": [False, True, False], "B": [False, False, False]}),
    ],
)
def test_metric_outcomes(
    database: Database, experiment: int, metric: str, expected: dict[str, list[bool]]
) -> None:
    with database.sessions() as session:
        found = metrics.outcomes(
            session=session, experiment_id=experiment, metric=metric, variants=["A", "B"]
        )
    assert dict(found) == expected


def test_what_counts_as_a_name_capture() -> None:
    assert metrics.captures_name("save_caller_data", {"name": "Uwe Kern"}, {"saved": True})
    assert not metrics.captures_name("save_caller_data", {"name": "Guten Tag"}, {"saved": False})
    assert not metrics.captures_name("save_caller_data", {"phone": "0171"}, {"saved": True})
    assert not metrics.captures_name("save_caller_data", {"name": "X"}, {"error": "internal"})
    assert metrics.captures_name("identify_caller", {}, {"known": True})
    assert not metrics.captures_name("identify_caller", {}, {"known": False})
    assert metrics.user_turns({"name": "x", "args": {}}) is None  # args at the root: no transcript
