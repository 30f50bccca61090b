"""The report's figures on a hand-built database (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from frontdesk.calls.models import Call
from frontdesk.db.core import Database
from frontdesk.followup.models import ReviewItem
from frontdesk.identity.models import Customer
from frontdesk.insights import report
from frontdesk.insights.tables import AppointmentRow, overlaps
from frontdesk.tenancy import service as tenancy_service
from frontdesk.tenancy.models import Company

NOW = datetime(2026, 3, 31, 10, 0, tzinfo=UTC)


def add_call(
    session: Session,
    company: Company,
    key: str,
    *,
    days_ago: float,
    withheld: bool,
    status: str | None,
    customer: Customer | None,
    name: str | None = None,
    identified_after_s: float | None = None,
) -> Call:
    created = NOW - timedelta(hours=1)
    call = Call(
        provider="retell",
        provider_call_id=f"call_{key:0>28}",
        company_id=company.id,
        caller_id_withheld=withheld,
        from_number_raw="anonymous" if withheld else "+4930123456",
        started_at=NOW - timedelta(days=days_ago),
        created_at=created,
        customer_id=customer.id if customer else None,
        link_status=status,
        caller_name=name,
        identified_at=created + timedelta(seconds=identified_after_s)
        if identified_after_s is not None
        else None,
        field_versions={},
    )
    session.add(call)
    session.flush()
    return call


def build(database: Database) -> dict[str, Call]:
    with database.unit_of_work() as session:
        company = tenancy_service.create(session=session, name="Praxis Test")
        other = tenancy_service.create(session=session, name="Salon Anders")
        people = [Customer(company_id=company.id, last_name=f"Kunde{i}") for i in range(4)]
        session.add_all(people)
        session.flush()
        calls = {
            "linked": add_call(session, company, "1", days_ago=2, withheld=True, status="linked",
                               customer=people[0], name="Petra Schreiber", identified_after_s=2),
            "review": add_call(session, company, "2", days_ago=1, withheld=True, status="review",
                               customer=people[1]),
            "new": add_call(session, company, "3", days_ago=3, withheld=True,
                            status="new_customer", customer=people[2], name="Jonas Weber",
                            identified_after_s=4),
            "phone": add_call(session, company, "4", days_ago=0.5, withheld=False,
                              status="linked", customer=people[3], identified_after_s=1),
            "nothing": add_call(session, company, "5", days_ago=6, withheld=True,
                                status="unidentified", customer=None),
            "old": add_call(session, company, "6", days_ago=10, withheld=True, status=None,
                            customer=None),
            "elsewhere": add_call(session, other, "7", days_ago=1, withheld=True, status=None,
                                  customer=None),
        }  # fmt: skip
        for hours, status in ((3, "open"), (1, "open"), (5, "resolved")):
            session.add(
                ReviewItem(
                    company_id=company.id,
                    call_id=calls["review"].id,
                    reason="no_identifying_data",
                    status=status,
                    created_at=NOW - timedelta(hours=hours),
                )
            )
        session.add(ReviewItem(company_id=other.id, reason="uncertain_link", status="open"))
        return calls


def company(session: Session, name: str = "Praxis Test") -> Company:
    row = tenancy_service.get_by_name(session=session, name=name)
    assert row is not None
    return row


def test_figures_of_a_hand_built_week(database: Database) -> None:
    build(database)
    with database.sessions() as session:
        result = report.company_report(session=session, company=company(session), now=NOW)
    assert result.calls == 5
    assert result.withheld_calls == 4 and result.withheld_share == 0.8
    assert result.link_status == {"linked": 2, "new_customer": 1, "review": 1, "unidentified": 1}
    assert result.calls_without_customer == 1
    assert result.unresolved_calls == 2 and result.unresolved_share == 0.4
    assert result.withheld_unresolved == 2 and result.withheld_unresolved_share == 0.5
    assert result.review_open == 2
    assert result.review_median_age_hours == 2.0 and result.review_oldest_age_hours == 3.0
    assert result.name_capture_rate == 0.4
    assert result.median_seconds_to_identification == 2.0
    data = result.as_dict()
    for key in ("calls", "withheld_calls", "withheld_share", "calls_without_customer",
                "unresolved_calls", "unresolved_share", "appointments",
                "appointments_from_withheld", "review_open", "name_capture_rate",
                "median_seconds_to_identification"):  # fmt: skip
        assert key in data
    assert data["before"]["withheld_unresolved_share"] == 0.64
    assert data["before"]["appointments_from_withheld"] == 0
    assert data["goal"]["unresolved_share"] == 0.05


def test_an_empty_company_reports_zeros(database: Database) -> None:
    with database.unit_of_work() as session:
        tenancy_service.create(session=session, name="Praxis Leer")
    with database.sessions() as session:
        result = report.company_report(
            session=session, company=company(session, "Praxis Leer"), now=NOW
        )
    assert result.calls == 0 and result.withheld_share == 0.0 and result.unresolved_share == 0.0
    assert result.median_seconds_to_identification is None and result.review_open == 0


def test_daily_series_puts_each_call_on_its_local_day(database: Database) -> None:
    build(database)
    with database.sessions() as session:
        series = report.daily_series(session=session, company=company(session), now=NOW)
    assert len(series) == 8 and series[-1]["date"] == "2026-03-31"
    by_day = {row["date"]: row for row in series}
    assert sum(row["calls"] for row in series) == 5
    assert by_day["2026-03-29"]["calls"] == 1 and by_day["2026-03-29"]["withheld_calls"] == 1
    assert by_day["2026-03-30"]["unresolved_calls"] == 1
    assert by_day["2026-03-25"]["unresolved_calls"] == 1


def test_appointments_from_withheld_calls(database: Database) -> None:
    models = pytest.importorskip("frontdesk.scheduling.models")
    calls = build(database)
    with database.unit_of_work() as session:
        firm = company(session)
        service = models.Service(company_id=firm.id, key="pzr", name="Zahnreinigung",
                                 duration_minutes=45)  # fmt: skip
        staff = models.Staff(company_id=firm.id, key="sommer", name="Dr. Anna Sommer")
        session.add_all([service, staff])
        session.flush()
        for index, key in enumerate(("linked", "phone", "old")):
            starts = NOW + timedelta(days=2, hours=index)
            session.add(
                models.Appointment(
                    company_id=firm.id,
                    call_id=calls[key].id,
                    customer_id=calls[key].customer_id,
                    service_id=service.id,
                    staff_id=staff.id,
                    starts_at=starts,
                    ends_at=starts + timedelta(minutes=45),
                    blocked_from=starts,
                    blocked_until=starts + timedelta(minutes=45),
                    status="confirmed",
                )
            )
    with database.sessions() as session:
        result = report.company_report(session=session, company=company(session), now=NOW)
        series = report.daily_series(session=session, company=company(session), now=NOW)
    assert result.appointments == 2 and result.appointments_from_withheld == 1
    assert sum(row["appointments"] for row in series) == 2


def test_overlaps_are_found_per_staff_member() -> None:
    def row(
        ident: int, staff: int, start: int, end: int, status: str = "confirmed"
    ) -> AppointmentRow:
        return AppointmentRow(
            id=ident, call_id=None, customer_id=None, staff_id=staff, status=status,
            starts_at=NOW + timedelta(minutes=start), ends_at=NOW + timedelta(minutes=end),
        )  # fmt: skip

    rows = [row(1, 1, 0, 30), row(2, 1, 30, 60), row(3, 2, 10, 40), row(4, 1, 50, 70),
            row(5, 1, 0, 60, "cancelled")]  # fmt: skip
    assert [(a.id, b.id) for a, b in overlaps(rows)] == [(2, 4)]
