"""A company's alert configuration: thresholds and recipients from `Company.settings["alerts"]`
over the defaults.

    settings["alerts"] = {
        "withheld_unresolved_share": 0.10,   # a threshold per rule key; null or false: rule off
        "withheld_min_calls": 5,             # sample sizes below which a share says nothing
        "email": ["praxis@example.de"],      # replaces the operator's default recipients
        "webhook": "https://hooks.slack.com/…",
    }

Anything malformed falls back to the default instead of failing the whole check: a typo in one
practice's settings must not silence every other alert."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

DEFAULT_THRESHOLDS: dict[str, float] = {
    "withheld_unresolved_share": 0.10,
    "review_age_hours": 24.0,
    "event_failures": 0.0,
    "function_error_rate": 0.05,
    "function_p99_ms": 1000.0,
    "no_calls_minutes": 120.0,
    "sms_failures": 2.0,
}
# Below these sample sizes a share is noise (one unresolved call of two is "50 %").
DEFAULT_MINIMUMS: dict[str, int] = {"withheld_min_calls": 5, "function_min_calls": 5}


@dataclass(frozen=True)
class AlertConfig:
    thresholds: dict[str, float | None]
    minimums: dict[str, int]
    email: tuple[str, ...] = ()
    webhook: str | None = None

    def threshold(self, rule: str) -> float | None:
        """The rule's threshold; None: the company switched the rule off."""
        return self.thresholds.get(rule, DEFAULT_THRESHOLDS.get(rule))

    def minimum(self, key: str) -> int:
        return self.minimums.get(key, DEFAULT_MINIMUMS.get(key, 1))


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _thresholds(raw: Mapping[str, Any]) -> dict[str, float | None]:
    out: dict[str, float | None] = dict(DEFAULT_THRESHOLDS)
    for key in DEFAULT_THRESHOLDS.keys() & raw.keys():
        value = raw[key]
        if value is None or value is False:
            out[key] = None
        elif (number := _number(value)) is not None:
            out[key] = number
    return out


def _minimums(raw: Mapping[str, Any]) -> dict[str, int]:
    out = dict(DEFAULT_MINIMUMS)
    for key in DEFAULT_MINIMUMS:
        number = _number(raw.get(key))
        if number is not None and number >= 1:
            out[key] = int(number)
    return out


def _addresses(value: Any) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        return ()
    return tuple(s.strip() for s in items if isinstance(s, str) and "@" in s)


def config_for(
    company_settings: Mapping[str, Any] | None,
    *,
    default_email: str = "",
    default_webhook: str = "",
) -> AlertConfig:
    """The company's configuration; recipients default to the operator's (settings)."""
    raw = (company_settings or {}).get("alerts")
    raw = raw if isinstance(raw, Mapping) else {}
    email = _addresses(raw["email"]) if "email" in raw else _addresses(default_email)
    webhook = raw.get("webhook") if "webhook" in raw else default_webhook
    return AlertConfig(
        thresholds=_thresholds(raw),
        minimums=_minimums(raw),
        email=email,
        webhook=webhook if isinstance(webhook, str) and webhook.strip() else None,
    )
