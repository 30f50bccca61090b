"""Provider call ids: a call is never guessed, so placeholders are refused outright."""

from __future__ import annotations

import re

PLACEHOLDER_IDS = frozenset(
    {
        "current",
        "none",
        "null",
        "undefined",
        "nil",
        "unknown",
        "call_id",
        "{{call_id}}",
        "callid",
        "test",
        "string",
        "id",
        "n/a",
        "na",
        "-",
        "0",
    }
)
_ID_SHAPE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]{15,127}$")


class InvalidCallId(ValueError):
    """The id cannot be a real provider call id (placeholder, digits only, truncated)."""


def check_call_id(value: object) -> str:
    """Return the id if it looks like a real provider call id, else raise InvalidCallId."""
    if not isinstance(value, str):
        raise InvalidCallId("call id missing")
    text = value.strip()
    if text.lower() in PLACEHOLDER_IDS or "{{" in text:
        raise InvalidCallId(f"placeholder call id {text!r}")
    if text.isdigit():
        raise InvalidCallId(f"digits-only call id {text!r}")
    if not _ID_SHAPE.match(text):
        raise InvalidCallId(f"call id {text!r} is malformed or truncated")
    return text
