"""`frontdesk practice load FILE.yaml`: a practice file made true in the database.

Idempotent: rows are compared with the file and only what differs is written, so loading the
same file twice changes nothing (the report's `changes` is empty the second time). Services
and staff missing from the file are deactivated, never deleted (appointments refer to them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from frontdesk.phones import normalise_phone
from frontdesk.scheduling import absences
from frontdesk.scheduling.errors import PracticeFileError
from frontdesk.scheduling.models import (
    CalendarBusyBlock,
    DateOverride,
    Service,
    Staff,
    StaffAbsence,
    StaffCalendar,
    WorkingHours,
)
from frontdesk.scheduling.practice_schema import (
    OverrideIn,
    PracticeFile,
    parse_practice,
    service_key_for,
)
from frontdesk.tenancy import service as tenancy_service
from frontdesk.tenancy.models import Company


@dataclass
class LoadReport:
    company_id: int
    company_name: str
    services: int = 0
    staff: int = 0
    changes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def load_file(*, session: Session, path: Path | str) -> LoadReport:
    """Parse and load a practice file (PracticeFileError with line numbers when invalid)."""
    path = Path(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise PracticeFileError(str(path), [(line, f"not UTF-8 text: {exc.reason}")]) from exc
    return load_practice(session=session, practice=parse_practice(text, source=str(path)))


def load_practice(*, session: Session, practice: PracticeFile) -> LoadReport:
    """Make the database match the practice file; report what had to change."""
    changes: list[str] = []
    company = _company(session, practice, changes)
    report = LoadReport(company_id=company.id, company_name=company.name, changes=changes)
    services = _services(session, company, practice, changes)
    staff = _staff(session, company, practice, services, changes)
    _overrides(session, company, practice, staff, changes)
    _absences(session, company, practice, staff, changes)
    _calendars(session, company, practice, staff, changes)
    report.services = len(services)
    report.staff = len(staff)
    session.flush()
    return report


def _company(session: Session, practice: PracticeFile, changes: list[str]) -> Company:
    spec = practice.company
    existing = tenancy_service.get_by_name(session=session, name=spec.name)
    agent_names = [spec.agent_name] if spec.agent_name else []
    if existing is None:
        changes.append(f"company {spec.name!r} created")
    else:
        _set(existing, changes, "company", timezone=spec.timezone, region=spec.region)
        if agent_names:
            _set(existing, changes, "company", agent_names=agent_names)
        known = {p.e164 for p in existing.phone_numbers}
        changes.extend(
            f"company: number {n} added"
            for n in spec.numbers
            if normalise_phone(n, spec.region) not in known
        )
    try:
        company = tenancy_service.create(
            session=session,
            name=spec.name,
            timezone=spec.timezone,
            region=spec.region,
            agent_names=agent_names,
        )
        for number in spec.numbers:
            tenancy_service.add_number(session=session, company_id=company.id, number=number)
    except tenancy_service.TenancyError as exc:
        raise PracticeFileError("company", [(None, str(exc))]) from exc
    company.region = spec.region
    wanted: dict[str, Any] = practice.scheduling.model_dump()
    if (company.settings or {}).get("scheduling") != wanted:
        company.settings = {**(company.settings or {}), "scheduling": wanted}
        if existing is not None:
            changes.append(f"company: scheduling settings -> {wanted}")
    region = spec.public_holidays
    if (company.settings or {}).get("public_holidays") != region:
        company.settings = {**(company.settings or {}), "public_holidays": region}
        if existing is not None:
            changes.append(f"company: public holidays -> {region or 'none'}")
    return company


def _set(row: Any, changes: list[str], label: str, **values: Any) -> None:
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changes.append(f"{label}: {name} -> {value!r}")


def _services(
    session: Session, company: Company, practice: PracticeFile, changes: list[str]
) -> dict[str, Service]:
    existing = {
        s.key: s for s in session.scalars(select(Service).where(Service.company_id == company.id))
    }
    loaded: dict[str, Service] = {}
    for spec in practice.services:
        key = spec.effective_key
        row = existing.get(key)
        if row is None:
            row = Service(company_id=company.id, key=key, name=spec.name, active=True)
            session.add(row)
            changes.append(f"service {spec.name!r} created")
        _set(
            row,
            changes if row.id is not None else [],
            f"service {spec.name!r}",
            name=spec.name,
            synonyms=list(spec.synonyms),
            duration_minutes=spec.duration_minutes,
            buffer_before_minutes=spec.buffer_before_minutes,
            buffer_after_minutes=spec.buffer_after_minutes,
            active=True,
        )
        loaded[key] = row
    for key, row in existing.items():
        if key not in loaded and row.active:
            row.active = False
            changes.append(f"service {row.name!r} deactivated (not in the file)")
    session.flush()
    return loaded


def _staff(
    session: Session,
    company: Company,
    practice: PracticeFile,
    services: dict[str, Service],
    changes: list[str],
) -> dict[str, Staff]:
    existing = {
        m.key: m
        for m in session.scalars(
            select(Staff)
            .where(Staff.company_id == company.id)
            .options(selectinload(Staff.services), selectinload(Staff.hours))
        )
    }
    loaded: dict[str, Staff] = {}
    for spec in practice.staff:
        key = spec.effective_key
        row = existing.get(key)
        label = f"staff {spec.name!r}"
        if row is None:
            row = Staff(company_id=company.id, key=key, name=spec.name, active=True)
            row.services = []
            row.hours = []
            session.add(row)
            changes.append(f"{label} created")
        _set(row, changes if row.id is not None else [], label, name=spec.name, active=True)
        wanted_services = [services[service_key_for(practice, s)] for s in spec.services]
        if {s.key for s in row.services} != {s.key for s in wanted_services}:
            row.services = wanted_services
            if row.id is not None:
                changes.append(f"{label}: services -> {sorted(s.key for s in wanted_services)}")
        wanted_hours = {
            (weekday, start, end)
            for weekday, intervals in spec.hours.items()
            for start, end in intervals
        }
        if {(h.weekday, h.start_time, h.end_time) for h in row.hours} != wanted_hours:
            row.hours = [
                WorkingHours(weekday=w, start_time=s, end_time=e)
                for w, s, e in sorted(wanted_hours)
            ]
            if row.id is not None:
                changes.append(f"{label}: weekly hours replaced")
        loaded[key] = row
    for key, row in existing.items():
        if key not in loaded and row.active:
            row.active = False
            changes.append(f"staff {row.name!r} deactivated (not in the file)")
    session.flush()
    return loaded


OverrideRow = tuple[int | None, date, bool, time | None, time | None, str | None]


def _override_rows(staff_id: int | None, specs: list[OverrideIn]) -> set[OverrideRow]:
    rows: set[OverrideRow] = set()
    for spec in specs:
        if spec.closed:
            rows.add((staff_id, spec.date, True, None, None, spec.note))
        for start, end in spec.hours:
            rows.add((staff_id, spec.date, False, start, end, spec.note))
    return rows


def _overrides(
    session: Session,
    company: Company,
    practice: PracticeFile,
    staff: dict[str, Staff],
    changes: list[str],
) -> None:
    wanted = _override_rows(None, practice.overrides)
    for spec in practice.staff:
        wanted |= _override_rows(staff[spec.effective_key].id, spec.overrides)
    current = list(
        session.scalars(select(DateOverride).where(DateOverride.company_id == company.id))
    )
    have = {(o.staff_id, o.day, o.closed, o.start_time, o.end_time, o.note) for o in current}
    if have == wanted:
        return
    for row in current:
        session.delete(row)
    session.flush()
    for staff_id, day, closed, start, end, note in sorted(wanted, key=_override_sort_key):
        session.add(
            DateOverride(
                company_id=company.id,
                staff_id=staff_id,
                day=day,
                closed=closed,
                start_time=start,
                end_time=end,
                note=note,
            )
        )
    changes.append(f"date overrides replaced ({len(wanted)} rows)")


def _absences(
    session: Session,
    company: Company,
    practice: PracticeFile,
    staff: dict[str, Staff],
    changes: list[str],
) -> None:
    """The file's absences replace the file's earlier ones; absences entered by hand stay."""
    wanted = {
        (staff[spec.effective_key].id, a.first_day, a.last_day, a.note)
        for spec in practice.staff
        for a in spec.absences
    }
    current = list(
        session.scalars(
            select(StaffAbsence).where(
                StaffAbsence.company_id == company.id, StaffAbsence.source == "file"
            )
        )
    )
    if {(a.staff_id, a.first_day, a.last_day, a.note) for a in current} == wanted:
        return
    for row in current:
        session.delete(row)
    session.flush()
    for staff_id, first, last, note in sorted(wanted, key=lambda w: (w[0], w[1])):
        absence = StaffAbsence(
            company_id=company.id,
            staff_id=staff_id,
            first_day=first,
            last_day=last,
            note=note,
            source="file",
        )
        session.add(absence)
        session.flush()
        for appointment in absences.review_affected(session, absence):
            changes.append(
                f"appointment {appointment.id} falls into an absence: review item opened"
            )
    changes.append(f"absences from the file replaced ({len(wanted)} rows)")


def _calendars(
    session: Session,
    company: Company,
    practice: PracticeFile,
    staff: dict[str, Staff],
    changes: list[str],
) -> None:
    """Each staff member's external calendar as the file says; one left out of the file is
    switched off (its busy blocks stop counting). Another URL starts the sync afresh."""
    existing = {
        c.staff_id: c
        for c in session.scalars(
            select(StaffCalendar).where(StaffCalendar.company_id == company.id)
        )
    }
    for spec in practice.staff:
        member = staff[spec.effective_key]
        row = existing.get(member.id)
        label = f"staff {spec.name!r}: calendar"
        wanted = spec.calendar
        if wanted is None:
            if row is not None and row.active:
                row.active = False
                session.execute(
                    delete(CalendarBusyBlock).where(CalendarBusyBlock.calendar_id == row.id)
                )
                changes.append(f"{label} switched off (not in the file)")
            continue
        if row is None:
            row = StaffCalendar(company_id=company.id, staff_id=member.id, url=wanted.url)
            session.add(row)
            changes.append(f"{label} {wanted.url} added")
        elif row.url != wanted.url or not row.active:
            row.last_pulled_at = row.pulled_from = row.pulled_until = None
            session.execute(
                delete(CalendarBusyBlock).where(CalendarBusyBlock.calendar_id == row.id)
            )
            changes.append(f"{label} -> {wanted.url}")
        row.url = wanted.url
        row.active = True
        _set(
            row,
            changes if row.id is not None else [],
            label,
            username=wanted.username,
            password_env=wanted.password_env,
            max_age_seconds=wanted.max_age_seconds,
        )
    for staff_id, row in existing.items():
        if row.active and staff_id not in {m.id for m in staff.values()}:
            row.active = False
            changes.append(f"calendar of staff {staff_id} switched off (staff not in the file)")
    session.flush()


def _override_sort_key(row: OverrideRow) -> tuple[int, date, str]:
    return (row[0] or 0, row[1], str(row[3]))
