"""an index on review_items.customer_id

Merging a provisional customer into the one it matched (save_caller_data on a live call) moves
every row that points at it; review_items was the one such table without an index on
customer_id, so each merge scanned the whole review queue.

Revision ID: 0017_review_items_customer
Revises: 0016_match_weights
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017_review_items_customer"
down_revision: str | None = "0016_match_weights"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_review_items_customer_id", "review_items", ["customer_id"])


def downgrade() -> None:
    op.drop_index("ix_review_items_customer_id", table_name="review_items")
