"""Warteliste: the company's entries, newest first, each with the offers of freed slots."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.identity.models import Customer
from frontdesk.scheduling.models import Service, Staff
from frontdesk.scheduling.waitlist import service as waitlist_service
from frontdesk.scheduling.waitlist.models import WaitlistEntry, WaitlistOffer

ENTRY_LABELS = {
    "waiting": "wartet",
    "offered": "Angebot offen",
    "booked": "gebucht",
    "cancelled": "entfernt",
}
OFFER_LABELS = {
    "open": "offen",
    "accepted": "angenommen",
    "expired": "abgelaufen",
    "lost": "vergeben",
}


@dataclass(frozen=True)
class OfferRow:
    offer: WaitlistOffer
    staff_name: str | None

    @property
    def label(self) -> str:
        return OFFER_LABELS.get(self.offer.status, self.offer.status)


@dataclass(frozen=True)
class EntryRow:
    entry: WaitlistEntry
    service_name: str
    staff_name: str | None  # the preferred staff member; None: anyone
    customer: Customer | None
    offers: Sequence[OfferRow]

    @property
    def label(self) -> str:
        return ENTRY_LABELS.get(self.entry.status, self.entry.status)

    @property
    def hours(self) -> str:
        """The time of day the person can come, e.g. "08:00–12:00 Uhr"; "ganztags" if any."""
        return hours_label(self.entry.time_from, self.entry.time_to)


def hours_label(time_from: time | None, time_to: time | None) -> str:
    if time_from and time_to:
        return f"{time_from:%H:%M}–{time_to:%H:%M} Uhr"
    if time_from:
        return f"ab {time_from:%H:%M} Uhr"
    if time_to:
        return f"bis {time_to:%H:%M} Uhr"
    return "ganztags"


M = TypeVar("M", Service, Staff, Customer)


def _by_id(session: Session, model: type[M], company_id: int, ids: set[int]) -> dict[int, M]:
    if not ids:
        return {}
    rows = session.scalars(
        select(model).where(model.company_id == company_id, model.id.in_(ids))
    ).all()
    return {row.id: row for row in rows}


def waitlist(*, session: Session, company_id: int) -> list[EntryRow]:
    """Every entry of the company, newest first; names and offers only from the same company."""
    entries = waitlist_service.entries(session=session, company_id=company_id)
    offers = session.scalars(
        select(WaitlistOffer)
        .where(
            WaitlistOffer.company_id == company_id,
            WaitlistOffer.entry_id.in_([e.id for e in entries]),
        )
        .order_by(WaitlistOffer.created_at, WaitlistOffer.id)
    ).all()
    services = _by_id(session, Service, company_id, {e.service_id for e in entries})
    staff_ids = {e.staff_id for e in entries if e.staff_id} | {o.staff_id for o in offers}
    staff = _by_id(session, Staff, company_id, staff_ids)
    customers = _by_id(
        session, Customer, company_id, {e.customer_id for e in entries if e.customer_id}
    )
    by_entry: dict[int, list[OfferRow]] = {}
    for offer in offers:
        member = staff.get(offer.staff_id)
        by_entry.setdefault(offer.entry_id, []).append(
            OfferRow(offer=offer, staff_name=member.name if member else None)
        )
    rows = []
    for entry in entries:
        service = services.get(entry.service_id)
        member = staff.get(entry.staff_id) if entry.staff_id else None
        rows.append(
            EntryRow(
                entry=entry,
                service_name=service.name if service else "–",
                staff_name=member.name if member else None,
                customer=customers.get(entry.customer_id) if entry.customer_id else None,
                offers=by_entry.get(entry.id, []),
            )
        )
    return rows
