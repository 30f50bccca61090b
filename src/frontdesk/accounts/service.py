"""Users: create, authenticate (with lock-out after repeated failures), strong passwords,
password changes (which end every session of the user)."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from frontdesk.accounts.models import LoginThrottle, User
from frontdesk.db.core import utcnow

ROLES = ("owner", "staff")
MIN_PASSWORD_LENGTH = 12
_hasher = PasswordHasher()
# Verified against when the e-mail is unknown, so both paths take the same time.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class AccountsError(Exception):
    """A user could not be created or changed."""


class WeakPassword(AccountsError):
    """A new password does not meet the minimum rules (at least MIN_PASSWORD_LENGTH characters)."""


class WrongPassword(AccountsError):
    """The current password given for a change does not match (the failure counts)."""


class AccountDeactivated(AccountsError):
    """The password matched, but an owner has deactivated the account."""


class AccountLocked(AccountsError):
    """Too many failed logins: no attempt is checked until `until`."""

    def __init__(self, until: datetime) -> None:
        super().__init__(f"locked until {until.isoformat()}")
        self.until = until


def normalise_email(email: str) -> str:
    return email.strip().lower()


def generate_password() -> str:
    """A strong random password (about 128 bits), readable enough to type once."""
    return secrets.token_urlsafe(16)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def get(*, session: Session, company_id: int, user_id: int) -> User | None:
    """A user of this company, or None."""
    user = session.get(User, user_id)
    return user if user is not None and user.company_id == company_id else None


def get_by_id(*, session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def get_by_email(*, session: Session, email: str) -> User | None:
    return session.scalars(select(User).where(User.email == normalise_email(email))).first()


def list_for_company(*, session: Session, company_id: int) -> Sequence[User]:
    return session.scalars(
        select(User).where(User.company_id == company_id).order_by(User.email)
    ).all()


def create_user(*, session: Session, company_id: int, email: str, role: str, password: str) -> User:
    """A new user of one company; the e-mail is unique across all companies."""
    address = normalise_email(email)
    if role not in ROLES:
        raise AccountsError(f"role must be one of {', '.join(ROLES)}")
    if "@" not in address or len(address) > 254:
        raise AccountsError("not an e-mail address")
    _require_strong(password)
    taken = session.scalar(select(func.count()).select_from(User).where(User.email == address))
    if taken:
        raise AccountsError(f"a user {address} exists already")
    user = User(
        company_id=company_id,
        email=address,
        role=role,
        password_hash=hash_password(password),
        failed_attempts=0,
    )
    session.add(user)
    session.flush()
    return user


def _require_strong(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(f"password needs at least {MIN_PASSWORD_LENGTH} characters")


def ensure_user(
    *, session: Session, company_id: int, email: str, role: str, password: str
) -> tuple[User, bool]:
    """The user with this e-mail, created when absent (idempotent); True when created."""
    existing = get_by_email(session=session, email=email)
    if existing is not None:
        return existing, False
    user = create_user(
        session=session, company_id=company_id, email=email, role=role, password=password
    )
    return user, True


def authenticate(
    *,
    session: Session,
    email: str,
    password: str,
    max_failures: int = 5,
    lockout: timedelta = timedelta(minutes=15),
    now: datetime | None = None,
) -> User | None:
    """The user when e-mail and password match; None otherwise; AccountLocked while locked.

    After `max_failures` failures in a row the account is locked for `lockout`; the
    password is not even checked while it is locked. Failures are flushed, so the caller
    must commit them even when it answers "wrong password".
    """
    moment = now or utcnow()
    user = get_by_email(session=session, email=email)
    if user is None:
        _fail_unknown(session, normalise_email(email), moment, max_failures, lockout)
        _verify(_DUMMY_HASH, password)  # the same work as for a real account
        return None
    if not _check_attempt(session, user, password, max_failures, lockout, moment):
        return None
    if not user.active:
        # Told only to someone who knows the password, so it reveals nothing new.
        raise AccountDeactivated(user.email)
    user.last_login_at = moment
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    session.flush()
    return user


def change_password(
    *,
    session: Session,
    user_id: int,
    current_password: str,
    new_password: str,
    max_failures: int = 5,
    lockout: timedelta = timedelta(minutes=15),
    now: datetime | None = None,
) -> User:
    """The user's own change: every session of the user ends; the user is returned with its
    new `session_version` (to start the one session that goes on).

    The current password is checked like a login: counted first, locked out after
    `max_failures` failures (AccountLocked), WrongPassword when it does not match (the
    failure is flushed, so the caller must commit it). WeakPassword when the new one is too
    weak (nothing is counted or changed then).
    """
    _require_strong(new_password)
    user = _get_or_raise(session, user_id)
    moment = now or utcnow()
    if not _check_attempt(session, user, current_password, max_failures, lockout, moment):
        raise WrongPassword("the current password is wrong")
    return _replace_password(session, user, new_password)


def set_password(*, session: Session, user_id: int, new_password: str) -> User:
    """An operator sets the password (no current one needed) and lifts a lock-out; every
    session of the user ends. WeakPassword when too weak, AccountsError for no such user."""
    _require_strong(new_password)
    return _replace_password(session, _get_or_raise(session, user_id), new_password)


def _get_or_raise(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise AccountsError(f"no user {user_id}")
    return user


def _replace_password(session: Session, user: User, new_password: str) -> User:
    user.password_hash = hash_password(new_password)
    user.failed_attempts = 0
    user.locked_until = None
    session.flush()
    end_all_sessions(session=session, user_id=user.id)
    session.refresh(user)  # the raised session_version
    return user


def _check_attempt(
    session: Session,
    user: User,
    password: str,
    max_failures: int,
    lockout: timedelta,
    moment: datetime,
) -> bool:
    """Whether the password is the user's; the attempt is counted before it is checked, and
    AccountLocked while locked or once a burst goes past `max_failures`. A match resets the
    counter; a miss is flushed (the caller must commit it)."""
    attempt = _reserve_attempt(session, user, moment)
    if attempt is None:
        raise AccountLocked(user.locked_until or moment + lockout)
    if attempt > max_failures:
        # A burst sent at once: attempts beyond the limit are refused unchecked.
        _lock(session, user, moment + lockout)
        raise AccountLocked(moment + lockout)
    if not _verify(user.password_hash, password):
        if attempt >= max_failures:
            _lock(session, user, moment + lockout)
        session.flush()
        return False
    user.failed_attempts = 0
    user.locked_until = None
    return True


def _reserve_attempt(session: Session, user: User, moment: datetime) -> int | None:
    """Count this attempt in the database before the password is checked, in one atomic
    UPDATE (the row stays locked until commit), so concurrent guesses cannot all read the
    same counter; None while the account is locked."""
    unlocked = or_(User.locked_until.is_(None), User.locked_until <= moment)
    counted = session.execute(
        update(User)
        .where(User.id == user.id, unlocked)
        .values(failed_attempts=User.failed_attempts + 1)
        .returning(User.failed_attempts)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    session.refresh(user)
    return counted


def _fail_unknown(
    session: Session, email: str, moment: datetime, max_failures: int, lockout: timedelta
) -> None:
    """Count a failed login for an e-mail without an account exactly like a real account's
    (AccountLocked after `max_failures`), so the answers do not tell the two apart."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(
        insert(LoginThrottle)
        .values(email=email[:254], failed_attempts=0)
        .on_conflict_do_nothing(index_elements=["email"])
    )
    unlocked = or_(LoginThrottle.locked_until.is_(None), LoginThrottle.locked_until <= moment)
    attempt = session.execute(
        update(LoginThrottle)
        .where(LoginThrottle.email == email[:254], unlocked)
        .values(failed_attempts=LoginThrottle.failed_attempts + 1)
        .returning(LoginThrottle.failed_attempts)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    if attempt is None:
        locked = session.get(LoginThrottle, email[:254])
        raise AccountLocked(locked.locked_until if locked and locked.locked_until else moment)
    if attempt >= max_failures:
        session.execute(
            update(LoginThrottle)
            .where(LoginThrottle.email == email[:254])
            .values(failed_attempts=0, locked_until=moment + lockout)
            .execution_options(synchronize_session=False)
        )
        session.flush()


def _lock(session: Session, user: User, until: datetime) -> None:
    user.locked_until = until
    user.failed_attempts = 0
    session.flush()


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def end_all_sessions(*, session: Session, user_id: int) -> None:
    """Every session of this user ends (logout, password change): their version is stale."""
    session.execute(
        update(User)
        .where(User.id == user_id)
        .values(session_version=User.session_version + 1)
        .execution_options(synchronize_session=False)
    )
