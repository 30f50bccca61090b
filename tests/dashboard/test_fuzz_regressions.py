"""Dashboard requests schemathesis found answered 500: numbers too large for the database
(SQLite binds 64 bits, PostgreSQL's id columns hold 32)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from tests.dashboard.conftest import token
from tests.dashboard.seed import Seeded

HUGE = str(2**70)
BIG = str(2**40)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        (f"/app/absences?added={HUGE}", 422),
        (f"/app/calls/{HUGE}", 404),
        (f"/app/customers/{HUGE}", 404),
        (f"/app/review/-{HUGE}", 404),
        (f"/app/appointments?staff={HUGE}", None),  # ignored or refused, never a 500
        # Beyond PostgreSQL's INTEGER ids, within SQLite's: no row (PostgreSQL raised 22003).
        (f"/app/calls/{BIG}", 404),
        (f"/app/absences?added={BIG}", None),
        (f"/app/calendar-feeds?shown=-{BIG}", None),
    ],
)
def test_a_number_sqlite_cannot_hold_is_a_bad_parameter_not_a_server_error(
    login_as: Callable[[str], httpx.Client],
    practices: tuple[Seeded, Seeded],
    path: str,
    status: int | None,
) -> None:
    client = login_as(practices[0].owner_email)
    response = client.get(path)
    assert response.status_code == (status or response.status_code) < 500, response.text[:300]
    assert "Ein Fehler ist aufgetreten" not in response.text
    # The connection and the session survive: the next page loads.
    assert client.get("/app").status_code == 200


def test_a_form_id_sqlite_cannot_hold_is_refused_with_a_german_page(
    login_as: Callable[[str], httpx.Client], practices: tuple[Seeded, Seeded]
) -> None:
    client = login_as(practices[0].owner_email)
    for number in (HUGE, BIG):
        response = client.post(
            "/app/calendar-feeds", data={"staff_id": number, "csrf_token": token(client)}
        )
        assert response.status_code < 500, response.text[:300]
    assert client.get("/app").status_code == 200
