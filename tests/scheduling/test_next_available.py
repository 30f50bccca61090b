"""next_available searches a week, then doubling chunks: still the earliest free slot."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from frontdesk.scheduling import lookup, slots
from frontdesk.scheduling.models import DateOverride
from tests.scheduling.conftest import NOW, Practice

pytestmark = pytest.mark.db


@pytest.mark.parametrize("closed_days", [0, 6, 7, 8, 20, 21, 22])
def test_earliest_slot_behind_closed_days(
    session: Session, practice: Practice, closed_days: int
) -> None:
    """Closures ending in the first week, on a chunk boundary (7, 21) or inside the doubled
    chunks give the slot a search over the whole horizon at once gives."""
    company = practice.company(session)
    today = slots.today_in(company, NOW)
    for offset in range(closed_days):
        session.add(
            DateOverride(company_id=company.id, day=today + timedelta(days=offset), closed=True)
        )
    session.flush()
    service = lookup.get_service_or_raise(session=session, company_id=company.id, service="pzr")
    staff = lookup.staff_of(session=session, company_id=company.id)
    whole = slots.free_slots(
        session=session,
        company=company,
        service=service,
        staff=staff,
        first_day=today,
        last_day=today + timedelta(days=30),
        now=NOW,
    )
    found = slots.next_available(
        session=session, company=company, service=service, staff=staff, now=NOW
    )
    assert found is not None and whole
    assert found.starts_at == whole[0].starts_at
    assert (found.local_start.date() - today).days >= closed_days


def test_nothing_free_in_the_horizon(session: Session, practice: Practice) -> None:
    company = practice.company(session)
    today = slots.today_in(company, NOW)
    for offset in range(40):  # the practice's horizon is 30 days
        session.add(
            DateOverride(company_id=company.id, day=today + timedelta(days=offset), closed=True)
        )
    session.flush()
    service = lookup.get_service_or_raise(session=session, company_id=company.id, service="pzr")
    staff = lookup.staff_of(session=session, company_id=company.id)
    assert (
        slots.next_available(
            session=session, company=company, service=service, staff=staff, now=NOW
        )
        is None
    )
