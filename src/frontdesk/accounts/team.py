"""A practice's team: owners invite users, change their roles, deactivate and unlock them.

Every function is scoped by the company: a user of another company is "no such user". A
practice always keeps one active owner, so nobody can lock the practice out of its own
dashboard by accident.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from frontdesk.accounts.models import User, UserInvitation
from frontdesk.accounts.service import (
    ROLES,
    AccountsError,
    create_user,
    end_all_sessions,
    set_password,
)
from frontdesk.db.core import utcnow

OWNER = "owner"
INVITATION_LIFETIME = timedelta(days=7)


class NoSuchUser(AccountsError):
    """Absent, or another company's (never told apart)."""


class LastOwner(AccountsError):
    """The change would leave the practice without an active owner."""


class OwnAccount(AccountsError):
    """Nobody deactivates their own account (they would lock themselves out)."""


class InvitationInvalid(AccountsError):
    """Unknown, used or expired invitation link."""


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _member(session: Session, company_id: int, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None or user.company_id != company_id:
        raise NoSuchUser(f"no user {user_id}")
    return user


def _active_owners(session: Session, company_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(User)
            .where(User.company_id == company_id, User.role == OWNER, User.deactivated_at.is_(None))
        )
        or 0
    )


def _keep_an_owner(session: Session, user: User) -> None:
    """Refuse when `user` is the company's last active owner (it is about to stop being one)."""
    if user.role == OWNER and user.active and _active_owners(session, user.company_id) <= 1:
        raise LastOwner("the practice needs at least one active owner")


def invite(
    *,
    session: Session,
    company_id: int,
    email: str,
    role: str,
    invited_by: int | None,
    now: datetime | None = None,
) -> tuple[User, str]:
    """A new user who cannot log in until the invitation link is used; returns the user and
    the link's token (shown once: only its hash is stored)."""
    # An unguessable password nobody knows: the account opens only through the link.
    user = create_user(
        session=session,
        company_id=company_id,
        email=email,
        role=role,
        password=secrets.token_urlsafe(32),
    )
    return user, _new_invitation(session, user, invited_by, now or utcnow())


def reinvite(
    *, session: Session, company_id: int, user_id: int, invited_by: int | None
) -> tuple[User, str]:
    """A fresh link for a user whose invitation expired or got lost (older links stop)."""
    user = _member(session, company_id, user_id)
    _retire_invitations(session, user.id, utcnow())
    return user, _new_invitation(session, user, invited_by, utcnow())


def _new_invitation(session: Session, user: User, invited_by: int | None, now: datetime) -> str:
    token = secrets.token_urlsafe(32)
    session.add(
        UserInvitation(
            company_id=user.company_id,
            user_id=user.id,
            token_hash=_token_hash(token),
            invited_by=invited_by,
            expires_at=now + INVITATION_LIFETIME,
        )
    )
    session.flush()
    return token


def _retire_invitations(session: Session, user_id: int, now: datetime) -> None:
    session.execute(
        update(UserInvitation)
        .where(UserInvitation.user_id == user_id, UserInvitation.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )


def invitation_user(*, session: Session, token: str, now: datetime | None = None) -> User:
    """The invited user of a valid link; InvitationInvalid otherwise."""
    invitation = session.scalars(
        select(UserInvitation).where(UserInvitation.token_hash == _token_hash(token))
    ).first()
    moment = now or utcnow()
    if invitation is None or invitation.used_at is not None or invitation.expires_at <= moment:
        raise InvitationInvalid("the invitation link is unknown, used or expired")
    user = session.get(User, invitation.user_id)
    if user is None or not user.active:
        raise InvitationInvalid("the invited account no longer exists")
    return user


def accept_invitation(
    *, session: Session, token: str, new_password: str, now: datetime | None = None
) -> User:
    """Set the invitee's password through the link, once (WeakPassword leaves it usable)."""
    moment = now or utcnow()
    user = invitation_user(session=session, token=token, now=moment)
    user = set_password(session=session, user_id=user.id, new_password=new_password)
    _retire_invitations(session, user.id, moment)
    return user


def pending_invitations(*, session: Session, company_id: int) -> set[int]:
    """Ids of the company's users who have a valid, unused invitation."""
    rows = session.scalars(
        select(UserInvitation.user_id).where(
            UserInvitation.company_id == company_id,
            UserInvitation.used_at.is_(None),
            UserInvitation.expires_at > utcnow(),
        )
    )
    return set(rows)


def set_role(*, session: Session, company_id: int, user_id: int, role: str) -> User:
    if role not in ROLES:
        raise AccountsError(f"role must be one of {', '.join(ROLES)}")
    user = _member(session, company_id, user_id)
    if role != OWNER:
        _keep_an_owner(session, user)
    user.role = role
    # The viewer's role is read per request, so open sessions see the new role at once.
    session.flush()
    return user


def deactivate(*, session: Session, company_id: int, user_id: int, by_user_id: int) -> User:
    """The user can no longer log in and every session of the user ends."""
    user = _member(session, company_id, user_id)
    if user.id == by_user_id:
        raise OwnAccount("nobody deactivates their own account")
    _keep_an_owner(session, user)
    user.deactivated_at = utcnow()
    _retire_invitations(session, user.id, utcnow())
    session.flush()
    end_all_sessions(session=session, user_id=user.id)
    return user


def reactivate(*, session: Session, company_id: int, user_id: int) -> User:
    user = _member(session, company_id, user_id)
    user.deactivated_at = None
    session.flush()
    return user


def unlock(*, session: Session, company_id: int, user_id: int) -> User:
    """Lift a lock-out after failed logins (the password stays as it is)."""
    user = _member(session, company_id, user_id)
    user.failed_attempts = 0
    user.locked_until = None
    session.flush()
    return user
