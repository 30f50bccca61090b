"""Experiments: create, list, stop, report; and which variant a ringing call gets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from frontdesk.calls.models import CallEvent
from frontdesk.db.core import utcnow
from frontdesk.experiments.assignment import Variant, assign, parse_variants
from frontdesk.experiments.metrics import METRICS, outcomes
from frontdesk.experiments.models import Experiment
from frontdesk.experiments.report import Report, judge

RUNNING, STOPPED = "running", "stopped"
MIN_PLANNED = 10  # below this no test says anything useful; it guards against typos


class ExperimentError(ValueError):
    """An experiment operation that cannot be done as asked."""


@dataclass(frozen=True)
class Assignment:
    experiment_id: int
    experiment_name: str
    variant: Variant


def create(
    *,
    session: Session,
    company_id: int,
    name: str,
    metric: str,
    variants: Sequence[dict[str, Any]],
    planned_per_variant: int,
) -> Experiment:
    """A running experiment; one per company at a time, so two never fight over one call."""
    if metric not in METRICS:
        raise ExperimentError(f"unknown metric {metric!r} (known: {', '.join(METRICS)})")
    if planned_per_variant < MIN_PLANNED:
        raise ExperimentError(f"plan at least {MIN_PLANNED} calls per variant")
    parsed = parse_variants(variants)
    name = name.strip()
    if not name:
        raise ExperimentError("the experiment needs a name")
    if get_by_name(session=session, company_id=company_id, name=name) is not None:
        raise ExperimentError(f"an experiment named {name!r} exists already")
    running = running_for_company(session=session, company_id=company_id)
    if running:
        raise ExperimentError(
            f"experiment {running[0].name!r} is still running: stop it first "
            "(two experiments at once would change the same prompt texts)"
        )
    experiment = Experiment(
        company_id=company_id,
        name=name,
        variants=[v.as_dict() for v in parsed],
        metric=metric,
        planned_per_variant=planned_per_variant,
        status=RUNNING,
    )
    session.add(experiment)
    session.flush()
    return experiment


def get_by_name(*, session: Session, company_id: int, name: str) -> Experiment | None:
    return session.scalars(
        select(Experiment).where(Experiment.company_id == company_id, Experiment.name == name)
    ).one_or_none()


def list_for_company(*, session: Session, company_id: int) -> Sequence[Experiment]:
    return session.scalars(
        select(Experiment)
        .where(Experiment.company_id == company_id)
        .order_by(Experiment.created_at, Experiment.id)
    ).all()


def running_for_company(*, session: Session, company_id: int) -> Sequence[Experiment]:
    return session.scalars(
        select(Experiment)
        .where(Experiment.company_id == company_id, Experiment.status == RUNNING)
        .order_by(Experiment.id)
    ).all()


def stop(*, session: Session, experiment: Experiment, now: datetime | None = None) -> Experiment:
    """Stop assigning new calls (idempotent); calls that rang before keep their variant."""
    if experiment.status != STOPPED:
        experiment.status = STOPPED
        experiment.stopped_at = now or utcnow()
        session.flush()
    return experiment


def variants_of(experiment: Experiment) -> list[Variant]:
    return parse_variants(experiment.variants)


def report(*, session: Session, experiment: Experiment) -> Report:
    names = [v.name for v in variants_of(experiment)]
    per_variant = outcomes(
        session=session, experiment_id=experiment.id, metric=experiment.metric, variants=names
    )
    return judge(
        name=experiment.name,
        metric=experiment.metric,
        planned_per_variant=experiment.planned_per_variant,
        outcomes=per_variant,
        status=experiment.status,
    )


def ring_time(db: Session | Connection, provider_call_id: str) -> datetime | None:
    """When the call rang: its first stored call_inbound request (None: it never reached us,
    so the agent cannot have been told a variant)."""
    moment: datetime | None = db.execute(
        select(func.min(CallEvent.received_at)).where(
            CallEvent.provider_call_id == provider_call_id,
            CallEvent.event_type == "call_inbound",
        )
    ).scalar()
    return moment


def assignment_at_ring(
    db: Session | Connection, *, company_id: int, provider_call_id: str
) -> Assignment | None:
    """The experiment running when this call rang, and the call's variant in it.

    Both the inbound answer and the recording of the call row ask this, with the same inputs
    (the stored ring time, the call id), so they agree even if an experiment starts or stops
    between the ring and the row: a call is only ever counted under what its agent was told."""
    rang = ring_time(db, provider_call_id)
    if rang is None:
        return None
    row = db.execute(
        select(Experiment.id, Experiment.name, Experiment.variants)
        .where(
            Experiment.company_id == company_id,
            Experiment.created_at <= rang,
            (Experiment.stopped_at.is_(None)) | (Experiment.stopped_at > rang),
        )
        .order_by(Experiment.id)
        .limit(1)
    ).first()
    if row is None:
        return None
    experiment_id, name, variants = row
    return Assignment(
        experiment_id=experiment_id,
        experiment_name=name,
        variant=assign(experiment_id, provider_call_id, parse_variants(variants)),
    )
