"""`frontdesk dates`: German date and time understanding."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from frontdesk.cli.common import print_json

dates_app = typer.Typer(help="German date and time understanding.", no_args_is_help=True)


@dates_app.command("parse")
def dates_parse(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="JSONL of phrases.")],
) -> None:
    """Date and time wishes, one JSON object per input line (with time_from/time_to)."""
    from frontdesk.scheduling.dates_batch import parse_file

    for row in parse_file(file, all_fields=True):
        print_json(row)
