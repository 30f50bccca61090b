"""The registry of every table: imports each package's models so the metadata, Alembic and
merging see them all. It sits at the top of the house; faces import it at start."""

from frontdesk.accounts.models import LoginThrottle, ReviewAction, User
from frontdesk.alerts.models import AlertState
from frontdesk.calls.models import Call, CallEvent, EnrichmentStep, FunctionInvocation
from frontdesk.db.core import Base, declare_all_tables_loaded
from frontdesk.experiments.models import Experiment
from frontdesk.followup.models import ReviewItem
from frontdesk.identity.models import Customer, CustomerSurname, MergeAudit, SurnameIndexVersion
from frontdesk.jobs.models import Job
from frontdesk.messaging.models import Message, SmsOptOut
from frontdesk.privacy.models import Erasure
from frontdesk.scheduling.models import (
    Appointment,
    CalendarBusyBlock,
    CalendarEventLink,
    CalendarFeed,
    DateOverride,
    Service,
    SlotHold,
    Staff,
    StaffAbsence,
    StaffCalendar,
    WorkingHours,
)
from frontdesk.scheduling.waitlist.models import WaitlistEntry, WaitlistOffer
from frontdesk.tenancy.models import Company, PhoneNumber

__all__ = [
    "AlertState",
    "Appointment",
    "Base",
    "CalendarBusyBlock",
    "CalendarEventLink",
    "CalendarFeed",
    "Call",
    "CallEvent",
    "Company",
    "Customer",
    "CustomerSurname",
    "DateOverride",
    "EnrichmentStep",
    "Erasure",
    "Experiment",
    "FunctionInvocation",
    "Job",
    "LoginThrottle",
    "MergeAudit",
    "Message",
    "PhoneNumber",
    "ReviewAction",
    "ReviewItem",
    "Service",
    "SlotHold",
    "SmsOptOut",
    "Staff",
    "StaffAbsence",
    "StaffCalendar",
    "SurnameIndexVersion",
    "User",
    "WaitlistEntry",
    "WaitlistOffer",
    "WorkingHours",
]

declare_all_tables_loaded()
