"""identity: per-company match weights, estimated from the company's own data and versioned

Revision ID: 0013_match_weights
Revises: 0012_merge_heads
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import frontdesk.db.core

revision: str = "0013_match_weights"
down_revision: str | tuple[str, ...] | None = "0012_merge_heads"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "match_weights",
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("weights", JSON, nullable=False),
        sa.Column("summary", JSON, nullable=False),
        sa.Column("created_at", frontdesk.db.core.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["company_id"], ["companies.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("company_id", "version"),
    )


def downgrade() -> None:
    op.drop_table("match_weights")
