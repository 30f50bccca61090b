"""The phone is ringing: what the agent should know before it says hello."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from frontdesk.calls.commands import InboundCall
from frontdesk.identity import service as identity_service
from frontdesk.phones import caller_number
from frontdesk.scheduling.spoken import spoken_date, weekday_name
from frontdesk.tenancy import service as tenancy_service
from frontdesk.tenancy.models import Company


@dataclass(frozen=True)
class InboundAnswer:
    company: Company | None
    dynamic_variables: dict[str, str] = field(default_factory=dict)


def clock_variables(company: Company, now: datetime) -> dict[str, str]:
    """Today's date and time in the company's zone, so the agent never invents a date."""
    local = tenancy_service.local_now(company, now)
    return {
        "company_name": company.name,
        "current_date": spoken_date(local.date(), with_year=True),
        "current_date_iso": local.date().isoformat(),
        "current_weekday": weekday_name(local.date()),
        "current_time": local.strftime("%H:%M"),
        "timezone": company.timezone,
    }


def answer_inbound(*, session: Session, inbound: InboundCall, now: datetime) -> InboundAnswer:
    """Variables for the agent; an unknown called number gets none (no fallback company)."""
    company = tenancy_service.company_for_called_number(session=session, number=inbound.to_number)
    if company is None:
        return InboundAnswer(company=None)
    variables = clock_variables(company, now)
    number = caller_number(inbound.from_number, company.region)
    variables.update(
        identity_service.greeting_variables(
            session=session, company=company, caller=number, now=now
        )
    )
    return InboundAnswer(company=company, dynamic_variables=variables)
