"""Audit rows can only be appended; lookup indexes for the audit log page.

The triggers make a casual edit with an SQL tool fail loudly. They are not
the protection (anyone holding the key can drop them); the HMAC chain is.

Revision ID: m0002
Revises: m0001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "m0002"
down_revision: str | None = "m0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BLOCK = {
    "sqlite": (
        "CREATE TRIGGER audit_events_no_{op} BEFORE {OP} ON audit_events "
        "BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END"
    ),
}


def upgrade() -> None:
    op.create_index("ix_audit_events_occurred_at", "audit_events", ["occurred_at"])
    op.create_index("ix_audit_events_actor", "audit_events", ["actor"])
    op.create_index("ix_audit_events_action", "audit_events", ["action"])
    dialect = op.get_bind().dialect.name
    if dialect in _BLOCK:
        for name in ("update", "delete"):
            op.execute(_BLOCK[dialect].format(op=name, OP=name.upper()))


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect in _BLOCK:
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_delete")
    op.drop_index("ix_audit_events_action", "audit_events")
    op.drop_index("ix_audit_events_actor", "audit_events")
    op.drop_index("ix_audit_events_occurred_at", "audit_events")
