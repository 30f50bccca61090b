"""A customer of another company is never a candidate nor linked, whatever the data."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from frontdesk.db.core import Database
from frontdesk.identity import candidates
from frontdesk.identity.linking import evidence_from, match
from frontdesk.identity.models import Customer, CustomerSurname
from frontdesk.tenancy import service as tenancy_service
from tests.identity.helpers import company, customer

first_names = st.sampled_from(["Anna", "Jan", "Jana", "Peter", "Ayşe", "Łukasz"])
surnames = st.sampled_from(["Schreiber", "Müller", "Mueller", "Meier", "Maier", "Yılmaz"])
phones = st.none() | st.sampled_from(["+49301234567", "+491712345678"])
emails = st.none() | st.sampled_from(["anna@web.de", "x@gmx.de"])
dates = st.none() | st.dates(min_value=date(1950, 1, 1), max_value=date(1952, 1, 1))
person = st.tuples(first_names, surnames, phones, emails, dates)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    other=st.lists(person, min_size=1, max_size=4),
    own=st.lists(person, max_size=2),
    said=person,
    with_phone=st.booleans(),
)
def test_other_companies_customers_are_never_candidates(
    database: Database,
    other: list[tuple[object, ...]],
    own: list[tuple[object, ...]],
    said: tuple[object, ...],
    with_phone: bool,
) -> None:
    with database.unit_of_work() as session:
        session.execute(delete(CustomerSurname))
        session.execute(delete(Customer))
        a = tenancy_service.get_by_name(session=session, name="Praxis A") or company(session)
        b = tenancy_service.get_by_name(session=session, name="Praxis B") or company(
            session, "Praxis B"
        )
        foreign = set()
        for first, last, phone, email, born in other:
            row = customer(
                session, b.id, str(first), str(last), phone_e164=phone, email=email, birth_date=born
            )
            foreign.add(row.id)
        for first, last, phone, email, born in own:
            customer(
                session, a.id, str(first), str(last), phone_e164=phone, email=email, birth_date=born
            )
        first, last, phone, email, born = said
        evidence = evidence_from(
            name=f"{first} {last}",
            email=email and str(email),
            phone=str(phone) if with_phone and phone else None,
            birth_date=born if isinstance(born, date) else None,
        )
        found = candidates.find(session=session, company_id=a.id, evidence=evidence)
        assert not {r.customer_id for r in found.records} & foreign
        decision = match(session=session, company=a, evidence=evidence)
        assert decision.customer_id not in foreign
        assert all(s.candidate.customer_id not in foreign for s in decision.scored)
