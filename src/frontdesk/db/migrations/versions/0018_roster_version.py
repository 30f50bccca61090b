"""scheduling: a company's roster version, new on every change of its services and staff

Each process caches a company's services and staff (with hours and offered services) by this
random token (scheduling.roster). Triggers give the company a new token in the transaction
that inserts, updates or deletes a row of services, staff, working_hours or staff_services,
whatever writes it, so no process can miss a change.

Revision ID: 0018_roster_version
Revises: 0017_review_items_customer
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018_roster_version"
down_revision: str | None = "0017_review_items_customer"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> how a row names its company (the row is NEW or OLD)
_COMPANY_OF = {
    "services": "{row}.company_id",
    "staff": "{row}.company_id",
    "working_hours": "(SELECT company_id FROM staff WHERE id = {row}.staff_id)",
    "staff_services": "(SELECT company_id FROM staff WHERE id = {row}.staff_id)",
}
_EVENTS = {"INSERT": ("NEW",), "UPDATE": ("NEW", "OLD"), "DELETE": ("OLD",)}

_SQLITE_TRIGGER = """
CREATE TRIGGER tr_{table}_roster_{event} AFTER {event} ON {table}
BEGIN
    UPDATE companies SET roster_version = lower(hex(randomblob(8)))
    WHERE id IN ({companies});
END
"""

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION roster_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed integer[];
BEGIN
    IF TG_TABLE_NAME IN ('services', 'staff') THEN
        IF TG_OP <> 'DELETE' THEN changed := changed || NEW.company_id; END IF;
        IF TG_OP <> 'INSERT' THEN changed := changed || OLD.company_id; END IF;
    ELSE
        IF TG_OP <> 'DELETE' THEN
            changed := changed || (SELECT company_id FROM staff WHERE id = NEW.staff_id);
        END IF;
        IF TG_OP <> 'INSERT' THEN
            changed := changed || (SELECT company_id FROM staff WHERE id = OLD.staff_id);
        END IF;
    END IF;
    UPDATE companies SET roster_version = substr(md5(random()::text), 1, 16)
    WHERE id = ANY (changed);
    RETURN NULL;
END
$$
"""


def upgrade() -> None:
    with op.batch_alter_table("companies") as batch:
        batch.add_column(sa.Column("roster_version", sa.String(length=32), nullable=True))
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute("UPDATE companies SET roster_version = substr(md5(random()::text), 1, 16)")
        op.execute(_PG_FUNCTION)
        for table in _COMPANY_OF:
            op.execute(
                f"CREATE TRIGGER tr_{table}_roster AFTER INSERT OR UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION roster_changed()"
            )
        return
    op.execute("UPDATE companies SET roster_version = lower(hex(randomblob(8)))")
    for table, company in _COMPANY_OF.items():
        for event, rows in _EVENTS.items():
            companies = ", ".join(company.format(row=row) for row in rows)
            op.execute(_SQLITE_TRIGGER.format(table=table, event=event, companies=companies))


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for table in _COMPANY_OF:
        if postgres:
            op.execute(f"DROP TRIGGER IF EXISTS tr_{table}_roster ON {table}")
        else:
            for event in _EVENTS:
                op.execute(f"DROP TRIGGER IF EXISTS tr_{table}_roster_{event}")
    if postgres:
        op.execute("DROP FUNCTION IF EXISTS roster_changed()")
    with op.batch_alter_table("companies") as batch:
        batch.drop_column("roster_version")
