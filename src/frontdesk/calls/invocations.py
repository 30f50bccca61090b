"""Recording the agent's function calls; a repeated side-effecting call is answered once."""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from frontdesk.calls.models import FunctionInvocation


def idempotency_key(
    provider_call_id: str, name: str, arguments: dict[str, Any], side_effect: bool
) -> str:
    """Same call, function and arguments -> same key; read-only functions get a fresh key."""
    if not side_effect:
        return f"{provider_call_id}:{name}:{uuid.uuid4().hex}"
    canonical = json.dumps(arguments, sort_keys=True, ensure_ascii=False, default=str)
    digest = hashlib.sha256(canonical.encode()).hexdigest()[:32]
    return f"{provider_call_id}:{name}:{digest}"


def find(*, session: Session, key: str) -> FunctionInvocation | None:
    return session.scalars(
        select(FunctionInvocation).where(FunctionInvocation.idempotency_key == key)
    ).one_or_none()


def record(
    *,
    session: Session,
    key: str,
    call_id: int | None,
    company_id: int | None,
    name: str,
    arguments: dict[str, Any],
    result: dict[str, Any],
    duration_ms: float,
    error: str | None = None,
) -> tuple[FunctionInvocation, bool]:
    """Store the invocation; if a concurrent twin got there first, return that one.

    Returns (invocation, stored_now)."""
    invocation = FunctionInvocation(
        idempotency_key=key,
        call_id=call_id,
        company_id=company_id,
        name=name,
        arguments=arguments,
        result=result,
        duration_ms=duration_ms,
        error=error,
    )
    try:
        with session.begin_nested():
            session.add(invocation)
            session.flush()
    except IntegrityError:
        existing = find(session=session, key=key)
        if existing is None:
            raise
        existing.repeats += 1
        session.flush()
        return existing, False
    return invocation, True
