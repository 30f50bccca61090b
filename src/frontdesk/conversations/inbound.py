"""The phone is ringing: what the agent should know before it says hello."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from frontdesk.calls.commands import InboundCall
from frontdesk.experiments import service as experiment_service
from frontdesk.experiments.service import Assignment
from frontdesk.identity import service as identity_service
from frontdesk.phones import caller_number
from frontdesk.scheduling.spoken import spoken_date, weekday_name
from frontdesk.tenancy import service as tenancy_service
from frontdesk.tenancy.models import Company


@dataclass(frozen=True)
class InboundAnswer:
    company: Company | None
    dynamic_variables: dict[str, str] = field(default_factory=dict)
    # The running prompt experiment's choice for this call (None: no experiment, or no call id).
    experiment: Assignment | None = None

    @property
    def override_agent_id(self) -> str | None:
        return self.experiment.variant.override_agent_id if self.experiment else None

    @property
    def override_agent_version(self) -> int | None:
        return self.experiment.variant.override_agent_version if self.experiment else None


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
    experiment = _experiment(session, company, inbound)
    if experiment is not None:
        variables.update(experiment.variant.dynamic_variables())
        # Also in the variables so the call object Retell sends back names the variant.
        variables["experiment"] = experiment.experiment_name
        variables["experiment_variant"] = experiment.variant.name
    return InboundAnswer(company=company, dynamic_variables=variables, experiment=experiment)


def _experiment(session: Session, company: Company, inbound: InboundCall) -> Assignment | None:
    """The call's variant, a pure function of its id: without an id (older payloads) the call
    stays out of any experiment, since the row created later could not be matched to it."""
    if not inbound.provider_call_id:
        return None
    return experiment_service.assignment_at_ring(
        session, company_id=company.id, provider_call_id=inbound.provider_call_id
    )
