"""The surname index's version row is created once per company, even by transactions racing
to create it (it failed call events on PostgreSQL under concurrent first calls)."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from frontdesk.db.core import Database
from frontdesk.identity import surnames
from frontdesk.identity.models import SurnameIndexVersion
from frontdesk.tenancy import service as tenancy_service


def test_racing_first_bumps_make_one_row_and_no_error(database: Database) -> None:
    with database.unit_of_work() as session:
        company_id = tenancy_service.create(session=session, name="Praxis Wettlauf").id
    start = threading.Barrier(8)
    errors: list[BaseException] = []

    def bump() -> None:
        try:
            start.wait()
            with database.unit_of_work() as session:
                surnames._bump(session, company_id)
        except BaseException as error:  # collected: the assertion below names it
            errors.append(error)

    threads = [threading.Thread(target=bump) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    with database.unit_of_work() as session:
        rows = session.scalar(
            select(func.count()).where(SurnameIndexVersion.company_id == company_id)
        )
        assert rows == 1
