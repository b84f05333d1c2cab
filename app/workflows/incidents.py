"""Leak incidents (article 20): report at once, the head handles and closes.

"工作人员发现客户信息已经泄露或者可能泄露时,应当立即采取补救措施并及时报告
客户服务管理部主管。相关人员接到报告后,应立即处理." Anyone (INCIDENT_REPORT)
reports, at any time, what happened, when it was discovered, how, the
customers concerned (archive numbers, when known) and the remedial measures
already taken. The report reaches the head of the customer-service
management department (INCIDENT_HANDLE) at once: it is in their list of open
incidents, and announced at their next login until they open it
(:func:`unseen_for`). The head records each handling step and closes the
incident with a conclusion.

Who sees what: a head sees every report; everyone else sees the reports they
made. Reports name customers by archive number, never by name or ID (the
form says so): a report outlives the archives it mentions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import sqlalchemy as sa

from app.errors import Conflict, InvalidInput, NotPermitted
from app.models import Customer, Incident, IncidentStep, IncidentView, User
from app.models.base import utcnow
from app.models.incident import INCIDENT_STATE_LABELS
from app.security.permissions import Action
from app.storage.archive import Archive
from app.storage.uow import UnitOfWork
from app.workflows import approvals
from app.workflows.auth import Actor, authorize, refresh

PREFIX = "SJ"
TEXT_MAX = 2000
ARCHIVES_MAX = 100


@dataclass(frozen=True)
class IncidentRef:
    id: int
    serial: str
    state: str


@dataclass(frozen=True)
class IncidentLine:
    id: int
    serial: str
    state: str
    state_label: str
    reporter_name: str
    reported_at: datetime
    discovered_at: datetime
    #: the first line of what happened, for a list
    summary: str
    archive_nos: str
    steps: int
    #: the logged-in head has not opened it yet
    unseen: bool


@dataclass(frozen=True)
class StepLine:
    author_name: str
    recorded_at: datetime
    text: str


@dataclass(frozen=True)
class IncidentDetail:
    line: IncidentLine
    description: str
    channel: str
    measures: str
    steps: list[StepLine]
    closed_at: datetime | None
    closed_by_name: str
    conclusion: str
    #: the logged-in person may record steps and close it
    can_handle: bool

    @property
    def is_open(self) -> bool:
        return self.line.state == "open"


# --- reporting ----------------------------------------------------------------------------------


def _clean(text: str, what: str, *, required: bool = True) -> str:
    value = (text or "").strip()
    if required and not value:
        raise InvalidInput(f"请填写{what}。")
    if len(value) > TEXT_MAX:
        raise InvalidInput(f"{what}最多 {TEXT_MAX} 字,请精简。")
    return value


def _when(value: date | datetime) -> datetime:
    """A day or a local time as stored (naive UTC); a day counts from its start."""
    moment = value if isinstance(value, datetime) else datetime.combine(value, time(0, 0))
    if moment.tzinfo is None:
        moment = moment.astimezone()  # a naive time typed at the desk is local
    return moment.astimezone(UTC).replace(tzinfo=None)


def _archive_numbers(uow: UnitOfWork, numbers: Sequence[str] | str) -> list[str]:
    if isinstance(numbers, str):
        for sep in (",", ",", ";", ";", " ", "\n"):
            numbers = numbers.replace(sep, "、")
        numbers = numbers.split("、")
    wanted = list(dict.fromkeys(n.strip() for n in numbers if n and n.strip()))
    if len(wanted) > ARCHIVES_MAX:
        raise InvalidInput(f"一次报告最多列出 {ARCHIVES_MAX} 个档案编号。")
    if not wanted:
        return []
    known = set(
        uow.session.scalars(sa.select(Customer.archive_no).where(Customer.archive_no.in_(wanted)))
    )
    unknown = [n for n in wanted if n not in known]
    if unknown:
        raise InvalidInput(
            f"没有档案编号为“{unknown[0]}”的档案。请核对编号;不清楚所涉客户时可以不填。"
        )
    return wanted


def report(
    archive: Archive,
    actor: Actor,
    *,
    description: str,
    discovered_at: date | datetime,
    measures: str,
    channel: str = "",
    archive_nos: Sequence[str] | str = (),
) -> IncidentRef:
    """Report a leak or a possible one (anyone, at any time); the head is told at once."""
    live = authorize(archive, actor, Action.INCIDENT_REPORT)
    description = _clean(description, "发生了什么")
    measures = _clean(measures, "已采取的补救措施")
    channel = _clean(channel, "泄露途径", required=False)
    found = _when(discovered_at)
    now = utcnow()
    if found > now:
        raise InvalidInput("发现时间不能晚于现在,请核对。")
    with archive.unit_of_work() as uow:
        numbers = _archive_numbers(uow, archive_nos)
        incident = Incident(
            serial=approvals.next_serial(uow, PREFIX),
            state="open",
            reporter_id=live.user_id,
            reported_at=now,
            discovered_at=found,
            description=description,
            channel=channel,
            measures=measures,
            archive_nos="、".join(numbers),
            conclusion="",
        )
        uow.session.add(incident)
        uow.session.flush()
        uow.audit(
            live.login,
            "incident.report",
            target_type="incident",
            target_id=incident.serial,
            details={"incident": incident.serial, "count": len(numbers)},
        )
        uow.commit()
        return IncidentRef(incident.id, incident.serial, incident.state)


# --- reading ------------------------------------------------------------------------------------


def _handles(live: Actor) -> bool:
    return live.may(Action.INCIDENT_HANDLE)


def _lines(uow: UnitOfWork, live: Actor, rows: Sequence[Incident]) -> list[IncidentLine]:
    if not rows:
        return []
    names = approvals.pairs(uow.session, sa.select(User.id, User.display_name))
    ids = [r.id for r in rows]
    seen = set(
        uow.session.scalars(
            sa.select(IncidentView.incident_id).where(
                IncidentView.user_id == live.user_id, IncidentView.incident_id.in_(ids)
            )
        )
    )
    counts = approvals.pairs(
        uow.session,
        sa.select(IncidentStep.incident_id, sa.func.count())
        .where(IncidentStep.incident_id.in_(ids))
        .group_by(IncidentStep.incident_id),
    )
    head = _handles(live)
    return [
        IncidentLine(
            id=r.id,
            serial=r.serial,
            state=r.state,
            state_label=INCIDENT_STATE_LABELS.get(r.state, r.state),
            reporter_name=names.get(r.reporter_id, ""),
            reported_at=r.reported_at,
            discovered_at=r.discovered_at,
            summary=(r.description.splitlines() or [""])[0][:60],
            archive_nos=r.archive_nos,
            steps=int(counts.get(r.id, 0)),
            unseen=head and r.id not in seen,
        )
        for r in rows
    ]


def _visible(live: Actor) -> sa.Select[tuple[Incident]]:
    stmt = sa.select(Incident)
    if not _handles(live):
        stmt = stmt.where(Incident.reporter_id == live.user_id)
    return stmt


def incidents(archive: Archive, actor: Actor, *, state: str | None = None) -> list[IncidentLine]:
    """The incident register, newest first: every report for a head, one's own for others."""
    live = authorize(archive, actor, Action.INCIDENT_REPORT)
    if state not in (None, "open", "closed"):
        raise ValueError(state)
    with archive.unit_of_work() as uow:
        stmt = _visible(live)
        if state:
            stmt = stmt.where(Incident.state == state)
        rows = uow.session.scalars(stmt.order_by(Incident.id.desc())).all()
        return _lines(uow, live, rows)


