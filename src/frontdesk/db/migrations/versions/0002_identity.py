"""identity: distinct-surname index, its version counter, merge audits, match indexes

Revision ID: 0002_identity
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import frontdesk.db.core

revision: str = "0002_identity"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "customer_surnames",
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("last_name_norm", sa.String(length=150), nullable=False),
        sa.Column("surname_key", sa.String(length=40), nullable=True),
        sa.Column("surname_key_alt", sa.String(length=40), nullable=True),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_customer_surnames_company_id_companies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("company_id", "last_name_norm", name=op.f("pk_customer_surnames")),
    )
    op.create_table(
        "surname_index_versions",
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_surname_index_versions_company_id_companies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("company_id", name=op.f("pk_surname_index_versions")),
    )
    op.create_table(
        "merge_audits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("from_customer_id", sa.Integer(), nullable=False),
        sa.Column("into_customer_id", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=True),
        sa.Column("moved", JSON, nullable=False),
        sa.Column("before", JSON, nullable=False),
        sa.Column("created_at", frontdesk.db.core.UtcDateTime(timezone=True), nullable=False),
        sa.Column("undone_at", frontdesk.db.core.UtcDateTime(timezone=True), nullable=True),
        sa.Column("undone_by", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_merge_audits_company_id_companies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merge_audits")),
    )
    with op.batch_alter_table("merge_audits", schema=None) as batch_op:
        batch_op.create_index(
            "ix_merge_audits_company_created", ["company_id", "created_at"], unique=False
        )
        batch_op.create_index("ix_merge_audits_from", ["from_customer_id"], unique=False)
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.create_index(
            "ix_customers_company_names",
            ["company_id", "last_name_norm", "first_name_norm"],
            unique=False,
        )
        batch_op.create_index(
            "ix_customers_company_birth_date", ["company_id", "birth_date"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_index("ix_customers_company_birth_date")
        batch_op.drop_index("ix_customers_company_names")
    with op.batch_alter_table("merge_audits", schema=None) as batch_op:
        batch_op.drop_index("ix_merge_audits_from")
        batch_op.drop_index("ix_merge_audits_company_created")
    op.drop_table("merge_audits")
    op.drop_table("surname_index_versions")
    op.drop_table("customer_surnames")
