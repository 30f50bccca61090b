"""Companies, calls and customers for identity tests."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.orm import Session

from frontdesk.calls.commands import CallEventCommand, CallEventKind, CallSnapshot
from frontdesk.calls.models import Call
from frontdesk.conversations import call_events
from frontdesk.identity import records
from frontdesk.identity.models import Customer
from frontdesk.tenancy import service as tenancy_service
from frontdesk.tenancy.models import Company

NUMBERS = {"Praxis A": "+4930120045670", "Praxis B": "+4940120045670"}
START = datetime(2026, 11, 24, 9, 15, tzinfo=UTC)


def company(session: Session, name: str = "Praxis A") -> Company:
    found = tenancy_service.create(session=session, name=name, agent_names=["Lena"])
    tenancy_service.add_number(session=session, company_id=found.id, number=NUMBERS[name])
    return found


def customer(
    session: Session, company_id: int, first: str | None, last: str | None, **fields: Any
) -> Customer:
    return records.create_customer(
        session, company_id=company_id, status="active", first_name=first, last_name=last, **fields
    )


def event(
    session: Session,
    call_id: str,
    *,
    kind: CallEventKind = CallEventKind.STARTED,
    company_name: str = "Praxis A",
    from_number: str = "anonymous",
    turns: list[dict[str, str]] | None = None,
    analysis: dict[str, Any] | None = None,
) -> Call:
    snapshot = CallSnapshot(
        provider="retell",
        provider_call_id=call_id,
        from_number=from_number,
        to_number=NUMBERS[company_name],
        started_at=START,
        transcript_object=turns,
        analysis=analysis,
    )
    command = CallEventCommand(kind=kind, snapshot=snapshot, digest=f"{call_id}-{int(kind)}")
    return call_events.handle_call_event(session=session, command=command)


def born(text: str) -> date:
    return date.fromisoformat(text)
