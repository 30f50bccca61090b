"""The traffic mix: how often each kind of caller and each provider quirk occurs.

Defaults follow the root-cause analysis (../shared/seeds/): 72% withheld caller ID, callers who
hang up right after stating their wish, ASR-misheard names, returning and new callers, bookings
for relatives, reschedules, cancellations, slot races, after-hours calls, duplicated and
out-of-order webhooks, and post-call analysis fields an LLM filled wrongly."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import yaml

# What the caller wants; weights are relative (normalised when drawing).
INTENTS = (
    "book",
    "book_for_other",
    "reschedule",
    "cancel",
    "callback",
    "question",
    "early_hangup",
)


def _default_intents() -> dict[str, float]:
    return {
        "book": 0.46,
        "book_for_other": 0.08,
        "reschedule": 0.08,
        "cancel": 0.06,
        "callback": 0.07,
        "question": 0.05,
        "early_hangup": 0.20,
    }


class MixError(ValueError):
    """A mix file that cannot be used as written."""


@dataclass(frozen=True)
class Mix:
    # Share of calls whose caller ID is withheld ("anonymous" and its siblings).
    withheld: float = 0.72
    # Share of callers who are already customers (personas from the customers CSV).
    returning: float = 0.55
    intents: dict[str, float] = field(default_factory=_default_intents)
    # Of early hang-ups: share who said their name before stating the wish.
    early_hangup_named: float = 0.35
    # Share of named callers whose name the speech recognition mishears.
    misheard_name: float = 0.18
    # Share of callers who give their birth date when asked.
    gives_birth_date: float = 0.85
    # Withheld callers who give a callback number when asked.
    gives_callback_number: float = 0.7
    # Returning callers (with a shown number) who call from their stored number...
    from_stored_number: float = 0.8
    # ...and of those, share whose platform delivers it in another notation.
    other_notation: float = 0.3
    # Share of bookings that are one of a pair racing for the same slot.
    race: float = 0.04
    # Share of calls outside opening hours (evenings, weekends).
    after_hours: float = 0.08
    # Webhook quirks, each independently per call.
    duplicate_call_ended: float = 0.08
    duplicate_call_analyzed: float = 0.06
    analyzed_before_ended: float = 0.06
    duplicate_function_call: float = 0.04
    # Post-call analysis with a wrong caller name ("Guten Tag", the agent, a staff member).
    wrong_analysis: float = 0.12
    # Callers who also ask for a callback after booking.
    extra_callback: float = 0.03
    # Prompt experiments: per variant name (as the inbound answer's `experiment_variant`), the
    # true share of unknown callers who say their name in their first turn under that variant.
    # Planted rates let a run show whether the experiment report finds a real difference.
    variant_name_early: dict[str, float] = field(default_factory=dict)

    def intent_weights(self) -> tuple[list[str], list[float]]:
        names = [name for name in INTENTS if self.intents.get(name, 0) > 0]
        return names, [float(self.intents[name]) for name in names]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


DEFAULT_MIX = Mix()


def _check_share(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise MixError(f"{name}: expected a number between 0 and 1, got {value!r}")
    if not 0 <= float(value) <= 1:
        raise MixError(f"{name}: {value} is not between 0 and 1")
    return float(value)


def mix_from_dict(data: dict[str, Any], base: Mix = DEFAULT_MIX) -> Mix:
    """The base mix with the given keys changed; unknown keys are errors, not silently ignored."""
    known = {f.name for f in fields(Mix)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise MixError(
            f"unknown mix keys: {', '.join(unknown)} (known: {', '.join(sorted(known))})"
        )
    changes: dict[str, Any] = {}
    for key, value in data.items():
        if key == "variant_name_early":
            if not isinstance(value, dict):
                raise MixError("variant_name_early: expected a mapping of variant to share")
            changes[key] = {
                str(k): _check_share(f"variant_name_early.{k}", v) for k, v in value.items()
            }
        elif key == "intents":
            if not isinstance(value, dict):
                raise MixError("intents: expected a mapping of intent to weight")
            bad = sorted(set(value) - set(INTENTS))
            if bad:
                raise MixError(f"intents: unknown {', '.join(bad)} (known: {', '.join(INTENTS)})")
            weights = {**base.intents, **{k: _check_weight(k, v) for k, v in value.items()}}
            if sum(weights.values()) <= 0:
                raise MixError("intents: at least one weight must be positive")
            changes[key] = weights
        else:
            changes[key] = _check_share(key, value)
    return replace(base, **changes)


def _check_weight(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise MixError(f"intents.{name}: expected a non-negative number, got {value!r}")
    return float(value)


def load_mix(path: Path) -> Mix:
    """A mix from a YAML or JSON file (JSON is YAML, but .json gets the stricter parser)."""
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise MixError(f"{path}: {exc}") from exc
    if data is None:
        return DEFAULT_MIX
    if not isinstance(data, dict):
        raise MixError(f"{path}: expected a mapping at the top level")
    return mix_from_dict(data)
