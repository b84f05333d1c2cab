"""年度检查 (article 11): the yearly check of how customer information is kept, and its record.

"每年年初对客户信息保管状况进行一次全面检查,相关人员应全力配合,做好检查记录."

One record per calendar year. The inspector (INSPECTION_PERFORM) opens the
year's inspection; the program works out the automated findings from main.db
alone (never the vault): archives incomplete or filled under an older
template, archives past their retention period, carriers and transfers
overdue, consultation grants still marked approved after their end, requests
pending for more than 30 days, invalid signatures, the audit chain, whether
a custodian is in post, accounts unused for 90 days, the last stock-take and
open leak incidents. Each finding names the records concerned by archive
number, serial or login, never by a customer's content. What only people can
check (carriers and storage, writing materials, the staff's awareness of the
rules, ...) is a checklist answered 符合/不符合 with a note.

Submitting the finished record is the inspector's signature: the findings,
the checklist and the audit chain head at that moment become the content of a
request of the approval engine (procedure "inspection", serial JC-), signed
with the inspector's Ed25519 key; the director then signs it (主任签署,
INSPECTION_SIGN). A rejected record goes back to the inspector to revise and
submit again. Once the director has signed, the record is closed and
read-only; past years' records stay readable (INSPECTION_VIEW) and print.

Audit events: "inspection.open" (the year's record made), "inspection.refresh",
"inspection.checklist", "inspection.submit", "inspection.print", and the
engine's request.* events.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy.orm import Session

from app.errors import Conflict, InvalidInput, NotEligible
from app.models import (
    Customer,
    Incident,
    IncidentStep,
    Inspection,
    Request,
    TransferRecord,
    User,
    UserKey,
    UserRole,
)
from app.models.base import utcnow
from app.models.outflow import TRANSFER_KINDS
from app.printing.inspection_report import (
    InspectionReport,
    ReportCheck,
    ReportFinding,
    ReportSignature,
    render_report,
)
from app.security import audit
from app.security.permissions import Action
from app.security.roles import Role
from app.storage.archive import Archive
from app.storage.uow import UnitOfWork
from app.template import current_template
from app.workflows import approvals, checkout, reconciliation, retention
from app.workflows.approvals import Event, State, Step
from app.workflows.auth import Actor, authenticate, authorize, refresh

KIND = "inspection"
PREFIX = "JC"
SIGNATURE_DOMAIN = b"custarchive/inspection/v1\n"
#: a request still pending after this many days is a finding
STALE_REQUEST_DAYS = 30
#: an active account nobody logged in with for this many days is a finding
UNUSED_ACCOUNT_DAYS = 90
#: a stock-take older than this is due again
RECONCILIATION_MAX_DAYS = 366
#: the most items kept per finding (the count is always the whole number)
ITEMS_MAX = 500
NOTE_MAX = 500

SEVERITIES = {"ok": "正常", "attention": "需关注", "problem": "问题"}
#: a mark that says the severity without colour (tables, the report)
SEVERITY_MARKS = {"ok": "✓", "attention": "!", "problem": "✗"}
RESULTS = {"pass": "符合", "fail": "不符合"}
UNCHECKED_LABEL = "未检查"
_RESULT_BY_LABEL = {label: key for key, label in RESULTS.items()}
STATE_LABELS = {"open": "检查中", "submitted": "待主任签署", "closed": "已签署"}
OUTPUTS = {"print": "打印", "save": "另存为 PDF"}
INSPECTOR_LABEL = "检查人员"

TRANSITIONS: approvals.Transitions = {
    (State.DRAFT, Event.SUBMIT): State.SUBMITTED,
    (State.SUBMITTED, Event.APPROVE_FINAL): State.APPROVED,
    (State.SUBMITTED, Event.REJECT): State.REJECTED,
    (State.SUBMITTED, Event.WITHDRAW): State.WITHDRAWN,
    (State.APPROVED, Event.APPLY): State.APPLIED,
}
STEPS = (Step("director", "主任签署", Action.INSPECTION_SIGN),)


@dataclass(frozen=True)
class CheckItem:
    """One thing only people can check, with the policy it comes from."""

    key: str
    label: str
    basis: str


#: what the inspector checks by looking and asking (the record keeps the wording it was made with)
CHECKLIST: tuple[CheckItem, ...] = (
    CheckItem(
        "carrier_quality",
        "客户信息载体(纸张、磁盘)质量良好、耐久,便于长期保管,无破损、霉变、受潮",
        "第6条",
    ),
    CheckItem(
        "writing_materials",
        "书写使用碳素墨水、蓝黑墨水等耐久不褪色材料,未使用圆珠笔、铅笔",
        "第7条",
    ),
    CheckItem(
        "storage_place",
        "档案存放场所和柜架防火、防潮、防盗,柜门上锁,钥匙专人保管",
        "第6条",
    ),
    CheckItem(
        "materials_present",
        "抽查的客户档案纸质材料齐全,与系统登记的载体和存放位置一致",
        "第6-7条、第12条",
    ),
    CheckItem(
        "secret_apart",
        "“机密”“绝密”档案单独存放、专人管理,检索备注栏已标明密级",
        "第16条",
    ),
    CheckItem(
        "consultation_forms",
        "纸质查阅申请表填写完整,客户经理审核、单位负责人签字齐全",
        "第13-14条",
    ),
    CheckItem(
        "copies_and_transfers",
        "复制、摘抄经批准;收发、传递和外出携带有指定人员负责并采取安全措施",
        "第17条",
    ),
    CheckItem(
        "destruction",
        "失去保存价值的信息按规定审批销毁,未当作废纸出售",
        "第18条",
    ),
    CheckItem(
        "staff_awareness",
        "工作人员知悉并遵守保密制度和“三不准”(抽问不少于两人)",
        "第15条、第19条",
    ),
    CheckItem(
        "leak_reporting",
        "工作人员知道发现泄露时立即补救并报告客户服务管理部主管",
        "第20条",
    ),
)


# --- values the views receive --------------------------------------------------------------------


@dataclass(frozen=True)
class FindingItem:
    """One record a finding concerns: its number (archive number, serial, login) and why."""

    ref: str
    detail: str


@dataclass(frozen=True)
class Finding:
    code: str
    title: str
    #: ok | attention | problem (SEVERITIES)
    severity: str
    #: how many records it concerns (items may hold fewer: ITEMS_MAX)
    count: int
    #: one sentence: what was found and what to do
    summary: str
    #: the policy's article(s)
    basis: str
    items: tuple[FindingItem, ...]

    @property
    def severity_label(self) -> str:
        return SEVERITIES.get(self.severity, self.severity)

    @property
    def severity_text(self) -> str:
        """ "✗ 问题": the severity in a mark and a word, never only a colour."""
        return f"{SEVERITY_MARKS.get(self.severity, '')} {self.severity_label}".strip()

    @property
    def truncated(self) -> bool:
        return self.count > len(self.items)

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "severity": self.severity,
            "count": self.count,
            "summary": self.summary,
            "basis": self.basis,
            "items": [{"ref": i.ref, "detail": i.detail} for i in self.items],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Finding:
        return cls(
            code=str(data.get("code") or ""),
            title=str(data.get("title") or ""),
            severity=str(data.get("severity") or "ok"),
            count=int(data.get("count") or 0),
            summary=str(data.get("summary") or ""),
            basis=str(data.get("basis") or ""),
            items=tuple(
                FindingItem(str(i.get("ref") or ""), str(i.get("detail") or ""))
                for i in data.get("items") or []
            ),
        )


@dataclass(frozen=True)
class ChecklistLine:
    key: str
    label: str
    basis: str
    #: pass | fail | "" (not checked yet)
    result: str
    note: str

    @property
    def result_label(self) -> str:
        return RESULTS.get(self.result, UNCHECKED_LABEL)


@dataclass(frozen=True)
class SignatureLine:
    role_label: str
    name: str
    login: str
    #: naive UTC
    signed_at: datetime
    fingerprint: str
    valid: bool
    #: 提交 (the inspector) or the director's 同意 / 不同意
    decision_label: str
    reason: str = ""


@dataclass(frozen=True)
class InspectionView:
    id: int
    year: int
    #: open | submitted | closed (STATE_LABELS)
    state: str
    opened_by_name: str
    #: naive UTC
    opened_at: datetime
    findings_at: datetime
    findings: tuple[Finding, ...]
    checklist: tuple[ChecklistLine, ...]
    #: the latest submission's serial (JC-2026-000001), or ""
    serial: str
    request_id: int | None
    submitted_at: datetime | None
    submitted_by_name: str
    chain_seq: int | None
    chain_hash: str
    content_hash: str
    signatures: tuple[SignatureLine, ...]
    closed_at: datetime | None
    #: why the director sent the last submission back ("" if not)
    rejection: str
    #: the logged-in person may change it now (refresh, checklist, submit)
    editable: bool
    #: the logged-in person may sign it as director now
    can_sign: bool

    @property
    def state_label(self) -> str:
        return STATE_LABELS.get(self.state, self.state)

    @property
    def problems(self) -> int:
        return sum(1 for f in self.findings if f.severity == "problem")

    @property
    def attention(self) -> int:
        return sum(1 for f in self.findings if f.severity == "attention")

    @property
    def unchecked(self) -> int:
        return sum(1 for line in self.checklist if not line.result)

    @property
    def failed(self) -> int:
        return sum(1 for line in self.checklist if line.result == "fail")

    @property
    def signatures_valid(self) -> bool:
        return all(s.valid for s in self.signatures)

    def finding(self, code: str) -> Finding:
        return next(f for f in self.findings if f.code == code)


# --- small helpers -------------------------------------------------------------------------------


def current_year() -> int:
    """The year by the branch's calendar."""
    return checkout.local_today().year


