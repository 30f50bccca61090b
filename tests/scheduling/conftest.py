"""Scheduling fixtures: a small test practice, calls and customers."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session

from frontdesk.calls.models import Call
from frontdesk.identity.models import Customer
from frontdesk.scheduling.practice import load_practice
from frontdesk.scheduling.practice_schema import parse_practice
from frontdesk.tenancy.models import Company

# Monday 30 November 2026, 08:00 in Berlin.
NOW = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)

PRACTICE = """
company:
  name: Testpraxis
  timezone: Europe/Berlin
  numbers: ["+4930555000111"]
  agent_name: Lena
scheduling:
  min_notice_minutes: 60
  horizon_days: 30
  slot_step_minutes: 30
  slot_hold_seconds: 120
services:
  - name: Beratung
    synonyms: [Erstgespräch]
    duration_minutes: 30
  - name: Zahnreinigung
    key: pzr
    synonyms: [PZR, Prophylaxe]
    duration_minutes: 60
    buffer_before_minutes: 10
    buffer_after_minutes: 15
staff:
  - name: Dr. Anna Sommer
    key: sommer
    services: [Beratung, pzr]
    hours:
      mo: "08:00-12:00"
      di: "08:00-12:00"
      mi: "08:00-12:00"
      do: "08:00-12:00"
      fr: "08:00-12:00"
  - name: Jonas Winter
    key: winter
    services: [Beratung]
    hours:
      mo: "14:00-18:00"
      mi: "14:00-18:00"
"""

_ids = itertools.count(1)


@dataclass
class Practice:
    company_id: int
    timezone: str

    def company(self, session: Session) -> Company:
        company = session.get(Company, self.company_id)
        assert company is not None
        return company


def load_text(session: Session, text: str) -> Practice:
    report = load_practice(session=session, practice=parse_practice(text))
    company = session.get(Company, report.company_id)
    assert company is not None
    return Practice(company_id=company.id, timezone=company.timezone)


@pytest.fixture
def practice(database: object, session: Session) -> Practice:
    loaded = load_text(session, PRACTICE)
    session.commit()
    return loaded


def make_call(
    session: Session,
    company_id: int,
    *,
    customer: Customer | None = None,
    link_status: str | None = None,
    link_confidence: float | None = None,
) -> Call:
    call = Call(
        provider="retell",
        provider_call_id=f"call_test_{next(_ids)}_{id(session)}",
        company_id=company_id,
        customer_id=customer.id if customer else None,
        link_status=link_status,
        link_confidence=link_confidence,
    )
    session.add(call)
    session.flush()
    return call


def make_customer(session: Session, company_id: int, status: str = "active") -> Customer:
    customer = Customer(company_id=company_id, status=status, first_name="Eva", last_name="Kranz")
    session.add(customer)
    session.flush()
    return customer


@pytest.fixture
def new_call(session: Session, practice: Practice) -> Callable[..., Call]:
    def factory(**kwargs: object) -> Call:
        return make_call(session, practice.company_id, **kwargs)  # type: ignore[arg-type]

    return factory
