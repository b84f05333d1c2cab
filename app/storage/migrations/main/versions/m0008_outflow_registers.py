"""Transfers (article 17.2) and the external-provision register (article 17.3).

Revision ID: m0008
Revises: m0007
"""

from collections.abc import Sequence

revision: str = "m0008"
down_revision: str | None = "m0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
