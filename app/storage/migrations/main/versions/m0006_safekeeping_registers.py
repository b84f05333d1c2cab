"""Check-out/check-in of carriers and reconciliations (article 12).

``checkout_records.carrier_id`` is set to NULL when its carrier row is
replaced (a record filed again rebuilds its carriers): the line keeps its own
copy of the carrier's kind and location.

Revision ID: m0006
Revises: m0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "m0006"
down_revision: str | None = "m0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CHECKOUT_INDEXES = ("customer_id", "carrier_id", "borrower_id", "out_at", "due_on", "returned_at")
_RECONCILIATION_INDEXES = ("performer_id", "performed_at")


def upgrade() -> None:
    op.create_table(
        "checkout_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("carrier_id", sa.Integer(), nullable=True),
        sa.Column("carrier_kind", sa.String(16), nullable=False),
        sa.Column("cabinet", sa.String(32), nullable=False),
        sa.Column("box", sa.String(32), nullable=False),
        sa.Column("folder", sa.String(32), nullable=False),
        sa.Column("borrower_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(200), nullable=False),
        sa.Column("grant_request_id", sa.Integer(), nullable=True),
        sa.Column("out_at", sa.DateTime(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("out_recorded_by", sa.Integer(), nullable=False),
        sa.Column("returned_at", sa.DateTime(), nullable=True),
        sa.Column("returned_to_id", sa.Integer(), nullable=True),
        sa.Column("in_recorded_by", sa.Integer(), nullable=True),
        sa.Column("condition", sa.String(16), nullable=False),
        sa.Column("condition_note", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name="fk_checkout_records_customer_id_customers"
        ),
        sa.ForeignKeyConstraint(
            ["carrier_id"],
            ["carriers.id"],
            name="fk_checkout_records_carrier_id_carriers",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["borrower_id"], ["users.id"], name="fk_checkout_records_borrower_id_users"
        ),
        sa.ForeignKeyConstraint(
            ["grant_request_id"],
            ["requests.id"],
            name="fk_checkout_records_grant_request_id_requests",
        ),
        sa.ForeignKeyConstraint(
            ["out_recorded_by"], ["users.id"], name="fk_checkout_records_out_recorded_by_users"
        ),
        sa.ForeignKeyConstraint(
            ["returned_to_id"], ["users.id"], name="fk_checkout_records_returned_to_id_users"
        ),
        sa.ForeignKeyConstraint(
            ["in_recorded_by"], ["users.id"], name="fk_checkout_records_in_recorded_by_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_checkout_records"),
    )
    for column in _CHECKOUT_INDEXES:
        op.create_index(f"ix_checkout_records_{column}", "checkout_records", [column])
    op.create_table(
        "reconciliations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.String(32), nullable=False),
        sa.Column("performer_id", sa.Integer(), nullable=False),
        sa.Column("performed_at", sa.DateTime(), nullable=False),
        sa.Column("scope_cabinet", sa.String(32), nullable=False),
        sa.Column("scope_box", sa.String(32), nullable=False),
        sa.Column("found_count", sa.Integer(), nullable=False),
        sa.Column("missing_count", sa.Integer(), nullable=False),
        sa.Column("checked_out_count", sa.Integer(), nullable=False),
        sa.Column("unknown_count", sa.Integer(), nullable=False),
        sa.Column("misplaced_count", sa.Integer(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("public_key", sa.LargeBinary(32), nullable=False),
        sa.Column("signature", sa.LargeBinary(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["performer_id"], ["users.id"], name="fk_reconciliations_performer_id_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_reconciliations"),
        sa.UniqueConstraint("serial", name="uq_reconciliations_serial"),
    )
    for column in _RECONCILIATION_INDEXES:
        op.create_index(f"ix_reconciliations_{column}", "reconciliations", [column])


def downgrade() -> None:
    for column in _RECONCILIATION_INDEXES:
        op.drop_index(f"ix_reconciliations_{column}", "reconciliations")
    op.drop_table("reconciliations")
    for column in _CHECKOUT_INDEXES:
        op.drop_index(f"ix_checkout_records_{column}", "checkout_records")
    op.drop_table("checkout_records")
