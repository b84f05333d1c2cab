"""vault.db: the content of 机密 and 绝密 records, apart from everything else.

Only the table exists so far; the secret-tier workflow fills it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import VaultBase, utcnow


class VaultRecord(VaultBase):
    __tablename__ = "vault_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the catalogue line in main.db this content belongs to
    record_ref: Mapped[str] = mapped_column(String(64), unique=True)
    tier: Mapped[str] = mapped_column(String(16))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
