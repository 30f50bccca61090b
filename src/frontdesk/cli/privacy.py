"""`frontdesk privacy`: a person's data exported or erased (GDPR)."""

from __future__ import annotations

import typer

privacy_app = typer.Typer(
    help="Data protection: export or erase a person's data.", no_args_is_help=True
)
