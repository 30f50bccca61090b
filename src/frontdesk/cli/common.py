"""What several command groups share: consoles, the database, JSON output, failing, the demo
practice's name and number."""

from __future__ import annotations

import json
import sys
from typing import Any

import typer
from rich.console import Console

from frontdesk.db.core import Database
from frontdesk.settings import get_settings

console = Console()
err_console = Console(stderr=True)

DEMO_COMPANY = "Praxis Sonnenschein"
DEMO_NUMBER = "+4930120045670"


def database() -> Database:
    return Database(get_settings().database_url)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")


def fail(message: str, code: int = 1) -> None:
    err_console.print(f"[red]error:[/red] {message}")
    raise typer.Exit(code)


def company_or_fail(session: Any, name: str) -> Any:
    """The company named `name`, or exit 1 saying there is none."""
    from frontdesk.tenancy import service as tenancy_service

    company = tenancy_service.get_by_name(session=session, name=name)
    if company is None:
        fail(f"no company named {name!r}")
    return company
