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


def _user(session: Session, company_id: int, password: str = "altes-passwort-123") -> int:
    user = service.create_user(
        session=session,
        company_id=company_id,
        email="wechsel@praxis.test",
        role="staff",
        password=password,
    )
    return user.id


def _logs_in(session: Session, password: str) -> bool:
    return (
        service.authenticate(session=session, email="wechsel@praxis.test", password=password)
        is not None
    )


def test_a_password_change_ends_every_session_of_the_user(
    session: Session, company_id: int
) -> None:
    user_id = _user(session, company_id)
    service.end_all_sessions(session=session, user_id=user_id)  # a logout before: version 1
    user = service.change_password(
        session=session,
        user_id=user_id,
        current_password="altes-passwort-123",
        new_password="neues-passwort-456",
    )
    assert user.session_version == 2  # every cookie issued under version 1 is stale now
    assert user.failed_attempts == 0 and user.password_hash.startswith("$argon2id$")
    assert _logs_in(session, "neues-passwort-456")
    assert not _logs_in(session, "altes-passwort-123")


def test_a_wrong_current_password_changes_nothing_and_counts_towards_the_lock_out(
    session: Session, company_id: int
) -> None:
    user_id = _user(session, company_id)
    before = service.get_by_id(session=session, user_id=user_id)
    assert before is not None
    old_hash, old_version = before.password_hash, before.session_version
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

    def change(current: str, new: str = "neues-passwort-456") -> object:
        return service.change_password(
            session=session,
            user_id=user_id,
            current_password=current,
            new_password=new,
            max_failures=3,
            now=now,
        )

    with pytest.raises(service.WrongPassword):
        change("falsch")
    with pytest.raises(service.WeakPassword):  # checked first: no attempt counted
        change("altes-passwort-123", "kurz")
    after = service.get_by_id(session=session, user_id=user_id)
    assert after is not None
    assert (after.password_hash, after.session_version) == (old_hash, old_version)
    assert after.failed_attempts == 1
    for _ in range(2):
        with pytest.raises(service.WrongPassword):
            change("falsch")
    with pytest.raises(service.AccountLocked):  # even the right one, while locked
        change("altes-passwort-123")
    with pytest.raises(service.AccountLocked):  # the same lock as for logging in
        service.authenticate(
            session=session, email="wechsel@praxis.test", password="altes-passwort-123", now=now
        )
    locked = service.get_by_id(session=session, user_id=user_id)
    assert locked is not None and locked.session_version == old_version
    assert locked.password_hash == old_hash and locked.locked_until is not None


def test_an_operator_sets_a_password_ends_sessions_and_lifts_the_lock_out(
    session: Session, company_id: int
) -> None:
    user_id = _user(session, company_id)
    user = service.get_by_id(session=session, user_id=user_id)
    assert user is not None
    user.locked_until = datetime(2099, 1, 1, tzinfo=UTC)
    session.flush()
    with pytest.raises(service.WeakPassword):
        service.set_password(session=session, user_id=user_id, new_password="kurz")
    with pytest.raises(service.AccountsError):
        service.set_password(session=session, user_id=user_id + 999, new_password="x" * 20)
    changed = service.set_password(
        session=session, user_id=user_id, new_password="vom-betreiber-789"
    )
    assert changed.session_version == 1 and changed.locked_until is None
    assert _logs_in(session, "vom-betreiber-789")
    assert not _logs_in(session, "altes-passwort-123")
