"""``verify``: is everything as it was written?

Header MAC (checked at open), SQLCipher page HMACs and SQLite structure of
both databases, the audit chain, and (as later procedures add them) every
stored signature. Read-only except for the audit event saying a check ran.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from app.errors import ArchiveDamaged
from app.models import ApprovalDecision
from app.security import audit
from app.security.permissions import Action
from app.storage.archive import Archive
from app.storage.database import integrity_problems
from app.workflows import approvals
from app.workflows.auth import Actor, authorize


@dataclass
class VerifyReport:
    checked: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    chain_length: int = 0
    chain_head: str = ""

    @property
    def sound(self) -> bool:
        return not self.problems


def verify(archive: Archive, actor: Actor) -> VerifyReport:
    authorize(archive, actor, Action.ARCHIVE_VERIFY)
    report = VerifyReport()
    report.checked.append("档案头文件校验码")
    report.problems += integrity_problems(archive.engine, "main.db")
    report.checked.append("main.db 加密页与结构")
    if actor.keys.vault_key is not None:
        try:
            report.problems += integrity_problems(archive.vault_engine(actor.keys), "vault.db")
        except (ArchiveDamaged, sa.exc.DBAPIError) as exc:
            report.problems.append(f"vault.db:{_unreadable(exc, 'vault.db')}")
        report.checked.append("vault.db 加密页与结构")
    else:
        report.checked.append("vault.db 未检查(须由保密专管员校验)")
    try:
        with archive.unit_of_work() as uow:
            chain = audit.verify(uow.session, audit.load_key(uow.session))
            report.chain_length, report.chain_head = audit.chain_head(uow.session)
    except (ArchiveDamaged, sa.exc.DBAPIError) as exc:
        report.problems.append(f"审计日志无法读取:{_unreadable(exc, 'main.db')}")
        chain = []
    report.problems += [str(p) for p in chain]
    report.checked.append(f"审计日志链({report.chain_length} 条)")
    try:
        with archive.unit_of_work() as uow:
            signatures = approvals.verify_all(uow.session, archive.archive_id)
            decisions = uow.session.scalar(sa.select(sa.func.count(ApprovalDecision.id))) or 0
    except (ArchiveDamaged, sa.exc.DBAPIError) as exc:
        signatures, decisions = [f"审批记录无法读取:{_unreadable(exc, 'main.db')}"], 0
    report.problems += signatures
    report.checked.append(f"审批签名({decisions} 个)")
    try:
        with archive.unit_of_work() as uow:
            uow.audit(
                actor.login,
                "archive.verify",
                target_type="archive",
                target_id=archive.archive_id,
                details={"sound": report.sound, "problems": len(report.problems)},
            )
            uow.commit()
    except (ArchiveDamaged, sa.exc.DBAPIError):
        pass
    return report


def _unreadable(exc: Exception, db: str) -> str:
    """What a check could not read. verify only reads: any database error is a finding."""
    if isinstance(exc, ArchiveDamaged):
        return exc.what
    return f"{db} 读取出错(可能已损坏)"
