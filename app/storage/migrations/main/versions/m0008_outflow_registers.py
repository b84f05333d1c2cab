"""Transfers (article 17.2) and the external-provision register (article 17.3).

Revision ID: m0008
Revises: m0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "m0008"
down_revision: str | None = "m0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TRANSFER_INDEXES = ("customer_id", "responsible_id", "out_at", "expected_return", "returned_at")
_PROVISION_INDEXES = ("produced_by", "produced_at")


def upgrade() -> None:
    op.create_table(
        "transfers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("item", sa.String(200), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("carrier_kind", sa.String(16), nullable=False),
        sa.Column("carrier_location", sa.String(120), nullable=False),
        sa.Column("responsible_id", sa.Integer(), nullable=False),
        sa.Column("from_place", sa.String(100), nullable=False),
        sa.Column("to_place", sa.String(100), nullable=False),
        sa.Column("safety_measures", sa.Text(), nullable=False),
        sa.Column("out_at", sa.DateTime(), nullable=False),
        sa.Column("expected_return", sa.DateTime(), nullable=True),
        sa.Column("returned_at", sa.DateTime(), nullable=True),
        sa.Column("return_note", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("return_recorded_by", sa.Integer(), nullable=True),
        sa.Column("return_recorded_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name="fk_transfers_customer_id_customers"
        ),
        sa.ForeignKeyConstraint(
            ["responsible_id"], ["users.id"], name="fk_transfers_responsible_id_users"
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["users.id"], name="fk_transfers_recorded_by_users"
        ),
        sa.ForeignKeyConstraint(
            ["return_recorded_by"], ["users.id"], name="fk_transfers_return_recorded_by_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_transfers"),
    )
    for column in _TRANSFER_INDEXES:
        op.create_index(f"ix_transfers_{column}", "transfers", [column])
    op.create_table(
        "external_provisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.String(32), nullable=False),
        sa.Column("recipient_org", sa.String(100), nullable=False),
        sa.Column("recipient_person", sa.String(64), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("delivery", sa.String(16), nullable=False),
        sa.Column("content_summary", sa.Text(), nullable=False),
        sa.Column("customer_count", sa.Integer(), nullable=False),
        sa.Column("field_count", sa.Integer(), nullable=False),
        sa.Column("approvals", sa.Text(), nullable=False),
        sa.Column("produced_by", sa.Integer(), nullable=False),
        sa.Column("produced_at", sa.DateTime(), nullable=False),
        sa.Column("file_name", sa.String(200), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"], ["requests.id"], name="fk_external_provisions_request_id_requests"
        ),
        sa.ForeignKeyConstraint(
            ["produced_by"], ["users.id"], name="fk_external_provisions_produced_by_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_external_provisions"),
        sa.UniqueConstraint("request_id", name="uq_external_provisions_request_id"),
    )
    for column in _PROVISION_INDEXES:
        op.create_index(f"ix_external_provisions_{column}", "external_provisions", [column])


def downgrade() -> None:
    for column in _PROVISION_INDEXES:
        op.drop_index(f"ix_external_provisions_{column}", "external_provisions")
    op.drop_table("external_provisions")
    for column in _TRANSFER_INDEXES:
        op.drop_index(f"ix_transfers_{column}", "transfers")
    op.drop_table("transfers")
