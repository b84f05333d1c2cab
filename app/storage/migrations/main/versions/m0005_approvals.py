"""Approvals: requests, their signed decisions, attachments, filed versions of a record.

Decisions can only be inserted (as audit events can): a casual edit with an SQL
tool fails loudly, and the Ed25519 signature catches an edit that drops the
trigger first.

Revision ID: m0005
Revises: m0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "m0005"
down_revision: str | None = "m0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BLOCK = {
    "sqlite": (
        "CREATE TRIGGER approval_decisions_no_{op} BEFORE {OP} ON approval_decisions "
        "BEGIN SELECT RAISE(ABORT, 'approval_decisions is append-only'); END"
    ),
}


def upgrade() -> None:
    with op.batch_alter_table("customers") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    op.create_table(
        "requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("requester_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("payload_in_vault", sa.Boolean(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=True),
        sa.Column("close_reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("valid_from", sa.DateTime(), nullable=True),
        sa.Column("valid_until", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["requester_id"], ["users.id"], name="fk_requests_requester_id_users"
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name="fk_requests_customer_id_customers"
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["requests.id"], name="fk_requests_parent_id_requests"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_requests"),
        sa.UniqueConstraint("serial", name="uq_requests_serial"),
    )
    for column in ("kind", "state", "requester_id", "customer_id", "created_at"):
        op.create_index(f"ix_requests_{column}", "requests", [column])
    op.create_table(
        "request_customers",
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"], ["requests.id"], name="fk_request_customers_request_id_requests"
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name="fk_request_customers_customer_id_customers"
        ),
        sa.ForeignKeyConstraint(
            ["manager_id"], ["users.id"], name="fk_request_customers_manager_id_users"
        ),
        sa.PrimaryKeyConstraint("request_id", "customer_id", name="pk_request_customers"),
    )
    op.create_index("ix_request_customers_customer_id", "request_customers", ["customer_id"])
    op.create_index("ix_request_customers_manager_id", "request_customers", ["manager_id"])
    op.create_table(
        "approval_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("step_key", sa.String(32), nullable=False),
        sa.Column("signer_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(8), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("public_key", sa.LargeBinary(32), nullable=False),
        sa.Column("signature", sa.LargeBinary(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"], ["requests.id"], name="fk_approval_decisions_request_id_requests"
        ),
        sa.ForeignKeyConstraint(
            ["signer_id"], ["users.id"], name="fk_approval_decisions_signer_id_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_approval_decisions"),
    )
    op.create_index("ix_approval_decisions_request_id", "approval_decisions", ["request_id"])
    op.create_index("ix_approval_decisions_signer_id", "approval_decisions", ["signer_id"])
    op.create_table(
        "request_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(200), nullable=False),
        sa.Column("media_type", sa.String(40), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("added_by", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"], ["requests.id"], name="fk_request_attachments_request_id_requests"
        ),
        sa.ForeignKeyConstraint(
            ["added_by"], ["users.id"], name="fk_request_attachments_added_by_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_request_attachments"),
    )
    op.create_index("ix_request_attachments_request_id", "request_attachments", ["request_id"])
    op.create_table(
        "customer_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("requested_by", sa.Integer(), nullable=False),
        sa.Column("approved_by", sa.Integer(), nullable=True),
        sa.Column("applied_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name="fk_customer_versions_customer_id_customers"
        ),
        sa.ForeignKeyConstraint(
            ["request_id"], ["requests.id"], name="fk_customer_versions_request_id_requests"
        ),
        sa.ForeignKeyConstraint(
            ["requested_by"], ["users.id"], name="fk_customer_versions_requested_by_users"
        ),
        sa.ForeignKeyConstraint(
            ["approved_by"], ["users.id"], name="fk_customer_versions_approved_by_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_customer_versions"),
    )
    op.create_index("ix_customer_versions_customer_id", "customer_versions", ["customer_id"])
    dialect = op.get_bind().dialect.name
    if dialect in _BLOCK:
        for name in ("update", "delete"):
            op.execute(_BLOCK[dialect].format(op=name, OP=name.upper()))


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect in _BLOCK:
        op.execute("DROP TRIGGER IF EXISTS approval_decisions_no_update")
        op.execute("DROP TRIGGER IF EXISTS approval_decisions_no_delete")
    op.drop_index("ix_customer_versions_customer_id", "customer_versions")
    op.drop_table("customer_versions")
    op.drop_index("ix_request_attachments_request_id", "request_attachments")
    op.drop_table("request_attachments")
    op.drop_index("ix_approval_decisions_signer_id", "approval_decisions")
    op.drop_index("ix_approval_decisions_request_id", "approval_decisions")
    op.drop_table("approval_decisions")
    op.drop_index("ix_request_customers_manager_id", "request_customers")
    op.drop_index("ix_request_customers_customer_id", "request_customers")
    op.drop_table("request_customers")
    for column in ("kind", "state", "requester_id", "customer_id", "created_at"):
        op.drop_index(f"ix_requests_{column}", "requests")
    op.drop_table("requests")
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("version")
