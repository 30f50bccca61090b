"""German labels for every status, reason and kind a person sees: one mapping for every page
and export, so a word is translated once and the same everywhere."""

from __future__ import annotations

from typing import Final

# kind -> stored value -> German label. Kinds name the column the value comes from.
LABELS: Final[dict[str, dict[str, str]]] = {
    "appointment_status": {
        "confirmed": "bestätigt",
        "pending_confirmation": "unbestätigt",
        "cancelled": "abgesagt",
        "rescheduled": "verschoben",
    },
    "customer_status": {
        "provisional": "vorläufig",
        "confirmed": "bestätigt",
    },
}


def label(value: object, kind: str) -> str:
    """The German label of `value` in `kind`; an unknown value is shown as it is stored, with
    underscores as spaces, rather than hidden."""
    if value is None:
        return "–"
    text = str(value)
    return LABELS.get(kind, {}).get(text, text.replace("_", " "))