def open_incidents(archive: Archive, actor: Actor) -> list[IncidentLine]:
    """The head's inbox: incidents still being handled, oldest first ([] for anyone else)."""
    live = refresh(archive, actor)
    if not _handles(live):
        return []
    with archive.unit_of_work() as uow:
        rows = uow.session.scalars(
            sa.select(Incident).where(Incident.state == "open").order_by(Incident.id)
        ).all()
        return _lines(uow, live, rows)


def incident_count(archive: Archive, actor: Actor) -> int:
    """How many incidents wait for the head (0 for anyone who does not handle them)."""
    live = refresh(archive, actor)
    if not _handles(live):
        return 0
    with archive.unit_of_work() as uow:
        return int(
            uow.session.scalar(
                sa.select(sa.func.count()).select_from(Incident).where(Incident.state == "open")
            )
            or 0
        )


def unseen_for(archive: Archive, actor: Actor) -> list[IncidentLine]:
    """Reports this head has not opened yet, oldest first (the banner at login); [] for others.

    Reading this changes nothing: the banner stays until the head opens each
    report (:func:`open_incident`) or acknowledges them (:func:`mark_seen`).
    """
    live = refresh(archive, actor)
    if not _handles(live):
        return []
    with archive.unit_of_work() as uow:
        seen = sa.select(IncidentView.incident_id).where(IncidentView.user_id == live.user_id)
        rows = uow.session.scalars(
            sa.select(Incident)
            .where(Incident.state == "open", Incident.id.not_in(seen))
            .order_by(Incident.id)
        ).all()
        return _lines(uow, live, rows)