def _day(moment: datetime | None) -> str:
    return checkout.local_day(moment).isoformat() if moment is not None else ""


def _minute(moment: datetime) -> str:
    return moment.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def _count(session: Session, stmt: sa.Select[Any]) -> int:
    return int(session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery())) or 0)


def _logins(session: Session) -> dict[int, str]:
    return approvals.pairs(session, sa.select(User.id, User.login))


def _finding(
    code: str,
    title: str,
    basis: str,
    items: Sequence[FindingItem],
    *,
    when_found: str,
    summary: str,
    count: int | None = None,
    severity: str | None = None,
) -> Finding:
    total = len(items) if count is None else count
    return Finding(
        code=code,
        title=title,
        severity=severity or (when_found if total else "ok"),
        count=total,
        summary=summary,
        basis=basis,
        items=tuple(items[:ITEMS_MAX]),
    )


# --- the automated findings ----------------------------------------------------------------------


def _incomplete(session: Session, logins: Mapping[int, str]) -> Finding:
    stmt = sa.select(Customer.archive_no, Customer.completeness, Customer.manager_id).where(
        Customer.status == "filed", Customer.completeness < 100
    )
    count = _count(session, stmt)
    rows = session.execute(stmt.order_by(Customer.archive_no).limit(ITEMS_MAX)).all()
    items = [
        FindingItem(no, f"完整度 {pct}%;管户客户经理 {logins.get(manager, '')}")
        for no, pct, manager in rows
    ]
    summary = (
        f"{count} 份在册档案未按联社分类模板填写完整,请管户客户经理补充完整。"
        if count
        else "在册档案均已按分类模板填写完整。"
    )
    return _finding(
        "incomplete_archives",
        "在册档案填写不完整",
        "第4-5条",
        items,
        when_found="problem",
        summary=summary,
        count=count,
    )


