"""Calls: folding provider events into one row, whatever their order or repetition."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, contains_eager

from frontdesk.calls.commands import STATUS_BY_KIND, CallEventCommand, CallSnapshot
from frontdesk.calls.models import Call, CallEvent, FunctionInvocation
from frontdesk.phones import caller_number
from frontdesk.tenancy import service as tenancy_service
from frontdesk.tenancy.models import Company

# Snapshot fields copied onto the call row (snapshot name -> column name).
_SNAPSHOT_COLUMNS = {
    "agent_id": "agent_id",
    "direction": "direction",
    "from_number": "from_number_raw",
    "to_number": "to_number",
    "started_at": "started_at",
    "ended_at": "ended_at",
    "duration_ms": "duration_ms",
    "disconnection_reason": "disconnection_reason",
    "transcript": "transcript",
    "transcript_object": "transcript_object",
    "analysis": "analysis",
    "recording_url": "recording_url",
}
_TERMINAL_PROVIDER_STATUSES = {"error", "not_connected"}


def get_by_provider_id(
    *, session: Session, provider_call_id: str, for_update: bool = False
) -> Call | None:
    """The call; `for_update` locks its row (PostgreSQL) so concurrent events fold one by one
    and reads its company with it (what every live function needs next)."""
    if for_update:
        return session.scalars(_LOCKED_CALL, {"provider_call_id": provider_call_id}).one_or_none()
    query = select(Call).where(Call.provider_call_id == provider_call_id)
    return session.scalars(query).one_or_none()


_LOCKED_CALL = (
    select(Call)
    .outerjoin(Company, Company.id == Call.company_id)
    .options(contains_eager(Call.company))
    .where(Call.provider_call_id == bindparam("provider_call_id"))
    .with_for_update(of=Call)
)


def list_recent(
    *, session: Session, limit: int = 50, company_id: int | None = None
) -> Sequence[Call]:
    query = select(Call).order_by(Call.created_at.desc(), Call.id.desc()).limit(limit)
    if company_id is not None:
        query = query.where(Call.company_id == company_id)
    return session.scalars(query).all()


def events_for(*, session: Session, provider_call_id: str) -> Sequence[CallEvent]:
    return session.scalars(
        select(CallEvent)
        .where(CallEvent.provider_call_id == provider_call_id)
        .order_by(CallEvent.received_at, CallEvent.id)
    ).all()


def invocations_for(*, session: Session, call_id: int) -> Sequence[FunctionInvocation]:
    return session.scalars(
        select(FunctionInvocation)
        .where(FunctionInvocation.call_id == call_id)
        .order_by(FunctionInvocation.created_at, FunctionInvocation.id)
    ).all()


def open_call(*, session: Session, snapshot: CallSnapshot) -> tuple[Call, bool]:
    """Find the call by its provider id (row locked) or create it; returns (call, created)."""
    call = get_by_provider_id(
        session=session, provider_call_id=snapshot.provider_call_id, for_update=True
    )
    if call is not None:
        return call, False
    call = Call(
        provider=snapshot.provider,
        provider_call_id=snapshot.provider_call_id,
        status="registered",
        field_versions={},
    )
    # A savepoint, so losing a creation race to a concurrent request is not an error.
    try:
        with session.begin_nested():
            session.add(call)
            session.flush()
    except Exception:
        existing = get_by_provider_id(
            session=session, provider_call_id=snapshot.provider_call_id, for_update=True
        )
        if existing is None:
            raise
        return existing, False
    return call, True


def _version(command: CallEventCommand) -> list[Any]:
    transcript_len = len(command.snapshot.transcript or "")
    return [int(command.kind), transcript_len, command.digest]


def _newer(candidate: list[Any], current: Any) -> bool:
    return current is None or candidate >= list(current)


def apply_event(*, session: Session, command: CallEventCommand) -> Call:
    """Fold one event into its call row.

    Each field keeps the value of the "latest" event that carried it, where latest is a total
    order on (event kind, transcript length, digest). The result is a max over the set of
    events seen, so any permutation with any duplicates yields the same row.
    """
    snapshot = command.snapshot
    call, _ = open_call(session=session, snapshot=snapshot)
    versions = dict(call.field_versions or {})
    version = _version(command)
    for item in fields(snapshot):
        column = _SNAPSHOT_COLUMNS.get(item.name)
        value = getattr(snapshot, item.name)
        if column is None or value is None:
            continue
        if _newer(version, versions.get(column)):
            setattr(call, column, value)
            versions[column] = version
    status = STATUS_BY_KIND[command.kind]
    if snapshot.provider_status in _TERMINAL_PROVIDER_STATUSES and command.kind >= 3:
        status = snapshot.provider_status
    if _newer(version, versions.get("status")):
        call.status = status
        versions["status"] = version
    changed = versions != call.field_versions
    if changed:
        call.field_versions = versions  # assigned only on change: an unchanged call is no UPDATE
    # Derived fields follow from the merged snapshot alone: an event that changed nothing (most
    # function calls repeat the call object) leaves them as they are, unless the company is
    # still unknown (its number may have been added since).
    if changed or call.company_id is None:
        _derive(session=session, call=call)
    session.flush()
    return call


def _derive(*, session: Session, call: Call) -> None:
    """Fields computed from the merged snapshot: company, normalised caller number."""
    if call.company_id is None and call.to_number:
        company = tenancy_service.company_for_called_number(session=session, number=call.to_number)
        if company is not None:
            call.company_id = company.id
    region = "DE"
    if call.company_id is not None:
        company_row = tenancy_service.get(session=session, company_id=call.company_id)
        region = company_row.region if company_row is not None else region
    if "from_number_raw" in (call.field_versions or {}):
        number = caller_number(call.from_number_raw, region)
        call.from_number_e164 = number.e164
        call.caller_id_withheld = number.withheld


def call_as_dict(call: Call) -> dict[str, Any]:
    """The call row as plain JSON-ready data (the CLI and dashboard show this)."""
    return {
        "call_id": call.provider_call_id,
        "id": call.id,
        "provider": call.provider,
        "company_id": call.company_id,
        "status": call.status,
        "direction": call.direction,
        "from_number": call.from_number_raw,
        "from_number_e164": call.from_number_e164,
        "caller_id_withheld": call.caller_id_withheld,
        "to_number": call.to_number,
        "started_at": call.started_at.isoformat() if call.started_at else None,
        "ended_at": call.ended_at.isoformat() if call.ended_at else None,
        "duration_ms": call.duration_ms,
        "disconnection_reason": call.disconnection_reason,
        "customer_id": call.customer_id,
        "link_status": call.link_status,
        "link_method": call.link_method,
        "link_confidence": call.link_confidence,
        "caller_name": call.caller_name,
        "booked_for_name": call.booked_for_name,
        "transcript": call.transcript,
        "analysis": call.analysis,
        "recording_url": call.recording_url,
    }


def final_row(call: Call) -> dict[str, Any]:
    """The fields an event sequence determines (used to prove order independence)."""
    data = call_as_dict(call)
    data.pop("id")
    data["transcript_object"] = call.transcript_object
    return data
