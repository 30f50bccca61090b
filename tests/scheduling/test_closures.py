"""Public holidays by state, overrides that still win, staff absences and what they do to
appointments already booked; the agent is told why a day is closed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from frontdesk import cli
from frontdesk.cli import staff as staff_cli
from frontdesk.db.core import Database
from frontdesk.followup.models import ReviewItem
from frontdesk.scheduling import absences, lookup
from frontdesk.scheduling import service as scheduling
from frontdesk.scheduling.booking import staff_for
from frontdesk.scheduling.errors import PracticeFileError
from frontdesk.scheduling.models import Appointment
from frontdesk.scheduling.slots import SlotWish, free_slots
from frontdesk.tenancy.models import Company
from tests.scheduling.conftest import load_text

NOW = datetime(2026, 12, 14, 8, 0, tzinfo=UTC)

PRACTICE = """
company:
  name: Feiertagspraxis {region}
  timezone: Europe/Berlin
  numbers: ["{number}"]
  {holidays}
scheduling:
  min_notice_minutes: 60
  horizon_days: 120
  slot_step_minutes: 60
services:
  - name: Beratung
    duration_minutes: 30
staff:
  - name: Dr. Anna Sommer
    key: sommer
    services: [Beratung]
    hours:
      mo: "08:00-12:00"
      di: "08:00-12:00"
      mi: "08:00-12:00"
      do: "08:00-12:00"
      fr: "08:00-12:00"
{extra}
"""


def practice(session: Session, region: str, number: str, extra: str = "") -> Company:
    holidays = f"public_holidays: {region}" if region else ""
    loaded = load_text(
        session,
        PRACTICE.format(region=region or "none", number=number, holidays=holidays, extra=extra),
    )
    return loaded.company(session)


def open_days(session: Session, company: Company, first: date, last: date) -> set[date]:
    service = lookup.get_service_or_raise(
        session=session, company_id=company.id, service="Beratung"
    )
    found = free_slots(
        session=session,
        company=company,
        service=service,
        staff=staff_for(session, company.id, None),
        first_day=first,
        last_day=last,
        now=NOW,
    )
    return {slot.local_start.date() for slot in found}


def test_bavaria_closes_on_epiphany_berlin_on_womens_day(session: Session) -> None:
    bavaria = practice(session, "DE-BY", "+4989555000101")
    berlin = practice(session, "DE-BE", "+4930555000102")
    epiphany, womens_day = date(2027, 1, 6), date(2027, 3, 8)
    assert epiphany not in open_days(session, bavaria, epiphany, epiphany)
    assert epiphany in open_days(session, berlin, epiphany, epiphany)
    assert womens_day not in open_days(session, berlin, womens_day, womens_day)
    assert womens_day in open_days(session, bavaria, womens_day, womens_day)
    christmas = date(2026, 12, 25)  # nationwide: closed in both
    assert not open_days(session, bavaria, christmas, christmas)
    assert not open_days(session, berlin, christmas, christmas)


def test_without_a_region_no_holiday_closes_anything(session: Session) -> None:
    plain = practice(session, "", "+4940555000103")
    assert date(2026, 12, 25) in open_days(session, plain, date(2026, 12, 25), date(2026, 12, 25))


def test_an_explicit_override_wins_over_the_holiday(session: Session) -> None:
    extra = 'overrides:\n  - date: 2027-01-06\n    hours: ["09:00-11:00"]\n    note: Notdienst'
    bavaria = practice(session, "DE-BY", "+4989555000104", extra)
    assert date(2027, 1, 6) in open_days(session, bavaria, date(2027, 1, 6), date(2027, 1, 6))


def test_an_unknown_region_is_refused_with_what_exists(session: Session) -> None:
    with pytest.raises(PracticeFileError) as caught:
        practice(session, "DE-XX", "+4989555000105")
    assert "DE-BY" in str(caught.value.problems)


def test_the_agent_is_told_why_the_day_is_closed(session: Session) -> None:
    bavaria = practice(session, "DE-BY", "+4989555000106")
    found = scheduling.check_availability(
        session=session,
        company_id=bavaria.id,
        service="Beratung",
        wish=SlotWish(date(2027, 1, 6), date(2027, 1, 6)),
        now=NOW,
    )
    assert found.closed_note == (
        "Am Mittwoch, den 6. Januar, ist die Praxis wegen Heilige Drei Könige geschlossen."
    )
    assert found.slots and all(s.local_start.date() != date(2027, 1, 6) for s in found.slots)


def test_an_absence_closes_the_days_and_sends_booked_appointments_to_review(
    session: Session,
) -> None:
    berlin = practice(session, "DE-BE", "+4930555000107")
    booked = scheduling.book(
        session=session,
        company_id=berlin.id,
        service="Beratung",
        start=datetime(2027, 1, 12, 9, 0, tzinfo=UTC),
        now=NOW,
    )
    report = absences.add_absence(
        session=session,
        company_id=berlin.id,
        staff="sommer",
        first_day=date(2027, 1, 11),
        last_day=date(2027, 1, 15),
        note="Urlaub",
    )
    assert [a.id for a in report.affected] == [booked.id]
    kept = session.get(Appointment, booked.id)
    assert kept is not None and kept.status == booked.status  # kept, never silently cancelled
    item = session.scalars(select(ReviewItem).where(ReviewItem.reason == "staff_absent")).one()
    assert item.details["appointment_id"] == booked.id and "Urlaub" in (item.summary or "")
    days = open_days(session, berlin, date(2027, 1, 11), date(2027, 1, 18))
    assert days == {date(2027, 1, 18)}


def test_absences_in_the_practice_file_survive_reloads_and_hand_entries_stay(
    session: Session,
) -> None:
    text_extra = "    absences:\n      - {from: 2027-02-01, to: 2027-02-02, note: Fortbildung}"
    berlin = practice(session, "DE-BE", "+4930555000108", "")
    absences.add_absence(
        session=session,
        company_id=berlin.id,
        staff="sommer",
        first_day=date(2027, 2, 10),
        last_day=date(2027, 2, 10),
        note="krank",
    )
    text = PRACTICE.format(
        region="DE-BE", number="+4930555000108", holidays="public_holidays: DE-BE", extra=""
    ).replace('      fr: "08:00-12:00"\n', '      fr: "08:00-12:00"\n' + text_extra + "\n")
    load_text(session, text)
    load_text(session, text)
    rows = absences.absences_of(session=session, company_id=berlin.id)
    assert sorted((a.first_day, a.source) for a in rows) == [
        (date(2027, 2, 1), "file"),
        (date(2027, 2, 10), "manual"),
    ]


def test_staff_absent_command_lists_what_to_rebook(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with database.unit_of_work() as session:
        berlin = practice(session, "DE-BE", "+4930555000109")
        scheduling.book(
            session=session,
            company_id=berlin.id,
            service="Beratung",
            start=datetime(2027, 1, 12, 9, 0, tzinfo=UTC),
            now=NOW,
        )
        name = berlin.name
    monkeypatch.setattr(staff_cli, "database", lambda: database)
    result = CliRunner().invoke(
        cli.app,
        [
            "staff",
            "absent",
            "--company",
            name,
            "--staff",
            "sommer",
            "--from",
            "2027-01-11",
            "--to",
            "2027-01-15",
            "--note",
            "Urlaub",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert '"to_rebook"' in result.stdout and '"Beratung"' in result.stdout
    bad = CliRunner().invoke(
        cli.app,
        [
            "staff",
            "absent",
            "--company",
            name,
            "--staff",
            "nobody",
            "--from",
            "2027-01-11",
            "--to",
            "2027-01-15",
        ],
    )
    assert bad.exit_code == 1
