"""首页: what needs the logged-in person now, gathered from the procedures that own it.

One call, :func:`items`, asks each procedure's own reading function what
waits for this person and turns the answers into short lines, each with an
urgency, a count where it is a count, and where to go to resolve it (an area
of the main window and, where there is one, the request or record to open):

- 待我审批: requests whose current step this person may decide (requests.inbox);
- 我的申请: their own requests still under way, and recent rejections (requests.mine);
- 查阅授权: grants in force (consultation grants, copy permits), those ending
  within :data:`ENDING_SOON` flagged (a kind of grant is one line of :data:`GRANT_KINDS`);
- 逾期未还: carriers held past their day and transfers they answer for
  (checkout.overdue_for, transfers.overdue_for);
- 资料不全的档案: a manager's own archives below 100% completeness (the
  template's score, kept on the catalogue line);
- 事件与检查: leak reports being handled (the department head) and this
  year's inspection (whoever may read inspection records);
- 备份: the age of the last backup (whoever may make one).

Nothing here writes (beyond what the reading functions themselves do: a grant
past its end is marked expired when read). Every line holds catalogue words
only: archive numbers, serials, staff names, dates and counts, never a
customer's name or any free text someone typed about a customer, because the
home page is the screen most often left in view.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

import sqlalchemy as sa

from app.models import Customer
from app.models.customer import STATUS_LABELS
from app.security.permissions import Action
from app.storage.archive import Archive
from app.workflows import (
    backup,
    checkout,
    consultation,
    copying,
    incidents,
    inspection,
    requests,
    transfers,
)
from app.workflows.approvals import State
from app.workflows.auth import Actor, refresh

#: the sections of the home page, in the order shown: key -> title
SECTIONS: dict[str, str] = {
    "inbox": "待我审批",
    "mine": "我的申请",
    "grants": "查阅授权",
    "overdue": "逾期未还",
    "incomplete": "资料不全的档案",
    "oversight": "事件与检查",
    "backup": "备份",
}
#: how pressing a line is, most pressing first
SEVERITIES = ("urgent", "attention", "info")
SEVERITY_LABELS = {"urgent": "紧急", "attention": "注意", "info": "提示"}

#: a grant ending within this is flagged
ENDING_SOON = timedelta(days=3)
#: a rejection stays on the requester's home page this long after the request was made
RECENT_REJECTION = timedelta(days=14)
#: lines listed one by one in a section; the rest are counted in its first line
LIST_MAX = 5
#: the states in which a request of mine is still under way
UNDER_WAY = frozenset({State.DRAFT, State.SUBMITTED, State.APPROVED})
#: archive statuses whose completeness still matters (not closed, not destroyed)
LIVE_STATUSES = ("draft", "filed")


@dataclass(frozen=True)
class Target:
    """Where a line leads: an area of the main window, a part of it, one thing in it.

    ``area`` is a key of the main window's areas ("approvals", "registers", ...)
    or "backup" (the 备份档案 action); ``part`` names a tab or a filter of the
    area ("checkout", "transfers", "incomplete"); ``item_id`` is the id of the
    request, grant (its request), register line, incident, inspection or
    customer to show, and ``key`` its serial where it has one.
    """

    area: str
    part: str = ""
    item_id: int | None = None
    key: str = ""


@dataclass(frozen=True)
class DashboardItem:
    section: str
    #: what the line is about: request, grant, checkout, transfer, customer, incident,
    #: inspection, backup; a section's counting line has kind "summary"
    kind: str
    text: str
    severity: str = "info"
    #: how many, for a line that counts (None for a line about one thing)
    count: int | None = None
    target: Target | None = None


# --- grants: one line per kind of grant ----------------------------------------------------------


class GrantLike(Protocol):
    """What a kind of grant's reading function returns per grant (consultation.GrantLine)."""

    @property
    def request_id(self) -> int: ...
    @property
    def serial(self) -> str: ...
    @property
    def ends_at(self) -> datetime: ...
    @property
    def subject(self) -> str: ...


@dataclass(frozen=True)
class GrantKind:
    #: the word before 授权 (查阅授权, 复制授权)
    label: str
    #: the procedure whose approved requests are these grants (approvals.Procedure.kind)
    request_kind: str
    #: the area where the grant is used and ended, and the action that shows that area
    area: str
    guard: Action
    #: the person's grants in force, the soonest to end first
    lines: Callable[[Archive, Actor], Sequence[GrantLike]]


#: every kind of grant the home page shows; a new kind is one more line here
GRANT_KINDS: tuple[GrantKind, ...] = (
    GrantKind(
        "查阅",
        consultation.KIND,
        "consultation",
        Action.CONSULTATION_APPLY,
        consultation.grants_in_force,
    ),
    GrantKind("复制", copying.KIND, "copy", Action.COPY_REQUEST, copying.permits_in_force),
)


