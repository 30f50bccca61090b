"""identity: each company's estimated match weights, versioned

Revision ID: 0016_match_weights
Revises: 0014_live_path_indexes
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import frontdesk.db.core

revision: str = "0016_match_weights"
down_revision: str | None = "0014_live_path_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("companies") as batch:
        batch.add_column(sa.Column("match_weights_version", sa.String(length=40), nullable=True))
    op.create_table(
        "match_weights",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("params", frontdesk.db.core.JsonType, nullable=False),
        sa.Column("trained_on", frontdesk.db.core.JsonType, nullable=False),
        sa.Column("created_at", frontdesk.db.core.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["company_id"], ["companies.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("company_id", "version", name="uq_match_weights_company_version"),
    )


def downgrade() -> None:
    op.drop_table("match_weights")
    with op.batch_alter_table("companies") as batch:
        batch.drop_column("match_weights_version")
