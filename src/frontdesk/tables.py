"""The registry of every table: imports each package's models so the metadata, Alembic and
merging see them all. It sits at the top of the house; faces import it at start."""

from frontdesk.calls.models import Call, CallEvent, FunctionInvocation
from frontdesk.db.core import Base
from frontdesk.followup.models import ReviewItem
from frontdesk.identity.models import Customer
from frontdesk.tenancy.models import Company, PhoneNumber

__all__ = [
    "Base",
    "Call",
    "CallEvent",
    "Company",
    "Customer",
    "FunctionInvocation",
    "PhoneNumber",
    "ReviewItem",
]
from frontdesk.scheduling.models import (  # noqa: F401, I001
    Appointment,
    CalendarFeed,
    DateOverride,
    Service,
    SlotHold,
    Staff,
    WorkingHours,
)
from frontdesk.accounts.models import ReviewAction, User  # noqa: F401
from frontdesk.identity.models import (  # noqa: F401
    CustomerSurname,
    MergeAudit,
    SurnameIndexVersion,
)

from frontdesk.db.core import declare_all_tables_loaded

declare_all_tables_loaded()
