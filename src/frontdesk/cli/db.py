"""`frontdesk db`: the database schema."""

from __future__ import annotations

from typing import Annotated

import typer

from frontdesk.cli.common import console
from frontdesk.settings import get_settings

db_app = typer.Typer(help="Database schema.", no_args_is_help=True)


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument()] = "heads") -> None:
    """Apply database migrations."""
    from frontdesk.db.migrate import upgrade

    url = get_settings().database_url
    upgrade(url, revision)
    console.print(f"database at {url.split('@')[-1]} is at revision {revision}")
