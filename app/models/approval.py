"""Requests that need someone else's signature, their decisions and attachments.

One ``requests`` row per application of any procedure (modification, update
submission, consultation, copy, external provision, destruction); the
procedure's rules live in app/workflows, not here. ``payload`` is the
canonical JSON of what was asked and ``content_hash`` its SHA-256: every
decision signs the hash, so a changed request shows as a broken signature.
Decisions and attachments are only ever inserted (triggers in migration m0005
refuse updates and deletes of decisions).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, utcnow


class Request(Base):
    __tablename__ = "requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: XG-2026-000001 (modification), GX- (update submission), CY- (consultation), ...
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(24), index=True)
    state: Mapped[str] = mapped_column(String(16), index=True)
    #: index of the step waiting for a decision (meaningful while submitted)
    step: Mapped[int] = mapped_column(Integer, default=0)
    requester_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    #: the customer a modification or update concerns (consultations list theirs below)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    #: the update submission a modification request came from
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id"))
    #: canonical JSON of the request; "" when it lives in vault.db (secret tier)
    payload: Mapped[str] = mapped_column(Text, default="")
    payload_in_vault: Mapped[bool] = mapped_column(default=False)
    content_hash: Mapped[str] = mapped_column(String(64))
    #: the customer's version the request was drafted against (lost-update check)
    base_version: Mapped[int | None] = mapped_column(Integer)
    #: why it was withdrawn or ended early (a rejection's reason is in its decision)
    close_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: a grant's period (consultation): from approval to the end of the period
    valid_from: Mapped[datetime | None] = mapped_column(DateTime)
    valid_until: Mapped[datetime | None] = mapped_column(DateTime)

    decisions: Mapped[list[ApprovalDecision]] = relationship(
        back_populates="request", order_by="ApprovalDecision.id"
    )
    customers: Mapped[list[RequestCustomer]] = relationship(
        back_populates="request", cascade="all, delete-orphan"
    )


class RequestCustomer(Base):
    """The customers a request concerns, with their manager at the time (who must review)."""

    __tablename__ = "request_customers"

    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id"), primary_key=True, index=True
    )
    manager_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)

    request: Mapped[Request] = relationship(back_populates="customers")


class ApprovalDecision(Base):
    """One signed decision on one step. Never edited, never deleted."""

    __tablename__ = "approval_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), index=True)
    step: Mapped[int] = mapped_column(Integer)
    step_key: Mapped[str] = mapped_column(String(32))
    signer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    #: approve | reject
    decision: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(Text, default="")
    signed_at: Mapped[datetime] = mapped_column(DateTime)
    content_hash: Mapped[str] = mapped_column(String(64))
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    signature: Mapped[bytes] = mapped_column(LargeBinary(64))

    request: Mapped[Request] = relationship(back_populates="decisions")


class RequestAttachment(Base):
    """Supporting material (PDF, JPEG, PNG), kept only inside the encrypted database."""

    __tablename__ = "request_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    added_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class CustomerVersion(Base):
    """A filed change (备案, article 10): what changed, who asked, who approved, when.

    ``changes`` is JSON ([{key, label, before, after}]); for 机密/绝密 records it is
    "" and the changes live in vault.db under ``version:<archive no>:<version>``.
    """

    __tablename__ = "customer_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id"))
    changes: Mapped[str] = mapped_column(Text, default="")
    requested_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    applied_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
