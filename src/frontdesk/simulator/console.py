"""What `frontdesk simulate` and `frontdesk demo` show: a progress bar and the summary."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from frontdesk.simulator import demo
from frontdesk.simulator.plan import CallPlan
from frontdesk.simulator.player import Outcome
from frontdesk.simulator.run import RunResult


def play_with_progress(
    sim: demo.Simulation, planned: list[CallPlan], console: Console, *, show: bool = True
) -> RunResult:
    if not show:
        return demo.play(sim, planned)
    columns = (
        TextColumn("[bold]calls"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[rate]}"),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("calls", total=len(planned), rate="")

        def advance(_outcome: Outcome) -> None:
            done = progress.tasks[task].completed + 1
            elapsed = progress.tasks[task].elapsed or 0.0
            rate = f"{done / elapsed:.1f} calls/s" if elapsed > 0 else ""
            progress.update(task, advance=1, rate=rate)

        return demo.play(sim, planned, on_done=advance)


def summary_table(summary: dict[str, Any]) -> Table:
    table = Table("figure", "value", title="simulation")
    for key in (
        "calls",
        "not_played",
        "seconds",
        "calls_per_second",
        "events_sent",
        "function_calls",
        "http_errors",
        "withheld_calls",
        "bookings",
        "difference_count",
    ):
        value = summary.get(key)
        table.add_row(key, "–" if value is None else str(value))
    latency = summary.get("function_latency_ms") or {}
    table.add_row("function latency p50 / p99", f"{latency.get('p50')} / {latency.get('p99')} ms")
    intents = summary.get("intents") or {}
    table.add_row("intents", ", ".join(f"{k} {v}" for k, v in intents.items()))
    return table


def latency_table(summary: dict[str, Any]) -> Table:
    table = Table("endpoint", "count", "p50 ms", "p99 ms", title="client-side latency")
    for label, row in (summary.get("latency_ms") or {}).items():
        table.add_row(label, f"{row['count']:.0f}", f"{row['p50_ms']:.1f}", f"{row['p99_ms']:.1f}")
    return table


def print_summary(
    console: Console, summary: dict[str, Any], figures: dict[str, Any], limit: int | None = None
) -> None:
    """The run's figures and its differences (all of them unless `limit`, as in the demo)."""
    console.print(summary_table(summary))
    console.print(latency_table(summary))
    if figures:
        console.print(
            "ground truth: "
            + ", ".join(f"{k}={v}" for k, v in figures.items() if not isinstance(v, dict))
        )
        statuses = figures.get("link_status") or {}
        console.print("link status: " + ", ".join(f"{k} {v}" for k, v in statuses.items()))
    differences = summary.get("differences") or []
    if differences:
        console.print(f"[yellow]{len(differences)} differences from the ground truth:[/yellow]")
        for line in differences[:limit]:
            console.print(f"  {line}", markup=False, highlight=False)
        if limit is not None and len(differences) > limit:
            console.print(
                f"  ... and {len(differences) - limit} more (`frontdesk simulate` lists all)"
            )
    elif summary.get("differences") is not None:
        console.print("[green]no differences from the ground truth[/green]")