# --- small helpers -------------------------------------------------------------------------------


def _naive_utc(moment: datetime | None) -> datetime:
    if moment is None:
        return datetime.now(UTC).replace(tzinfo=None)
    return transfers.as_utc(moment)


def _local(moment: datetime, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored moment (naive UTC) on the branch's clock."""
    return moment.replace(tzinfo=UTC).astimezone().strftime(fmt)


def time_left(delta: timedelta) -> str:
    """还剩 3 天 4 小时 / 还剩 5 小时 20 分钟 / 还剩 25 分钟 (as the consultation page says it)."""
    seconds = max(int(delta.total_seconds()), 0)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return f"还剩 {days} 天 {hours} 小时"
    if hours:
        return f"还剩 {hours} 小时 {minutes} 分钟"
    return f"还剩 {max(minutes, 1)} 分钟"


def _more(section: str, shown: int, total: int, target: Target | None) -> list[DashboardItem]:
    """A closing line for what did not fit: 另有 3 项,请到…查看."""
    left = total - shown
    if left <= 0:
        return []
    return [DashboardItem(section, "more", f"另有 {left} 项未列出。", "info", left, target)]


# --- the sections --------------------------------------------------------------------------------


def _inbox(archive: Archive, live: Actor) -> list[DashboardItem]:
    lines = requests.inbox(archive, live)
    if not lines:
        return []
    area = Target("approvals")
    found = [
        DashboardItem(
            "inbox", "summary", f"{len(lines)} 件申请等待您审批。", "attention", len(lines), area
        )
    ]
    for line in lines[:LIST_MAX]:
        subject = f"({line.subject})" if line.subject else ""
        found.append(
            DashboardItem(
                "inbox",
                "request",
                f"{line.kind_label} {line.serial}{subject}:{line.requester_name} 提出,"
                f"待{line.next_step}",
                "info",
                None,
                Target("approvals", "request", line.id, line.serial),
            )
        )
    return found + _more("inbox", LIST_MAX, len(lines), area)


def _mine(archive: Archive, live: Actor, now: datetime) -> list[DashboardItem]:
    granting = {kind.request_kind for kind in GRANT_KINDS}  # approved: under 查阅授权
    chosen = []
    for line in requests.mine(archive, live):
        if line.state == State.APPROVED and line.kind in granting:
            continue
        if line.state in UNDER_WAY or (
            line.state == State.REJECTED and now - line.created_at <= RECENT_REJECTION
        ):
            chosen.append(line)
    if not chosen:
        return []
    area = Target("approvals", "mine")
    under_way = sum(1 for line in chosen if line.state in UNDER_WAY)
    summary = f"{under_way} 件申请正在办理" if under_way else "没有正在办理的申请"
    rejected = len(chosen) - under_way
    if rejected:
        summary += f",{rejected} 件近期被驳回"
    found = [DashboardItem("mine", "summary", summary + "。", "info", under_way, area)]
    for line in chosen[:LIST_MAX]:
        subject = f"({line.subject})" if line.subject else ""
        step = f",下一步:{line.next_step}" if line.next_step else ""
        severity = "attention" if line.state in (State.REJECTED, State.DRAFT) else "info"
        found.append(
            DashboardItem(
                "mine",
                "request",
                f"{line.kind_label} {line.serial}{subject}:{line.state_label}{step}",
                severity,
                None,
                Target("approvals", "request", line.id, line.serial),
            )
        )
    return found + _more("mine", LIST_MAX, len(chosen), area)


def _grants(archive: Archive, live: Actor, now: datetime) -> list[DashboardItem]:
    found: list[DashboardItem] = []
    for kind in GRANT_KINDS:
        grants = list(kind.lines(archive, live))
        if not grants:
            continue
        area = Target(kind.area) if live.may(kind.guard) else None
        soon = [g for g in grants if g.ends_at - now <= ENDING_SOON]
        summary = f"{len(grants)} 项{kind.label}授权有效"
        if soon:
            summary += f",其中 {len(soon)} 项 {ENDING_SOON.days} 天内到期"
        found.append(
            DashboardItem(
                "grants",
                "summary",
                summary + "。",
                "attention" if soon else "info",
                len(grants),
                area,
            )
        )
        for grant in grants[:LIST_MAX]:
            ending = grant.ends_at - now <= ENDING_SOON
            found.append(
                DashboardItem(
                    "grants",
                    "grant",
                    f"{kind.label}授权 {grant.serial}({grant.subject}):"
                    f"{_local(grant.ends_at)} 到期,{time_left(grant.ends_at - now)}",
                    "attention" if ending else "info",
                    None,
                    Target(kind.area, "grant", grant.request_id, grant.serial) if area else None,
                )
            )
        found += _more("grants", LIST_MAX, len(grants), area)
    return found


def _overdue(
    archive: Archive, live: Actor, now: datetime, limit: int = LIST_MAX
) -> list[DashboardItem]:
    today = checkout.local_day(now)
    carriers = checkout.overdue_for(archive, live, today=today)
    moved = transfers.overdue_for(archive, live, now=now)
    total = len(carriers) + len(moved)
    if not total:
        return []
    keeps = live.may(Action.CHECKOUT_RECORD)
    carries = live.may(Action.TRANSFER_RECORD)
    found = [
        DashboardItem(
            "overdue",
            "summary",
            f"{total} 项逾期未还,请尽快归还并登记。",
            "urgent",
            total,
            Target("registers", "checkout" if carriers else "transfers")
            if (keeps if carriers else carries)
            else None,
        )
    ]
    for item in carriers[:limit]:
        found.append(
            DashboardItem(
                "overdue",
                "checkout",
                f"档案 {item.archive_no} 的{item.carrier_label}载体({item.borrower_name}借出)"
                f"应于 {item.due_on.isoformat()} 归还,已逾期 {item.days_late} 天。",
                "urgent",
                None,
                Target("registers", "checkout", item.id, item.archive_no) if keeps else None,
            )
        )
    for line in moved[: max(limit - len(carriers), 0)]:
        what = f"(档案 {line.archive_no})" if line.archive_no else ""
        due = _local(line.expected_return) if line.expected_return else ""
        found.append(
            DashboardItem(
                "overdue",
                "transfer",
                f"由您负责的{line.kind_label}{what}至{line.to_place},应于 {due} 归还,已逾期。",
                "urgent",
                None,
                Target("registers", "transfers", line.id) if carries else None,
            )
        )
    shown = min(len(carriers), limit) + min(len(moved), max(limit - len(carriers), 0))
    return found + _more("overdue", shown, total, found[0].target)


def _incomplete(archive: Archive, live: Actor) -> list[DashboardItem]:
    if not live.may(Action.CUSTOMER_VIEW_OWN):
        return []
    where = (
        Customer.manager_id == live.user_id,
        Customer.status.in_(LIVE_STATUSES),
        Customer.completeness < 100,
    )
    with archive.unit_of_work() as uow:
        total = int(
            uow.session.scalar(sa.select(sa.func.count()).select_from(Customer).where(*where)) or 0
        )
        rows = uow.session.execute(
            sa.select(Customer.id, Customer.archive_no, Customer.status, Customer.completeness)
            .where(*where)
            .order_by(Customer.completeness, Customer.archive_no)
            .limit(LIST_MAX)
        ).all()
    if not total:
        return []
    area = Target("catalogue", "incomplete")
    found = [
        DashboardItem(
            "incomplete",
            "summary",
            f"您管户的档案中有 {total} 份资料不全(完整度低于 100%),请按分类模板补充完整。",
            "attention",
            total,
            area,
        )
    ]
    for customer_id, number, status, score in rows:
        found.append(
            DashboardItem(
                "incomplete",
                "customer",
                f"档案 {number}({STATUS_LABELS.get(status, status)}):完整度 {score}%",
                "attention" if status == "filed" else "info",
                None,
                Target("catalogue", "incomplete", customer_id, number),
            )
        )
    return found + _more("incomplete", len(rows), total, area)


def _incidents(archive: Archive, live: Actor) -> list[DashboardItem]:
    if not live.may(Action.INCIDENT_HANDLE):
        return []
    lines = incidents.open_incidents(archive, live)
    if not lines:
        return []
    unseen = sum(1 for line in lines if line.unseen)
    summary = f"{len(lines)} 起泄露事件尚在处理"
    if unseen:
        summary += f",其中 {unseen} 起新报告尚未查看"
    area = Target("incident")
    found = [
        DashboardItem(
            "oversight",
            "summary",
            summary + "(第20条)。",
            "urgent" if unseen else "attention",
            len(lines),
            area,
        )
    ]
    for line in lines[:LIST_MAX]:
        numbers = [n for n in line.archive_nos.replace("、", ",").split(",") if n.strip()]
        about = f",涉及 {len(numbers)} 份档案" if numbers else ""
        state = "新报告,尚未查看" if line.unseen else f"处理中,已记录 {line.steps} 项措施"
        found.append(
            DashboardItem(
                "oversight",
                "incident",
                f"泄露事件 {line.serial}({_local(line.discovered_at, '%Y-%m-%d')} 发现{about}):"
                f"{state}",
                "urgent" if line.unseen else "attention",
                None,
                Target("incident", "", line.id, line.serial),
            )
        )
    return found + _more("oversight", LIST_MAX, len(lines), area)


def unseen_incidents(archive: Archive, live: Actor) -> list[DashboardItem]:
    """New leak reports only (the inbox's reminder lines), in the home page's words."""
    return [
        DashboardItem(
            "oversight",
            "incident",
            f"新的泄露事件报告 {line.serial}({_local(line.discovered_at, '%Y-%m-%d')} 发现),"
            "请到“事件报告”处理。",
            "urgent",
            None,
            Target("incident", "", line.id, line.serial),
        )
        for line in incidents.unseen_for(archive, live)
    ]


def _inspection(archive: Archive, live: Actor) -> list[DashboardItem]:
    if not (live.may(Action.INSPECTION_VIEW) or live.may(Action.INSPECTION_PERFORM)):
        return []
    year = inspection.current_year()
    view = inspection.inspection_for(archive, live, year)
    performs = live.may(Action.INSPECTION_PERFORM)
    if view is None:
        text = f"{year} 年度检查尚未开始" + (",请开始本年度检查(第11条)。" if performs else "。")
        return [
            DashboardItem("oversight", "inspection", text, "attention", None, Target("inspection"))
        ]
    target = Target("inspection", "", view.id)
    if view.state == "open":
        sent_back = ",主任已退回修改" if view.rejection else ""
        if view.editable:
            text = f"{year} 年度检查进行中{sent_back},请完成检查记录并提交签署。"
            severity = "attention"
        else:
            text = f"{year} 年度检查进行中{sent_back}(检查人员 {view.opened_by_name})。"
            severity = "info"
    elif view.state == "submitted":
        if view.can_sign:
            text = f"{year} 年度检查记录 {view.serial} 已提交,待您签署。"
            severity = "urgent"
        else:
            text = f"{year} 年度检查记录 {view.serial} 已提交,待主任签署。"
            severity = "info"
    else:
        text = f"{year} 年度检查已签署:发现问题 {view.problems} 项,需注意 {view.attention} 项。"
        severity = "info"
    return [DashboardItem("oversight", "inspection", text, severity, None, target)]


def _backup(archive: Archive, live: Actor, now: datetime, days: int) -> list[DashboardItem]:
    if not live.may(Action.BACKUP_CREATE):
        return []
    last = backup.last_backup_at(archive)
    target = Target("backup")
    if last is None:
        return [
            DashboardItem(
                "backup",
                "backup",
                "本档案尚未备份,请立即备份(系统 → 备份档案…)。",
                "urgent",
                None,
                target,
            )
        ]
    age = now.replace(tzinfo=UTC) - last
    when = last.astimezone().strftime("%Y-%m-%d %H:%M")
    if backup.backup_due(archive, days, now=now.replace(tzinfo=UTC)):
        return [
            DashboardItem(
                "backup",
                "backup",
                f"上次备份在 {when},已 {age.days} 天(超过 {days} 天),请备份。",
                "attention",
                age.days,
                target,
            )
        ]
    ago = f"{age.days} 天前" if age.days else "今天"
    return [
        DashboardItem("backup", "backup", f"上次备份在 {when}({ago})。", "info", age.days, target)
    ]


# --- the one call ----------------------------------------------------------------------------------


def items(
    archive: Archive,
    actor: Actor,
    now: datetime | None = None,
    *,
    backup_reminder_days: int = backup.BACKUP_REMINDER_DAYS,
) -> list[DashboardItem]:
    """Everything that needs this person, section by section (:data:`SECTIONS` order).

    ``now`` (aware, or naive UTC) is the moment the lines are about: overdue
    days, time left on a grant, the age of the last backup. Only what this
    person may see is asked for: each section checks the permission matrix or
    asks a reading function that answers for this person alone.
    """
    live = refresh(archive, actor)
    moment = _naive_utc(now)
    found: list[DashboardItem] = []
    found += _inbox(archive, live)
    found += _mine(archive, live, moment)
    found += _grants(archive, live, moment)
    found += _overdue(archive, live, moment)
    found += _incomplete(archive, live)
    found += _incidents(archive, live)
    found += _inspection(archive, live)
    found += _backup(archive, live, moment, backup_reminder_days)
    order = list(SECTIONS)
    return sorted(found, key=lambda item: order.index(item.section))


def reminders(archive: Archive, actor: Actor, now: datetime | None = None) -> list[DashboardItem]:
    """The lines the inbox repeats: what is overdue in this person's hands, new leak reports."""
    live = refresh(archive, actor)
    moment = _naive_utc(now)
    overdue = [
        item
        for item in _overdue(archive, live, moment, limit=10_000)
        if item.kind in ("checkout", "transfer")
    ]
    return overdue + unseen_incidents(archive, live)
