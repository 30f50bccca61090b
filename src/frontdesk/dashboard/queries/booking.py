"""What the booking form reads: the patients the matcher finds for what was typed (a name as it
sounds, a phone number in any notation, a birth date, or several of them), and the company's
staff and services to choose from. Always within one company."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.dashboard.queries.scoped import get_owned
from frontdesk.identity import candidates
from frontdesk.identity.linking import evidence_from
from frontdesk.identity.matcher import (
    EXACT,
    MISMATCH,
    MISSING,
    Evidence,
    Scored,
    first_name_level,
    score,
)
from frontdesk.identity.models import Customer
from frontdesk.identity.normalise import parse_birth_date
from frontdesk.phones import normalise_phone
from frontdesk.scheduling import lookup
from frontdesk.scheduling.models import Service, Staff

LIMIT = 8
QUERY_MAX = 200
# A date as typed at a desk: 12.06.1992, 12.6.92, 1992-06-12.
_DATE = re.compile(r"(?<!\d)(\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})(?!\d)")
# A run of digits with the separators phone numbers are written with.
_PHONE = re.compile(r"(?<![\w.])\+?\d[\d\s()/.-]{4,}\d(?![\w.])")
_NAME_PART = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True)
class Typed:
    """What the receptionist typed, split into the parts the matcher compares."""

    name: str | None
    birth_date: date | None
    phone_e164: str | None

    @property
    def empty(self) -> bool:
        return not (self.name or self.birth_date or self.phone_e164)


def read_query(text: str, *, region: str = "DE", today: date | None = None) -> Typed:
    """Birth date, phone number and name out of one search text, in any order."""
    rest = text[:QUERY_MAX]
    born = None
    found = _DATE.search(rest)
    if found:
        born = parse_birth_date(found.group(1), today=today)
        rest = rest[: found.start()] + " " + rest[found.end() :]
    phone = None
    for candidate in _PHONE.finditer(rest):
        phone = normalise_phone(candidate.group(0), region)
        if phone:
            rest = rest[: candidate.start()] + " " + rest[candidate.end() :]
            break
    words = _NAME_PART.findall(rest)
    return Typed(name=" ".join(words) or None, birth_date=born, phone_e164=phone)


@dataclass(frozen=True)
class PatientHit:
    customer: Customer
    probability: float  # the matcher's, among the candidates found


def _plausible(typed: Typed, evidence: Evidence, scored: Scored) -> bool:
    """Keep a candidate only when nothing typed contradicts it (a different birth date or
    number) and, when a name was typed, it sounds like the surname (or, a single word, like
    the first name: "Jutta 030 …")."""
    levels = scored.levels
    if typed.birth_date and levels["birth_date"] not in (EXACT, MISSING):
        return False
    if typed.phone_e164 and levels["phone"] != EXACT:
        return False
    if not evidence.last_norm or levels["surname"] != MISMATCH:
        return True
    single = evidence.first_norm is None
    return single and first_name_level(evidence.last_norm, scored.candidate.first_norm) not in (
        MISMATCH,
        MISSING,
    )


def find_patients(
    *, session: Session, company_id: int, query: str, region: str = "DE"
) -> list[PatientHit]:
    """The company's active customers the identity matcher finds for the typed text, most
    probable first (at most LIMIT)."""
    typed = read_query(query.strip(), region=region)
    if typed.empty:
        return []
    said = evidence_from(name=typed.name, birth_date=typed.birth_date, region=region)
    evidence = replace(said, phone_e164=typed.phone_e164)
    found = candidates.find(session=session, company_id=company_id, evidence=evidence)
    scored = [
        s
        for s in score(evidence, found.records, found.frequencies)
        if _plausible(typed, evidence, s)
    ][:LIMIT]
    if not scored:
        return []
    rows = {
        c.id: c
        for c in session.scalars(
            select(Customer).where(
                Customer.company_id == company_id,
                Customer.status == "active",
                Customer.id.in_([s.candidate.customer_id for s in scored]),
            )
        )
    }
    return [
        PatientHit(rows[s.candidate.customer_id], s.probability)
        for s in scored
        if s.candidate.customer_id in rows
    ]


def patient(*, session: Session, company_id: int, customer_id: int) -> Customer:
    """One of the company's customers to book for (another company's is NotFound, as absent)."""
    return get_owned(session, Customer, customer_id, company_id)


@dataclass(frozen=True)
class Choices:
    staff: Sequence[Staff]
    services: Sequence[Service]


def choices(*, session: Session, company_id: int) -> Choices:
    """The active staff and services the form offers."""
    return Choices(
        staff=lookup.staff_of(session=session, company_id=company_id),
        services=lookup.services_of(session=session, company_id=company_id),
    )
