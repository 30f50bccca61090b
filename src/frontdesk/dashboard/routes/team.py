"""Team: owners invite users, change roles, deactivate, unlock; invitees set their password."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from frontdesk.accounts import service as accounts_service
from frontdesk.accounts import team
from frontdesk.accounts.service import MIN_PASSWORD_LENGTH
from frontdesk.dashboard.deps import CurrentViewer, DbSession, StorableText, Viewer
from frontdesk.dashboard.errors import ActionRefused, DashboardError, NotFound
from frontdesk.dashboard.rendering import render, render_error
from frontdesk.dashboard.sessions import start_session
from frontdesk.db.core import utcnow

T = TypeVar("T")
router = APIRouter()
PAGE = "/app/team"


class OwnersOnly(DashboardError):
    status_code = 403
    message = "Nur Inhaberinnen und Inhaber der Praxis können das Team verwalten."


def _owner(viewer: Viewer) -> Viewer:
    if viewer.role != team.OWNER:
        raise OwnersOnly()
    return viewer


def _page(
    request: Request,
    session: DbSession,
    viewer: Viewer,
    *,
    notice: str | None = None,
    error: str | None = None,
    invite_link: str | None = None,
    status_code: int = 200,
) -> Response:
    users = accounts_service.list_for_company(session=session, company_id=viewer.company_id)
    context = {
        "users": users,
        "invited": team.pending_invitations(session=session, company_id=viewer.company_id),
        "now": utcnow(),
        "notice": notice,
        "error": error,
        "invite_link": invite_link,
    }
    return render(request, "team.html", context, status_code=status_code)


def _link(request: Request, token: str) -> str:
    return str(request.base_url).rstrip("/") + f"/app/invite/{token}"


DONE = {
    "role": "Die Rolle wurde geändert.",
    "deactivated": "Das Konto ist deaktiviert; alle seine Sitzungen sind beendet.",
    "reactivated": "Das Konto ist wieder aktiv.",
    "unlocked": "Die Sperre ist aufgehoben.",
}


@router.get("/team")
def team_page(
    request: Request, session: DbSession, viewer: CurrentViewer, done: str | None = None
) -> Response:
    return _page(request, session, _owner(viewer), notice=DONE.get(done or ""))


@router.post("/team/invite")
def invite(
    request: Request,
    session: DbSession,
    viewer: CurrentViewer,
    email: Annotated[StorableText, Form(max_length=254)],
    role: Annotated[str, Form(max_length=10)] = "staff",
) -> Response:
    owner = _owner(viewer)
    try:
        user, token = team.invite(
            session=session,
            company_id=owner.company_id,
            email=email,
            role=role,
            invited_by=owner.user_id,
        )
    except accounts_service.AccountsError:
        # The same answer whether the address is malformed or taken by any practice: an
        # owner must not learn which e-mails have accounts elsewhere.
        message = "Diese E-Mail-Adresse kann nicht eingeladen werden."
        return _page(request, session, owner, error=message, status_code=400)
    notice = f"{user.email} ist eingeladen. Geben Sie den Link weiter; er gilt 7 Tage."
    return _page(request, session, owner, notice=notice, invite_link=_link(request, token))


@router.post("/team/{user_id}/reinvite")
def reinvite(request: Request, session: DbSession, viewer: CurrentViewer, user_id: int) -> Response:
    owner = _owner(viewer)
    user, token = _refusing(
        lambda: team.reinvite(
            session=session, company_id=owner.company_id, user_id=user_id, invited_by=owner.user_id
        )
    )
    notice = f"Neuer Einladungslink für {user.email}; ältere Links gelten nicht mehr."
    return _page(request, session, owner, notice=notice, invite_link=_link(request, token))


@router.post("/team/{user_id}/role")
def change_role(
    session: DbSession,
    viewer: CurrentViewer,
    user_id: int,
    role: Annotated[str, Form(max_length=10)],
) -> Response:
    owner = _owner(viewer)
    _refusing(
        lambda: team.set_role(
            session=session, company_id=owner.company_id, user_id=user_id, role=role
        )
    )
    return RedirectResponse(f"{PAGE}?done=role", status_code=303)


@router.post("/team/{user_id}/deactivate")
def deactivate(session: DbSession, viewer: CurrentViewer, user_id: int) -> Response:
    owner = _owner(viewer)
    _refusing(
        lambda: team.deactivate(
            session=session, company_id=owner.company_id, user_id=user_id, by_user_id=owner.user_id
        )
    )
    return RedirectResponse(f"{PAGE}?done=deactivated", status_code=303)


@router.post("/team/{user_id}/reactivate")
def reactivate(session: DbSession, viewer: CurrentViewer, user_id: int) -> Response:
    owner = _owner(viewer)
    _refusing(
        lambda: team.reactivate(session=session, company_id=owner.company_id, user_id=user_id)
    )
    return RedirectResponse(f"{PAGE}?done=reactivated", status_code=303)


@router.post("/team/{user_id}/unlock")
def unlock(session: DbSession, viewer: CurrentViewer, user_id: int) -> Response:
    owner = _owner(viewer)
    _refusing(lambda: team.unlock(session=session, company_id=owner.company_id, user_id=user_id))
    return RedirectResponse(f"{PAGE}?done=unlocked", status_code=303)


def _refusing(action: Callable[[], T]) -> T:
    """Run a team change; the domain's refusals become German answers."""
    try:
        return action()
    except team.NoSuchUser as exc:
        raise NotFound() from exc
    except team.LastOwner as exc:
        raise ActionRefused(
            "Die Praxis braucht mindestens eine aktive Inhaberin oder einen aktiven Inhaber."
        ) from exc
    except team.OwnAccount as exc:
        raise ActionRefused("Das eigene Konto kann man nicht deaktivieren.") from exc
    except accounts_service.AccountsError as exc:
        raise ActionRefused("Diese Änderung ist nicht möglich.") from exc


@router.get("/invite/{token}")
def invitation_page(request: Request, session: DbSession, token: str) -> Response:
    try:
        user = team.invitation_user(session=session, token=token)
    except team.InvitationInvalid:
        return _invalid_invitation(request)
    context = {
        "email": user.email,
        "token": token,
        "error": None,
        "min_length": MIN_PASSWORD_LENGTH,
    }
    return render(request, "invite.html", context)


@router.post("/invite/{token}")
def accept_invitation(
    request: Request,
    session: DbSession,
    token: str,
    new_password: Annotated[str, Form(max_length=1024)],
    new_password_repeat: Annotated[str, Form(max_length=1024)],
) -> Response:
    try:
        user = team.invitation_user(session=session, token=token)
    except team.InvitationInvalid:
        return _invalid_invitation(request)
    error = None
    if new_password != new_password_repeat:
        error = "Die beiden Passwörter stimmen nicht überein."
    elif len(new_password) < MIN_PASSWORD_LENGTH:
        error = f"Das Passwort braucht mindestens {MIN_PASSWORD_LENGTH} Zeichen."
    if error is not None:
        context = {
            "email": user.email,
            "token": token,
            "error": error,
            "min_length": MIN_PASSWORD_LENGTH,
        }
        return render(request, "invite.html", context, status_code=400)
    user = team.accept_invitation(session=session, token=token, new_password=new_password)
    start_session(request, user.id, user.session_version)
    return RedirectResponse("/app", status_code=303)


def _invalid_invitation(request: Request) -> Response:
    message = (
        "Dieser Einladungslink ist ungültig, abgelaufen oder wurde schon benutzt. "
        "Bitten Sie die Praxis um einen neuen Link."
    )
    return render_error(request, message, 404)
