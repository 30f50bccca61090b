"""`frontdesk users`: dashboard users."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from frontdesk.cli.common import DEMO_COMPANY, company_or_fail, console, database, fail

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from frontdesk.accounts.models import User

users_app = typer.Typer(help="Dashboard users (each belongs to one company).", no_args_is_help=True)

DEMO_OWNER_EMAIL = "inhaber@praxis-sonnenschein.de"
DEMO_OWNER_PASSWORD = "Sonnenschein-Demo-2026"


def _password(from_stdin: bool) -> tuple[str, bool]:
    """The password read from standard input, or a strong generated one (and whether it was)."""
    from frontdesk.accounts import service as accounts_service

    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n"), False
    return accounts_service.generate_password(), True


@users_app.command("create")
def users_create(
    company: Annotated[str, typer.Option("--company", help="The company's name.")],
    email: Annotated[str, typer.Option("--email", help="Login e-mail (unique).")],
    role: Annotated[str, typer.Option("--role", help="owner or staff.")] = "staff",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Create a dashboard user; without --password-stdin a strong password is printed once."""
    from frontdesk.accounts import service as accounts_service

    password, generated = _password(password_stdin)
    with database().unit_of_work() as session:
        target = company_or_fail(session, company)
        try:
            user = accounts_service.create_user(
                session=session, company_id=target.id, email=email, role=role, password=password
            )
        except accounts_service.AccountsError as exc:
            fail(str(exc))
            return
        console.print(f"user {user.email} ({user.role}) of {target.name!r} created")
    if generated:
        typer.echo(f"password (shown once): {password}")


@users_app.command("set-password")
def users_set_password(
    email: Annotated[str, typer.Argument(help="The user's login e-mail.")],
    company: Annotated[str, typer.Option("--company", help="The company's name.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Set a user's password and end every session of the user; without --password-stdin a
    strong password is printed once."""
    from frontdesk.accounts import service as accounts_service

    password, generated = _password(password_stdin)
    with database().unit_of_work() as session:
        target = company_or_fail(session, company)
        user = _member_or_fail(session, email, target.id, target.name)
        try:
            accounts_service.set_password(session=session, user_id=user.id, new_password=password)
        except accounts_service.AccountsError as exc:
            fail(str(exc))
            return
        console.print(f"password of {user.email} of {target.name!r} set; every session ended")
    if generated:
        typer.echo(f"password (shown once): {password}")


@users_app.command("reset-password")
def users_reset_password(
    email: Annotated[str, typer.Argument(help="The user's login e-mail.")],
    company: Annotated[str, typer.Option("--company", help="The company's name.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Reset a forgotten password: a strong new one is printed once (or read with
    --password-stdin), any lock-out is lifted and every session of the user ends."""
    users_set_password(email, company, password_stdin)


@users_app.command("unlock")
def users_unlock(
    email: Annotated[str, typer.Argument(help="The user's login e-mail.")],
    company: Annotated[str, typer.Option("--company", help="The company's name.")],
) -> None:
    """Lift a lock-out after failed logins; the password stays as it is."""
    from frontdesk.accounts import service as accounts_service
    from frontdesk.accounts import team

    with database().unit_of_work() as session:
        target = company_or_fail(session, company)
        user = _member_or_fail(session, email, target.id, target.name)
        team.unlock(session=session, company_id=target.id, user_id=user.id)
        console.print(f"{accounts_service.normalise_email(email)} of {target.name!r} unlocked")


@users_app.command("list")
def users_list(
    company: Annotated[str, typer.Option("--company", help="The company's name.")],
) -> None:
    """The company's users: e-mail, role, whether active, locked or invited."""
    from frontdesk.accounts import service as accounts_service
    from frontdesk.accounts import team
    from frontdesk.db.core import utcnow

    with database().unit_of_work() as session:
        target = company_or_fail(session, company)
        invited = team.pending_invitations(session=session, company_id=target.id)
        now = utcnow()
        for user in accounts_service.list_for_company(session=session, company_id=target.id):
            states = [
                "active" if user.active else "deactivated",
                *(["locked"] if user.locked_until and user.locked_until > now else []),
                *(["invited"] if user.id in invited else []),
            ]
            typer.echo(f"{user.email}\t{user.role}\t{','.join(states)}")


def _member_or_fail(session: Session, email: str, company_id: int, company_name: str) -> User:
    from frontdesk.accounts import service as accounts_service

    user = accounts_service.get_by_email(session=session, email=email)
    if user is None or user.company_id != company_id:
        fail(f"no user {accounts_service.normalise_email(email)!r} of {company_name!r}")
        raise typer.Exit(1)
    return user


@users_app.command("ensure-demo")
def users_ensure_demo() -> None:
    """Create the demo practice's owner with the fixed demo credentials (idempotent)."""
    from frontdesk.accounts import service as accounts_service
    from frontdesk.tenancy import service as tenancy_service

    with database().unit_of_work() as session:
        company = tenancy_service.get_by_name(session=session, name=DEMO_COMPANY)
        if company is None:
            fail(f"no company {DEMO_COMPANY!r}: run `frontdesk demo` first")
            return
        _user, created = accounts_service.ensure_user(
            session=session,
            company_id=company.id,
            email=DEMO_OWNER_EMAIL,
            role="owner",
            password=DEMO_OWNER_PASSWORD,
        )
    state = "created" if created else "exists"
    typer.echo(f"demo owner {DEMO_OWNER_EMAIL} ({state}); password {DEMO_OWNER_PASSWORD}")
