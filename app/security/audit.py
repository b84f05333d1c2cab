"""The tamper-evident audit chain.

Each event carries HMAC-SHA256(audit key, previous hash || canonical content).
Editing a row breaks its own hash, deleting or reordering rows breaks the
link to the next one, and cutting the tail no longer matches the chain head
kept in ``archive_meta`` (written in the same transaction as the event). The
audit key is random, made with the archive and kept inside the encrypted
main.db, so a rekey does not have to rewrite history.

Details hold ids, codes and counts only, never what a customer told the
branch: the audit log is read by inspectors who may not see content.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import ArchiveMeta, AuditEvent
from app.models.base import utcnow

GENESIS = "0" * 64
META_KEY = "audit_key"
META_HEAD = "audit_head"

#: the interface's words for each event code (the audit log page shows them)
EVENT_LABELS: dict[str, str] = {
    "archive.create": "建立档案库",
    "archive.migrate": "档案结构升级",
    "archive.rekey": "更换档案密钥",
    "archive.verify": "校验档案完整性",
    "backup.create": "备份档案",
    "backup.restore": "从备份恢复",
    "login.success": "登录成功",
    "login.failure": "登录失败",
    "login.locked": "登录名被锁定",
    "session.lock": "锁定屏幕",
    "session.unlock": "解除锁定",
    "session.switch": "切换用户",
    "session.logout": "退出登录",
    "user.create": "新建用户",
    "user.update": "修改用户信息",
    "user.roles": "修改用户角色",
    "user.disable": "停用用户",
    "user.enable": "启用用户",
    "user.reset_password": "重置用户密码",
    "user.revoke": "注销用户",
    "user.password_change": "修改本人密码",
    "custodian.grant": "授予保密专管员",
    "custodian.revoke": "撤销保密专管员",
    "auth.in_person": "本人到场验证",
    "audit.view": "查看审计日志",
    "audit.verify_chain": "校验审计链",
    "customer.create": "建立客户档案",
    "customer.update_draft": "修改档案草稿",
    "customer.file": "档案归档",
    "customer.open": "查看客户信息",
    "customer.open_refused": "查看客户信息被拒绝",
    "catalogue.search": "检索档案目录",
    "customer.import": "批量导入客户档案",
    "customer.export": "导出本人客户档案",
    "copy.produce": "复制、导出或打印客户信息",
    "copy.output": "打印或另存复制件",
    "copy.refused": "复制客户信息被拒绝",
    "customer.history": "查看档案修改记录",
    "request.submit": "提交申请",
    "request.approve": "审批同意",
    "request.approve_final": "审批同意(终审)",
    "request.reject": "审批驳回",
    "request.withdraw": "撤回申请",
    "request.refresh": "按最新档案刷新申请",
    "request.apply": "执行并备案",
    "request.expire": "授权到期",
    "request.end": "提前结束授权",
    "request.open": "查看申请",
    "request.attachment_open": "查看申请附件",
    "customer.destroy": "销毁客户档案",
    "archive.vacuum": "清理数据库空闲页",
    "archive.copies_removed": "删除迁移前副本",
    "destruction.register_print": "打印销毁清册",
    "incident.report": "报告泄露事件",
    "incident.open": "查看泄露事件",
    "incident.step": "记录泄露事件处理",
    "incident.close": "泄露事件结案",
    "transfer.record": "登记收发传递",
    "transfer.return": "登记收发传递归还",
    "external.produce": "生成对外提供文件",
    "external.output": "输出对外提供文件",
    "checkout.out": "登记借出档案载体",
    "checkout.in": "登记归还档案载体",
    "label.print": "打印档案标签",
    "reconciliation.perform": "帐实核对",
    "reconciliation.print": "打印帐实核对报告",
    "consultation.form_print": "打印查阅申请表",
    "consultation.form_blank": "打印空白查阅申请表",
    "inspection.open": "开始年度检查",
    "inspection.refresh": "刷新年度检查结果",
    "inspection.checklist": "填写年度检查清单",
    "inspection.submit": "提交年度检查记录",
    "inspection.print": "打印年度检查报告",
    "tier.raise": "标定密级",
    "tier.lower": "降低密级",
    "vault.overview": "查看保密库概况",
    "statistics.view": "查看统计",
    "statistics.print": "打印统计报表",
    "statistics.export": "导出统计表",
}


def event_label(action: str) -> str:
    return EVENT_LABELS.get(action, action)


#: the interface's words for the keys and coded values that events carry in ``details``
DETAIL_KEYS: dict[str, str] = {
    "purpose": "用途",
    "reason": "原因",
    "roles": "角色",
    "before": "原角色",
    "after": "新角色",
    "at": "发生时间",
    "branch_code": "网点代码",
    "from": "原版本",
    "to": "新版本",
    "stage": "阶段",
    "vault": "含保密库",
    "slots": "密钥槽数",
    "sound": "结果",
    "problems": "问题数",
    "head_seq": "审计链头序号",
    "head_hash": "审计链头校验值",
    "size": "文件大小(字节)",
    "backup_at": "备份时间",
    "backup_by": "备份人",
    "vault_checked": "已校验保密库",
    "length": "记录数",
    "requested_by": "经办人",
    "archive_no": "档案编号",
    "category": "类别",
    "subtype": "子类",
    "tier": "密级",
    "from_tier": "原密级",
    "to_tier": "新密级",
    "moved_requests": "移入保密库的申请数",
    "moved_versions": "移入保密库的修改记录数",
    "completeness": "完整度",
    "custodian": "保密专管员",
    "kind": "检索方式",
    "hits": "结果数",
    "count": "数量",
    "first": "起始档案编号",
    "last": "截止档案编号",
    "filed": "在册",
    "drafts": "草稿",
    "status": "状态",
    "source": "来源",
    "serial": "申请编号",
    "procedure": "申请类别",
    "state": "新状态",
    "step": "审批步骤",
    "decision": "审批意见",
    "version": "档案版本",
    "child": "转成的修改申请",
    "register": "销毁清册编号",
    "requests": "清除内容的申请数",
    "year": "年度",
    "incident": "事件编号",
    "transfer": "收发传递登记号",
    "transfer_kind": "传递方式",
    "responsible": "指定负责人",
    "returnable": "须归还",
    "fields": "提供项目数",
    "delivery": "交付方式",
    "pages": "页数",
    "sha256": "文件校验值",
    "checkout": "出入登记号",
    "carrier": "载体",
    "borrower": "借用人",
    "due": "应还日期",
    "received_by": "接收人",
    "condition": "归还状况",
    "overdue": "逾期",
    "output": "输出方式",
    "reconciliation": "核对编号",
    "cabinet": "柜号",
    "box": "盒号",
    "missing": "缺失",
    "checked_out": "在架但登记为借出",
    "unknown": "无此档案",
    "misplaced": "位置不符",
    "grant": "查阅授权",
    "mode": "查阅方式",
    "days": "查阅天数",
    "attention": "需关注项数",
    "answered": "已检查项数",
    "failed": "不符合项数",
    "statistic": "统计项目",
    "period_from": "统计起始日期",
    "period_to": "统计截止日期",
    "form": "复制方式",
    "items": "项目数",
}
_TIER_WORDS: dict[object, str] = {"ordinary": "普通", "secret": "机密", "top_secret": "绝密"}
DETAIL_VALUES: dict[str, dict[object, str]] = {
    "purpose": {
        "login": "登录",
        "unlock": "解除锁定",
        "in_person": "本人到场确认",
        "sign": "签署审批",
    },
    "procedure": {
        "modification": "档案修改申请",
        "update": "信息更新申请",
        "consultation": "查阅申请",
        "destruction": "销毁申请",
        "external": "对外提供申请",
        "inspection": "年度检查记录",
        "tier_lower": "降低密级申请",
        "copy": "复制摘录申请",
    },
    "state": {
        "draft": "草稿",
        "submitted": "审批中",
        "approved": "已批准",
        "rejected": "已驳回",
        "withdrawn": "已撤回",
        "applied": "已执行",
        "expired": "已结束",
    },
    "decision": {"approve": "同意", "reject": "不同意"},
    "transfer_kind": {"send": "发出", "receive": "收到", "pass": "传递", "carry": "外出携带"},
    "returnable": {True: "是", False: "否"},
    "delivery": {"paper": "纸质", "electronic": "电子文件", "inspection": "当面查阅"},
    "carrier": {"paper": "纸质", "disk": "磁盘", "electronic": "电子"},
    "condition": {"intact": "完好", "damaged": "破损", "incomplete": "缺页缺件", "other": "其他"},
    "overdue": {True: "是", False: "否"},
    "output": {"print": "打印", "save": "另存为 PDF"},
    "mode": {"view": "阅览", "excerpt": "摘抄", "copy": "复制"},
    "form": {
        "clipboard": "复制/摘录到剪贴板",
        "excel": "导出 Excel",
        "pdf": "导出 PDF",
        "print": "打印",
    },
    "reason": {
        "wrong_password": "密码错误",
        "unknown_user": "登录名不存在",
        "disabled": "账户已停用",
        "locked": "连续输错被锁定",
        "not_owner": "非管户客户经理且无查阅授权",
        "no_custodian": "保密专管员未到场",
    },
    "tier": _TIER_WORDS,
    "from_tier": _TIER_WORDS,
    "to_tier": _TIER_WORDS,
    "category": {"individual": "个人客户", "organisation": "单位客户", "special": "特殊类客户"},
    "kind": {
        "id": "证件号码",
        "credit_code": "统一社会信用代码",
        "archive_no": "档案编号",
        "number": "数字号码",
        "pinyin": "拼音",
        "name": "姓名",
        "other": "其他",
    },
    "source": {"excel": "Excel 导入", "demo": "示范数据", "records": "批量建档"},
    "status": {"draft": "草稿", "filed": "在册"},
    "stage": {"start": "开始", "done": "完成"},
    "vault": {True: "是", False: "否"},
    "vault_checked": {True: "是", False: "否(保密库按备份校验值核对)"},
    "sound": {True: "通过", False: "发现问题"},
    "statistic": {
        "category": "按类别和子类",
        "manager": "按客户经理",
        "tier": "按密级",
        "status": "按档案状态",
        "completeness": "按完整度",
        "new_monthly": "每月新建档案",
        "procedures": "每月查阅、修改、复制摘抄和对外提供",
        "village_rating": "农户信用等级(按村)",
    },
}


def describe_details(details: dict[str, object]) -> str:
    """An event's details as a person reads them: Chinese names, roles by their titles."""
    from app.security.roles import ROLE_LABELS, Role

    def value(key: str, raw: object) -> str:
        if key in ("roles", "before", "after") and isinstance(raw, list):
            return "、".join(
                ROLE_LABELS[Role(r)] if r in Role._value2member_map_ else str(r) for r in raw
            )
        if isinstance(raw, list | tuple):
            return "、".join(map(str, raw))
        labels = DETAIL_VALUES.get(key, {})
        return labels.get(raw, str(raw)) if isinstance(raw, str | bool) else str(raw)

    return ";".join(
        f"{DETAIL_KEYS.get(key, key)}:{value(key, raw)}" for key, raw in sorted(details.items())
    )


