"""Check-out/check-in of carriers and reconciliations (article 12).

Revision ID: m0006
Revises: m0005
"""

from collections.abc import Sequence

revision: str = "m0006"
down_revision: str | None = "m0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
