"""Matching a caller against one company's customers: evidence in, a decision out.

The live call and the batch face (`identity match`) both come through `match`, so what is
measured offline is what runs on the phone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy.orm import Session

from frontdesk.identity import candidates, training
from frontdesk.identity.matcher import Decision, Evidence, Params, Thresholds, decide
from frontdesk.identity.normalise import (
    normalise_email,
    normalise_name,
    parse_birth_date,
    split_name,
)
from frontdesk.phones import normalise_phone
from frontdesk.tenancy.models import Company


def evidence_from(
    *,
    name: str | None = None,
    first_name: str | None = None,
    last_name: str | None = None,
    birth_date: str | date | None = None,
    email: str | None = None,
    phone: str | None = None,
    region: str = "DE",
    today: date | None = None,
) -> Evidence:
    """Normalised evidence from what was said (a full name, or its parts when known)."""
    parsed = split_name(name)
    first = normalise_name(first_name) if first_name else parsed.first_norm
    last = normalise_name(last_name) if last_name else parsed.last_norm
    born = birth_date if isinstance(birth_date, date) else parse_birth_date(birth_date, today=today)
    return Evidence(
        first_norm=first,
        last_norm=last,
        birth_date=born,
        phone_e164=normalise_phone(phone, region) if phone else None,
        email=normalise_email(email),
    )


def thresholds_for(company: Company) -> Thresholds:
    return Thresholds.from_settings(company.settings)


def match(
    *,
    session: Session,
    company: Company,
    evidence: Evidence,
    exclude_ids: Sequence[int] = (),
    params: Params | None = None,
) -> Decision:
    """The matcher's decision for a caller of `company` (only its customers are candidates),
    with the company's estimated weights unless `params` are given."""
    found = candidates.find(
        session=session, company_id=company.id, evidence=evidence, exclude_ids=exclude_ids
    )
    decision = decide(
        evidence,
        found.records,
        found.frequencies,
        params=params or training.params_for(session, company),
        thresholds=thresholds_for(company),
    )
    if found.truncated and decision.decision == "new":
        return replace(decision, decision="review", reason="too_many_candidates")
    return decision