#: the encoders json.dumps would build on every call for canonical() and the details
_CANONICAL_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_DETAILS_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
#: how _CANONICAL_JSON writes one string (ensure_ascii=False: the C encoder where there is one)
_json_string = json.encoder.encode_basestring  # type: ignore[attr-defined]


def canonical(event: AuditEvent) -> bytes:
    return _CANONICAL_JSON.encode(
        [
            event.seq,
            event.occurred_at.isoformat(timespec="microseconds"),
            event.actor,
            event.action,
            event.target_type,
            event.target_id,
            event.details,
        ]
    ).encode("utf-8")


def chain_hash(key: bytes, prev_hash: str, event: AuditEvent) -> str:
    return hmac.digest(key, prev_hash.encode("ascii") + canonical(event), hashlib.sha256).hex()


def new_audit_key() -> bytes:
    return os.urandom(32)


def install(session: Session, key: bytes) -> None:
    """Store the audit key in a new archive (inside the encrypted database)."""
    session.add(ArchiveMeta(key=META_KEY, value=key.hex()))
    session.add(ArchiveMeta(key=META_HEAD, value=f"0:{GENESIS}"))


def load_key(session: Session) -> bytes:
    value = session.get(ArchiveMeta, META_KEY)
    if value is None:
        raise LookupError("audit key missing")
    return bytes.fromhex(value.value)


