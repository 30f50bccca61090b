"""A customer for every call, live collection, finalisation (both backends)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.calls.commands import CallEventKind
from frontdesk.followup import service as followup_service
from frontdesk.identity import service as identity_service
from frontdesk.identity.models import Customer
from frontdesk.tenancy.models import Company
from tests.identity.helpers import born, company, customer, event

TURNS_NAME = [
    {"role": "agent", "content": "Praxis A, mein Name ist Lena. Mit wem spreche ich?"},
    {"role": "user", "content": "Hallo, hier ist Peter Hansen."},
    {"role": "agent", "content": "Danke, Herr Hansen. Wie kann ich helfen?"},
    {"role": "user", "content": "Ich hätte gern einen Termin."},
]
TURNS_NOTHING = [
    {"role": "agent", "content": "Praxis A, mein Name ist Lena. Mit wem spreche ich?"},
    {"role": "user", "content": "Ach, ich rufe später nochmal an."},
]


def _record(session: Session, customer_id: int | None) -> Customer:
    assert customer_id is not None
    found = session.get(Customer, customer_id)
    assert found is not None
    return found


def test_withheld_call_gets_a_provisional_customer(session: Session) -> None:
    company(session)
    call = event(session, "call_a")
    record = _record(session, call.customer_id)
    assert record.status == "provisional"
    assert record.label == "Anrufer vom 24.11.2026, 10:15"
    assert record.phone_e164 is None
    assert call.link_status == "unidentified"
    again = event(session, "call_a")
    assert again.customer_id == record.id


def test_provisional_customer_keeps_the_real_number_only(session: Session) -> None:
    company(session)
    call = event(session, "call_b", from_number="0171 2345678")
    assert _record(session, call.customer_id).phone_e164 == "+491712345678"


def test_known_number_links_at_once(session: Session) -> None:
    praxis = company(session)
    known = customer(session, praxis.id, "Anna", "Schreiber", phone_e164="+49301234567")
    call = event(session, "call_c", from_number="(030) 123 45 67")
    assert call.customer_id == known.id
    assert (call.link_status, call.link_method) == ("linked", "phone")
    assert call.link_confidence is not None and call.link_confidence >= 0.95


def test_shared_landline_is_not_linked_at_once(session: Session) -> None:
    praxis = company(session)
    a = customer(session, praxis.id, "Anna", "Schreiber", phone_e164="+49301234567")
    b = customer(session, praxis.id, "Paul", "Schreiber", phone_e164="+49301234567")
    call = event(session, "call_d", from_number="030/1234567")
    assert call.customer_id not in (a.id, b.id)
    assert call.link_status == "review"
    result = identity_service.save_name(
        session=session, company_id=praxis.id, call_id=call.id, name="Paul Schreiber"
    )
    assert result.customer_id == b.id and result.link_status == "linked"


def test_live_collection_links_and_folds(session: Session) -> None:
    praxis = company(session)
    known = customer(session, praxis.id, "Anna", "Schreiber", birth_date=born("1984-03-12"))
    customer(session, praxis.id, "Anna", "Schreiber", birth_date=born("1950-01-01"))
    call = event(session, "call_e")
    provisional = call.customer_id
    refused = identity_service.save_name(
        session=session, company_id=praxis.id, call_id=call.id, name="Guten Tag"
    )
    assert not refused.ok and refused.reason and refused.next_required_field == "name"
    named = identity_service.save_name(
        session=session, company_id=praxis.id, call_id=call.id, name="Frau Anna Schreiber"
    )
    assert named.ok and named.link_status == "review"  # two Anna Schreibers
    assert named.next_required_field == "birth_date"
    dated = identity_service.save_birth_date(
        session=session, company_id=praxis.id, call_id=call.id, birth_date="12. März 1984"
    )
    assert dated.link_status == "linked" and dated.customer_id == known.id
    assert call.link_method == "name_birthdate"
    folded = _record(session, provisional)
    assert (folded.status, folded.merged_into_id) == ("merged", known.id)
    assert dated.completeness > named.completeness


def test_contradicting_datum_undoes_a_live_fold(session: Session) -> None:
    praxis = company(session)
    known = customer(
        session,
        praxis.id,
        "Anna",
        "Schreiber",
        phone_e164="+49301234567",
        birth_date=born("1984-03-12"),
    )
    call = event(session, "call_f", from_number="+49301234567")
    assert call.customer_id == known.id
    identity_service.save_birth_date(
        session=session, company_id=praxis.id, call_id=call.id, birth_date="01.01.1990"
    )
    assert call.customer_id != known.id
    assert _record(session, call.customer_id).status == "provisional"


def test_email_and_phone_are_validated(session: Session) -> None:
    praxis = company(session)
    call = event(session, "call_g")
    bad = identity_service.save_email(
        session=session, company_id=praxis.id, call_id=call.id, email="weiß ich nicht"
    )
    assert bad.reason == "invalid_email"
    good = identity_service.save_email(
        session=session,
        company_id=praxis.id,
        call_id=call.id,
        email="max punkt müller at web punkt de",
    )
    assert good.ok and _record(session, call.customer_id).email == "max.mueller@web.de"
    phone = identity_service.save_phone(
        session=session, company_id=praxis.id, call_id=call.id, phone="0171 2345678"
    )
    assert phone.ok and _record(session, call.customer_id).phone_e164 == "+491712345678"


def test_final_name_without_match_promotes_a_new_customer(session: Session) -> None:
    company(session)
    event(session, "call_h")
    call = event(session, "call_h", kind=CallEventKind.ENDED, turns=TURNS_NAME)
    record = _record(session, call.customer_id)
    assert call.link_status == "new_customer"
    assert record.status == "active" and record.last_name == "Hansen"
    assert call.caller_name == "Peter Hansen"


def test_final_without_name_is_unidentified_with_one_review_item(session: Session) -> None:
    praxis = company(session)
    call = event(session, "call_i", kind=CallEventKind.ENDED, turns=TURNS_NOTHING)
    event(session, "call_i", kind=CallEventKind.ANALYZED, turns=TURNS_NOTHING)
    assert call.link_status == "unidentified" and call.customer_id is not None
    items = followup_service.open_items(session=session, company_id=praxis.id, call_id=call.id)
    assert [i.reason for i in items] == ["no_identifying_data"]


def test_final_ambiguous_name_opens_review_with_candidates(session: Session) -> None:
    praxis = company(session)
    customer(session, praxis.id, "Peter", "Hansen")
    customer(session, praxis.id, "Peter", "Hansen")
    call = event(session, "call_j", kind=CallEventKind.ENDED, turns=TURNS_NAME)
    assert call.link_status == "review"
    (item,) = followup_service.open_items(session=session, company_id=praxis.id, call_id=call.id)
    assert item.reason == "uncertain_link" and len(item.details["candidates"]) == 2


def test_later_datum_resolves_the_review(session: Session) -> None:
    praxis = company(session)
    target = customer(session, praxis.id, "Peter", "Hansen", birth_date=born("1970-05-05"))
    customer(session, praxis.id, "Peter", "Hansen", birth_date=born("1980-05-05"))
    call = event(session, "call_k", kind=CallEventKind.ENDED, turns=TURNS_NAME)
    assert call.link_status == "review"
    identity_service.save_birth_date(
        session=session, company_id=praxis.id, call_id=call.id, birth_date="05.05.1970"
    )
    assert (call.link_status, call.customer_id) == ("linked", target.id)
    assert followup_service.open_items(session=session, company_id=praxis.id) == []


def test_relink_picks_up_new_customers(session: Session) -> None:
    praxis = company(session)
    customer(session, praxis.id, "Peter", "Hansen")
    customer(session, praxis.id, "Peter", "Hansen")
    call = event(session, "call_l", kind=CallEventKind.ENDED, turns=TURNS_NAME)
    assert call.link_status == "review"
    counts = identity_service.relink(session=session)
    assert counts == {"review": 1}


def test_greeting_for_a_known_number(session: Session) -> None:
    from datetime import UTC, datetime

    from frontdesk.phones import caller_number

    praxis: Company = company(session)
    customer(session, praxis.id, "Anna", "Schreiber", salutation="Frau", phone_e164="+49301234567")
    variables = identity_service.greeting_variables(
        session=session,
        company=praxis,
        caller=caller_number("030 1234567"),
        now=datetime.now(UTC),
    )
    assert variables["caller_known"] == "true"
    assert variables["customer_name"] == "Frau Schreiber"
    assert variables["caller_id_withheld"] == "false"
    assert variables["next_appointment"] == ""  # nothing booked yet


def test_evidence_records_are_scoped(session: Session) -> None:
    company(session)
    company(session, "Praxis B")
    a = event(session, "call_m")
    b = event(session, "call_n", company_name="Praxis B")
    rows = session.scalars(select(Customer).order_by(Customer.id)).all()
    assert {r.company_id for r in rows} == {a.company_id, b.company_id}


def test_a_name_said_after_a_phone_link_survives_the_unfold(session: Session) -> None:
    """A household member on a known line: the phone folds the call into Laura's record, the
    caller says "Anna Braun", the fold is undone, and the name she said must stay (it was
    lost with the undo, so the agent kept asking for a name)."""
    praxis = company(session)
    laura = customer(session, praxis.id, "Laura", "Braun", phone_e164="+49301234567")
    call = event(session, "call_household", from_number="+49301234567")
    assert call.customer_id == laura.id
    named = identity_service.save_name(
        session=session, company_id=praxis.id, call_id=call.id, name="Anna Braun"
    )
    assert named.ok and call.customer_id != laura.id
    record = _record(session, call.customer_id)
    assert (record.first_name, record.last_name) == ("Anna", "Braun")
    assert named.next_required_field != "name"
    assert (laura.first_name, laura.phone_e164) == ("Laura", "+49301234567")


def test_a_surname_that_only_sounds_alike_is_not_linked_on_the_name_alone(
    session: Session,
) -> None:
    """Peter Schulz is not Peter Scholz just because the two sound alike: with nothing else
    that agrees a person decides; a birth date that agrees links."""
    praxis = company(session)
    scholz = customer(session, praxis.id, "Peter", "Scholz")
    call = event(session, "call_schulz")
    named = identity_service.save_name(
        session=session, company_id=praxis.id, call_id=call.id, name="Peter Schulz"
    )
    assert named.link_status != "linked" and call.customer_id != scholz.id
    dated = customer(session, praxis.id, "Maria", "Meyer", birth_date=born("1970-05-04"))
    other = event(session, "call_meier")
    identity_service.save_name(
        session=session, company_id=praxis.id, call_id=other.id, name="Maria Meier"
    )
    linked = identity_service.save_birth_date(
        session=session, company_id=praxis.id, call_id=other.id, birth_date="4. Mai 1970"
    )
    assert linked.link_status == "linked" and linked.customer_id == dated.id
