"""A call's function calls as steps a receptionist can read: the function's German name, what
the assistant asked it, what it answered and how long it took; the raw JSON stays available
(with real umlauts) for whoever needs the detail."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from frontdesk.calls.models import FunctionInvocation
from frontdesk.dashboard.formats import decimal, long_day, milliseconds
from frontdesk.dashboard.labels import label

# What a reply's error field means (conversations.live's replies for the agent).
REPLY_ERRORS = {
    "unknown_function": "Diese Funktion gibt es nicht.",
    "bad_arguments": "Die Angaben waren unvollständig oder ungültig.",
}


@dataclass(frozen=True)
class FunctionStep:
    invocation: FunctionInvocation
    title: str  # "Angaben zur Person speichern"
    asked: list[tuple[str, str]]  # ("Name", "Jutta Maier")
    answered: str | None  # what the assistant was told to say or ask
    next_field: str | None  # "Geburtsdatum": what the assistant asks next
    problem: str | None  # an error of the function, in words
    took: str  # "4,2 ms"
    repeats: int  # how many times the same call came again (answered once)
    raw_arguments: str
    raw_result: str


def _value(value: Any) -> str:
    """An argument's value as text: yes/no, a German date, lists joined."""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, (int, float)):
        return decimal(value, 0 if isinstance(value, int) else 2)
    if isinstance(value, str):
        try:
            return long_day(date.fromisoformat(value)) if len(value) == 10 else value
        except ValueError:
            return value
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value)
    if value is None:
        return "–"
    return json.dumps(value, ensure_ascii=False)


def raw_json(value: Any) -> str:
    """JSON as a person reads it: umlauts as umlauts, indented."""
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


def _answer(result: dict[str, Any]) -> str | None:
    for key in ("say", "ask", "message"):
        text = result.get(key)
        if isinstance(text, str) and text.strip():
            return text
    return None


def step(invocation: FunctionInvocation) -> FunctionStep:
    arguments = invocation.arguments if isinstance(invocation.arguments, dict) else {}
    result = invocation.result if isinstance(invocation.result, dict) else {}
    next_field = result.get("next_required_field")
    error_code = result.get("error")
    problem = invocation.error or (
        REPLY_ERRORS.get(error_code, "Die Funktion meldete einen Fehler.")
        if isinstance(error_code, str)
        else None
    )
    return FunctionStep(
        invocation=invocation,
        title=label(invocation.name, "function"),
        asked=[
            (label(key, "argument"), _value(value))
            for key, value in arguments.items()
            if value not in (None, "")
        ],
        answered=_answer(result),
        next_field=label(next_field, "argument") if isinstance(next_field, str) else None,
        problem=problem,
        took=milliseconds(invocation.duration_ms),
        repeats=invocation.repeats or 0,
        raw_arguments=raw_json(arguments),
        raw_result=raw_json(invocation.result),
    )


def steps(invocations: Sequence[FunctionInvocation]) -> list[FunctionStep]:
    return [step(i) for i in invocations]
