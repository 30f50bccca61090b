"""The SMS conversation on a call's page, a customer's page and a review item, in German."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import httpx
import pytest

from frontdesk.db.core import Database
from frontdesk.followup import service as followup_service
from tests.dashboard.seed import LONG_REPLY, Seeded, SmsSeeded, seed_sms

CONFIRMATION = "Ihr Termin am Montag um 10:00 ist gebucht."
REMINDER = "Erinnerung: morgen 10:00 Beratung."


@pytest.fixture
def sms(database: Database, practices: tuple[Seeded, Seeded]) -> SmsSeeded:
    with database.unit_of_work() as session:
        return seed_sms(session, practices[0])


def _bubble(html: str, message_id: int) -> str:
    """The list item of one message."""
    start = html.rindex("<li", 0, html.index(f'id="message-{message_id}"'))
    return html[start : html.index("</li>", start)]


def test_call_page_shows_the_calls_sms_in_order(
    practices: tuple[Seeded, Seeded], sms: SmsSeeded, login_as: Callable[[str], httpx.Client]
) -> None:
    a, _ = practices
    page = login_as(a.owner_email).get(f"/app/calls/{a.call_id}").text
    assert "SMS-Verlauf" in page
    sent = _bubble(page, sms.confirmation_id)
    assert "Gesendet" in sent and "Terminbestätigung" in sent and "Mo 07.12., 13:15" in sent
    assert CONFIRMATION in sent and "zugestellt" in sent and f"an {sms.number}" in sent
    received = _bubble(page, sms.confirmed_id)
    assert "Empfangen" in received and "Mo 07.12., 13:19" in received
    assert "Termin bestätigt" in received and f"von {sms.number}" in received
    assert page.index(f'id="message-{sms.confirmation_id}"') > page.index(
        f'id="message-{sms.confirmed_id}"'
    )  # newest first
    # Not the call's: the unclear reply and the reminder (only the number or customer link them).
    assert f'id="message-{sms.unclear_id}"' not in page and REMINDER not in page
    plain = login_as(a.staff_email).get(f"/app/calls/{a.plain_call_id}").text
    assert "Keine SMS." in plain and CONFIRMATION not in plain


def test_customer_page_shows_messages_by_customer_or_number(
    practices: tuple[Seeded, Seeded], sms: SmsSeeded, login_as: Callable[[str], httpx.Client]
) -> None:
    a, _ = practices
    client = login_as(a.owner_email)
    page = client.get(f"/app/customers/{a.meyer_id}").text
    ids = [sms.confirmation_id, sms.confirmed_id, sms.unclear_id, sms.failed_id]
    positions = [page.index(f'id="message-{i}"') for i in ids]
    assert positions == sorted(positions, reverse=True)  # newest first
    assert "zugestellt" in _bubble(page, sms.confirmation_id)  # by number only
    unclear = _bubble(page, sms.unclear_id)
    assert escape(LONG_REPLY, quote=False) in unclear and "an Team weitergeleitet" in unclear
    failed = _bubble(page, sms.failed_id)
    assert "Erinnerung" in failed and "Di 08.12., 13:15" in failed
    assert "fehlgeschlagen" in failed and "Fehler 30003" in failed and 'class="tag bad"' in failed
    other = client.get(f"/app/customers/{a.other_id}").text
    assert "Keine SMS." in other and 'id="message-' not in other


def test_review_item_shows_its_message_within_the_conversation(
    database: Database,
    practices: tuple[Seeded, Seeded],
    sms: SmsSeeded,
    login_as: Callable[[str], httpx.Client],
) -> None:
    a, _ = practices
    with database.unit_of_work() as session:
        for reason in ("merge_proposal", "job_failed"):
            followup_service.open_item(session=session, company_id=a.company_id, reason=reason)
    client = login_as(a.owner_email)
    queue = client.get("/app/review").text
    for label in (
        "SMS-Antwort unklar",
        "SMS nicht zugestellt",
        "Zusammenführung vorgeschlagen",
        "Hintergrundaufgabe fehlgeschlagen",
    ):
        assert label in queue
    reply = client.get(f"/app/review/{sms.reply_item_id}").text
    assert 'data-kind="sms_reply">SMS-Antwort unklar</strong>' in reply  # under the name
    focused = _bubble(reply, sms.unclear_id)
    assert 'class="sms-msg inbound focus"' in focused and "betrifft diesen Eintrag" in focused
    assert "Mo 07.12., 13:45" in focused
    for other_id in (sms.confirmation_id, sms.confirmed_id, sms.failed_id):
        assert "focus" not in _bubble(reply, other_id)  # the rest of the conversation
    failed = client.get(f"/app/review/{sms.failed_item_id}").text
    assert 'data-kind="sms_failed">SMS nicht zugestellt</strong>' in failed
    assert "focus" in _bubble(failed, sms.failed_id) and "nicht gesendet" not in failed
    assert 'id="message-' not in client.get(f"/app/review/{a.review_item_id}").text