def _outdated(session: Session, logins: Mapping[int, str]) -> Finding:
    version = current_template().version
    stmt = sa.select(Customer.archive_no, Customer.template_version, Customer.manager_id).where(
        Customer.status == "filed", Customer.template_version < version
    )
    count = _count(session, stmt)
    rows = session.execute(stmt.order_by(Customer.archive_no).limit(ITEMS_MAX)).all()
    items = [
        FindingItem(
            no,
            f"按第 {filled} 版分类模板填写(现行第 {version} 版);"
            f"管户客户经理 {logins.get(manager, '')}",
        )
        for no, filled, manager in rows
    ]
    summary = (
        f"{count} 份在册档案按旧版分类模板填写,请对照现行模板核对、补充新增的必填项目。"
        if count
        else f"在册档案均按现行分类模板(第 {version} 版)填写。"
    )
    return _finding(
        "outdated_template",
        "按旧版分类模板填写的在册档案",
        "第5条",
        items,
        when_found="attention",
        summary=summary,
        count=count,
    )


def _retention(uow: UnitOfWork, today: date) -> Finding:
    title, basis = "保管期限已满尚未销毁的档案", "第18条"
    try:
        rules = retention.current_rules()
    except retention.RetentionError as exc:
        return _finding(
            "retention_due",
            title,
            basis,
            [FindingItem("保管期限规则", exc.message)],
            when_found="problem",
            summary="保管期限规则文件无法使用,不能判断哪些档案已到期。",
        )
    lines = retention.due_lines(uow, rules, today)
    items = [
        FindingItem(
            line.archive_no,
            f"{line.status_label},保管 {line.retention_years} 年,{line.due_on.isoformat()} 到期"
            + (f";已提出销毁申请 {line.pending_serial}" if line.pending_serial else ""),
        )
        for line in lines
    ]
    summary = (
        f"{len(items)} 份档案保管期限已满,请按制度第18条报批销毁,或说明继续保存的理由。"
        if items
        else "没有保管期限已满尚未销毁的档案。"
    )
    return _finding("retention_due", title, basis, items, when_found="attention", summary=summary)


def _overdue_checkouts(archive: Archive, live: Actor, today: date) -> Finding:
    lines = checkout.overdue(archive, live, today=today)
    items = [
        FindingItem(
            line.archive_no,
            f"{line.carrier_label}({line.location}),借用人 {line.borrower_login},"
            f"应还 {line.due_on.isoformat()},逾期 {line.days_late} 天",
        )
        for line in lines
    ]
    summary = (
        f"{len(items)} 件档案载体逾期未归还,请督促借用人归还并登记。"
        if items
        else "没有逾期未归还的档案载体。"
    )
    return _finding(
        "overdue_checkouts",
        "逾期未归还的档案载体",
        "第12条",
        items,
        when_found="problem",
        summary=summary,
    )


def _overdue_transfers(session: Session, logins: Mapping[int, str], now: datetime) -> Finding:
    rows = session.execute(
        sa.select(TransferRecord, Customer.archive_no)
        .outerjoin(Customer, Customer.id == TransferRecord.customer_id)
        .where(
            TransferRecord.returned_at.is_(None),
            TransferRecord.expected_return.is_not(None),
            TransferRecord.expected_return < now,
        )
        .order_by(TransferRecord.expected_return, TransferRecord.id)
    ).all()
    items = []
    for row, archive_no in rows:
        assert row.expected_return is not None
        detail = (
            f"{TRANSFER_KINDS.get(row.kind, row.kind)},负责人 {logins.get(row.responsible_id, '')},"
            f"应于 {_minute(row.expected_return)} 归还"
        )
        if archive_no:
            detail = f"档案 {archive_no};" + detail
        items.append(FindingItem(f"收发传递第 {row.id} 号", detail))
    summary = (
        f"{len(items)} 项收发传递、外出携带逾期未归还,请指定负责人说明情况并登记归还。"
        if items
        else "没有逾期未归还的收发传递。"
    )
    return _finding(
        "overdue_transfers",
        "逾期未归还的收发传递",
        "第17条",
        items,
        when_found="problem",
        summary=summary,
    )


def _expired_grants(session: Session, logins: Mapping[int, str], now: datetime) -> Finding:
    rows = session.scalars(
        sa.select(Request)
        .where(
            Request.kind == "consultation",
            Request.state == State.APPROVED.value,
            Request.valid_until < now,
        )
        .order_by(Request.valid_until, Request.id)
    ).all()
    items = [
        FindingItem(
            r.serial,
            f"申请人 {logins.get(r.requester_id, '')},授权至 {_minute(r.valid_until)}"
            if r.valid_until
            else f"申请人 {logins.get(r.requester_id, '')}",
        )
        for r in rows
    ]
    summary = (
        f"{len(items)} 项查阅授权已过有效期仍标为“已批准”(已不能凭其查阅),"
        "请核实授权期满后是否仍有查阅。"
        if items
        else "没有过期仍标为已批准的查阅授权。"
    )
    return _finding(
        "expired_grants",
        "已过期仍标为已批准的查阅授权",
        "第13-14条",
        items,
        when_found="attention",
        summary=summary,
    )


def _stale_requests(session: Session, logins: Mapping[int, str], now: datetime) -> Finding:
    cutoff = now - timedelta(days=STALE_REQUEST_DAYS)
    rows = session.scalars(
        sa.select(Request)
        .where(
            Request.state.in_((State.SUBMITTED.value, State.DRAFT.value)),
            Request.created_at < cutoff,
        )
        .order_by(Request.created_at, Request.id)
    ).all()
    items = []
    for r in rows:
        proc = approvals.procedure(r.kind)
        step = approvals.next_step_label(proc, r)
        items.append(
            FindingItem(
                r.serial,
                f"{proc.label},{approvals.STATE_LABELS.get(r.state, r.state)}"
                + (f"({step})" if step else "")
                + f",{_day(r.created_at)} 由 {logins.get(r.requester_id, '')} 提出",
            )
        )
    summary = (
        f"{len(items)} 项申请提出已超过 {STALE_REQUEST_DAYS} 天仍未办结,请督促审批或撤回。"
        if items
        else f"没有超过 {STALE_REQUEST_DAYS} 天未办结的申请。"
    )
    return _finding(
        "stale_requests",
        f"超过{STALE_REQUEST_DAYS}天未办结的申请",
        "第9-18条",
        items,
        when_found="attention",
        summary=summary,
    )


