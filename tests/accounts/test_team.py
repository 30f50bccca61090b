"""A practice's team: invitations, roles, deactivation and unlocking, scoped by company."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from frontdesk.accounts import service, team
from frontdesk.accounts.models import User
from frontdesk.db.core import utcnow
from frontdesk.tenancy.models import Company

PASSWORD = "ein-gutes-passwort-1"


def _company(session: Session, name: str) -> int:
    company = Company(name=name, timezone="Europe/Berlin", region="DE")
    session.add(company)
    session.flush()
    return company.id


def _user(session: Session, company_id: int, email: str, role: str = "staff") -> User:
    return service.create_user(
        session=session, company_id=company_id, email=email, role=role, password=PASSWORD
    )


@pytest.fixture
def ours(session: Session) -> tuple[int, User]:
    company_id = _company(session, "Praxis Eins")
    return company_id, _user(session, company_id, "chefin@eins.test", "owner")


def test_an_invited_user_logs_in_only_after_setting_a_password_through_the_link(
    session: Session, ours: tuple[int, User]
) -> None:
    company_id, owner = ours
    user, token = team.invite(
        session=session,
        company_id=company_id,
        email="neu@eins.test",
        role="staff",
        invited_by=owner.id,
    )
    assert user.id in team.pending_invitations(session=session, company_id=company_id)
    assert team.invitation_user(session=session, token=token).id == user.id
    with pytest.raises(service.WeakPassword):
        team.accept_invitation(session=session, token=token, new_password="kurz")
    team.accept_invitation(session=session, token=token, new_password="mein-neues-passwort")
    assert service.authenticate(
        session=session, email="neu@eins.test", password="mein-neues-passwort"
    )
    with pytest.raises(team.InvitationInvalid):  # once only
        team.accept_invitation(session=session, token=token, new_password="noch-ein-passwort")
    assert user.id not in team.pending_invitations(session=session, company_id=company_id)


def test_an_expired_or_unknown_link_opens_nothing_and_a_reinvite_retires_the_old_one(
    session: Session, ours: tuple[int, User]
) -> None:
    company_id, owner = ours
    later = utcnow() + team.INVITATION_LIFETIME + timedelta(minutes=1)
    user, token = team.invite(
        session=session,
        company_id=company_id,
        email="neu@eins.test",
        role="staff",
        invited_by=owner.id,
    )
    with pytest.raises(team.InvitationInvalid):
        team.invitation_user(session=session, token=token, now=later)
    with pytest.raises(team.InvitationInvalid):
        team.invitation_user(session=session, token=token + "x")
    _, fresh = team.reinvite(
        session=session, company_id=company_id, user_id=user.id, invited_by=owner.id
    )
    with pytest.raises(team.InvitationInvalid):
        team.invitation_user(session=session, token=token)
    assert team.invitation_user(session=session, token=fresh).id == user.id


def test_the_practice_always_keeps_an_active_owner(
    session: Session, ours: tuple[int, User]
) -> None:
    company_id, owner = ours
    staff = _user(session, company_id, "empfang@eins.test")
    with pytest.raises(team.LastOwner):
        team.set_role(session=session, company_id=company_id, user_id=owner.id, role="staff")
    with pytest.raises(team.OwnAccount):
        team.deactivate(
            session=session, company_id=company_id, user_id=owner.id, by_user_id=owner.id
        )
    team.set_role(session=session, company_id=company_id, user_id=staff.id, role="owner")
    team.deactivate(session=session, company_id=company_id, user_id=owner.id, by_user_id=staff.id)
    with pytest.raises(team.LastOwner):
        team.set_role(session=session, company_id=company_id, user_id=staff.id, role="staff")
    with pytest.raises(service.AccountsError):
        team.set_role(session=session, company_id=company_id, user_id=staff.id, role="admin")


def test_a_deactivated_user_cannot_log_in_and_loses_every_session(
    session: Session, ours: tuple[int, User]
) -> None:
    company_id, owner = ours
    staff = _user(session, company_id, "empfang@eins.test")
    before = staff.session_version
    team.deactivate(session=session, company_id=company_id, user_id=staff.id, by_user_id=owner.id)
    session.refresh(staff)
    assert staff.session_version > before and not staff.active
    with pytest.raises(service.AccountDeactivated):
        service.authenticate(session=session, email=staff.email, password=PASSWORD)
    # A wrong password answers as for anyone: deactivation is told only to the password's owner.
    assert (
        service.authenticate(session=session, email=staff.email, password="falsch-123456") is None
    )
    team.reactivate(session=session, company_id=company_id, user_id=staff.id)
    assert service.authenticate(session=session, email=staff.email, password=PASSWORD)


def test_unlock_lifts_a_lock_out_and_keeps_the_password(
    session: Session, ours: tuple[int, User]
) -> None:
    company_id, _ = ours
    staff = _user(session, company_id, "empfang@eins.test")
    for _ in range(5):
        service.authenticate(session=session, email=staff.email, password="falsch-123456")
    with pytest.raises(service.AccountLocked):
        service.authenticate(session=session, email=staff.email, password=PASSWORD)
    team.unlock(session=session, company_id=company_id, user_id=staff.id)
    assert service.authenticate(session=session, email=staff.email, password=PASSWORD)


def test_no_team_change_reaches_another_practice(session: Session, ours: tuple[int, User]) -> None:
    company_id, _ = ours
    theirs = _company(session, "Praxis Zwei")
    stranger = _user(session, theirs, "empfang@zwei.test", "owner")
    other_owner = _user(session, theirs, "chef@zwei.test", "owner")
    for change in (
        lambda: team.set_role(
            session=session, company_id=company_id, user_id=stranger.id, role="staff"
        ),
        lambda: team.deactivate(
            session=session, company_id=company_id, user_id=stranger.id, by_user_id=other_owner.id
        ),
        lambda: team.reactivate(session=session, company_id=company_id, user_id=stranger.id),
        lambda: team.unlock(session=session, company_id=company_id, user_id=stranger.id),
        lambda: team.reinvite(
            session=session, company_id=company_id, user_id=stranger.id, invited_by=None
        ),
    ):
        with pytest.raises(team.NoSuchUser):
            change()
    session.refresh(stranger)
    assert stranger.role == "owner" and stranger.active
    assert team.pending_invitations(session=session, company_id=company_id) == set()


def test_unknown_and_known_e_mails_cost_the_same_password_work(
    session: Session, ours: tuple[int, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answer's timing must not tell whether an account exists: both paths verify one
    Argon2 hash (the dominant cost); bench/login_timing.py measures the times themselves."""
    verified: list[str] = []
    real = service._verify

    def counting(password_hash: str, password: str) -> bool:
        verified.append(password_hash[:9])
        return real(password_hash, password)

    monkeypatch.setattr(service, "_verify", counting)
    service.authenticate(session=session, email="chefin@eins.test", password="falsch-123456")
    service.authenticate(session=session, email="niemand@eins.test", password="falsch-123456")
    assert verified == ["$argon2id", "$argon2id"]
