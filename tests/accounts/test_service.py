"""Users: creation rules, Argon2 hashes, authentication and lock-out."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from frontdesk.accounts import service
from frontdesk.db.core import Database
from frontdesk.tenancy.models import Company


@pytest.fixture
def company_id(session: Session) -> int:
    company = Company(name="Praxis Test", timezone="Europe/Berlin", region="DE")
    session.add(company)
    session.flush()
    return company.id


def test_create_user_hashes_with_argon2_and_refuses_bad_input(
    session: Session, company_id: int
) -> None:
    user = service.create_user(
        session=session,
        company_id=company_id,
        email=" Chefin@Praxis.test ",
        role="owner",
        password="lang-genug-123",
    )
    assert user.email == "chefin@praxis.test"
    assert user.password_hash.startswith("$argon2id$") and "lang-genug" not in user.password_hash
    for email, role, password in (
        ("chefin@praxis.test", "staff", "lang-genug-123"),
        ("neu@praxis.test", "admin", "lang-genug-123"),
        ("neu@praxis.test", "staff", "kurz"),
        ("kein-at", "staff", "lang-genug-123"),
    ):
        with pytest.raises(service.AccountsError):
            service.create_user(
                session=session, company_id=company_id, email=email, role=role, password=password
            )


def test_generated_passwords_are_long_and_distinct() -> None:
    passwords = {service.generate_password() for _ in range(50)}
    assert len(passwords) == 50 and min(len(p) for p in passwords) >= 20


def test_authenticate_locks_after_repeated_failures_and_unlocks_later(
    session: Session, company_id: int
) -> None:
    service.create_user(
        session=session,
        company_id=company_id,
        email="a@praxis.test",
        role="staff",
        password="richtiges-passwort",
    )
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

    def attempt(password: str, at: datetime) -> object:
        return service.authenticate(
            session=session,
            email="a@praxis.test",
            password=password,
            max_failures=3,
            lockout=timedelta(minutes=15),
            now=at,
        )

    assert attempt("richtiges-passwort", now) is not None
    for _ in range(3):
        assert attempt("falsch", now) is None
    with pytest.raises(service.AccountLocked):
        attempt("richtiges-passwort", now + timedelta(minutes=5))
    assert attempt("richtiges-passwort", now + timedelta(minutes=16)) is not None
    assert (
        service.authenticate(session=session, email="nie@praxis.test", password="x", now=now)
        is None
    )


def test_a_burst_of_guesses_cannot_outrun_the_lock_out(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """40 wrong passwords sent at once: the counter is taken atomically before any password
    is checked, so at most `max_failures` of them are checked at all (on main before this
    change, PostgreSQL checked nearly all of them)."""
    with database.unit_of_work() as session:
        company = Company(name="Praxis Burst", timezone="Europe/Berlin", region="DE")
        session.add(company)
        session.flush()
        service.create_user(
            session=session,
            company_id=company.id,
            email="burst@praxis.test",
            role="staff",
            password="richtiges-passwort",
        )
    checked: list[str] = []
    real_verify = service._verify

    def counting_verify(password_hash: str, password: str) -> bool:
        checked.append(password)
        return real_verify(password_hash, password)

    monkeypatch.setattr(service, "_verify", counting_verify)
    guesses = ["falsch"] * 40
    outcomes: list[str] = []
    start = threading.Barrier(len(guesses))

    def attempt(password: str) -> None:
        start.wait()
        try:
            with database.unit_of_work() as session:
                user = service.authenticate(
                    session=session, email="burst@praxis.test", password=password, max_failures=5
                )
            outcomes.append("in" if user else "wrong")
        except service.AccountLocked:
            outcomes.append("locked")

    threads = [threading.Thread(target=attempt, args=(g,)) for g in guesses]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == len(guesses)
    assert len(checked) <= 5, f"{len(checked)} passwords checked against a limit of 5"
    assert outcomes.count("locked") >= len(guesses) - 5