def _signatures(session: Session, archive_id: str) -> Finding:
    problems = [
        *approvals.verify_all(session, archive_id),
        *reconciliation.verify_all(session, archive_id),
        *verify_all(session, archive_id),
    ]
    items = [FindingItem("", text) for text in problems]
    summary = (
        f"{len(items)} 处电子签名无效,签署后的内容可能被改动,请立即查明原因。"
        if items
        else "审批、帐实核对和年度检查记录的电子签名均有效。"
    )
    return _finding(
        "invalid_signatures",
        "无效的电子签名",
        "第10-18条",
        items,
        when_found="problem",
        summary=summary,
    )


def _chain(session: Session) -> Finding:
    title = "审计日志链校验"
    try:
        problems = audit.verify(session, audit.load_key(session))
    except LookupError:
        return _finding(
            "audit_chain",
            title,
            "",
            [FindingItem("", "审计日志的密钥或链头缺失")],
            when_found="problem",
            summary="审计日志无法校验,请立即报告系统管理员和保密专管员。",
        )
    seq, head = audit.chain_head(session)
    items = [FindingItem(f"第 {p.seq} 条", p.message) for p in problems]
    summary = (
        f"审计日志发现 {len(items)} 处被删除、调换或改动,请立即查明原因。"
        if items
        else f"审计日志共 {seq} 条,链完整,链头 {head[:16]}…。"
    )
    return _finding("audit_chain", title, "", items, when_found="problem", summary=summary)


def _custodians(session: Session) -> Finding:
    rows = session.execute(
        sa.select(User.login, User.display_name)
        .join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == Role.CUSTODIAN.value, User.status == "active")
        .order_by(User.login)
    ).all()
    items = [FindingItem(login, name) for login, name in rows]
    summary = (
        f"在岗保密专管员 {len(items)} 名。"
        if items
        else "没有在岗的保密专管员:“机密”“绝密”档案无人能开启,也无人管理,请立即指定。"
    )
    return _finding(
        "custodians",
        "在岗保密专管员",
        "第16条",
        items,
        when_found="ok",
        summary=summary,
        severity="ok" if items else "problem",
    )


def _unused_accounts(session: Session, now: datetime) -> Finding:
    cutoff = now - timedelta(days=UNUSED_ACCOUNT_DAYS)
    rows = session.execute(
        sa.select(User.login, User.last_login_at, User.created_at)
        .where(
            User.status == "active",
            sa.or_(
                User.last_login_at < cutoff,
                sa.and_(User.last_login_at.is_(None), User.created_at < cutoff),
            ),
        )
        .order_by(User.login)
    ).all()
    items = [
        FindingItem(
            login,
            f"最后登录 {_day(last)}" if last is not None else f"{_day(created)} 建立,从未登录",
        )
        for login, last, created in rows
    ]
    summary = (
        f"{len(items)} 个账户 {UNUSED_ACCOUNT_DAYS} 天以上未使用,请核实是否仍需要,不需要的停用或注销。"
        if items
        else f"没有 {UNUSED_ACCOUNT_DAYS} 天以上未使用的账户。"
    )
    return _finding(
        "unused_accounts",
        f"{UNUSED_ACCOUNT_DAYS}天以上未使用的账户",
        "第13条、第15条",
        items,
        when_found="attention",
        summary=summary,
    )


def _last_reconciliation(archive: Archive, live: Actor, now: datetime) -> Finding:
    code, title, basis = "reconciliation", "最近一次帐实核对", "第12条"
    last = reconciliation.last_reconciliation(archive)
    if last is None:
        return _finding(
            code,
            title,
            basis,
            [],
            when_found="attention",
            summary="还没有帐实核对记录,请在检查中进行一次帐实核对。",
            severity="attention",
        )
    saved = reconciliation.load(archive, live, last.id)
    items = [
        FindingItem(
            d.archive_no,
            d.kind_label
            + (f",登记 {d.recorded}" if d.recorded else "")
            + (f",实际 {d.found}" if d.found else ""),
        )
        for d in saved.outcome.differences
    ]
    said = (
        f"{last.serial}({_day(last.performed_at)},{last.scope},{last.performer_name})"
        f"实点 {last.found} 件"
    )
    if not last.valid:
        severity = "problem"
        summary = f"{said},签名无效,核对结果可能被改动。"
    elif items:
        severity = "problem"
        summary = f"{said},帐实不符 {len(items)} 处,请逐项查明并处理。"
    elif now - last.performed_at > timedelta(days=RECONCILIATION_MAX_DAYS):
        severity = "attention"
        summary = f"{said},帐实相符;但已超过一年,请重新核对。"
    else:
        severity = "ok"
        summary = f"{said},帐实相符。"
    return _finding(
        code, title, basis, items, when_found=severity, summary=summary, severity=severity
    )


def _open_incidents(session: Session) -> Finding:
    steps = approvals.pairs(
        session,
        sa.select(IncidentStep.incident_id, sa.func.count()).group_by(IncidentStep.incident_id),
    )
    rows = session.scalars(
        sa.select(Incident).where(Incident.state == "open").order_by(Incident.id)
    ).all()
    items = [
        FindingItem(
            r.serial,
            f"{_day(r.reported_at)} 报告,已记录处理 {int(steps.get(r.id, 0))} 步",
        )
        for r in rows
    ]
    summary = (
        f"{len(items)} 起泄露事件尚未结案,请客户服务管理部主管抓紧处理。"
        if items
        else "没有未结案的泄露事件。"
    )
    return _finding(
        "open_incidents",
        "未结案的泄露事件",
        "第20条",
        items,
        when_found="problem",
        summary=summary,
    )


