"""A freed slot goes to the waiting list: the first matching person gets an SMS and the slot is
held for them; JA books it; silence passes it to the next person when the offer runs out."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from frontdesk.conversations.followups import facts_of
from frontdesk.conversations.sms import SmsSetup, deliver, sender_for
from frontdesk.db.core import Database
from frontdesk.jobs import service as job_service
from frontdesk.jobs.runner import JobView, Outcome
from frontdesk.messaging import service as messaging
from frontdesk.messaging import texts
from frontdesk.messaging.timing import next_allowed
from frontdesk.scheduling.announce import WAITLIST_FREED
from frontdesk.scheduling.errors import SchedulingError
from frontdesk.scheduling.models import Appointment, Service, Staff
from frontdesk.scheduling.waitlist import service as waitlist
from frontdesk.scheduling.waitlist.models import WaitlistEntry, WaitlistOffer
from frontdesk.tenancy.models import Company

WAITLIST_EXPIRE = "waitlist.expire"


def offer_freed(database: Database, setup: SmsSetup, view: JobView) -> Outcome:
    """Offer the freed slot to the next person on the list (once quiet hours allow a text)."""
    freed_id = int(view.payload["appointment_id"])
    with database.unit_of_work() as session:
        freed = session.get(Appointment, freed_id)
        company = session.get(Company, view.company_id) if view.company_id else None
        if freed is None or company is None or freed.starts_at <= view.now:
            return Outcome({"offered": False, "reason": "no future freed slot"})
        allowed = next_allowed(view.now, ZoneInfo(company.timezone), setup.quiet)
        if allowed > view.now:  # the 30 minutes to answer must not start at night
            return Outcome({"offered": False, "held_until": allowed.isoformat()}, allowed)
        found = waitlist.next_candidate(session, company, freed, view.now)
        if found is None:
            return Outcome({"offered": False, "reason": "nobody on the list fits"})
        entry, slot = found
        offer = waitlist.make_offer(session, entry, slot, freed.id, view.now)
        job_service.enqueue(
            session=session,
            kind=WAITLIST_EXPIRE,
            key=f"{WAITLIST_EXPIRE}:{offer.id}",
            company_id=company.id,
            payload={"offer_id": offer.id},
            run_at=offer.expires_at,
        )
        draft = _offer_draft(session, company, entry, offer, setup)
    outcome = deliver(database, setup, draft)
    return Outcome({"offered": True, "offer_id": offer.id, **outcome.result})


def _offer_draft(
    session: Session,
    company: Company,
    entry: WaitlistEntry,
    offer: WaitlistOffer,
    setup: SmsSetup,
) -> messaging.Draft:
    service = session.get(Service, offer.service_id)
    staff = session.get(Staff, offer.staff_id)
    facts = texts.AppointmentFacts(
        practice=company.name,
        service=service.name if service is not None else "",
        start_local=offer.starts_at.astimezone(ZoneInfo(company.timezone)),
        staff=staff.name if staff is not None else None,
    )
    return messaging.Draft(
        company_id=company.id,
        purpose="waitlist_offer",
        dedupe_key=f"waitlist_offer:{offer.id}",
        number=entry.number,
        practice_number=sender_for(company, setup),
        body=texts.waitlist_offer(facts, minutes=waitlist.OFFER_MINUTES),
        customer_id=entry.customer_id,
        call_id=entry.call_id,
    )


def expire_offer(database: Database, setup: SmsSetup, view: JobView) -> Outcome:
    """No JA in time: the slot is free again and goes to the next person (a new round)."""
    with database.unit_of_work() as session:
        offer = session.get(WaitlistOffer, int(view.payload["offer_id"]))
        if offer is None or not waitlist.expire(session=session, offer=offer, now=view.now):
            return Outcome({"expired": False})
        if offer.freed_from_id is not None:
            job_service.enqueue(
                session=session,
                kind=WAITLIST_FREED,
                key=f"{WAITLIST_FREED}:{offer.freed_from_id}:after-offer:{offer.id}",
                company_id=offer.company_id,
                payload={"appointment_id": offer.freed_from_id},
                run_at=view.now,
            )
    return Outcome({"expired": True})


def accept_by_reply(session: Session, company: Company, number: str, now: datetime) -> str | None:
    """JA to an open offer books it; the German answer, or None when no offer is open."""
    offer = waitlist.open_offer_for(session=session, company_id=company.id, number=number, now=now)
    if offer is None:
        return None
    try:
        appointment = waitlist.accept(session=session, offer=offer, now=now)
    except SchedulingError:
        return texts.reply_waitlist_gone()
    return texts.reply_waitlist_booked(facts_of(company, appointment))
