"""The annual inspection (article 11): one record per year, read-only once signed.

A record the director has signed (closed_at set) can no longer be changed,
and no record can be deleted: a casual edit with an SQL tool fails loudly,
and the signatures catch an edit that drops the triggers first.

Revision ID: m0009
Revises: m0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "m0009"
down_revision: str | None = "m0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TRIGGERS = {
    "sqlite": (
        "CREATE TRIGGER inspections_closed_no_update BEFORE UPDATE ON inspections "
        "WHEN OLD.closed_at IS NOT NULL "
        "BEGIN SELECT RAISE(ABORT, 'a signed inspection is read-only'); END",
        "CREATE TRIGGER inspections_no_delete BEFORE DELETE ON inspections "
        "BEGIN SELECT RAISE(ABORT, 'inspections are never deleted'); END",
    ),
}
_TRIGGER_NAMES = ("inspections_closed_no_update", "inspections_no_delete")


def upgrade() -> None:
    op.create_table(
        "inspections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("opened_by", sa.Integer(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("findings_at", sa.DateTime(), nullable=False),
        sa.Column("checklist", sa.Text(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("submitted_by", sa.Integer(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("chain_seq", sa.Integer(), nullable=True),
        sa.Column("chain_hash", sa.String(64), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("public_key", sa.LargeBinary(32), nullable=True),
        sa.Column("signature", sa.LargeBinary(64), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["opened_by"], ["users.id"], name="fk_inspections_opened_by_users"),
        sa.ForeignKeyConstraint(
            ["request_id"], ["requests.id"], name="fk_inspections_request_id_requests"
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by"], ["users.id"], name="fk_inspections_submitted_by_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_inspections"),
        sa.UniqueConstraint("year", name="uq_inspections_year"),
    )
    op.create_index("ix_inspections_request_id", "inspections", ["request_id"])
    dialect = op.get_bind().dialect.name
    for statement in _TRIGGERS.get(dialect, ()):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect in _TRIGGERS:
        for name in _TRIGGER_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_inspections_request_id", "inspections")
    op.drop_table("inspections")
