"""`frontdesk names`: caller names."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from frontdesk.cli.common import console, print_json

names_app = typer.Typer(help="Caller names.", no_args_is_help=True)


@names_app.command("extract")
def names_extract(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="JSONL of calls.")],
    explain: Annotated[
        bool, typer.Option("--explain", help="Add each decision's candidates and evidence.")
    ] = False,
) -> None:
    """Caller and patient names from finished calls, one JSON object per input line."""
    from frontdesk.names.batch import extract_file

    for row in extract_file(file, explain=explain):
        print_json(row)


@names_app.command("lexicon")
def names_lexicon(
    build: Annotated[
        bool, typer.Option("--build", help="Compile the table from the installed packages.")
    ] = False,
) -> None:
    """The lexical knowledge behind names: where it lives, its size and load time."""
    from frontdesk.names import knowledge

    if build:
        started = time.perf_counter()
        path = knowledge.build()
        console.print(f"compiled {path} in {time.perf_counter() - started:.1f} s")
    table = knowledge.load()
    print_json({"entries": len(table), **table.meta})
