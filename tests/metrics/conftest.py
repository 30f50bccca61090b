"""An app with a metrics token, served over loopback like a deployed process."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from frontdesk.db.core import Database
from frontdesk.settings import Settings
from frontdesk.simulator.local import serve_locally

TOKEN = "metrics-token-0123456789"
# (metric family, sample name, sorted label pairs) -> value
Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


@pytest.fixture
def metrics_settings(settings: Settings) -> Settings:
    # The orphan sweep stays off: these tests own every row they count.
    return settings.model_copy(update={"metrics_token": TOKEN, "orphan_sweep_seconds": 0})


@pytest.fixture
def metrics_url(metrics_settings: Settings, database: Database) -> Iterator[str]:
    with serve_locally(metrics_settings, database) as url:
        yield url


def scrape(url: str, token: str = TOKEN) -> httpx.Response:
    return httpx.get(f"{url}/metrics", headers={"Authorization": f"Bearer {token}"}, timeout=10)


def samples(text: str) -> Samples:
    """Every sample of the exposition, keyed by sample name and labels."""
    out: Samples = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            out[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return out


def value(found: Samples, name: str, **labels: str) -> float:
    return found[(name, tuple(sorted(labels.items())))]


def named(found: Samples, prefix: str) -> Samples:
    return {key: v for key, v in found.items() if key[0].startswith(prefix)}
