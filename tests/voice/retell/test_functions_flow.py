"""Every live function over signed HTTP against the demo practice (both backends)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from frontdesk.calls.models import Call, CallEvent, FunctionInvocation
from frontdesk.db.core import Database
from frontdesk.scheduling import practice
from frontdesk.scheduling.models import Appointment
from frontdesk.voice.retell.payloads import phone_call
from tests.voice.retell.helpers import DEMO_NUMBER, post_signed

PRACTICE = Path(__file__).resolve().parents[3] / "examples" / "praxis-sonnenschein.yaml"


@pytest.fixture
def demo(database: Database) -> Database:
    with database.unit_of_work() as session:
        practice.load_file(session=session, path=PRACTICE)
    return database


def call_obj(call_id: str, from_number: str = "anonymous") -> dict[str, object]:
    return phone_call(
        call_id=call_id,
        from_number=from_number,
        to_number=DEMO_NUMBER,
        start_timestamp=int(time.time() * 1000),
    )


def fn(client: httpx.Client, call_id: str, function: str, /, **args: object) -> dict[str, object]:
    response = post_signed(
        client,
        f"/retell/functions/{function}",
        {"name": function, "call": call_obj(call_id), "args": args},
    )
    assert response.status_code == 200, response.text
    reply: dict[str, object] = response.json()
    assert isinstance(reply.get("say") or reply.get("ask"), str)
    return reply


def cid(n: int) -> str:
    return f"call_{n:028d}"


def test_name_collection_re_asks_then_lets_go(client: httpx.Client, demo: Database) -> None:
    first = fn(client, cid(1), "save_caller_data", name="guten Tag")
    assert first["saved"] is False and "guten Tag" in str(first["ask"])
    assert first["next_required_field"] == "name"
    second = fn(client, cid(1), "save_caller_data", name="acht Uhr")
    assert second["continue_without_name"] is True
    with demo.sessions() as session:
        call = session.scalars(select(Call)).one()
        assert call.needs_followup is True and call.customer_id is not None


@pytest.mark.parametrize("said", ["Scheiße", "Ibuprofen", "Herrje", "Mahlzeit"])
def test_curse_drug_or_exclamation_is_refused_with_a_re_ask(
    client: httpx.Client, demo: Database, said: str
) -> None:
    reply = fn(client, cid(7), "save_caller_data", name=said)
    assert reply["saved"] is False and reply["next_required_field"] == "name"
    assert said in str(reply["ask"]) and "Wie ist Ihr Name?" in str(reply["ask"])
    with demo.unit_of_work() as session:
        call = session.scalars(select(Call).where(Call.provider_call_id == cid(7))).one()
        assert call.caller_name is None


def test_valid_name_is_saved_at_once_and_asks_next(client: httpx.Client, demo: Database) -> None:
    reply = fn(client, cid(2), "save_caller_data", name="Petra Schreiber")
    assert reply["saved"] is True
    assert reply["next_required_field"] == "birth_date"
    assert "Geburtsdatum" in str(reply["ask"])
    reply = fn(
        client, cid(2), "save_caller_data", geburtsdatum="12. März 1984", telefon="0171 2345678"
    )
    assert reply["saved"] is True and reply["next_required_field"] is None
    with demo.sessions() as session:
        call = session.scalars(select(Call)).one()
        assert call.caller_name == "Petra Schreiber"


def test_offer_book_repeat_list_move_cancel(client: httpx.Client, demo: Database) -> None:
    call = cid(3)
    fn(client, call, "save_caller_data", name="Jonas Weber")
    offer = fn(
        client,
        call,
        "check_availability",
        dienstleistung="PZR",
        datum="nächste Woche Dienstag",
        uhrzeit="vormittags",
    )
    slots = offer["slots"]
    assert isinstance(slots, list) and 1 <= len(slots) <= 3
    assert "Dienstag" in str(offer["ask"])
    slot_id = slots[0]["slot_id"]
    booked = fn(client, call, "book_appointment", slot_id=slot_id)
    assert booked["booked"] is True
    again = fn(client, call, "book_appointment", slot_id=slot_id)
    assert again["appointment_id"] == booked["appointment_id"]
    with demo.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Appointment)) == 1
        repeats = session.scalars(
            select(FunctionInvocation.repeats).where(FunctionInvocation.name == "book_appointment")
        ).one()
        assert repeats == 1
    listed = fn(client, call, "list_appointments")
    assert [a["appointment_id"] for a in listed["appointments"]] == [booked["appointment_id"]]
    moved = fn(
        client,
        call,
        "reschedule_appointment",
        datum="übernächste Woche Donnerstag",
        uhrzeit="15 Uhr",
    )
    assert moved["moved"] is True, moved
    cancelled = fn(client, call, "cancel_appointment", appointment_id=moved["appointment_id"])
    assert cancelled["cancelled"] is True
    assert fn(client, call, "list_appointments")["appointments"] == []


def test_booking_by_words_and_for_someone_else(client: httpx.Client, demo: Database) -> None:
    reply = fn(
        client,
        cid(4),
        "book_appointment",
        service="Beratung",
        date="nächste Woche Mittwoch",
        time="um zehn",
        for_name="Gertrud Hoffmann",
    )
    assert reply["booked"] is True
    assert "Gertrud Hoffmann" in str(reply["say"]) and "Mittwoch" in str(reply["say"])
    with demo.sessions() as session:
        appointment = session.scalars(select(Appointment)).one()
        assert appointment.booked_for_name == "Gertrud Hoffmann"
        assert appointment.status == "pending_confirmation"  # nobody identified yet


def test_guessed_days_are_asked_back(client: httpx.Client, demo: Database) -> None:
    reply = fn(client, cid(5), "check_availability", service="Beratung", date="30. Februar")
    assert "ask" in reply and reply["slots"] == []
    reply = fn(client, cid(5), "book_appointment", service="Beratung", date="nächste Woche")
    assert "ask" in reply and "booked" not in reply


def test_unknown_service_lists_what_there_is(client: httpx.Client, demo: Database) -> None:
    reply = fn(client, cid(6), "check_availability", service="Tattoo")
    assert "Zahnreinigung" in str(reply["ask"])


def test_identify_caller_and_context(client: httpx.Client, demo: Database) -> None:
    reply = fn(client, cid(7), "identify_caller")
    assert reply["known"] is False and reply["next_required_field"] == "name"
    context = fn(client, cid(7), "get_context")
    assert context["company"] == "Praxis Sonnenschein"
    assert "Zahnreinigung" in context["services"]
    assert context["opening_hours"][0].startswith("Montag 8 bis ")
    assert not any(h.startswith(("Samstag", "Sonntag")) for h in context["opening_hours"])
    assert "Geöffnet: Montag" in str(context["say"])


def test_two_callers_race_for_one_slot(
    client: httpx.Client, demo: Database, live_server: object
) -> None:
    offer = fn(
        client,
        cid(8),
        "check_availability",
        service="Kontrolle",
        date="übernächste Woche Montag",
        time="9 Uhr",
    )
    slot_id = offer["slots"][0]["slot_id"]
    results: list[dict[str, object]] = []

    def book(n: int) -> None:
        with httpx.Client(base_url=str(client.base_url), timeout=20) as own:
            results.append(fn(own, cid(n), "book_appointment", slot_id=slot_id))

    threads = [threading.Thread(target=book, args=(n,)) for n in range(8, 14)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(1 for r in results if r.get("booked") is True) == 1
    losers = [r for r in results if r.get("booked") is False]
    assert len(losers) == 5 and all(r.get("slots") for r in losers)
    with demo.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Appointment)) == 1


def test_known_caller_is_greeted_with_next_appointment(
    client: httpx.Client, demo: Database
) -> None:
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from frontdesk.identity import records
    from frontdesk.scheduling import booking
    from frontdesk.scheduling import service as scheduling_service
    from frontdesk.scheduling.dates import parse_wish
    from frontdesk.tenancy import service as tenancy_service
    from frontdesk.voice.retell.payloads import inbound_event

    with demo.unit_of_work() as session:
        company = tenancy_service.get_by_name_or_raise(session=session, name="Praxis Sonnenschein")
        customer = records.create_customer(
            session,
            company_id=company.id,
            first_name="Petra",
            last_name="Schreiber",
            salutation="Frau",
            phone_e164="+491712345678",
            status="active",
        )
        now = datetime.now(UTC)
        wish = parse_wish(
            "übernächste Woche Mittwoch um 10 Uhr", now.astimezone(ZoneInfo("Europe/Berlin"))
        )
        offer = scheduling_service.check_availability(
            session=session, company_id=company.id, service="Kontrolle", wish=wish, hold=False
        )
        assert offer.exact
        booking.book(
            session=session,
            company_id=company.id,
            customer_id=customer.id,
            slot_id=offer.slots[0].slot_id,
        )
    response = post_signed(
        client,
        "/retell/inbound",
        inbound_event(from_number="0171 2345678", to_number=DEMO_NUMBER, call_id=cid(21)),
    )
    variables = response.json()["call_inbound"]["dynamic_variables"]
    assert variables["caller_known"] == "true"
    assert variables["customer_name"] == "Frau Schreiber"
    assert "Mittwoch" in variables["next_appointment"] and "10 Uhr" in variables["next_appointment"]
    withheld = post_signed(
        client,
        "/retell/inbound",
        inbound_event(from_number="anonymous", to_number=DEMO_NUMBER, call_id=cid(22)),
    )
    hidden = withheld.json()["call_inbound"]["dynamic_variables"]
    assert hidden["caller_id_withheld"] == "true" and hidden["caller_known"] == "false"


def test_a_body_naming_another_function_is_refused_and_kept(
    client: httpx.Client, demo: Database
) -> None:
    """Retell signs the body, not the path: a body signed for request_callback replayed at
    /functions/cancel_appointment must not run, and the request is still stored raw."""
    booked = fn(client, cid(8), "save_caller_data", name="Jonas Weber")
    assert booked["saved"] is True
    response = post_signed(
        client,
        "/retell/functions/cancel_appointment",
        {"name": "request_callback", "call": call_obj(cid(8)), "args": {"reason": "Rückruf"}},
    )
    assert response.status_code == 400
    assert response.json()["error"] == "function_mismatch"
    with demo.unit_of_work() as session:
        rejected = session.scalars(select(CallEvent).where(CallEvent.status == "rejected")).all()
        assert len(rejected) == 1 and "request_callback" in (rejected[0].error or "")
        names = session.scalars(select(FunctionInvocation.name)).all()
        assert "cancel_appointment" not in names and "request_callback" not in names
    # The flat body shape uses "name" for the caller's name: that is no function name.
    flat = post_signed(
        client, f"/retell/functions/save_caller_data?call_id={cid(8)}", {"name": "Jonas Weber"}
    )
    assert flat.status_code == 200


@pytest.mark.parametrize("slot_id", ["slot_1", "abc", "s999-999-202601010900"])
def test_a_made_up_slot_id_asks_to_check_availability(
    client: httpx.Client, demo: Database, slot_id: str
) -> None:
    fn(client, cid(9), "save_caller_data", name="Jonas Weber")
    reply = fn(client, cid(9), "book_appointment", slot_id=slot_id)
    assert reply["error"] == "unknown_slot"
    assert "check_availability" in str(reply["ask"]) and "technisch" not in str(reply["ask"])


def test_a_cancellation_reads_the_appointment_once(client: httpx.Client, demo: Database) -> None:
    """The caller's upcoming appointments are read to pick one; cancelling it uses that row
    (the session holds rows weakly: without a reference kept it was read a second time)."""
    from sqlalchemy import event

    call = cid(8)
    booked = fn(
        client,
        call,
        "book_appointment",
        service="Beratung",
        date="nächste Woche Mittwoch",
        time="um zehn",
    )
    assert booked["booked"] is True
    reads: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        if statement.lstrip().startswith("SELECT") and "FROM appointments" in statement:
            reads.append(statement)

    event.listen(demo.engine, "before_cursor_execute", record)
    try:
        cancelled = fn(client, call, "cancel_appointment", appointment_id=booked["appointment_id"])
    finally:
        event.remove(demo.engine, "before_cursor_execute", record)
    assert cancelled["cancelled"] is True
    assert len(reads) == 1, reads
    with demo.sessions() as session:
        assert session.scalars(select(Appointment.status)).one() == "cancelled"