def append(
    session: Session,
    key: bytes,
    actor: str,
    action: str,
    *,
    target_type: str = "",
    target_id: str | int = "",
    details: dict[str, object] | None = None,
    occurred_at: datetime | None = None,
) -> AuditEvent:
    """Add one event to the chain, in the caller's transaction."""
    head = session.get(ArchiveMeta, META_HEAD)
    if head is None:
        raise LookupError("audit head missing")
    last_seq_text, prev_hash = head.value.split(":", 1)
    event = AuditEvent(
        seq=int(last_seq_text) + 1,
        occurred_at=occurred_at or utcnow(),
        actor=actor,
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        details=json.dumps(
            details or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":")
        ),
        prev_hash=prev_hash,
    )
    event.hash = chain_hash(key, prev_hash, event)
    session.add(event)
    head.value = f"{event.seq}:{event.hash}"
    session.flush()
    return event


@dataclass
class _BulkEvent:
    """The fields :func:`canonical` reads, without an ORM object per event."""

    seq: int
    occurred_at: datetime
    actor: str
    action: str
    target_type: str
    target_id: str
    details: str


def append_many(
    session: Session,
    actor: str,
    events: Sequence[tuple[str, str, str, dict[str, object]]],
    *,
    chunk: int = 1000,
) -> None:
    """Many events ``(action, target_type, target_id, details)`` in the caller's transaction.

    Chained exactly as :func:`append` chains one, but inserted in bulk: an import
    of thousands of archives writes one event per archive without an ORM object each.
    """
    if not events:
        return
    key = load_key(session)
    head = session.get(ArchiveMeta, META_HEAD)
    if head is None:
        raise LookupError("audit head missing")
    seq_text, prev = head.value.split(":", 1)
    seq = int(seq_text)
    rows = []
    for action, target_type, target_id, details in events:
        seq += 1
        event = _BulkEvent(
            seq=seq,
            occurred_at=utcnow(),
            actor=actor,
            action=action,
            target_type=target_type,
            target_id=str(target_id),
            details=_DETAILS_JSON.encode(details),
        )
        digest = chain_hash(key, prev, event)  # type: ignore[arg-type]
        rows.append({**event.__dict__, "prev_hash": prev, "hash": digest})
        prev = digest
    table = AuditEvent.__table__
    conn = session.connection()
    dialect = conn.dialect
    names = tuple(rows[0])
    compiled = sa.insert(table).compile(dialect=dialect, column_keys=list(names))
    if dialect.positional and tuple(compiled.positiontup or ()) == names:
        # one executemany through the driver, the time stored as SQLAlchemy stores it
        when = table.c.occurred_at.type.dialect_impl(dialect).bind_processor(dialect)
        for row in rows:
            if when is not None:
                row["occurred_at"] = when(row["occurred_at"])
        conn.exec_driver_sql(str(compiled), [tuple(row.values()) for row in rows])
    else:
        for start in range(0, len(rows), chunk):
            session.execute(sa.insert(table), rows[start : start + chunk])
    head.value = f"{seq}:{prev}"
    session.flush()


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    message: str

    def __str__(self) -> str:
        return f"审计日志第 {self.seq} 条:{self.message}"


