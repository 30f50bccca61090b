"""`frontdesk cluster`: app processes behind haproxy, workers, migrations, all supervised."""

from __future__ import annotations

import signal
import threading
from typing import Annotated

import typer

from frontdesk.cli.common import console, fail
from frontdesk.settings import get_settings


def cluster(
    app: Annotated[int, typer.Option("--app", min=1, help="App processes (uvicorn).")] = 2,
    workers: Annotated[int, typer.Option(min=0, help="Worker processes.")] = 2,
    port: Annotated[int | None, typer.Option(help="haproxy's port (default: settings').")] = None,
    host: Annotated[str | None, typer.Option(help="Interface to bind.")] = None,
    database_url: Annotated[
        str | None, typer.Option(help="PostgreSQL URL (default: FRONTDESK_DATABASE_URL).")
    ] = None,
    redis_url: Annotated[
        str | None, typer.Option(help="Redis URL for the queue (default: FRONTDESK_REDIS_URL).")
    ] = None,
    balance: Annotated[
        str, typer.Option(help="haproxy's balance algorithm: roundrobin or leastconn.")
    ] = "roundrobin",
) -> None:
    """Serve with several app processes behind haproxy, and workers, on PostgreSQL and Redis.

    Runs migrations once, restarts any process that dies, stops everything on Ctrl-C.
    """
    from frontdesk.cluster.supervisor import Cluster, ClusterRefused, ClusterSpec

    if balance not in ("roundrobin", "leastconn"):
        fail("--balance is roundrobin or leastconn")
    settings = get_settings()
    spec = ClusterSpec(
        apps=app,
        workers=workers,
        database_url=database_url or settings.database_url,
        redis_url=settings.redis_url if redis_url is None else redis_url,
        port=settings.port if port is None else port,
        host=host or settings.host,
        balance="leastconn" if balance == "leastconn" else "roundrobin",
    )
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    try:
        running = Cluster(spec, on_event=lambda text: console.print(f"[dim]cluster:[/dim] {text}"))
        running.start()
    except ClusterRefused as exc:
        fail(str(exc))
        return
    except TimeoutError as exc:
        fail(str(exc))
        return
    console.print(f"frontdesk at {running.url}: {', '.join(running.app_urls)} behind haproxy")
    running.run_until_stopped(stop)
