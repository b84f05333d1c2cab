"""Secret-tier content.

Revision ID: v0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "v0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "vault_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_ref", sa.String(64), nullable=False),
        sa.Column("tier", sa.String(16), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_vault_records"),
        sa.UniqueConstraint("record_ref", name="uq_vault_records_record_ref"),
    )


def downgrade() -> None:
    op.drop_table("vault_records")