def chain_head(session: Session) -> tuple[int, str]:
    head = session.get(ArchiveMeta, META_HEAD)
    if head is None:
        return 0, GENESIS
    seq, digest = head.value.split(":", 1)
    return int(seq), digest


_CHAIN_SQL = (
    "SELECT seq, occurred_at, actor, action, target_type, target_id, details, prev_hash, hash"
    " FROM audit_events ORDER BY seq"
)


def _stored_isoformat(stored: object) -> str | None:
    """``occurred_at.isoformat(timespec="microseconds")`` from the column's stored text.

    SQLAlchemy stores "YYYY-MM-DD HH:MM:SS.ffffff": that text with a "T" is the
    same string, without parsing a datetime per event. Other text is parsed as
    the ORM would; None if it is no date at all (the event then cannot match).
    """
    if isinstance(stored, str) and len(stored) == 26 and stored[10] == " ":
        return f"{stored[:10]}T{stored[11:]}"
    try:
        return datetime.fromisoformat(str(stored)).isoformat(timespec="microseconds")
    except ValueError:
        return None


def _row_digest(keyed: hmac.HMAC, row: Sequence[object]) -> str | None:
    """:func:`chain_hash` of a stored row (same bytes), from one keyed HMAC state."""
    seq, occurred_at, actor, action, target_type, target_id, details, linked = row[:8]
    iso = _stored_isoformat(occurred_at)
    if iso is None or not isinstance(linked, str):
        return None
    fields = (iso, actor, action, target_type, target_id, details)
    if isinstance(seq, int) and all(isinstance(f, str) for f in fields):
        # what _CANONICAL_JSON.encode([...]) writes for an int and six strings
        content = f"[{seq},{','.join(_json_string(f) for f in fields)}]"  # type: ignore[arg-type]
    else:
        content = _CANONICAL_JSON.encode([seq, *fields])
    mac = keyed.copy()
    mac.update(linked.encode("utf-8"))  # ASCII hex in any sound row
    mac.update(content.encode("utf-8"))
    return mac.hexdigest()


