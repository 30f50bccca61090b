"""Setups a cluster refuses before it starts anything (CLI and Python API), and the URL it fixes."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from frontdesk import cli
from frontdesk.cluster.supervisor import Cluster, ClusterRefused, ClusterSpec

PG = "postgresql+psycopg://frontdesk@127.0.0.1:5432/frontdesk"
REDIS = "redis://127.0.0.1:6379/0"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli.app, ["cluster", *args])
    return result.exit_code, " ".join(result.output.split())


def test_sqlite_with_two_apps_is_refused_naming_the_setting_and_postgresql() -> None:
    code, output = _run("--app", "2", "--workers", "1", "--database-url", "sqlite:///var/x.db")
    assert code == 1
    assert "FRONTDESK_DATABASE_URL" in output
    assert "PostgreSQL" in output


def test_sqlite_with_two_workers_is_refused() -> None:
    with pytest.raises(ClusterRefused, match="FRONTDESK_DATABASE_URL"):
        Cluster(ClusterSpec(apps=1, workers=2, database_url="sqlite:///x.db", redis_url=REDIS))


def test_several_processes_without_redis_are_refused_naming_the_setting() -> None:
    code, output = _run("--app", "2", "--database-url", PG, "--redis-url", "")
    assert code == 1
    assert "FRONTDESK_REDIS_URL" in output


def test_in_memory_sqlite_is_refused() -> None:
    with pytest.raises(ClusterRefused, match="in-memory"):
        Cluster(ClusterSpec(apps=1, workers=0, database_url="sqlite://", redis_url=""))


def test_the_embedded_setup_is_allowed() -> None:
    # One app and one worker on SQLite is what `make run` runs: constructing refuses nothing.
    Cluster(ClusterSpec(apps=1, workers=1, database_url="sqlite:///var/x.db", redis_url=""))
    Cluster(ClusterSpec(apps=4, workers=2, database_url=PG, redis_url=REDIS))


def test_a_postgresql_url_without_driver_gets_psycopg() -> None:
    # SQLAlchemy's default driver for postgresql:// is psycopg2, which is not installed.
    cluster = Cluster(
        ClusterSpec(apps=2, workers=1, database_url="postgresql://u@h:5432/db", redis_url=REDIS)
    )
    assert cluster.spec.database_url == "postgresql+psycopg://u@h:5432/db"
    kept = Cluster(ClusterSpec(apps=2, workers=1, database_url=PG, redis_url=REDIS))
    assert kept.spec.database_url == PG
