"""Leak incidents (泄露事件报告, article 20): the report, the handling steps, who has seen it.

Anyone who finds that customer information has leaked, or may have, reports
it at once with the remedial measures already taken; the head of the
customer-service management department handles it: records each step and
closes it with a conclusion. ``incident_views`` remembers which head has
seen which report, so a new one is announced at their next login until they
open it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, utcnow

INCIDENT_STATES = ("open", "closed")
INCIDENT_STATE_LABELS = {"open": "处理中", "closed": "已结案"}


class Incident(Base):
    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: SJ-2026-000001
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    state: Mapped[str] = mapped_column(String(16), default="open", index=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    reported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    #: when the leak was discovered (naive UTC)
    discovered_at: Mapped[datetime] = mapped_column(DateTime)
    #: what happened
    description: Mapped[str] = mapped_column(Text)
    #: how it leaked or could have (the channel, the circumstances)
    channel: Mapped[str] = mapped_column(Text, default="")
    #: the remedial measures taken at once (article 20: 立即采取补救措施)
    measures: Mapped[str] = mapped_column(Text)
    #: the archive numbers concerned, 、-separated ("" when unknown)
    archive_nos: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    conclusion: Mapped[str] = mapped_column(Text, default="")

    steps: Mapped[list[IncidentStep]] = relationship(
        back_populates="incident", order_by="IncidentStep.id"
    )


class IncidentStep(Base):
    """One handling step recorded by the head (what was done, when, by whom)."""

    __tablename__ = "incident_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    text: Mapped[str] = mapped_column(Text)

    incident: Mapped[Incident] = relationship(back_populates="steps")


class IncidentView(Base):
    """A head has opened this report (no banner for it at their next login)."""

    __tablename__ = "incident_views"

    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
