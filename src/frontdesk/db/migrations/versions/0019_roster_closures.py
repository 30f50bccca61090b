"""scheduling: date overrides, staff absences and external calendars change the roster version

The roster each process caches (scheduling.roster) now also holds a company's date overrides,
staff absences and which staff have an active external calendar. Their tables get the same
triggers as services and staff: any insert, update or delete gives the company a new random
`roster_version` in its transaction. A calendar's sync state (pulled windows, errors) changes
on every pull and is not cached, so only updates of its owner or `active` count.

Revision ID: 0019_roster_closures
Revises: 0018_roster_version
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0019_roster_closures"
down_revision: str | None = "0018_roster_version"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> the UPDATE that counts ("" = any)
_TABLES = {
    "date_overrides": "",
    "staff_absences": "",
    "staff_calendars": " OF company_id, staff_id, active",
}
_EVENTS = {"INSERT": ("NEW",), "UPDATE": ("NEW", "OLD"), "DELETE": ("OLD",)}

_SQLITE_TRIGGER = """
CREATE TRIGGER tr_{table}_roster_{name} AFTER {event} ON {table}
BEGIN
    UPDATE companies SET roster_version = lower(hex(randomblob(8)))
    WHERE id IN ({companies});
END
"""

# The function of 0018, with the tables that carry their company themselves named here.
_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION roster_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed integer[];
BEGIN
    IF TG_TABLE_NAME IN ({own}) THEN
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
_OWN_BEFORE = ("services", "staff")


def _pg_function(tables: Sequence[str]) -> str:
    return _PG_FUNCTION.replace("{own}", ", ".join(f"'{t}'" for t in tables))


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_pg_function([*_OWN_BEFORE, *_TABLES]))
        for table, columns in _TABLES.items():
            op.execute(
                f"CREATE TRIGGER tr_{table}_roster AFTER INSERT OR UPDATE{columns} OR DELETE "
                f"ON {table} FOR EACH ROW EXECUTE FUNCTION roster_changed()"
            )
    else:
        for table, columns in _TABLES.items():
            for name, rows in _EVENTS.items():
                event = f"{name}{columns}" if name == "UPDATE" else name
                companies = ", ".join(f"{row}.company_id" for row in rows)
                op.execute(
                    _SQLITE_TRIGGER.format(table=table, name=name, event=event, companies=companies)
                )
    # Every process re-reads its roster with the new parts.
    op.execute("UPDATE companies SET roster_version = roster_version || 'x'")


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for table in _TABLES:
        if postgres:
            op.execute(f"DROP TRIGGER IF EXISTS tr_{table}_roster ON {table}")
        else:
            for name in _EVENTS:
                op.execute(f"DROP TRIGGER IF EXISTS tr_{table}_roster_{name}")
    if postgres:
        op.execute(_pg_function(_OWN_BEFORE))
