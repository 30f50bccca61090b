"""followup: review items get a due time and a resolution note (the Prüfliste workflow)

Revision ID: 0013_review_workflow
Revises: 0012_merge_heads
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import frontdesk.db.core

revision: str = "0013_review_workflow"
down_revision: str | None = "0012_merge_heads"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_DT = frontdesk.db.core.UtcDateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("review_items") as batch:
        batch.add_column(sa.Column("due_at", UTC_DT, nullable=True))
        batch.add_column(sa.Column("resolution_note", sa.Text(), nullable=True))
    # Items opened before due times existed are due since they were opened.
    op.execute("UPDATE review_items SET due_at = created_at WHERE due_at IS NULL")
    op.create_index(
        "ix_review_items_company_status_due",
        "review_items",
        ["company_id", "status", "due_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_review_items_company_status_due", table_name="review_items")
    with op.batch_alter_table("review_items") as batch:
        batch.drop_column("resolution_note")
        batch.drop_column("due_at")
