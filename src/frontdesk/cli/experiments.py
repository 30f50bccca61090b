"""`frontdesk experiments`: prompt experiments and their honest report."""

from __future__ import annotations

import typer

experiments_app = typer.Typer(help="Prompt experiments (A/B tests).", no_args_is_help=True)
