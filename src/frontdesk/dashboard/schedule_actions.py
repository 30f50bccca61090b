"""What a person does to the waiting list and to staff absences, always within one company.

Removing a waiting entry is a plain status change (nothing is held for a waiting entry);
adding an absence goes through scheduling, which lists the appointments in it and opens a
review item for each."""

from __future__ import annotations

from datetime import date

import structlog
from sqlalchemy import update
from sqlalchemy.orm import Session

from frontdesk.dashboard import ports
from frontdesk.dashboard.errors import ActionRefused
from frontdesk.dashboard.queries.scoped import get_owned
from frontdesk.scheduling import absences
from frontdesk.scheduling.models import Staff
from frontdesk.scheduling.waitlist.models import WAITING, WaitlistEntry

CANCELLED = "cancelled"
NOTE_MAX = 200  # StaffAbsence.note

log = structlog.get_logger(__name__)


def remove_from_waitlist(*, session: Session, company_id: int, user_id: int, entry_id: int) -> None:
    """A waiting entry is no longer offered slots. An entry with an open offer, a booked or
    removed one is refused: its state belongs to the offer (JA or expiry) or is final."""
    entry = get_owned(session, WaitlistEntry, entry_id, company_id)
    changed = session.execute(
        update(WaitlistEntry)
        .where(
            WaitlistEntry.id == entry.id,
            WaitlistEntry.company_id == company_id,
            WaitlistEntry.status == WAITING,  # not if an offer went out meanwhile
        )
        .values(status=CANCELLED)
        .execution_options(synchronize_session=False)
    )
    session.refresh(entry)
    if getattr(changed, "rowcount", 0) != 1:
        raise ActionRefused("Nur wartende Einträge können von der Warteliste genommen werden.")
    log.info("waitlist_entry_removed", company_id=company_id, entry_id=entry.id, user_id=user_id)


def add_absence(
    *,
    session: Session,
    company_id: int,
    user_id: int,
    staff_id: int,
    first_day: date,
    last_day: date,
    note: str | None,
) -> absences.AbsenceReport:
    """A manual absence of one of the company's staff; refused in German when the days or the
    note do not fit."""
    member = get_owned(session, Staff, staff_id, company_id)
    if first_day > last_day:
        raise ActionRefused("„Bis“ liegt vor „von“. Bitte prüfen Sie die Tage.")
    if note is not None and len(note) > NOTE_MAX:
        raise ActionRefused(f"Die Notiz darf höchstens {NOTE_MAX} Zeichen lang sein.")
    with ports.refusals():
        report = absences.add_absence(
            session=session,
            company_id=company_id,
            staff=member.id,
            first_day=first_day,
            last_day=last_day,
            note=note,
        )
    log.info(
        "staff_absence_added",
        company_id=company_id,
        absence_id=report.absence.id,
        staff_id=member.id,
        affected=len(report.affected),
        user_id=user_id,
    )
    return report