def _when(stored: object) -> str:
    try:
        return f"{datetime.fromisoformat(str(stored)):%Y-%m-%d %H:%M:%S}"
    except ValueError:
        return str(stored)


def verify(session: Session, key: bytes, batch: int = 5000) -> list[ChainProblem]:
    """Walk the whole chain; every problem names the event concerned.

    Streams the stored rows (no ORM object, no datetime per event) and computes
    each HMAC over exactly the bytes :func:`chain_hash` hashed when the event was
    appended, from one keyed state copied per event: a million events in seconds
    (`make bench`, scale). The Chinese label is made only for a problem.
    """
    problems: list[ChainProblem] = []
    expected_seq = 1
    prev_hash = GENESIS
    last_seq = 0
    keyed = hmac.new(key, digestmod=hashlib.sha256)
    result = session.connection().exec_driver_sql(
        _CHAIN_SQL, execution_options={"yield_per": batch}
    )
    text = _json_string
    for part in result.partitions():
        for row in part:
            seq, occurred_at, actor, action, target_type, target_id, details, linked, stored = row
            if seq != expected_seq:
                missing = (
                    f"{expected_seq}" if seq == expected_seq + 1 else f"{expected_seq}–{seq - 1}"
                )
                problems.append(ChainProblem(expected_seq, f"缺失(第 {missing} 条已被删除)"))
            try:  # _row_digest inlined for the usual row: stored date text, strings, no NULL
                if len(occurred_at) != 26 or occurred_at[10] != " ":
                    raise TypeError
                mac = keyed.copy()
                mac.update(linked.encode("utf-8"))
                mac.update(
                    f"[{seq},{text(f'{occurred_at[:10]}T{occurred_at[11:]}')},{text(actor)},"
                    f"{text(action)},{text(target_type)},{text(target_id)},{text(details)}]".encode()
                )
                digest: str | None = mac.hexdigest()
            except (TypeError, AttributeError):
                digest = _row_digest(keyed, row)
            if linked != prev_hash or digest != stored:
                label = f"{event_label(action)}({_when(occurred_at)})"
                if linked != prev_hash:
                    problems.append(
                        ChainProblem(seq, f"{label} 与前一条的链接不符(记录被删除或调换了顺序)")
                    )
                if digest != stored:
                    problems.append(ChainProblem(seq, f"{label} 的内容已被改动"))
            prev_hash = stored
            expected_seq = seq + 1
            last_seq = seq
    head_seq, head_hash = chain_head(session)
    if head_seq != last_seq or (last_seq and head_hash != prev_hash):
        problems.append(
            ChainProblem(
                max(head_seq, last_seq),
                f"链尾应为第 {head_seq} 条,实际为第 {last_seq} 条(末尾记录被删除或改动)",
            )
        )
    return problems


def labelled(actions: Iterable[str]) -> list[tuple[str, str]]:
    return [(a, event_label(a)) for a in actions]
