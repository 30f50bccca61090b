"""The primary metrics an experiment can be judged by, each defined from stored data only.

A call counts for an experiment when `calls.experiment_id` names it and the call is over
(`calls.status` is `ended` or `analyzed`); calls still ringing or talking have no outcome yet,
and calls that errored or never connected (`error`, `not_connected`) had no conversation a
prompt could change. A call's variant is `calls.variant`. Calls are taken in the order they
were made (`calls.created_at`, then `calls.id`).

"Name captured" (used by two metrics) means a live function invocation of the call
(`function_invocations`) that put the caller's name on record while they were on the line:

- `save_caller_data` with a non-empty `name` argument whose stored result says `saved: true`
  (a refused name such as "guten Tag" is not a capture; the later accepted retry is), or
- `identify_caller` whose stored result says `known: true` (the number matched a customer and
  the agent greeted them by name).

The first capture is the earliest such invocation by `created_at` (then id).

Metrics:

- `name_before_second_turn` (higher is better): the first capture happened before the caller's
  second turn. Measured on the request that produced it: the live-function request stored in
  the inbox (`call_events` of type `function:<name>`, the latest for this call and function
  received at or before the invocation's `created_at`) carries Retell's live call object, whose
  `transcript_object` is the conversation so far; the capture counts if that transcript holds at
  most one turn with role `user`. Requests without a transcript (args-at-root bodies) cannot
  show this and count as no success.
- `caller_identified` (higher is better): `calls.link_status` is `linked` (matched to an
  existing customer) or `new_customer` (a new customer record was made); `review`,
  `unidentified` and none are not.
- `appointment_booked` (higher is better): at least one row in `appointments` has this call's
  `call_id`, whatever its later status (a later cancellation by another call does not undo
  what this call achieved).
- `hangup_before_name` (lower is better): `calls.disconnection_reason` is `user_hangup` and the
  call has no name capture at all: the root-cause analysis's lost caller.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from frontdesk.calls.models import Call, CallEvent, FunctionInvocation
from frontdesk.scheduling.models import Appointment

FINISHED_STATUSES = ("ended", "analyzed")
IDENTIFIED_STATUSES = frozenset({"linked", "new_customer"})
CAPTURING_FUNCTIONS = ("save_caller_data", "identify_caller")


@dataclass(frozen=True)
class Metric:
    key: str
    title: str  # German, for people
    higher_is_better: bool


METRICS = {
    m.key: m
    for m in (
        Metric("name_before_second_turn", "Name vor der zweiten Äußerung erfasst", True),
        Metric("caller_identified", "Anrufer zugeordnet", True),
        Metric("appointment_booked", "Termin gebucht", True),
        Metric("hangup_before_name", "Aufgelegt, bevor ein Name erfasst war", False),
    )
}


def captures_name(name: str, arguments: dict[str, Any], result: dict[str, Any] | None) -> bool:
    """Whether one stored invocation put the caller's name on record (see the module doc)."""
    if not result or result.get("error"):
        return False
    if name == "save_caller_data":
        return bool(arguments.get("name")) and result.get("saved") is True
    if name == "identify_caller":
        return result.get("known") is True
    return False


def user_turns(payload: dict[str, Any] | None) -> int | None:
    """User turns in the transcript a live-function request carried (None: none carried)."""
    call = (payload or {}).get("call")
    turns = call.get("transcript_object") if isinstance(call, dict) else None
    if not isinstance(turns, list):
        return None
    return sum(1 for t in turns if isinstance(t, dict) and t.get("role") == "user")


@dataclass(frozen=True)
class FinishedCall:
    id: int
    provider_call_id: str
    variant: str
    link_status: str | None
    disconnection_reason: str | None


def _finished(experiment_id: int) -> tuple[ColumnElement[bool], ...]:
    return (
        Call.experiment_id == experiment_id,
        Call.variant.is_not(None),
        Call.status.in_(FINISHED_STATUSES),
    )


