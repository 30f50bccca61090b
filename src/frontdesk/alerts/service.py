"""Checking a company's rules and keeping each alert's state: a firing is opened once, delivered
once per channel, and its resolution announced once to the channels that heard of it.

Delivery itself is not done here (no network inside a transaction): `pending` hands out what
is due, the caller delivers, and `record_delivery` writes down what became of each attempt. A
failed attempt leaves the firing undelivered, so the next check tries again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from frontdesk.alerts import messages
from frontdesk.alerts.config import AlertConfig
from frontdesk.alerts.figures import Figure
from frontdesk.alerts.models import AlertState
from frontdesk.alerts.rules import BY_KEY, RULES, Rule, fires
from frontdesk.db.core import insert_once
from frontdesk.tenancy.models import Company

Kind = Literal["firing", "resolved"]
FIRING: Kind = "firing"
RESOLVED: Kind = "resolved"
OPEN_KEY = "open"
_KEPT_ERRORS = 10  # the latest delivery errors kept on the state, for `frontdesk alerts check`
# ok: below the threshold; no_data: too few observations to judge; off: switched off
Status = Literal["firing", "ok", "no_data", "off"]


@dataclass(frozen=True)
class Evaluation:
    rule: Rule
    figure: Figure | None  # None when the rule is off
    threshold: float | None
    status: Status
    change: Literal["fired", "resolved"] | None = None


@dataclass(frozen=True)
class Notice:
    """One message due: a firing or its resolution, and the channels that already have it."""

    state_id: int
    company: str
    rule: str
    kind: Kind
    subject: str
    text: str
    value: float | None
    threshold: float | None
    unit: str
    at: datetime
    delivered: frozenset[str]
    # The resolution goes only where the firing went; None: every configured channel.
    targets: frozenset[str] | None


def open_firing(session: Session, company_id: int, rule: str) -> AlertState | None:
    return session.scalars(
        select(AlertState).where(
            AlertState.company_id == company_id,
            AlertState.rule == rule,
            AlertState.open_key == OPEN_KEY,
        )
    ).one_or_none()


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def _fire(
    session: Session,
    company: Company,
    rule: Rule,
    figure: Figure,
    threshold: float,
    *,
    now: datetime,
    base_url: str,
) -> AlertState:
    state = AlertState(
        company_id=company.id,
        rule=rule.key,
        status=FIRING,
        value=figure.value,
        threshold=threshold,
        message=messages.firing_text(rule, figure, threshold, base_url),
        details={
            "subject": messages.subject(company.name, rule, resolved=False),
            "figure": figure.details,
            "delivered": {},
        },
        fired_at=now,
        open_key=OPEN_KEY,
    )
    # A concurrent check (the CLI beside the worker) may have opened it first: keep theirs.
    row, _ = insert_once(session, state, lambda: open_firing(session, company.id, rule.key))
    return row


def _resolve(
    state: AlertState, company: Company, rule: Rule, figure: Figure, threshold: float, now: datetime
) -> None:
    details = dict(state.details)
    heard = sorted(details.get("delivered", {}).get(FIRING, {}))
    details["resolution"] = {
        "subject": messages.subject(company.name, rule, resolved=True),
        "text": messages.resolved_text(rule, figure, threshold, state.fired_at, company.timezone),
        "value": figure.value,
        "targets": heard,
    }
    state.details = details
    state.status, state.open_key, state.resolved_at = RESOLVED, None, now
    if not heard:
        # Nobody was told it fired, so there is nothing to call off.
        state.resolution_notified_at = now


def _switch_off(state: AlertState, now: datetime) -> None:
    """A rule switched off while firing closes its firing without an all-clear (nothing was
    fixed; the practice chose not to watch it)."""
    state.details = {**state.details, "resolution": {"switched_off": True, "targets": []}}
    state.status, state.open_key, state.resolved_at = RESOLVED, None, now
    state.resolution_notified_at = now


def _track(state: AlertState, figure: Figure, now: datetime) -> None:
    """Keep the latest figure of an open firing (its message stays the first one)."""
    details = dict(state.details)
    details["latest"] = {"value": figure.value, "at": _iso(now), "figure": figure.details}
    state.details = details


def evaluate_rule(
    session: Session,
    company: Company,
    config: AlertConfig,
    rule: Rule,
    *,
    now: datetime,
    base_url: str,
) -> Evaluation:
    threshold = config.threshold(rule.key)
    current = open_firing(session, company.id, rule.key)
    if threshold is None:
        if current is not None:
            _switch_off(current, now)
        return Evaluation(rule, None, None, "off")
    figure = rule.measure(session, company, config, now)
    verdict = fires(figure, threshold)
    if verdict is None:
        return Evaluation(rule, figure, threshold, "firing" if current else "no_data")
    if verdict and current is None:
        _fire(session, company, rule, figure, threshold, now=now, base_url=base_url)
        return Evaluation(rule, figure, threshold, "firing", "fired")
    if verdict and current is not None:
        _track(current, figure, now)
        return Evaluation(rule, figure, threshold, "firing")
    if current is not None:
        _resolve(current, company, rule, figure, threshold, now)
        return Evaluation(rule, figure, threshold, "ok", "resolved")
    return Evaluation(rule, figure, threshold, "ok")


def evaluate(
    session: Session, company: Company, config: AlertConfig, *, now: datetime, base_url: str
) -> list[Evaluation]:
    """Every rule for the company, opening and resolving firings as the figures say."""
    found = [evaluate_rule(session, company, config, r, now=now, base_url=base_url) for r in RULES]
    session.flush()
    return found


def _notice(state: AlertState, company: Company, kind: Kind) -> Notice:
    details: dict[str, Any] = state.details or {}
    rule = BY_KEY.get(state.rule)
    common: dict[str, Any] = {
        "state_id": state.id,
        "company": company.name,
        "rule": state.rule,
        "kind": kind,
        "threshold": state.threshold,
        "unit": rule.unit if rule else "count",
        "delivered": frozenset(details.get("delivered", {}).get(kind, {})),
    }
    if kind == FIRING:
        subject, text = details.get("subject", state.rule), state.message or ""
        return Notice(
            **common, subject=subject, text=text, value=state.value, at=state.fired_at, targets=None
        )
    resolution = details.get("resolution", {})
    return Notice(
        **common,
        subject=resolution.get("subject", state.rule),
        text=resolution.get("text", ""),
        value=resolution.get("value"),
        at=state.resolved_at or state.fired_at,
        targets=frozenset(resolution.get("targets", ())),
    )


def pending(session: Session, company: Company) -> list[Notice]:
    """Firings not yet delivered everywhere and resolutions not yet announced, oldest first."""
    rows = session.scalars(
        select(AlertState)
        .where(
            AlertState.company_id == company.id,
            or_(
                and_(AlertState.status == FIRING, AlertState.notified_at.is_(None)),
                and_(AlertState.status == RESOLVED, AlertState.resolution_notified_at.is_(None)),
            ),
        )
        .order_by(AlertState.fired_at, AlertState.id)
    ).all()
    return [_notice(row, company, FIRING if row.status == FIRING else RESOLVED) for row in rows]


def due_channels(notice: Notice, configured: frozenset[str]) -> frozenset[str]:
    """The configured channels that should get the notice and do not have it yet."""
    meant_for = configured if notice.targets is None else notice.targets & configured
    return meant_for - notice.delivered


def record_delivery(
    session: Session,
    notice: Notice,
    *,
    outcomes: dict[str, str | None],
    configured: frozenset[str],
    now: datetime,
) -> bool:
    """Write down each channel's outcome (None: delivered, else the error); the notice counts
    as delivered once every channel it is meant for has it. Returns whether it now does."""
    state = session.get(AlertState, notice.state_id)
    if state is None:
        return False
    details = dict(state.details or {})
    delivered = {k: dict(v) for k, v in details.get("delivered", {}).items()}
    done = delivered.setdefault(notice.kind, {})
    errors = list(details.get("errors", []))
    for channel, error in outcomes.items():
        if error is None:
            done[channel] = _iso(now)
        else:
            errors.append(
                {"at": _iso(now), "kind": notice.kind, "channel": channel, "error": error}
            )
    details["delivered"], details["errors"] = delivered, errors[-_KEPT_ERRORS:]
    state.details = details
    complete = due_channels(notice, configured) <= done.keys()
    if notice.kind == FIRING and not configured:
        complete = False  # nowhere to send yet: it waits until a recipient is configured
    if complete and notice.kind == FIRING:
        state.notified_at = now
    elif complete:
        state.resolution_notified_at = now
    session.flush()
    return complete
