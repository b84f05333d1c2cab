"""Reserved slot (import work in progress): no change yet.

Revision ID: m0010
Revises: m0009
"""

from collections.abc import Sequence

revision: str = "m0010"
down_revision: str | None = "m0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
