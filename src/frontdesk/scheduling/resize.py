"""Resizing: an appointment's end moves, its start stays (the calendar's drag on the lower edge).

The same guarantees as booking.py: the new end is checked against the staff member's working
intervals, closures and absences (slots' own reading of the day) and against their busy times
(other appointments with their buffers, other calls' holds, external calendars); the write then
happens in a savepoint inside the caller's transaction, serialised on SQLite by BEGIN IMMEDIATE
and its overlap trigger, on PostgreSQL by the exclusion constraint, so a race that slips past
the check is refused by the database and leaves the caller's other work intact.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Final, NoReturn
from zoneinfo import ZoneInfo

import structlog
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from frontdesk.db.core import utcnow
from frontdesk.scheduling import booking_rules, calendar_sync_push, refusals, slots
from frontdesk.scheduling.booking import company_or_raise, get_appointment_or_raise
from frontdesk.scheduling.errors import SchedulingError, SlotUnavailable
from frontdesk.scheduling.models import Appointment
from frontdesk.scheduling.refusals import Reason, Refusal
from frontdesk.scheduling.settings import SchedulingSettings
from frontdesk.tenancy.models import Company

SNAP: Final = timedelta(minutes=5)
SHORTEST: Final = timedelta(minutes=5)
# A working day at most; with buffers still well inside slots.MAX_BLOCK, which bounds the busy
# query's index range (a longer block could hide from the overlap check).
LONGEST: Final = timedelta(hours=8)
TOO_SHORT: Final = "too_short"
TOO_LONG: Final = "too_long"

log = structlog.get_logger(__name__)


class ResizeRefused(SlotUnavailable):
    """The new end breaks a rule. `reason` is a refusals.Reason value (past, closed, absent,
    outside_hours, taken) or TOO_SHORT / TOO_LONG; `refusal` carries the day's hours for the
    calendar reasons, in the form the booking form's German sentences read."""

    def __init__(self, message: str, reason: str, refusal: Refusal | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.refusal = refusal


def snap(moment: datetime) -> datetime:
    """To the nearest 5 minutes (half way rounds up), seconds dropped."""
    moment = moment.astimezone(UTC).replace(second=0, microsecond=0)
    past = timedelta(minutes=moment.minute % 5)
    return moment - past + (SNAP if past * 2 >= SNAP else timedelta(0))


def _aware(moment: datetime, company: Company) -> datetime:
    if moment.tzinfo is None:  # a naive end is the company's wall time, as booking reads it
        return moment.replace(tzinfo=ZoneInfo(company.timezone))
    return moment


def _refuse(
    reason: Reason,
    appointment: Appointment,
    end: datetime,
    *,
    note: str | None = None,
    hours: tuple[tuple[datetime, datetime], ...] = (),
    settings: SchedulingSettings | None = None,
) -> NoReturn:
    refusal = Refusal(reason, note, hours, settings or SchedulingSettings())
    raise ResizeRefused(
        f"appointment {appointment.id} cannot end at {end:%Y-%m-%d %H:%M} UTC: {reason}",
        reason.value,
        refusal,
    )


def _check_calendar(
    session: Session, company: Company, appointment: Appointment, end: datetime, now: datetime
) -> None:
    """Refuse an end that leaves the working interval of the start, or meets a busy time."""
    settings = SchedulingSettings.of(company)
    member, service = appointment.staff, appointment.service
    # Slots' own loading of the day: overrides, public holidays, absences and busy times, with
    # this appointment ignored and its call's holds not counted against it.
    day = appointment.starts_at.astimezone(ZoneInfo(company.timezone)).date()
    cal = slots._load(
        session, company, service, [member], day, day, now, appointment.call_id, appointment.id
    )
    intervals = slots.working_intervals(member, day, cal.overrides, cal.zone)
    hours = tuple((lo.astimezone(cal.zone), hi.astimezone(cal.zone)) for lo, hi in intervals)
    if not intervals:
        # The same order of reasons as refusals.why_not_bookable: own absence, closed practice.
        own = cal.overrides.get((member.id, day), [])
        practice = cal.overrides.get((None, day), [])
        if any(r.closed for r in own):
            _refuse(
                Reason.ABSENT, appointment, end, note=refusals._closed_note(own), settings=settings
            )
        if any(r.closed for r in practice):
            _refuse(
                Reason.CLOSED,
                appointment,
                end,
                note=refusals._closed_note(practice),
                settings=settings,
            )
        _refuse(Reason.OUTSIDE_HOURS, appointment, end, settings=settings)
    start = appointment.starts_at.astimezone(UTC)
    if not any(lo <= start and end <= hi for lo, hi in intervals):
        # A break is a gap between two intervals: running into it is outside the hours.
        _refuse(Reason.OUTSIDE_HOURS, appointment, end, hours=hours, settings=settings)
    blocked_until = end + timedelta(minutes=service.buffer_after_minutes)
    busy = cal.busy[member.id]
    if busy.overlaps(slots._naive_utc(appointment.blocked_from), slots._naive_utc(blocked_until)):
        _refuse(Reason.TAKEN, appointment, end, hours=hours, settings=settings)


def resize(
    *,
    session: Session,
    company_id: int,
    appointment_id: int,
    ends_at: datetime,
    actor: str,
    now: datetime | None = None,
) -> Appointment:
    """Let the appointment end at `ends_at` (snapped to 5 minutes); the start stays.

    Between 5 minutes and 8 hours long; a longer one must stay in the working interval of its
    start and meet no other appointment (buffers included), hold, closure or absence. A shorter
    one takes no new time, so only its length is checked. Another company's appointment is not
    found; a cancelled or moved one is refused. Returns the appointment, flushed."""
    now = now or utcnow()
    company = company_or_raise(session, company_id)
    appointment = get_appointment_or_raise(
        session=session, company_id=company_id, appointment_id=appointment_id
    )
    if not appointment.active:
        raise SchedulingError(f"appointment {appointment.id} is {appointment.status}")
    end = snap(_aware(ends_at, company))
    length = end - appointment.starts_at
    if length < SHORTEST:
        raise ResizeRefused(f"appointment {appointment.id} would last {length}", TOO_SHORT)
    if length > LONGEST:
        raise ResizeRefused(f"appointment {appointment.id} would last {length}", TOO_LONG)
    if end == appointment.ends_at:
        return appointment
    if end <= now:
        _refuse(Reason.PAST, appointment, end, settings=SchedulingSettings.of(company))
    if end > appointment.ends_at:
        _check_calendar(session, company, appointment, end, now)
    previous = appointment.ends_at
    try:
        with session.begin_nested():
            appointment.ends_at = end
            # As slots.blocked_range: the block runs on by the service's buffer after the end.
            appointment.blocked_until = end + timedelta(
                minutes=appointment.service.buffer_after_minutes
            )
            session.flush()
    except IntegrityError as exc:
        if booking_rules.is_overlap(exc):
            _refuse(Reason.TAKEN, appointment, end)
        raise
    except OperationalError as exc:
        if booking_rules.is_overlap_deadlock(exc):
            _refuse(Reason.TAKEN, appointment, end)
        raise
    # The external calendar's event follows (the push job makes it match the appointment as it
    # is when it runs, so the key names the new end: each resize gets its own push). No
    # appointment.changed job: that one texts the patient, and a resize leaves the start, the
    # only time the patient was told, unchanged.
    calendar_sync_push.enqueue_push(session, appointment, f"resized@{end:%Y%m%d%H%M}", now)
    log.info(
        "appointment_resized",
        company_id=company_id,
        appointment_id=appointment.id,
        ends_at=end.isoformat(),
        previous_ends_at=previous.isoformat(),
        actor=actor,
    )
    return appointment
