"""indexes the metrics scrape reads instead of whole tables

call_events(provider, event_type, status) and function_invocations(company_id, name) are the
keys /metrics and the experiment metrics group by: with these indexes a scrape during live
calls no longer scans both tables (which grow with every request).

Revision ID: 0014_live_path_indexes
Revises: 0015_user_management
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014_live_path_indexes"
down_revision: str | None = "0015_user_management"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_call_events_provider_type_status",
        "call_events",
        ["provider", "event_type", "status"],
    )
    op.create_index(
        "ix_function_invocations_company_name",
        "function_invocations",
        ["company_id", "name"],
    )


def downgrade() -> None:
    op.drop_index("ix_function_invocations_company_name", table_name="function_invocations")
    op.drop_index("ix_call_events_provider_type_status", table_name="call_events")
