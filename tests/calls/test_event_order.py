"""Any permutation of a call's events, with duplicates, yields the ordered stream's row."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from frontdesk.calls import service as call_service
from frontdesk.calls.models import Call
from frontdesk.conversations import call_events
from frontdesk.db.core import Database
from frontdesk.tenancy import service as tenancy_service
from frontdesk.voice.retell import events
from frontdesk.voice.retell.payloads import call_event, phone_call
from frontdesk.voice.retell.schemas import CallEventPayload

CALL_ID = "call_0123456789abcdef0123456789"
NUMBER = "+4930120045670"
T0 = 1_764_000_000_000


def _stream() -> list[bytes]:
    base = {"call_id": CALL_ID, "from_number": "+49 171 2345678", "to_number": NUMBER}
    turns = [
        {"role": "agent", "content": "Praxis Sonnenschein, mit wem spreche ich?"},
        {"role": "user", "content": "Hier ist Schreiber."},
        {"role": "agent", "content": "Danke, Frau Schreiber."},
    ]
    flat = "".join(f"{t['role'].title()}: {t['content']}\n" for t in turns)
    payloads = [
        call_event("call_started", phone_call(**base, start_timestamp=T0)),
        call_event(
            "transcript_updated",
            phone_call(
                **base,
                start_timestamp=T0,
                transcript_object=turns[:2],
                transcript=flat.splitlines()[0] + "\n",
            ),
        ),
        call_event(
            "transcript_updated",
            phone_call(**base, start_timestamp=T0, transcript_object=turns, transcript=flat),
        ),
        call_event(
            "call_ended",
            phone_call(
                **base,
                start_timestamp=T0,
                end_timestamp=T0 + 42_000,
                duration_ms=42_000,
                disconnection_reason="user_hangup",
                transcript_object=turns,
                transcript=flat,
            ),
        ),
        call_event(
            "call_ended",
            phone_call(
                **base,
                start_timestamp=T0,
                end_timestamp=T0 + 42_000,
                duration_ms=42_000,
                disconnection_reason="user_hangup",
                transcript_object=turns,
                transcript=flat,
                recording_url="https://example.invalid/rec.wav",
            ),
        ),
        call_event(
            "call_analyzed",
            phone_call(
                **base,
                start_timestamp=T0,
                end_timestamp=T0 + 42_000,
                duration_ms=42_000,
                disconnection_reason="user_hangup",
                transcript_object=turns,
                transcript=flat,
                call_analysis={
                    "call_summary": "Termin",
                    "custom_analysis_data": {"caller_full_name": "Schreiber"},
                },
            ),
        ),
    ]
    return [json.dumps(p, ensure_ascii=False).encode() for p in payloads]


STREAM = _stream()


def _play(database: Database, bodies: list[bytes]) -> dict[str, object]:
    with database.unit_of_work() as session:
        session.execute(delete(Call))
    for body in bodies:
        with database.unit_of_work() as session:
            payload = CallEventPayload.model_validate_json(body)
            command = events.to_command(payload, body)
            assert command is not None
            call_events.handle_call_event(session=session, command=command)
    with database.sessions() as session:
        call = call_service.get_by_provider_id(session=session, provider_call_id=CALL_ID)
        assert call is not None
        row = call_service.final_row(call)
    for volatile in ("customer_id",):
        row.pop(volatile, None)
    return row


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    order=st.permutations(range(len(STREAM))),
    dupes=st.lists(st.integers(0, len(STREAM) - 1), max_size=4),
)
def test_any_order_with_duplicates_gives_the_ordered_row(
    database: Database, order: list[int], dupes: list[int]
) -> None:
    with database.unit_of_work() as session:
        if tenancy_service.get_by_name(session=session, name="Praxis") is None:
            company = tenancy_service.create(session=session, name="Praxis")
            tenancy_service.add_number(session=session, company_id=company.id, number=NUMBER)
    expected = _play(database, STREAM)
    shuffled = [STREAM[i] for i in order] + [STREAM[i] for i in dupes]
    assert _play(database, shuffled) == expected
    assert expected["status"] == "analyzed"
    assert expected["recording_url"] == "https://example.invalid/rec.wav"
    assert expected["from_number_e164"] == "+491712345678"
