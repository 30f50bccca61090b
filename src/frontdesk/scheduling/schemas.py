"""What scheduling hands to the faces: offered slots, availability answers, appointments."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from frontdesk.scheduling.models import PENDING, Appointment
from frontdesk.scheduling.slots import Slot
from frontdesk.scheduling.spoken import spoken_datetime


class OfferedSlot(BaseModel):
    slot_id: str  # book from this alone: staff, service and start are in it
    staff_id: int
    staff_name: str
    service_id: int
    service_name: str
    starts_at: datetime  # UTC
    ends_at: datetime
    local_start: datetime  # in the company's zone
    spoken: str  # "morgen, Dienstag, den 1. Dezember, um 9 Uhr"
    hold_id: int | None = None
    held_until: datetime | None = None

    @classmethod
    def of(cls, slot: Slot, today: date) -> OfferedSlot:
        return cls(
            slot_id=slot.id,
            staff_id=slot.staff_id,
            staff_name=slot.staff_name,
            service_id=slot.service_id,
            service_name=slot.service_name,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            local_start=slot.local_start,
            spoken=spoken_datetime(slot.local_start, today=today),
        )


class Availability(BaseModel):
    service_id: int | None = None
    service_name: str | None = None
    # The first slot is what was wished (day and time, or daypart); else these are alternatives.
    exact: bool = False
    slots: list[OfferedSlot] = []
    # Set when the wish was ambiguous or impossible: ask this back instead of offering slots.
    question: str | None = None
    # Why wished days are closed (holiday, closure), in German, for the agent to say first.
    closed_note: str | None = None


class AppointmentRead(BaseModel):
    appointment_id: int
    status: str
    pending_confirmation: bool
    service_name: str
    staff_name: str
    starts_at: datetime
    ends_at: datetime
    local_start: datetime
    spoken: str
    customer_id: int | None
    call_id: int | None
    booked_for_name: str | None

    @classmethod
    def of(cls, appointment: Appointment, timezone: str, now: datetime) -> AppointmentRead:
        zone = ZoneInfo(timezone)
        local = appointment.starts_at.astimezone(zone)
        return cls(
            appointment_id=appointment.id,
            status=appointment.status,
            pending_confirmation=appointment.status == PENDING,
            service_name=appointment.service.name,
            staff_name=appointment.staff.name,
            starts_at=appointment.starts_at,
            ends_at=appointment.ends_at,
            local_start=local,
            spoken=spoken_datetime(local, today=now.astimezone(zone).date()),
            customer_id=appointment.customer_id,
            call_id=appointment.call_id,
            booked_for_name=appointment.booked_for_name,
        )
