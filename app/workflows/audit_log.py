"""Reading the audit log: the rows an inspector pages through, and the chain's health.

Only the service head and inspectors may read the log (Action.AUDIT_VIEW).
Reading is itself recorded: opening the page writes one "audit.view" event and
every chain check one "audit.verify_chain", so an inspection of the log shows
who looked at it. Queries stay portable (no SQLite-only SQL) because the same
models may run on PostgreSQL.

Times are stored as naive UTC; people think in local days, so the date
filters are taken as local calendar days (``until`` inclusive) and the rows
come back in local time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from app.models import AuditEvent
from app.security import audit
from app.security.permissions import Action
from app.storage.archive import Archive
from app.workflows.auth import Actor, authorize


@dataclass(frozen=True)
class AuditRow:
    seq: int
    #: local time, timezone-aware
    occurred_at: datetime
    actor: str
    action: str
    action_label: str
    target_type: str
    target_id: str
    details: dict[str, Any]

    @property
    def details_text(self) -> str:
        return audit.describe_details(self.details)


@dataclass(frozen=True)
class FilterChoices:
    """What the filter combos offer: only values that occur in the log."""

    actors: list[str]
    #: (code, Chinese label), sorted by code so related events sit together
    actions: list[tuple[str, str]]


@dataclass(frozen=True)
class ChainStatus:
    """The chain as verified: its length, its head hash and every problem found."""

    length: int
    head: str
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def _local_midnight_utc(day: date) -> datetime:
    """The instant a local calendar day starts, as the naive UTC the table stores."""
    local = datetime.combine(day, time.min).astimezone()
    return local.astimezone(UTC).replace(tzinfo=None)


def _to_local(stored: datetime) -> datetime:
    return stored.replace(tzinfo=UTC).astimezone()


def _conditions(
    actor_login: str | None,
    action: str | None,
    since: date | None,
    until: date | None,
    upto_seq: int | None,
) -> list[sa.ColumnElement[bool]]:
    where: list[sa.ColumnElement[bool]] = []
    if actor_login:
        where.append(AuditEvent.actor == actor_login)
    if action:
        where.append(AuditEvent.action == action)
    if since is not None:
        where.append(AuditEvent.occurred_at >= _local_midnight_utc(since))
    if until is not None:
        where.append(AuditEvent.occurred_at < _local_midnight_utc(until + timedelta(days=1)))
    if upto_seq is not None:
        where.append(AuditEvent.seq <= upto_seq)
    return where


def _details(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        # A damaged row still shows; the chain check reports the damage.
        return {"?": text}
    return value if isinstance(value, dict) else {"?": value}


def _row(event: AuditEvent) -> AuditRow:
    return AuditRow(
        seq=event.seq,
        occurred_at=_to_local(event.occurred_at),
        actor=event.actor,
        action=event.action,
        action_label=audit.event_label(event.action),
        target_type=event.target_type,
        target_id=event.target_id,
        details=_details(event.details),
    )


def search_events(
    archive: Archive,
    actor: Actor,
    *,
    actor_login: str | None = None,
    action: str | None = None,
    since: date | None = None,
    until: date | None = None,
    offset: int = 0,
    limit: int = 200,
    upto_seq: int | None = None,
) -> list[AuditRow]:
    """One page of events, newest first.

    ``upto_seq`` pins a listing to the events that existed when it began, so
    paging with ``offset`` does not shift while new events are appended.
    """
    authorize(archive, actor, Action.AUDIT_VIEW)
    stmt = (
        sa.select(AuditEvent)
        .where(*_conditions(actor_login, action, since, until, upto_seq))
        .order_by(AuditEvent.seq.desc())
        .offset(max(offset, 0))
        .limit(max(limit, 0))
    )
    with archive.unit_of_work() as uow:
        return [_row(e) for e in uow.session.scalars(stmt)]


def count_events(
    archive: Archive,
    actor: Actor,
    *,
    actor_login: str | None = None,
    action: str | None = None,
    since: date | None = None,
    until: date | None = None,
    upto_seq: int | None = None,
) -> int:
    authorize(archive, actor, Action.AUDIT_VIEW)
    stmt = (
        sa.select(sa.func.count())
        .select_from(AuditEvent)
        .where(*_conditions(actor_login, action, since, until, upto_seq))
    )
    with archive.unit_of_work() as uow:
        return int(uow.session.scalar(stmt) or 0)


def filter_choices(archive: Archive, actor: Actor) -> FilterChoices:
    authorize(archive, actor, Action.AUDIT_VIEW)
    with archive.unit_of_work() as uow:
        actors = list(
            uow.session.scalars(sa.select(AuditEvent.actor).distinct().order_by(AuditEvent.actor))
        )
        actions = list(
            uow.session.scalars(sa.select(AuditEvent.action).distinct().order_by(AuditEvent.action))
        )
    return FilterChoices(actors=[a for a in actors if a], actions=audit.labelled(actions))


def record_view(archive: Archive, actor: Actor) -> None:
    """The audit log page was opened (one event per opening, not per query)."""
    authorize(archive, actor, Action.AUDIT_VIEW)
    with archive.unit_of_work() as uow:
        uow.audit(actor.login, "audit.view", target_type="audit")
        uow.commit()


def chain_status(archive: Archive, actor: Actor) -> ChainStatus:
    """Walk the whole chain and say what is wrong with it, recording that it was checked.

    The reported length and head are those verified; the "audit.verify_chain"
    event is appended after them, in the same transaction.
    """
    authorize(archive, actor, Action.AUDIT_VIEW)
    with archive.unit_of_work() as uow:
        key = audit.load_key(uow.session)
        problems = [str(p) for p in audit.verify(uow.session, key)]
        length, head = audit.chain_head(uow.session)
        uow.audit(
            actor.login,
            "audit.verify_chain",
            target_type="audit",
            details={"length": length, "problems": len(problems)},
        )
        uow.commit()
    return ChainStatus(length=length, head=head, problems=problems)