#: how many findings compute_findings works out (for a progress display)
FINDING_COUNT = 13


def compute_findings(
    archive: Archive,
    actor: Actor,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> list[Finding]:
    """Every automated finding, from main.db only (the vault is never needed).

    Read-only. Each finding names the records concerned by archive number,
    serial or login, never by content.
    """
    live = authorize(archive, actor, Action.INSPECTION_PERFORM)
    now = utcnow()
    today = checkout.local_today()
    done = 0

    def step(finding: Finding) -> Finding:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, FINDING_COUNT)
        return finding

    with archive.unit_of_work() as uow:
        session = uow.session
        logins = _logins(session)
        first = [
            step(_incomplete(session, logins)),
            step(_outdated(session, logins)),
            step(_retention(uow, today)),
        ]
    checkouts = step(_overdue_checkouts(archive, live, today))
    with archive.unit_of_work() as uow:
        session = uow.session
        middle = [
            step(_overdue_transfers(session, logins, now)),
            step(_expired_grants(session, logins, now)),
            step(_stale_requests(session, logins, now)),
            step(_signatures(session, archive.archive_id)),
            step(_chain(session)),
            step(_custodians(session)),
            step(_unused_accounts(session, now)),
        ]
    stocktake = step(_last_reconciliation(archive, live, now))
    with archive.unit_of_work() as uow:
        incidents = step(_open_incidents(uow.session))
    return [*first, checkouts, *middle, stocktake, incidents]


def _findings_json(findings: Iterable[Finding]) -> str:
    return json.dumps(
        [f.as_json() for f in findings], ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )


def _load_findings(row: Inspection) -> list[Finding]:
    try:
        return [Finding.from_json(f) for f in json.loads(row.findings or "[]")]
    except (ValueError, TypeError, AttributeError):
        return []


def _load_checklist(row: Inspection) -> list[ChecklistLine]:
    try:
        data = json.loads(row.checklist or "[]")
        return [
            ChecklistLine(
                key=str(c["key"]),
                label=str(c.get("label") or c["key"]),
                basis=str(c.get("basis") or ""),
                result=str(c.get("result") or ""),
                note=str(c.get("note") or ""),
            )
            for c in data
        ]
    except (ValueError, TypeError, KeyError, AttributeError):
        return []


def _checklist_json(lines: Iterable[ChecklistLine]) -> str:
    return json.dumps(
        [
            {
                "key": c.key,
                "label": c.label,
                "basis": c.basis,
                "result": c.result,
                "note": c.note,
            }
            for c in lines
        ],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )


def _fresh_checklist() -> list[ChecklistLine]:
    return [ChecklistLine(i.key, i.label, i.basis, "", "") for i in CHECKLIST]


# --- the signed content --------------------------------------------------------------------------


def _note(year: int, findings: Sequence[Finding], checklist: Sequence[ChecklistLine]) -> str:
    problems = sum(1 for f in findings if f.severity == "problem")
    attention = sum(1 for f in findings if f.severity == "attention")
    failed = sum(1 for c in checklist if c.result == "fail")
    return (
        f"{year} 年度客户信息保管状况检查记录:自动检查 {len(findings)} 项,"
        f"发现问题 {problems} 项、需关注 {attention} 项;"
        f"人工检查 {len(checklist)} 项,不符合 {failed} 项。详见“年度检查”。"
    )


def content_of(archive_id: str, row: Inspection, inspector_login: str) -> dict[str, Any]:
    """What is signed: the findings, the checklist and the audit chain head at submission."""
    findings = _load_findings(row)
    checklist = _load_checklist(row)
    return {
        "archive": archive_id,
        "kind": KIND,
        "year": row.year,
        "inspector": inspector_login,
        "findings_at": row.findings_at.isoformat(timespec="microseconds"),
        "findings": [f.as_json() for f in findings],
        "checklist": json.loads(_checklist_json(checklist)),
        "chain": {"seq": row.chain_seq, "hash": row.chain_hash},
        "note": _note(row.year, findings, checklist),
    }


def signed_message(
    archive_id: str,
    serial: str,
    year: int,
    inspector_login: str,
    signed_at: datetime,
    content_hash: str,
) -> bytes:
    body = approvals.canonical_json(
        {
            "archive": archive_id,
            "kind": KIND,
            "serial": serial,
            "year": year,
            "inspector": inspector_login,
            "signed_at": signed_at.isoformat(timespec="microseconds"),
            "content_hash": content_hash,
        }
    )
    return SIGNATURE_DOMAIN + body.encode("utf-8")


def inspection_valid(session: Session, archive_id: str, row: Inspection) -> bool:
    """Whether the record is exactly what its inspector signed, and the request holds it.

    The row's findings, checklist and chain head hash to the signed content
    hash; the request's payload hashes to it too; the signature verifies with a
    key the inspector has held.
    """
    if row.request_id is None or row.submitted_by is None or row.submitted_at is None:
        return False
    if not row.public_key or not row.signature:
        return False
    request = session.get(Request, row.request_id)
    login = session.scalar(sa.select(User.login).where(User.id == row.submitted_by))
    if request is None or login is None or request.requester_id != row.submitted_by:
        return False
    keys = set(
        session.scalars(
            sa.select(UserKey.ed25519_public).where(UserKey.user_id == row.submitted_by)
        )
    )
    if row.public_key not in keys:
        return False
    text = approvals.canonical_json(content_of(archive_id, row, login))
    digest = approvals.content_hash(text)
    if not (digest == row.content_hash == request.content_hash):
        return False
    if approvals.content_hash(request.payload) != request.content_hash:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(row.public_key).verify(
            row.signature,
            signed_message(
                archive_id, request.serial, row.year, login, row.submitted_at, row.content_hash
            ),
        )
    except (InvalidSignature, ValueError):
        return False
    return True


