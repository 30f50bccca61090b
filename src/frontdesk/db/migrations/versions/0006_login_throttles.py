"""accounts: failed logins for e-mails that have no account, counted like real ones

Revision ID: 0006_login_throttles
Revises: 0005_session_version
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import frontdesk.db.core

revision: str = "0006_login_throttles"
down_revision: str | None = "0005_session_version"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "login_throttles",
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("locked_until", frontdesk.db.core.UtcDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("email"),
    )


def downgrade() -> None:
    op.drop_table("login_throttles")
