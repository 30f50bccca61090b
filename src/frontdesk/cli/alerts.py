"""`frontdesk alerts`: rules over the practice's figures, checked and delivered."""

from __future__ import annotations

import typer

alerts_app = typer.Typer(help="Alerts: check the rules, deliver what fires.", no_args_is_help=True)
