"""The register of carriers going out and coming back, and stock-takes (article 12: 帐实相符).

A :class:`CheckoutRecord` is one line of the 出入登记: which carrier of which
archive left its place, who took it, why, until when, and how it came back.
The carrier's kind and location are copied into the line when it goes out:
a carrier row is replaced when its archive's record is filed again, so the
line keeps what it was and where it belongs (``carrier_id`` becomes NULL
then, and the workflow finds the carrier again by its kind and location).

A :class:`Reconciliation` is one signed stock-take: what was found on the
shelves, the differences against the register, signed by the person who did
it. ``result`` is the canonical JSON of the lines and differences and
``content_hash`` its SHA-256; the signature covers the hash, so a changed
result shows as an invalid signature. The counts are copied into columns for
the annual inspection's summary and checked against the result.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow

#: how a carrier came back (code -> the register's word)
CONDITIONS = {"intact": "完好", "damaged": "破损", "incomplete": "缺页缺件", "other": "其他"}


class CheckoutRecord(Base):
    __tablename__ = "checkout_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    carrier_id: Mapped[int | None] = mapped_column(
        ForeignKey("carriers.id", ondelete="SET NULL"), index=True
    )
    #: the carrier as it was when it went out: kind and the place it returns to
    carrier_kind: Mapped[str] = mapped_column(String(16))
    cabinet: Mapped[str] = mapped_column(String(32), default="")
    box: Mapped[str] = mapped_column(String(32), default="")
    folder: Mapped[str] = mapped_column(String(32), default="")
    borrower_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(200))
    #: the approved consultation (requests.kind == "consultation") the borrower holds, if any
    grant_request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id"))
    out_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    #: the day it is due back (the branch's calendar)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    out_recorded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    returned_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    #: who took it back into safekeeping
    returned_to_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    in_recorded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: CONDITIONS key; "" while out
    condition: Mapped[str] = mapped_column(String(16), default="")
    condition_note: Mapped[str] = mapped_column(String(200), default="")


class Reconciliation(Base):
    """One signed stock-take (帐实核对). Never edited: a new one is made instead."""

    __tablename__ = "reconciliations"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: PD-2026-000001
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    performer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    performed_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    #: the location checked ("" = every cabinet, or every box of the cabinet)
    scope_cabinet: Mapped[str] = mapped_column(String(32), default="")
    scope_box: Mapped[str] = mapped_column(String(32), default="")
    found_count: Mapped[int] = mapped_column(Integer)
    missing_count: Mapped[int] = mapped_column(Integer)
    checked_out_count: Mapped[int] = mapped_column(Integer)
    unknown_count: Mapped[int] = mapped_column(Integer)
    misplaced_count: Mapped[int] = mapped_column(Integer)
    #: canonical JSON of the scope, the lines found and the differences
    result: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    signature: Mapped[bytes] = mapped_column(LargeBinary(64))
