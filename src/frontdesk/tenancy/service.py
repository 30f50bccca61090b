"""Companies and their called numbers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.phones import normalise_phone
from frontdesk.tenancy.models import Company, PhoneNumber


class TenancyError(ValueError):
    """A tenant operation that cannot be done as asked."""


def get_by_name(*, session: Session, name: str) -> Company | None:
    return session.scalars(select(Company).where(Company.name == name)).one_or_none()


def get_by_name_or_raise(*, session: Session, name: str) -> Company:
    company = get_by_name(session=session, name=name)
    if company is None:
        raise TenancyError(f"no company named {name!r}")
    return company


def get(*, session: Session, company_id: int) -> Company | None:
    return session.get(Company, company_id)


def list_all(*, session: Session) -> Sequence[Company]:
    return session.scalars(select(Company).order_by(Company.id)).all()


def create(
    *,
    session: Session,
    name: str,
    timezone: str = "Europe/Berlin",
    region: str = "DE",
    agent_names: Sequence[str] = (),
) -> Company:
    """Create a company, or return the existing one of that name (idempotent)."""
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise TenancyError(f"unknown time zone {timezone!r}") from exc
    existing = get_by_name(session=session, name=name)
    if existing is not None:
        existing.timezone = timezone
        if agent_names:
            existing.agent_names = list(agent_names)
        session.flush()
        return existing
    company = Company(name=name, timezone=timezone, region=region, agent_names=list(agent_names))
    session.add(company)
    session.flush()
    return company


def add_number(*, session: Session, company_id: int, number: str) -> PhoneNumber:
    """Attach a called number; a number belongs to one company only."""
    company = session.get(Company, company_id)
    if company is None:
        raise TenancyError(f"no company with id {company_id}")
    e164 = normalise_phone(number, company.region)
    if e164 is None:
        raise TenancyError(f"{number!r} is not a valid phone number")
    existing = session.scalars(select(PhoneNumber).where(PhoneNumber.e164 == e164)).one_or_none()
    if existing is not None:
        if existing.company_id != company_id:
            raise TenancyError(f"{e164} already belongs to another company")
        return existing
    phone = PhoneNumber(company_id=company_id, e164=e164)
    session.add(phone)
    session.flush()
    return phone


def company_for_called_number(*, session: Session, number: str | None) -> Company | None:
    """The company a called number belongs to; None when unknown (never a fallback)."""
    e164 = normalise_phone(number)
    if e164 is None:
        return None
    return session.scalars(
        select(Company).join(PhoneNumber).where(PhoneNumber.e164 == e164)
    ).one_or_none()


def local_now(company: Company, now: datetime) -> datetime:
    """`now` as wall time in the company's zone."""
    return now.astimezone(ZoneInfo(company.timezone))
