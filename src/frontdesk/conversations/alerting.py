"""The alert check: every company's rules evaluated, what fired or resolved delivered.

Run by the worker every five minutes (`ALERTS_CHECK`) and by `frontdesk alerts check`. Per
company: one transaction evaluates the rules and records firings and resolutions; delivery
happens after the commit (no network inside a transaction); a second transaction records each
channel's outcome. A channel that failed is tried again on the next check; one that succeeded
is never sent the same notice twice."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import structlog

from frontdesk.alerts import service
from frontdesk.alerts.config import AlertConfig, config_for
from frontdesk.alerts.figures import unattributed_event_failures
from frontdesk.alerts.service import Evaluation, Notice
from frontdesk.db.core import Database
from frontdesk.jobs.runner import JobView, Outcome
from frontdesk.notify import DeliveryError
from frontdesk.notify.mail import SmtpMailer
from frontdesk.notify.webhook import WebhookPoster
from frontdesk.settings import Settings, get_settings
from frontdesk.tenancy import service as tenancy_service
from frontdesk.tenancy.models import Company

ALERTS_CHECK = "alerts.check"
EMAIL, WEBHOOK = "email", "webhook"
log = structlog.get_logger(__name__)

Send = Callable[[Notice], None]


@dataclass(frozen=True)
class Delivery:
    """The operator's delivery setup; recipients come per company from its configuration."""

    mailer: SmtpMailer | None
    poster: WebhookPoster
    base_url: str
    default_email: str = ""
    default_webhook: str = ""

    @classmethod
    def from_settings(cls, settings: Settings) -> Delivery:
        mailer = None
        if settings.smtp_host:
            mailer = SmtpMailer(
                host=settings.smtp_host,
                port=settings.smtp_port,
                sender=settings.smtp_from,
                username=settings.smtp_username,
                password=settings.smtp_password,
                starttls=settings.smtp_starttls,
            )
        return cls(
            mailer=mailer,
            poster=WebhookPoster(),
            base_url=settings.public_base_url,
            default_email=settings.alert_email_to,
            default_webhook=settings.alert_webhook_url,
        )

    def config(self, company: Company) -> AlertConfig:
        return config_for(
            company.settings,
            default_email=self.default_email,
            default_webhook=self.default_webhook,
        )

    def channels(self, config: AlertConfig) -> dict[str, Send]:
        """The channels this company's alerts go to (only those with a recipient)."""
        found: dict[str, Send] = {}
        mailer, webhook = self.mailer, config.webhook
        if mailer is not None and config.email:
            found[EMAIL] = lambda notice: mailer.send(notice, config.email)
        if webhook:
            found[WEBHOOK] = lambda notice: self.poster.send(notice, webhook)
        return found


@dataclass
class CompanyCheck:
    company: str
    evaluations: list[Evaluation]
    channels: list[str]
    delivered: int = 0
    failed: list[str] = field(default_factory=list)


def _attempt(
    notice: Notice, due: frozenset[str], channels: dict[str, Send]
) -> dict[str, str | None]:
    outcomes: dict[str, str | None] = {}
    for name in sorted(due):
        try:
            channels[name](notice)
            outcomes[name] = None
        except DeliveryError as error:
            log.warning("alert_delivery_failed", rule=notice.rule, channel=name, error=str(error))
            outcomes[name] = str(error)
    return outcomes


def _deliver(
    database: Database,
    company_id: int,
    result: CompanyCheck,
    config: AlertConfig,
    delivery: Delivery,
    now: datetime,
) -> None:
    channels = delivery.channels(config)
    configured = frozenset(channels)
    with database.unit_of_work() as session:
        company = session.get(Company, company_id)
        notices = service.pending(session, company) if company is not None else []
    for notice in notices:
        outcomes = _attempt(notice, service.due_channels(notice, configured), channels)
        with database.unit_of_work() as session:
            done = service.record_delivery(
                session, notice, outcomes=outcomes, configured=configured, now=now
            )
        result.delivered += int(done)
        result.failed += [f"{notice.rule} {ch}: {err}" for ch, err in outcomes.items() if err]


def check_company(
    database: Database, company_id: int, *, now: datetime, delivery: Delivery, deliver: bool = True
) -> CompanyCheck:
    """One company's rules evaluated and recorded, then what is due delivered."""
    with database.unit_of_work() as session:
        company = session.get(Company, company_id)
        if company is None:
            return CompanyCheck(company=f"#{company_id}", evaluations=[], channels=[])
        config = delivery.config(company)
        evaluations = service.evaluate(
            session, company, config, now=now, base_url=delivery.base_url
        )
        result = CompanyCheck(company.name, evaluations, sorted(delivery.channels(config)))
        if not deliver:
            session.rollback()  # a dry run records nothing
            return result
    _deliver(database, company_id, result, config, delivery, now)
    return result


def check(
    database: Database,
    *,
    now: datetime,
    delivery: Delivery,
    company: str | None = None,
    deliver: bool = True,
) -> list[CompanyCheck]:
    """Every company's (or the named one's) alert check; raises LookupError for an unknown name."""
    with database.unit_of_work() as session:
        if company is None:
            ids = [c.id for c in tenancy_service.list_all(session=session)]
        else:
            found = tenancy_service.get_by_name(session=session, name=company)
            if found is None:
                raise LookupError(company)
            ids = [found.id]
    return [check_company(database, i, now=now, delivery=delivery, deliver=deliver) for i in ids]


def unattributed_failures(database: Database, now: datetime) -> int:
    with database.unit_of_work() as session:
        return unattributed_event_failures(session, now)


def summary(results: list[CompanyCheck], unattributed: int) -> dict[str, Any]:
    return {
        "checked": len(results),
        "firing": sum(1 for r in results for e in r.evaluations if e.status == "firing"),
        "delivered": sum(r.delivered for r in results),
        "delivery_failures": [f"{r.company}: {f}" for r in results for f in r.failed],
        "unattributed_event_failures": unattributed,
    }


def run_checks(database: Database, view: JobView) -> Outcome:
    delivery = Delivery.from_settings(get_settings())
    results = check(database, now=view.now, delivery=delivery)
    unattributed = unattributed_failures(database, view.now)
    if unattributed:
        # No practice owns these events, so no practice is told; the operator reads the log.
        log.error("alerts_unattributed_event_failures", count=unattributed)
    return Outcome(summary(results, unattributed))