def finished_calls(*, session: Session, experiment_id: int) -> list[FinishedCall]:
    rows = session.execute(
        select(
            Call.id,
            Call.provider_call_id,
            Call.variant,
            Call.link_status,
            Call.disconnection_reason,
        )
        .where(*_finished(experiment_id))
        .order_by(Call.created_at, Call.id)
    ).all()
    return [FinishedCall(r[0], r[1], str(r[2]), r[3], r[4]) for r in rows]


def _first_captures(session: Session, experiment_id: int) -> dict[int, tuple[str, datetime]]:
    """Per call id: (function name, created_at) of its first name capture."""
    rows = session.execute(
        select(
            FunctionInvocation.call_id,
            FunctionInvocation.name,
            FunctionInvocation.arguments,
            FunctionInvocation.result,
            FunctionInvocation.created_at,
        )
        .where(
            FunctionInvocation.call_id.in_(select(Call.id).where(*_finished(experiment_id))),
            FunctionInvocation.name.in_(CAPTURING_FUNCTIONS),
        )
        .order_by(FunctionInvocation.created_at, FunctionInvocation.id)
    ).all()
    first: dict[int, tuple[str, datetime]] = {}
    for call_id, name, arguments, result, created_at in rows:
        if call_id is None or call_id in first:
            continue
        if captures_name(name, arguments or {}, result):
            first[call_id] = (name, created_at)
    return first


def _captured_early(
    session: Session,
    experiment_id: int,
    calls: Sequence[FinishedCall],
    first: dict[int, tuple[str, datetime]],
) -> set[int]:
    """Call ids whose first capture came while the caller had spoken at most once."""
    provider_ids = {c.id: c.provider_call_id for c in calls if c.id in first}
    if not provider_ids:
        return set()
    rows = session.execute(
        select(
            CallEvent.provider_call_id,
            CallEvent.event_type,
            CallEvent.received_at,
            CallEvent.payload,
        )
        .where(
            CallEvent.provider_call_id.in_(
                select(Call.provider_call_id).where(*_finished(experiment_id))
            ),
            CallEvent.event_type.in_([f"function:{n}" for n in CAPTURING_FUNCTIONS]),
        )
        .order_by(CallEvent.received_at, CallEvent.id)
    ).all()
    requests: dict[tuple[str, str], list[tuple[datetime, dict[str, Any] | None]]] = {}
    for provider_call_id, event_type, received_at, payload in rows:
        requests.setdefault((provider_call_id, event_type), []).append((received_at, payload))
    early: set[int] = set()
    for call_id, (name, captured_at) in first.items():
        sent = requests.get((provider_ids[call_id], f"function:{name}"), [])
        before = [payload for received_at, payload in sent if received_at <= captured_at]
        turns = user_turns(before[-1]) if before else None
        if turns is not None and turns <= 1:
            early.add(call_id)
    return early


def _booked(session: Session, experiment_id: int) -> set[int]:
    finished = select(Call.id).where(*_finished(experiment_id))
    rows = session.scalars(
        select(Appointment.call_id).where(Appointment.call_id.in_(finished)).distinct()
    ).all()
    return {r for r in rows if r is not None}


def outcomes(
    *, session: Session, experiment_id: int, metric: str, variants: Sequence[str]
) -> list[tuple[str, list[bool]]]:
    """Per variant (in the given order): each finished call's success under `metric`."""
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    calls = finished_calls(session=session, experiment_id=experiment_id)
    success: set[int]
    if metric == "caller_identified":
        success = {c.id for c in calls if c.link_status in IDENTIFIED_STATUSES}
    elif metric == "appointment_booked":
        success = _booked(session, experiment_id)
    else:
        first = _first_captures(session, experiment_id)
        if metric == "name_before_second_turn":
            success = _captured_early(session, experiment_id, calls, first)
        else:
            success = {
                c.id for c in calls if c.disconnection_reason == "user_hangup" and c.id not in first
            }
    by_variant: dict[str, list[bool]] = {name: [] for name in variants}
    for call in calls:
        if call.variant in by_variant:
            by_variant[call.variant].append(call.id in success)
    return [(name, by_variant[name]) for name in variants]
