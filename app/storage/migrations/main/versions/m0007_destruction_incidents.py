"""Destruction register and tombstones (article 18); leak incidents (article 20).

``customers.closed_at``: when the business relationship ended (已销户), from
which the retention period of resources/retention.toml is counted.

``destruction_register`` (销毁清册) is kept permanently: like the approval
decisions its lines can only be inserted, so a casual edit with an SQL tool
fails loudly. It holds no customer content (masked title, carriers counted
by kind), so it survives the destruction of what it describes.

``incidents``, ``incident_steps`` and ``incident_views``: leak reports, the
head's handling steps, and which head has opened which report.

Revision ID: m0007
Revises: m0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "m0007"
down_revision: str | None = "m0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BLOCK = {
    "sqlite": (
        "CREATE TRIGGER destruction_register_no_{op} BEFORE {OP} ON destruction_register "
        "BEGIN SELECT RAISE(ABORT, 'destruction_register is append-only'); END"
    ),
}


def upgrade() -> None:
    with op.batch_alter_table("customers") as batch:
        batch.add_column(sa.Column("closed_at", sa.DateTime(), nullable=True))
    op.create_table(
        "destruction_register",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("register_no", sa.String(32), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("archive_no", sa.String(40), nullable=False),
        sa.Column("title_masked", sa.String(64), nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("tier", sa.String(16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("retention_years", sa.Integer(), nullable=False),
        sa.Column("carriers", sa.String(200), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(200), nullable=False),
        sa.Column("approver_id", sa.Integer(), nullable=False),
        sa.Column("approver_name", sa.String(64), nullable=False),
        sa.Column("executors", sa.String(200), nullable=False),
        sa.Column("witnesses", sa.String(200), nullable=False),
        sa.Column("custodian_id", sa.Integer(), nullable=True),
        sa.Column("custodian_name", sa.String(64), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=False),
        sa.Column("destroyed_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"], ["requests.id"], name="fk_destruction_register_request_id_requests"
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name="fk_destruction_register_customer_id_customers"
        ),
        sa.ForeignKeyConstraint(
            ["approver_id"], ["users.id"], name="fk_destruction_register_approver_id_users"
        ),
        sa.ForeignKeyConstraint(
            ["custodian_id"], ["users.id"], name="fk_destruction_register_custodian_id_users"
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["users.id"], name="fk_destruction_register_recorded_by_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_destruction_register"),
        sa.UniqueConstraint("register_no", name="uq_destruction_register_register_no"),
        sa.UniqueConstraint("customer_id", name="uq_destruction_register_customer_id"),
    )
    op.create_index("ix_destruction_register_request_id", "destruction_register", ["request_id"])
    op.create_index(
        "ix_destruction_register_destroyed_at", "destruction_register", ["destroyed_at"]
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.String(32), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("reporter_id", sa.Integer(), nullable=False),
        sa.Column("reported_at", sa.DateTime(), nullable=False),
        sa.Column("discovered_at", sa.DateTime(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("channel", sa.Text(), nullable=False),
        sa.Column("measures", sa.Text(), nullable=False),
        sa.Column("archive_nos", sa.Text(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("closed_by", sa.Integer(), nullable=True),
        sa.Column("conclusion", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["reporter_id"], ["users.id"], name="fk_incidents_reporter_id_users"
        ),
        sa.ForeignKeyConstraint(["closed_by"], ["users.id"], name="fk_incidents_closed_by_users"),
        sa.PrimaryKeyConstraint("id", name="pk_incidents"),
        sa.UniqueConstraint("serial", name="uq_incidents_serial"),
    )
    for column in ("state", "reporter_id", "reported_at"):
        op.create_index(f"ix_incidents_{column}", "incidents", [column])
    op.create_table(
        "incident_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name="fk_incident_steps_incident_id_incidents"
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name="fk_incident_steps_author_id_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_incident_steps"),
    )
    op.create_index("ix_incident_steps_incident_id", "incident_steps", ["incident_id"])
    op.create_table(
        "incident_views",
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name="fk_incident_views_incident_id_incidents"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_incident_views_user_id_users"),
        sa.PrimaryKeyConstraint("incident_id", "user_id", name="pk_incident_views"),
    )
    op.create_index("ix_incident_views_user_id", "incident_views", ["user_id"])
    dialect = op.get_bind().dialect.name
    if dialect in _BLOCK:
        for name in ("update", "delete"):
            op.execute(_BLOCK[dialect].format(op=name, OP=name.upper()))


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect in _BLOCK:
        op.execute("DROP TRIGGER IF EXISTS destruction_register_no_update")
        op.execute("DROP TRIGGER IF EXISTS destruction_register_no_delete")
    op.drop_index("ix_incident_views_user_id", "incident_views")
    op.drop_table("incident_views")
    op.drop_index("ix_incident_steps_incident_id", "incident_steps")
    op.drop_table("incident_steps")
    for column in ("state", "reporter_id", "reported_at"):
        op.drop_index(f"ix_incidents_{column}", "incidents")
    op.drop_table("incidents")
    op.drop_index("ix_destruction_register_destroyed_at", "destruction_register")
    op.drop_index("ix_destruction_register_request_id", "destruction_register")
    op.drop_table("destruction_register")
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("closed_at")
