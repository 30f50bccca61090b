"""What the app prepares before it serves its first request."""

from __future__ import annotations

from fastapi.testclient import TestClient

from frontdesk.app import create_app
from frontdesk.db.core import Database
from frontdesk.names.knowledge import knowledge
from frontdesk.settings import Settings


def test_the_name_lexicon_is_loaded_before_the_first_request(
    settings: Settings, migrated_database: Database
) -> None:
    """Loading it takes 0.3-0.4 s: inside a caller's first save_caller_data that is a pause on
    the phone; at start-up nobody waits for it."""
    knowledge.cache_clear()
    with TestClient(create_app(settings, migrated_database)):
        assert knowledge.cache_info().currsize == 1
        loads = knowledge.cache_info().misses
    assert loads == 1
