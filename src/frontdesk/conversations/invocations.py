"""Answering one live function call exactly once, whatever Retell retries.

A side-effecting function (booking, cancelling, saving data) is claimed before it runs (see
`frontdesk.calls.invocations`): a retry gets the first attempt's answer, also while that attempt
is still running; a read-only function simply runs and is recorded."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from frontdesk.calls import invocations
from frontdesk.calls.models import Call
from frontdesk.conversations import live

# (reply, failure) of one execution; failure is the error text of a bug turned into a reply.
Execution = tuple[dict[str, Any], str | None]


def still_running_reply() -> dict[str, Any]:
    """The answer to a retry whose first attempt outlasted the wait: nothing was done twice."""
    return live.say(
        "Die Anfrage von eben wird noch bearbeitet. Bitten Sie kurz um Geduld und rufen Sie "
        "dieselbe Funktion gleich noch einmal mit denselben Angaben auf; sagen Sie bis dahin "
        "nichts zu.",
        error="still_running",
    )


def answer_once(
    *,
    session: Session,
    call: Call,
    name: str,
    arguments: dict[str, Any],
    side_effect: bool,
    execute: Callable[[], Execution],
    started: float,
) -> dict[str, Any]:
    """Run `execute` unless an attempt of the same call, function and arguments ran or runs.

    `started` is the request's `time.perf_counter()` start, for the recorded duration."""
    key = invocations.idempotency_key(call.provider_call_id, name, arguments, side_effect)
    if not side_effect:
        reply, failure = execute()
        invocations.record(
            session=session,
            key=key,
            call_id=call.id,
            company_id=call.company_id,
            name=name,
            arguments=arguments,
            result=reply,
            duration_ms=(time.perf_counter() - started) * 1000,
            error=failure,
        )
        return reply
    claim = invocations.claim(
        session=session,
        key=key,
        call_id=call.id,
        company_id=call.company_id,
        name=name,
        arguments=arguments,
    )
    if claim.earlier is not None:
        return claim.earlier
    if claim.invocation_id is None:
        return still_running_reply()
    reply, failure = execute()
    invocations.complete(
        session=session,
        invocation_id=claim.invocation_id,
        result=reply,
        duration_ms=(time.perf_counter() - started) * 1000,
        error=failure,
    )
    return reply
