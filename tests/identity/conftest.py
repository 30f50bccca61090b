"""Identity tests train weights; company ids are reused across tests on one database, so the
per-process weights cache is emptied after each test (in production ids are never reused)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from frontdesk.identity import weights


@pytest.fixture(autouse=True)
def _fresh_weights_cache() -> Iterator[None]:
    yield
    weights.clear_cache()
