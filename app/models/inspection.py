"""The annual inspection (年度检查, article 11): one record per year.

"每年年初对客户信息保管状况进行一次全面检查,相关人员应全力配合,做好检查记录."
An inspector opens the year's inspection; the program works out the
automated findings from main.db (``findings``: canonical JSON of each
finding with the archive numbers, serials or logins concerned, never a
customer's content) and the inspector fills in the checklist of what only
people can check (``checklist``: each item with 符合/不符合 and a note).

Submitting the finished record is the inspector's signature: the content
(findings, checklist and the audit chain head at that moment) becomes the
payload of a request of the approval engine (procedure "inspection", signed
by the director), ``content_hash`` is its SHA-256 and ``signature`` the
inspector's Ed25519 signature over it. A rejected record can be revised and
submitted again (``request_id`` then names the new request). Once the
director has signed, ``closed_at`` is set and the row is read-only (a trigger
of migration m0009 refuses any later change, and deleting a record).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow


class Inspection(Base):
    __tablename__ = "inspections"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the calendar year inspected (one record per year)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    opened_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    opened_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    #: canonical JSON list of the automated findings, and when they were worked out
    findings: Mapped[str] = mapped_column(Text, default="[]")
    findings_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    #: canonical JSON list of the checklist items with their result and note
    checklist: Mapped[str] = mapped_column(Text, default="[]")
    #: the latest submission (a request of kind "inspection"); None until submitted
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id"), index=True)
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: the audit chain's head when the record was submitted
    chain_seq: Mapped[int | None] = mapped_column(Integer)
    chain_hash: Mapped[str] = mapped_column(String(64), default="")
    #: SHA-256 of the submitted content (equal to the request's content_hash)
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    #: the inspector's signing key and signature at submission
    public_key: Mapped[bytes | None] = mapped_column(LargeBinary(32))
    signature: Mapped[bytes | None] = mapped_column(LargeBinary(64))
    #: when the director signed (the record is read-only from then on)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