def _state(row: Inspection, request: Request | None) -> str:
    if row.closed_at is not None:
        return "closed"
    if request is None:
        return "open"
    if request.state == State.SUBMITTED:
        return "submitted"
    if request.state in (State.APPROVED, State.APPLIED):
        return "closed"
    return "open"


def verify_all(session: Session, archive_id: str) -> list[str]:
    """Every submitted or signed inspection record's inspector signature."""
    problems = []
    for row in session.scalars(sa.select(Inspection).order_by(Inspection.year)):
        request = session.get(Request, row.request_id) if row.request_id else None
        if _state(row, request) == "open":
            continue  # not submitted, or sent back to be revised
        if not inspection_valid(session, archive_id, row):
            problems.append(f"{row.year} 年度检查记录的检查人员签名无效(记录可能被改动)")
    return problems


# --- reading -------------------------------------------------------------------------------------


def _authorize_read(archive: Archive, actor: Actor) -> Actor:
    live = refresh(archive, actor)
    if live.must_change_password or not (
        live.may(Action.INSPECTION_VIEW) or live.may(Action.INSPECTION_PERFORM)
    ):
        return authorize(archive, actor, Action.INSPECTION_VIEW)
    return live


def _may_sign(live: Actor, request: Request | None) -> bool:
    if request is None or Role.DIRECTOR not in live.roles:
        return False
    return approvals.may_decide(approvals.procedure(KIND), request, live.user_id, live.roles)


def _view(session: Session, archive_id: str, live: Actor, row: Inspection) -> InspectionView:
    request = session.get(Request, row.request_id) if row.request_id else None
    state = _state(row, request)
    names = approvals.pairs(session, sa.select(User.id, User.display_name))
    logins = _logins(session)
    signatures: list[SignatureLine] = []
    rejection = ""
    if request is not None and state in ("submitted", "closed") and row.submitted_at:
        signatures.append(
            SignatureLine(
                role_label=INSPECTOR_LABEL,
                name=names.get(row.submitted_by, ""),
                login=logins.get(row.submitted_by, ""),
                signed_at=row.submitted_at,
                fingerprint=approvals.fingerprint(row.public_key or b""),
                valid=inspection_valid(session, archive_id, row),
                decision_label="提交",
            )
        )
    if request is not None:
        proc = approvals.procedure(KIND)
        lines = approvals.decision_lines(session, archive_id, proc, request)
        if state == "open":
            rejection = next((d.reason for d in reversed(lines) if d.decision == "reject"), "")
            if not rejection and request.state == State.WITHDRAWN:
                rejection = request.close_reason
        else:
            signatures += [
                SignatureLine(
                    role_label=d.step_label,
                    name=d.signer_name,
                    login=d.signer_login,
                    signed_at=d.signed_at,
                    fingerprint=d.fingerprint,
                    valid=d.valid,
                    decision_label=d.decision_label,
                    reason=d.reason,
                )
                for d in lines
            ]
    return InspectionView(
        id=row.id,
        year=row.year,
        state=state,
        opened_by_name=names.get(row.opened_by, ""),
        opened_at=row.opened_at,
        findings_at=row.findings_at,
        findings=tuple(_load_findings(row)),
        checklist=tuple(_load_checklist(row)),
        serial=request.serial if request is not None else "",
        request_id=request.id if request is not None else None,
        submitted_at=row.submitted_at if state != "open" else None,
        submitted_by_name=names.get(row.submitted_by, "") if state != "open" else "",
        chain_seq=row.chain_seq if state != "open" else None,
        chain_hash=row.chain_hash if state != "open" else "",
        content_hash=row.content_hash if state != "open" else "",
        signatures=tuple(signatures),
        closed_at=row.closed_at,
        rejection=rejection,
        editable=state == "open" and live.may(Action.INSPECTION_PERFORM),
        can_sign=state == "submitted" and _may_sign(live, request),
    )


def _by_year(session: Session, year: int) -> Inspection | None:
    return session.scalar(sa.select(Inspection).where(Inspection.year == year))


def _row(uow: UnitOfWork, inspection_id: int) -> Inspection:
    row = uow.session.get(Inspection, inspection_id)
    if row is None:
        raise InvalidInput("找不到此年度检查记录,请刷新后重试。")
    return row


def years(archive: Archive, actor: Actor) -> list[int]:
    """The years with a record, and this year, the latest first (the page's year selector)."""
    _authorize_read(archive, actor)
    with archive.unit_of_work() as uow:
        found = set(uow.session.scalars(sa.select(Inspection.year)))
    found.add(current_year())
    return sorted(found, reverse=True)


def inspection_for(archive: Archive, actor: Actor, year: int) -> InspectionView | None:
    """The record of ``year`` as it is now (signatures verified as read), or None."""
    live = _authorize_read(archive, actor)
    with archive.unit_of_work() as uow:
        row = _by_year(uow.session, year)
        return _view(uow.session, archive.archive_id, live, row) if row is not None else None


def load(archive: Archive, actor: Actor, inspection_id: int) -> InspectionView:
    live = _authorize_read(archive, actor)
    with archive.unit_of_work() as uow:
        return _view(uow.session, archive.archive_id, live, _row(uow, inspection_id))


def awaiting_inspector(archive: Archive, actor: Actor) -> bool:
    """Whether this person performs inspections and this year's record is not yet submitted."""
    live = refresh(archive, actor)
    if live.must_change_password or not live.may(Action.INSPECTION_PERFORM):
        return False
    with archive.unit_of_work() as uow:
        row = _by_year(uow.session, current_year())
        if row is None:
            return True
        request = uow.session.get(Request, row.request_id) if row.request_id else None
        return _state(row, request) == "open"


# --- the inspector's work ------------------------------------------------------------------------


