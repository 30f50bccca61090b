"""What a caller asked for, gathered from the call, so a review item can keep the request."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.calls.models import Call, FunctionInvocation

# Functions whose arguments describe an appointment wish.
_WISH_FUNCTIONS = ("check_availability", "book_appointment", "reschedule_appointment")
_WISH_KEYS = ("service", "date", "time", "staff", "for_name")


def appointment_request(*, session: Session, call: Call) -> dict[str, Any] | None:
    """The appointment the caller wanted, as said: from the agent's function calls, else from
    the post-call analysis (`reason_for_visit`). None when nothing points to a booking wish."""
    wish: dict[str, Any] = {}
    rows = session.scalars(
        select(FunctionInvocation)
        .where(FunctionInvocation.call_id == call.id, FunctionInvocation.name.in_(_WISH_FUNCTIONS))
        .order_by(FunctionInvocation.created_at, FunctionInvocation.id)
    ).all()
    for row in rows:
        wish.update({k: v for k, v in (row.arguments or {}).items() if k in _WISH_KEYS and v})
    analysis = (call.analysis or {}).get("custom_analysis_data") or {}
    reason = analysis.get("reason_for_visit") if isinstance(analysis, dict) else None
    if isinstance(reason, str) and reason.strip():
        wish.setdefault("service", reason.strip())
        wish["reason_for_visit"] = reason.strip()
    return wish or None


def describe(request: dict[str, Any]) -> str:
    """A one-line German summary for the review queue: 'Terminwunsch: Beratung, morgen, 10 Uhr'."""
    parts = [str(request[k]) for k in ("service", "date", "time") if request.get(k)]
    text = "Terminwunsch: " + ", ".join(parts) if parts else "Terminwunsch"
    if request.get("for_name"):
        text += f" (für {request['for_name']})"
    return text
