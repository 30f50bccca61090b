"""Which variant a call gets: a pure function of the experiment id and the provider's call id.

Hashing (experiment id, call id) instead of drawing at random makes the assignment the same
wherever it is computed: the inbound answer (which tells the agent what to say) and the moment
the call row is created (which records it) reach the same variant without sharing state, and a
retried inbound webhook gets the same answer. The caller's number plays no part, so withheld
numbers are assigned like any other, and one caller's calls spread over the variants."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# Dynamic variables a variant may set; the agent's prompt speaks them (voice/retell/agent.py).
TEXT_FIELDS = ("greeting", "name_question")
VARIANT_NAME_MAX = 40  # calls.variant is String(40)
_SCALE = 2**64


class VariantError(ValueError):
    """A variant list that cannot be used as written."""


@dataclass(frozen=True)
class Variant:
    name: str
    weight: float
    greeting: str | None = None
    name_question: str | None = None
    override_agent_id: str | None = None
    override_agent_version: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "weight": self.weight,
            "greeting": self.greeting,
            "name_question": self.name_question,
            "override_agent_id": self.override_agent_id,
            "override_agent_version": self.override_agent_version,
        }

    def dynamic_variables(self) -> dict[str, str]:
        """The texts this variant changes (unset ones keep the agent's defaults)."""
        texts = {"greeting": self.greeting, "name_question": self.name_question}
        return {key: value for key, value in texts.items() if value}


def _text(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise VariantError(f"variant {data.get('name')!r}: {key} must be text")
    return value.strip() or None


def variant_from_dict(data: Mapping[str, Any]) -> Variant:
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise VariantError("every variant needs a name")
    name = name.strip()
    if len(name) > VARIANT_NAME_MAX or ":" in name:
        raise VariantError(f"variant {name!r}: at most {VARIANT_NAME_MAX} characters, no ':'")
    weight = data.get("weight", 1)
    if isinstance(weight, bool) or not isinstance(weight, int | float) or weight <= 0:
        raise VariantError(f"variant {name!r}: weight must be a positive number")
    version = data.get("override_agent_version")
    if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
        raise VariantError(f"variant {name!r}: override_agent_version must be an integer")
    return Variant(
        name=name,
        weight=float(weight),
        greeting=_text(data, "greeting"),
        name_question=_text(data, "name_question"),
        override_agent_id=_text(data, "override_agent_id"),
        override_agent_version=version,
    )


def parse_variants(items: Sequence[Mapping[str, Any]]) -> list[Variant]:
    """Validated variants in their given order (the first is the control)."""
    variants = [variant_from_dict(item) for item in items]
    if len(variants) < 2:
        raise VariantError("an experiment needs at least two variants")
    names = [v.name for v in variants]
    if len(set(names)) != len(names):
        raise VariantError(f"variant names must differ: {names}")
    return variants


def bucket(experiment_id: int, provider_call_id: str) -> float:
    """A uniform number in [0, 1) fixed by the experiment and the call (SHA-256, 64 bits)."""
    digest = hashlib.sha256(f"{experiment_id}:{provider_call_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / _SCALE


def assign(experiment_id: int, provider_call_id: str, variants: Sequence[Variant]) -> Variant:
    """The call's variant: its bucket placed on the cumulative weights."""
    if not variants:
        raise VariantError("no variants to assign")
    total = sum(v.weight for v in variants)
    point = bucket(experiment_id, provider_call_id) * total
    running = 0.0
    for variant in variants:
        running += variant.weight
        if point < running:
            return variant
    return variants[-1]  # float rounding at the very top of the range
