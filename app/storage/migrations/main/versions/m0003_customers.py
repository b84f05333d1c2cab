"""Customer archives, their carriers and archive-number counters.

Revision ID: m0003
Revises: m0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "m0003"
down_revision: str | None = "m0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CUSTOMER_INDEXES = (
    "category",
    "completeness",
    "created_at",
    "manager_id",
    "name",
    "phone",
    "status",
    "subtype",
    "tier",
)


def upgrade() -> None:
    op.create_table(
        "archive_counters",
        sa.Column("prefix", sa.String(32), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("prefix", name="pk_archive_counters"),
    )
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("archive_no", sa.String(40), nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("subtype", sa.String(32), nullable=False),
        sa.Column("tier", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=False),
        sa.Column("template_version", sa.Integer(), nullable=False),
        sa.Column("name_masked", sa.String(64), nullable=False),
        sa.Column("retrieval_remarks", sa.String(200), nullable=False),
        sa.Column("retention_years", sa.Integer(), nullable=True),
        sa.Column("completeness", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(128), nullable=True),
        sa.Column("identity_no", sa.String(32), nullable=True),
        sa.Column("phone", sa.String(32), nullable=True),
        sa.Column("address", sa.String(200), nullable=True),
        sa.Column("content", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name="fk_customers_created_by_users"),
        sa.ForeignKeyConstraint(["manager_id"], ["users.id"], name="fk_customers_manager_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_customers"),
        sa.UniqueConstraint("archive_no", name="uq_customers_archive_no"),
        sa.UniqueConstraint("identity_no", name="uq_customers_identity_no"),
    )
    for column in _CUSTOMER_INDEXES:
        op.create_index(f"ix_customers_{column}", "customers", [column])
    op.create_table(
        "carriers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("cabinet", sa.String(32), nullable=False),
        sa.Column("box", sa.String(32), nullable=False),
        sa.Column("folder", sa.String(32), nullable=False),
        sa.Column("note", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name="fk_carriers_customer_id_customers"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_carriers"),
    )
    op.create_index("ix_carriers_customer_id", "carriers", ["customer_id"])


def downgrade() -> None:
    op.drop_index("ix_carriers_customer_id", "carriers")
    op.drop_table("carriers")
    for column in _CUSTOMER_INDEXES:
        op.drop_index(f"ix_customers_{column}", "customers")
    op.drop_table("customers")
    op.drop_table("archive_counters")
