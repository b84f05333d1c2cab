"""What leaves the archive room (article 17.2-17.3): transfers and external provisions.

``transfers`` is the 收发传递登记: files and carriers sent, received, passed on
or carried out, each with the designated person responsible, the safety
measures taken and, where the thing comes back, when it is due and when it
came back. The thing itself is free text; it may name a customer's archive
(by id) and which of its carriers (kind and location as they were when
recorded: carriers rows are replaced whenever a record changes, so they are
copied rather than referenced).

``external_provisions`` is the 对外提供登记: one line per file produced under an
approved external-provision request (the request, with its signed approvals,
is in ``requests``). It holds what was given to whom (archive numbers and the
items' labels, never their values), who approved it and when, who produced
the file and the file's SHA-256, so the file handed over can be checked
against the register years later.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, utcnow

#: 收发传递的方式: code -> the register's word
TRANSFER_KINDS = {"send": "发出", "receive": "收到", "pass": "传递", "carry": "外出携带"}


class TransferRecord(Base):
    __tablename__ = "transfers"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: send | receive | pass | carry (TRANSFER_KINDS)
    kind: Mapped[str] = mapped_column(String(16))
    #: what is sent, passed on or carried (free text)
    item: Mapped[str] = mapped_column(String(200))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    #: paper | disk | electronic, or "" when no carrier of a customer is concerned
    carrier_kind: Mapped[str] = mapped_column(String(16), default="")
    #: 柜 3 / 盒 12 / 卷 5, as the carrier was stored when the transfer was recorded
    carrier_location: Mapped[str] = mapped_column(String(120), default="")
    #: the designated person responsible (article 17.2)
    responsible_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    from_place: Mapped[str] = mapped_column(String(100))
    to_place: Mapped[str] = mapped_column(String(100))
    safety_measures: Mapped[str] = mapped_column(Text)
    #: when it left (naive UTC, like every stored moment)
    out_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    #: when it is due back; None when nothing comes back (a letter sent, a file received)
    expected_return: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    returned_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    return_note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    return_recorded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    return_recorded_at: Mapped[datetime | None] = mapped_column(DateTime)


class ExternalProvision(Base):
    """One delivered file of an approved external provision. Never edited."""

    __tablename__ = "external_provisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: one production per request: a second file needs a new application
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), unique=True)
    serial: Mapped[str] = mapped_column(String(32))
    recipient_org: Mapped[str] = mapped_column(String(100))
    recipient_person: Mapped[str] = mapped_column(String(64))
    purpose: Mapped[str] = mapped_column(Text)
    legal_basis: Mapped[str] = mapped_column(Text)
    #: paper | electronic | inspection (app.workflows.external_provision.DELIVERY_FORMS)
    delivery: Mapped[str] = mapped_column(String(16))
    #: archive numbers, then the items' labels: "LY-0101-G-2026-000001、…;姓名、手机号码"
    content_summary: Mapped[str] = mapped_column(Text)
    customer_count: Mapped[int] = mapped_column(Integer)
    field_count: Mapped[int] = mapped_column(Integer)
    #: JSON [{"step", "label", "signer_id", "signer", "signed_at"}] of the approving decisions
    approvals: Mapped[str] = mapped_column(Text)
    produced_by: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    produced_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    #: the file's name as saved (no folder), and the SHA-256 of its bytes
    file_name: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    pages: Mapped[int] = mapped_column(Integer)