def _mark(uow: UnitOfWork, user_id: int, incident_ids: Sequence[int]) -> None:
    if not incident_ids:
        return
    already = set(
        uow.session.scalars(
            sa.select(IncidentView.incident_id).where(
                IncidentView.user_id == user_id, IncidentView.incident_id.in_(list(incident_ids))
            )
        )
    )
    for incident_id in dict.fromkeys(incident_ids):
        if incident_id not in already:
            uow.session.add(IncidentView(incident_id=incident_id, user_id=user_id))
    uow.session.flush()


def mark_seen(archive: Archive, actor: Actor, incident_ids: Sequence[int]) -> None:
    """The head acknowledges the banner: these reports are no longer announced to them."""
    live = authorize(archive, actor, Action.INCIDENT_HANDLE)
    with archive.unit_of_work() as uow:
        ids = list(
            uow.session.scalars(sa.select(Incident.id).where(Incident.id.in_(list(incident_ids))))
        )
        _mark(uow, live.user_id, ids)
        uow.commit()


def _load(uow: UnitOfWork, live: Actor, incident_id: int) -> Incident:
    incident = uow.session.get(Incident, incident_id)
    if incident is None:
        raise InvalidInput("找不到此事件报告,请刷新后重试。")
    if not _handles(live) and incident.reporter_id != live.user_id:
        raise NotPermitted("查看他人报告的泄露事件")
    return incident


def _detail(uow: UnitOfWork, live: Actor, incident: Incident) -> IncidentDetail:
    names = approvals.pairs(uow.session, sa.select(User.id, User.display_name))
    return IncidentDetail(
        line=_lines(uow, live, [incident])[0],
        description=incident.description,
        channel=incident.channel,
        measures=incident.measures,
        steps=[StepLine(names.get(s.author_id, ""), s.recorded_at, s.text) for s in incident.steps],
        closed_at=incident.closed_at,
        closed_by_name=names.get(incident.closed_by or 0, ""),
        conclusion=incident.conclusion,
        can_handle=_handles(live) and incident.state == "open",
    )


def open_incident(archive: Archive, actor: Actor, incident_id: int) -> IncidentDetail:
    """One report with its steps (a head's opening marks it seen); an audit event."""
    live = authorize(archive, actor, Action.INCIDENT_REPORT)
    with archive.unit_of_work() as uow:
        incident = _load(uow, live, incident_id)
        if _handles(live):
            _mark(uow, live.user_id, [incident.id])
        uow.audit(
            live.login,
            "incident.open",
            target_type="incident",
            target_id=incident.serial,
            details={"incident": incident.serial},
        )
        detail = _detail(uow, live, incident)
        uow.commit()
        return detail


# --- handling -----------------------------------------------------------------------------------


def _open_for_handling(uow: UnitOfWork, live: Actor, incident_id: int) -> Incident:
    incident = _load(uow, live, incident_id)
    if incident.state != "open":
        raise Conflict(f"事件 {incident.serial} 已结案,不能再记录处理情况。")
    return incident


def add_step(archive: Archive, actor: Actor, incident_id: int, text: str) -> IncidentDetail:
    """The head records a handling step (what was done)."""
    live = authorize(archive, actor, Action.INCIDENT_HANDLE)
    text = _clean(text, "处理情况")
    with archive.unit_of_work() as uow:
        incident = _open_for_handling(uow, live, incident_id)
        incident.steps.append(IncidentStep(author_id=live.user_id, text=text))
        _mark(uow, live.user_id, [incident.id])
        uow.session.flush()
        uow.audit(
            live.login,
            "incident.step",
            target_type="incident",
            target_id=incident.serial,
            details={"incident": incident.serial, "count": len(incident.steps)},
        )
        detail = _detail(uow, live, incident)
        uow.commit()
        return detail


def close(archive: Archive, actor: Actor, incident_id: int, conclusion: str) -> IncidentDetail:
    """The head closes the incident with a conclusion (结案)."""
    live = authorize(archive, actor, Action.INCIDENT_HANDLE)
    conclusion = _clean(conclusion, "处理结论")
    with archive.unit_of_work() as uow:
        incident = _open_for_handling(uow, live, incident_id)
        incident.state = "closed"
        incident.closed_at = utcnow()
        incident.closed_by = live.user_id
        incident.conclusion = conclusion
        _mark(uow, live.user_id, [incident.id])
        uow.session.flush()
        uow.audit(
            live.login,
            "incident.close",
            target_type="incident",
            target_id=incident.serial,
            details={"incident": incident.serial, "count": len(incident.steps)},
        )
        detail = _detail(uow, live, incident)
        uow.commit()
        return detail
