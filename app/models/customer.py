"""Customer archives (article 4) and their carriers (article 6).

One row per archive. The catalogue columns (archive number, category,
sub-type, tier, status, owning manager, retrieval remarks, masked name) are
what everyone with CATALOGUE_VIEW may see. Content (name, identity number,
phone, address and the template's fields in ``content``) is filled only for
tier 普通; for 机密/绝密 it lives in vault.db and these columns stay empty.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, utcnow

TIERS = ("ordinary", "secret", "top_secret")
TIER_LABELS = {"ordinary": "普通", "secret": "机密", "top_secret": "绝密"}
STATUSES = ("draft", "filed", "closed", "destroyed")
STATUS_LABELS = {"draft": "草稿", "filed": "在册", "closed": "已销户", "destroyed": "已销毁"}
CATEGORY_LABELS = {"individual": "个人客户", "organisation": "单位客户", "special": "特殊类客户"}
CARRIER_KINDS = {"paper": "纸质", "disk": "磁盘", "electronic": "电子"}


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    archive_no: Mapped[str] = mapped_column(String(40), unique=True)
    category: Mapped[str] = mapped_column(String(16), index=True)
    subtype: Mapped[str] = mapped_column(String(32), index=True)
    tier: Mapped[str] = mapped_column(String(16), default="ordinary", index=True)
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    manager_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    template_version: Mapped[int] = mapped_column(Integer)
    #: 张*丰: what people who may not see content see in the catalogue ("" for secret tier)
    name_masked: Mapped[str] = mapped_column(String(64), default="")
    retrieval_remarks: Mapped[str] = mapped_column(String(200), default="")
    retention_years: Mapped[int | None] = mapped_column(Integer)
    completeness: Mapped[int] = mapped_column(Integer, default=0, index=True)
    #: raised by every change of content; a request drafted against another version is stale
    version: Mapped[int] = mapped_column(Integer, default=1)
    # --- content (tier 普通 only) ---
    name: Mapped[str | None] = mapped_column(String(128), index=True)
    #: resident ID or unified social credit code, normalised; unique among live archives
    identity_no: Mapped[str | None] = mapped_column(String(32), unique=True)
    phone: Mapped[str | None] = mapped_column(String(32), index=True)
    address: Mapped[str | None] = mapped_column(String(200))
    #: the template's fields as canonical JSON
    content: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    #: when the business relationship ended (status 已销户); retention is counted from it
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    # --- for statistics only (migrations m0011, m0012): copies of three content values
    # (STATISTICS_KEYS), set with the content: by the import's bulk insert, and by
    # copy_statistics (below) whenever the content is assigned through the ORM ---
    stat_township: Mapped[str | None] = mapped_column(String(64))
    stat_village: Mapped[str | None] = mapped_column(String(64))
    stat_credit_rating: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        # app/workflows/statistics.py: every count reads an index, never the rows
        Index(
            "ix_customers_statistics",
            "created_at", "status", "category", "subtype", "tier", "manager_id", "completeness",
        ),
        Index(
            "ix_customers_village_rating",
            "stat_township", "stat_village", "stat_credit_rating", "category", "subtype",
            "tier", "status", "created_at", "manager_id",
        ),
    )  # fmt: skip

    carriers: Mapped[list[Carrier]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", order_by="Carrier.id"
    )


#: the statistics columns and the content key each copies (what json_extract(content, '$.key')
#: gives, which migration m0011 copied with triggers)
STATISTICS_KEYS = (
    ("stat_township", "township"),
    ("stat_village", "village"),
    ("stat_credit_rating", "credit_rating"),
)


def statistics_value(value: object) -> str | None:
    """A content value as its statistics column holds it: what SQLite's
    json_extract gives for it, stored in a text column (a number as its digits,
    true/false as 1/0, a list or mapping as compact JSON, null as NULL; a float of more
    than 15 significant digits or from 1e15 up may be written differently, which no
    township, village or rating is)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = f"{value:.15g}"
        return text if any(c in text for c in ".eni") else text + ".0"
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def statistics_values(content: Mapping[str, object] | None) -> tuple[str | None, ...]:
    """The statistics columns (in STATISTICS_KEYS order) for a content (decoded JSON)."""
    if content is None:
        return (None,) * len(STATISTICS_KEYS)
    return tuple(statistics_value(content.get(key)) for _, key in STATISTICS_KEYS)


@event.listens_for(Customer.content, "set")
def copy_statistics(target: Customer, value: str | None, _old: object, _initiator: object) -> None:
    """Whenever a customer's content is assigned (created, changed, moved to or from the
    vault, deleted), its statistics columns follow in the same UPDATE or INSERT."""
    content = json.loads(value) if value else None
    values = statistics_values(content if isinstance(content, Mapping) else None)
    for (column, _), copied in zip(STATISTICS_KEYS, values, strict=True):
        setattr(target, column, copied)


class Carrier(Base):
    """Where a customer's paper file, disk or electronic copy is kept (article 6)."""

    __tablename__ = "carriers"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    cabinet: Mapped[str] = mapped_column(String(32), default="")
    box: Mapped[str] = mapped_column(String(32), default="")
    folder: Mapped[str] = mapped_column(String(32), default="")
    note: Mapped[str] = mapped_column(String(200), default="")

    customer: Mapped[Customer] = relationship(back_populates="carriers")


class ArchiveCounter(Base):
    """The next archive number per (category code, year): numbers are never reused."""

    __tablename__ = "archive_counters"

    prefix: Mapped[str] = mapped_column(String(32), primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class CustomerNameGram(Base):
    """One- and two-character pieces of a customer's name, for short searches.

    Maintained by app/storage/search.py only (with the FTS table customer_fts,
    which has no ORM class). The primary key runs in ranking order, so a short
    query reads just the first rows of its gram; ``archive_no`` (normalised,
    lower case) is copied here only to order ties.
    """

    __tablename__ = "customer_name_grams"
    __table_args__ = ({"sqlite_with_rowid": False},)

    #: a 1-2 character piece of the normalised name, or the first 1-2 letters of its pinyin
    gram: Mapped[str] = mapped_column(String(8), primary_key=True)
    #: 0 where the piece starts the name (or its pinyin), 1 inside it
    infix: Mapped[int] = mapped_column(Integer, primary_key=True)
    name_len: Mapped[int] = mapped_column(Integer, primary_key=True)
    archive_no: Mapped[str] = mapped_column(String(40), primary_key=True)
    #: no foreign key or index of its own: see migration m0004
    customer_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


class CustomerSearchKey(Base):
    """Per customer, what search filters and orders by, in a small row (app/storage/search.py)."""

    __tablename__ = "customer_search_keys"

    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    #: a copy of customers.manager_id (search checks its results against the original)
    manager_id: Mapped[int] = mapped_column(Integer)
    #: length of the normalised name (a large number for secret-tier rows, which have none)
    name_len: Mapped[int] = mapped_column(Integer)
    #: normalised (lower case), as search orders by it
    archive_no: Mapped[str] = mapped_column(String(40))
