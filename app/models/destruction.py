"""The destruction register (销毁清册, article 18): one permanent line per destroyed archive.

A destroyed archive keeps its catalogue line in ``customers`` as a tombstone
(archive number, category, tier, dates, status 已销毁) with every content
column emptied; this line says how, when and by whom it was destroyed, under
which approved request. It holds no customer content: the title is the
masked name (张*丰) and the carriers are counted by kind. Lines are only ever
inserted (triggers in migration m0007 refuse updates and deletes): the
register is kept permanently.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class DestructionRecord(Base):
    __tablename__ = "destruction_register"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: QC-2026-000001: the register's own running number
    register_no: Mapped[str] = mapped_column(String(32), unique=True)
    #: the approved destruction request (XH-...)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), index=True)
    #: the tombstone in the catalogue; an archive is destroyed once
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), unique=True)
    archive_no: Mapped[str] = mapped_column(String(40))
    #: the masked name as the catalogue showed it ("" for secret tier)
    title_masked: Mapped[str] = mapped_column(String(64), default="")
    category: Mapped[str] = mapped_column(String(16))
    tier: Mapped[str] = mapped_column(String(16))
    #: the year the archive was made (年度)
    year: Mapped[int] = mapped_column(Integer)
    #: the retention period that ran out, in years
    retention_years: Mapped[int] = mapped_column(Integer)
    #: 纸质 2、电子 1: carriers by kind and count
    carriers: Mapped[str] = mapped_column(String(200), default="")
    quantity: Mapped[int] = mapped_column(Integer, default=0)
    #: 纸质:粉碎;电子:安全删除
    method: Mapped[str] = mapped_column(String(200))
    approver_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    #: names as they were on the day (an account may be renamed or revoked later)
    approver_name: Mapped[str] = mapped_column(String(64))
    executors: Mapped[str] = mapped_column(String(200))
    witnesses: Mapped[str] = mapped_column(String(200))
    custodian_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    custodian_name: Mapped[str] = mapped_column(String(64), default="")
    recorded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    destroyed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    note: Mapped[str] = mapped_column(Text, default="")
