"""`frontdesk worker` and `frontdesk jobs`: the background work and how it went."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from frontdesk.cli.common import console, database, fail, print_json

jobs_app = typer.Typer(help="Background jobs: what ran, what failed.", no_args_is_help=True)


def worker(
    burst: Annotated[
        bool, typer.Option("--burst", help="Run every due job, then exit (scripts, tests).")
    ] = False,
    threads: Annotated[
        int | None, typer.Option(help="Worker threads (default from settings).")
    ] = None,
) -> None:
    """Run background jobs: SMS, reminders, post-call enrichment (SqliteHuey or RedisHuey)."""
    from frontdesk.settings import get_settings
    from frontdesk.worker import worker_queue

    settings = get_settings()
    queue = worker_queue(settings, database())
    if burst:
        counts = queue.burst()
        console.print(" ".join(f"{k}={v}" for k, v in sorted(counts.items())) or "nothing due")
        return
    queue.consume(workers=threads or settings.worker_threads)


@jobs_app.command("list")
def jobs_list(
    failed: Annotated[bool, typer.Option("--failed", help="Only jobs that gave up.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array.")] = False,
    limit: Annotated[int, typer.Option(help="How many, newest first.")] = 100,
) -> None:
    """Jobs, newest first: kind, status, attempts, and what each did or why it gave up."""
    from frontdesk.jobs import service as job_service

    with database().sessions() as session:
        rows = [
            job_service.job_as_dict(j)
            for j in job_service.list_jobs(session=session, failed_only=failed, limit=limit)
        ]
    if as_json:
        print_json(rows)
        return
    table = Table("id", "kind", "status", "attempts", "run_at", "result / error")
    for row in rows:
        outcome = row["last_error"] if row["status"] == "failed" else row["result"]
        table.add_row(
            str(row["id"]),
            row["kind"],
            row["status"],
            f"{row['attempts']}/{row['max_attempts']}",
            row["run_at"][:19],
            json.dumps(outcome, ensure_ascii=False)[:80] if outcome else "",
        )
    console.print(table)


@jobs_app.command("retry")
def jobs_retry(job_id: Annotated[int, typer.Argument(help="The job's id (jobs list).")]) -> None:
    """Give a failed job a fresh set of attempts; the worker runs it next."""
    from frontdesk.jobs import service as job_service

    with database().unit_of_work() as session:
        job = job_service.retry(session=session, job_id=job_id)
        if job is None:
            fail(f"no job {job_id}")
            return
        status = job.status
    console.print(f"job {job_id}: {status}")