def _counts(findings: Sequence[Finding]) -> dict[str, object]:
    return {
        "problems": sum(1 for f in findings if f.severity == "problem"),
        "attention": sum(1 for f in findings if f.severity == "attention"),
    }


def open_inspection(
    archive: Archive,
    actor: Actor,
    year: int | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> InspectionView:
    """The year's record: made now (with its findings) if this year has none yet, else as it is.

    Only the current year's record can be made, by an inspector; a past year
    without a record has none to show (InvalidInput).
    """
    live = _authorize_read(archive, actor)
    wanted = year or current_year()
    existing = inspection_for(archive, live, wanted)
    if existing is not None:
        return existing
    if wanted != current_year():
        raise InvalidInput(
            f"{wanted} 年度没有年度检查记录。只能开始本年度({current_year()} 年)的检查。"
        )
    live = authorize(archive, live, Action.INSPECTION_PERFORM)
    findings = compute_findings(archive, live, progress=progress)
    with archive.unit_of_work() as uow:
        row = _by_year(uow.session, wanted)
        if row is None:  # nobody made it meanwhile
            now = utcnow()
            row = Inspection(
                year=wanted,
                opened_by=live.user_id,
                opened_at=now,
                findings=_findings_json(findings),
                findings_at=now,
                checklist=_checklist_json(_fresh_checklist()),
                chain_hash="",
                content_hash="",
            )
            uow.session.add(row)
            uow.session.flush()
            uow.audit(
                live.login,
                "inspection.open",
                target_type="inspection",
                target_id=str(wanted),
                details={"year": wanted, **_counts(findings)},
            )
        view = _view(uow.session, archive.archive_id, live, row)
        uow.commit()
        return view


def _editable(uow: UnitOfWork, row: Inspection) -> None:
    request = uow.session.get(Request, row.request_id) if row.request_id else None
    state = _state(row, request)
    if state == "submitted":
        raise Conflict(
            f"{row.year} 年度检查记录已提交主任签署,不能再修改。如需修改,请主任退回后再改。"
        )
    if state == "closed":
        raise Conflict(f"{row.year} 年度检查记录已由主任签署,不能再修改。")


def refresh_findings(
    archive: Archive,
    actor: Actor,
    inspection_id: int,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> InspectionView:
    """刷新检查结果: work the automated findings out again (the record is still being made)."""
    live = authorize(archive, actor, Action.INSPECTION_PERFORM)
    with archive.unit_of_work() as uow:
        _editable(uow, _row(uow, inspection_id))
    findings = compute_findings(archive, live, progress=progress)
    with archive.unit_of_work() as uow:
        row = _row(uow, inspection_id)
        _editable(uow, row)
        row.findings = _findings_json(findings)
        row.findings_at = utcnow()
        uow.session.flush()
        uow.audit(
            live.login,
            "inspection.refresh",
            target_type="inspection",
            target_id=str(row.year),
            details={"year": row.year, **_counts(findings)},
        )
        view = _view(uow.session, archive.archive_id, live, row)
        uow.commit()
        return view


def _result_key(value: str) -> str:
    text = (value or "").strip()
    if text in ("", UNCHECKED_LABEL):
        return ""
    if text in RESULTS:
        return text
    if text in _RESULT_BY_LABEL:
        return _RESULT_BY_LABEL[text]
    raise InvalidInput("检查结果只能是“符合”或“不符合”。")


def save_checklist(
    archive: Archive,
    actor: Actor,
    inspection_id: int,
    answers: Mapping[str, tuple[str, str]],
) -> InspectionView:
    """Record the checklist: item key -> (符合 | 不符合 | "", note). Items not named stay as they are."""
    live = authorize(archive, actor, Action.INSPECTION_PERFORM)
    with archive.unit_of_work() as uow:
        row = _row(uow, inspection_id)
        _editable(uow, row)
        lines = _load_checklist(row)
        known = {line.key for line in lines}
        for key in answers:
            if key not in known:
                raise InvalidInput(f"检查清单中没有“{key}”这一项,请刷新后重试。")
        updated = []
        for line in lines:
            if line.key not in answers:
                updated.append(line)
                continue
            result, note = answers[line.key]
            note = (note or "").strip()
            if len(note) > NOTE_MAX:
                raise InvalidInput(f"“{line.label[:12]}…”的说明最多 {NOTE_MAX} 字,请精简。")
            updated.append(
                ChecklistLine(line.key, line.label, line.basis, _result_key(result), note)
            )
        text = _checklist_json(updated)
        if text != row.checklist:
            row.checklist = text
            uow.session.flush()
            uow.audit(
                live.login,
                "inspection.checklist",
                target_type="inspection",
                target_id=str(row.year),
                details={
                    "year": row.year,
                    "answered": sum(1 for c in updated if c.result),
                    "failed": sum(1 for c in updated if c.result == "fail"),
                },
            )
        view = _view(uow.session, archive.archive_id, live, row)
        uow.commit()
        return view


def _check_complete(row: Inspection) -> None:
    lines = _load_checklist(row)
    open_items = [line for line in lines if not line.result]
    if open_items:
        raise InvalidInput(
            f"人工检查还有 {len(open_items)} 项未填写结果(如“{open_items[0].label[:20]}…”)。"
            "请逐项填写“符合”或“不符合”后再提交。"
        )
    unexplained = [line for line in lines if line.result == "fail" and not line.note]
    if unexplained:
        raise InvalidInput(
            f"“{unexplained[0].label[:20]}…”为不符合,请在说明中写明具体情况和整改要求后再提交。"
        )


def submit(archive: Archive, actor: Actor, inspection_id: int, password: str) -> InspectionView:
    """提交签署: the inspector signs the finished record with their password; the director signs next.

    The findings as last worked out, the checklist and the audit chain head
    now become the content of a request (JC-), signed with the inspector's
    key. A wrong password counts towards the lockout like a wrong login.
    """
    live = authorize(archive, actor, Action.INSPECTION_PERFORM)
    with archive.unit_of_work() as uow:
        row = _row(uow, inspection_id)
        _editable(uow, row)
        _check_complete(row)
    if not password:
        raise InvalidInput("请输入您的密码,以签名确认检查记录。")
    signer = authenticate(archive, live.login, password, purpose="sign")
    signer = authorize(archive, signer, Action.INSPECTION_PERFORM)
    with archive.unit_of_work() as uow:
        row = _row(uow, inspection_id)
        _editable(uow, row)
        _check_complete(row)
        proc = approvals.procedure(KIND)
        row.chain_seq, row.chain_hash = audit.chain_head(uow.session)
        row.submitted_by = signer.user_id
        row.submitted_at = utcnow()
        request = approvals.create(
            uow, proc, signer.user_id, content_of(archive.archive_id, row, signer.login)
        )
        row.request_id = request.id
        row.content_hash = request.content_hash
        row.public_key = signer.keys.ed25519_public
        row.signature = signer.keys.sign(
            signed_message(
                archive.archive_id,
                request.serial,
                row.year,
                signer.login,
                row.submitted_at,
                request.content_hash,
            )
        )
        uow.session.flush()
        approvals.fire(uow, proc, request, Event.SUBMIT, signer.login, details={"year": row.year})
        findings = _load_findings(row)
        uow.audit(
            signer.login,
            "inspection.submit",
            target_type="inspection",
            target_id=str(row.year),
            details={
                "year": row.year,
                "serial": request.serial,
                **_counts(findings),
                "failed": sum(1 for c in _load_checklist(row) if c.result == "fail"),
                "head_seq": row.chain_seq,
            },
        )
        view = _view(uow.session, archive.archive_id, signer, row)
        uow.commit()
        return view


# --- hooks the signing engine runs inside its transaction ----------------------------------------


def _inspection_of(uow: UnitOfWork, request: Request) -> Inspection:
    row = uow.session.scalar(sa.select(Inspection).where(Inspection.request_id == request.id))
    if row is None:
        raise Conflict(f"{request.serial} 已不是最新提交的年度检查记录,请刷新后查看。")
    return row


def _before_sign(
    archive: Archive, uow: UnitOfWork, request: Request, decision: str, vault: UnitOfWork | None
) -> None:
    row = _inspection_of(uow, request)
    if decision == "approve" and not inspection_valid(uow.session, archive.archive_id, row):
        raise Conflict(
            f"{row.year} 年度检查记录的内容与检查人员签署时不符(可能被改动),不能签署同意。"
            "请选择“不同意”退回,由检查人员核实后重新提交。"
        )


def _after_decision(
    archive: Archive,
    uow: UnitOfWork,
    request: Request,
    signer: Actor,
    vault: UnitOfWork | None,
    holder: Actor | None,
) -> None:
    """Only a director signs the record; on approval it is closed (read-only from now on)."""
    if Role.DIRECTOR not in signer.roles:
        raise NotEligible("年度检查记录须由主任签署。")
    row = _inspection_of(uow, request)
    if request.state != State.APPROVED:
        return
    row.closed_at = utcnow()
    uow.session.flush()
    approvals.fire(
        uow,
        approvals.procedure(KIND),
        request,
        Event.APPLY,
        signer.login,
        details={"year": row.year},
    )


# --- the printed report --------------------------------------------------------------------------


def _local(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def _report(archive: Archive, live: Actor, view: InspectionView) -> InspectionReport:
    return InspectionReport(
        branch_name=archive.header.branch_name,
        year=view.year,
        serial=view.serial,
        state_label=view.state_label,
        opened_by=view.opened_by_name,
        opened_at=_local(view.opened_at),
        findings_at=_local(view.findings_at),
        findings=tuple(
            ReportFinding(
                title=f.title,
                severity=f.severity,
                severity_label=f.severity_label,
                count=f.count,
                summary=f.summary,
                basis=f.basis,
                items=tuple((i.ref, i.detail) for i in f.items),
            )
            for f in view.findings
        ),
        checklist=tuple(
            ReportCheck(c.label, c.basis, c.result_label, c.note) for c in view.checklist
        ),
        chain_seq=view.chain_seq,
        chain_hash=view.chain_hash,
        content_hash=view.content_hash,
        signatures=tuple(
            ReportSignature(
                role=s.role_label,
                name=f"{s.name}({s.login})",
                signed_at=_local(s.signed_at),
                decision=s.decision_label,
                fingerprint=s.fingerprint,
                valid=s.valid,
            )
            for s in view.signatures
        ),
        printed_by=live.display_name,
        printed_at=_local(utcnow()),
    )


def report_pdf(archive: Archive, actor: Actor, inspection_id: int) -> bytes:
    """The inspection report as PDF bytes (the preview); :func:`record_output` when it leaves."""
    live = _authorize_read(archive, actor)
    view = load(archive, live, inspection_id)
    buffer = io.BytesIO()
    render_report(_report(archive, live, view), buffer)
    return buffer.getvalue()


def record_output(archive: Archive, actor: Actor, inspection_id: int, how: str) -> None:
    """ "inspection.print": the report was printed or saved as a file."""
    live = _authorize_read(archive, actor)
    if how not in OUTPUTS:
        raise InvalidInput("未知的输出方式。")
    with archive.unit_of_work() as uow:
        row = _row(uow, inspection_id)
        uow.audit(
            live.login,
            "inspection.print",
            target_type="inspection",
            target_id=str(row.year),
            details={"year": row.year, "output": how},
        )
        uow.commit()


PROCEDURE = approvals.register(
    approvals.Procedure(
        kind=KIND,
        label="年度检查记录",
        prefix=PREFIX,
        steps=STEPS,
        transitions=TRANSITIONS,
        before_sign=_before_sign,
        after_decision=_after_decision,
    )
)
