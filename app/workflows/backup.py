"""Backup and restore of the whole archive (issue 7), as the administrator does them.

A backup is one file (format in :mod:`app.storage.backup`) written atomically
next to where it is asked for; its event in the chain names the chain head it
holds and its SHA-256, so an inspector can match a file to the record. A
restore checks the whole file before it touches the target, authenticates the
person against the backup's own key slots and users, moves the current folder
aside rather than deleting it, and adds its event to the restored chain.

Long operations: ``progress`` (optional) is called with a short Chinese line
before each step; raising from it cancels, and every working file is removed.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import __version__
from app.errors import AccountDisabled, Conflict, InvalidInput, NotPermitted, UnknownUser
from app.models import AuditEvent, User
from app.security.permissions import Action, allowed
from app.security.roles import parse_roles
from app.settings import BACKUP_REMINDER_DEFAULT
from app.storage import backup as fmt
from app.storage.archive import Archive
from app.storage.atomic import fsync_dir
from app.workflows.auth import Actor, authorize

#: days after which the program reminds the administrator to make a backup
BACKUP_REMINDER_DAYS = BACKUP_REMINDER_DEFAULT

Progress = Callable[[str], None] | None


def _step(progress: Progress, text: str) -> None:
    if progress is not None:
        progress(text)


# --- what a backup is ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file says about itself, readable without any password."""

    path: Path
    size: int
    format_version: int
    archive_id: str
    branch_name: str
    branch_code: str
    #: aware, UTC
    created_at: datetime
    created_by: str
    chain_seq: int
    chain_hash: str
    program_version: str
    #: member name -> size in bytes
    members: dict[str, int]

    @classmethod
    def of(cls, path: Path, manifest: fmt.Manifest) -> BackupInfo:
        return cls(
            path=path,
            size=path.stat().st_size,
            format_version=manifest.format_version,
            archive_id=manifest.archive_id,
            branch_name=manifest.branch_name,
            branch_code=manifest.branch_code,
            created_at=manifest.created,
            created_by=manifest.created_by,
            chain_seq=manifest.chain_seq,
            chain_hash=manifest.chain_hash,
            program_version=manifest.program_version,
            members={m.name: m.size for m in manifest.members},
        )


@dataclass(frozen=True)
class BackupReport:
    path: Path
    sha256: str
    size: int
    created_at: datetime
    chain_seq: int
    chain_hash: str
    seconds: float


@dataclass(frozen=True)
class RestoreReport:
    target: Path
    #: where the archive that was in the target went, or None if there was none
    replaced: Path | None
    info: BackupInfo
    #: whether vault.db was opened and checked (only with a custodian's slot)
    vault_checked: bool
    #: the restored chain's head, the restore's own event included
    chain_seq: int
    seconds: float


# --- making one -----------------------------------------------------------------------------------


def create_backup(
    archive: Archive,
    actor: Actor,
    out: Path,
    *,
    overwrite: bool = False,
    progress: Progress = None,
) -> BackupReport:
    """Write the backup file ``out`` (administrator only).

    The event is committed after the file is complete and before it gets its
    name: a backup that exists is always in the chain (a copy of the archive
    nobody accounts for is worse than a recorded attempt whose file is missing).
    """
    live = authorize(archive, actor, Action.BACKUP_CREATE)
    started = time.perf_counter()
    out = Path(out).absolute()
    root = archive.paths.root.absolute()
    if out == root or root in out.parents:
        raise InvalidInput("备份文件不能保存在档案文件夹内,请另选位置(最好是另一个磁盘或U盘)。")
    if out.is_dir():
        raise InvalidInput(f"“{out}”是一个文件夹,请给出备份文件的名称。")
    if out.exists() and not overwrite:
        raise Conflict(f"文件“{out}”已存在。请换一个文件名,或确认覆盖。")
    with fmt.work_folder(out, "backup") as work:
        _step(progress, "正在复制数据库…")
        snap = fmt.take_snapshot(archive, live.keys.main_key, work)
        _step(progress, "正在计算校验值…")
        created = datetime.now(UTC).replace(microsecond=0)
        manifest = fmt.Manifest(
            archive_id=archive.archive_id,
            branch_name=snap.header.branch_name,
            branch_code=snap.header.branch_code,
            created_at=created.isoformat(),
            created_by=live.login,
            chain_seq=snap.chain_seq,
            chain_hash=snap.chain_hash,
            program_version=__version__,
            members=fmt.member_sums(snap.files),
        ).signed(live.keys.main_key)
        _step(progress, "正在写入备份文件…")
        staged = work / "backup.zip"
        fmt.write_backup(staged, manifest, snap.files)
        digest, size = fmt.file_sha256(staged)
        _step(progress, "正在记录审计日志…")
        with archive.unit_of_work() as uow:
            uow.audit(
                live.login,
                "backup.create",
                target_type="archive",
                target_id=archive.archive_id,
                details={
                    "head_seq": snap.chain_seq,
                    "head_hash": snap.chain_hash,
                    "sha256": digest,
                    "size": size,
                },
            )
            uow.commit()
        os.replace(staged, out)
        fsync_dir(out.parent)
    return BackupReport(
        path=out,
        sha256=digest,
        size=size,
        created_at=created,
        chain_seq=snap.chain_seq,
        chain_hash=snap.chain_hash,
        seconds=time.perf_counter() - started,
    )


def last_backup_at(archive: Archive) -> datetime | None:
    """When the state now open was last saved in a backup (aware UTC), or None.

    From the chain: the latest ``backup.create``, or a ``backup.restore`` (the
    archive restored is exactly the backup it came from, and that file exists).
    """
    with archive.unit_of_work() as uow:
        rows = uow.session.execute(
            sa.select(AuditEvent.action, AuditEvent.occurred_at, AuditEvent.details)
            .where(AuditEvent.action.in_(("backup.create", "backup.restore")))
            .order_by(AuditEvent.seq.desc())
            .limit(1)
        ).all()
    if not rows:
        return None
    action, occurred, details = rows[0]
    if action == "backup.restore":
        text = json.loads(details).get("backup_at")
        if isinstance(text, str):
            moment = datetime.fromisoformat(text)
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return occurred.replace(tzinfo=UTC)


def backup_due(
    archive: Archive, days: int = BACKUP_REMINDER_DAYS, *, now: datetime | None = None
) -> bool:
    """Whether to remind: never backed up, or the last backup is ``days`` or more old."""
    last = last_backup_at(archive)
    if last is None:
        return True
    return (now or datetime.now(UTC)) - last >= timedelta(days=days)


# --- reading and restoring one ---------------------------------------------------------------


def inspect_backup(path: Path) -> BackupInfo:
    """What the backup is, with every member checked against its sum; no password asked.

    The sums catch damage; only a restore (with a password) can tell a forgery.
    """
    path = Path(path)
    return BackupInfo.of(path, fmt.read_checked(path))


def restore_backup(
    source: Path,
    target_root: Path,
    login: str,
    password: str,
    *,
    progress: Progress = None,
) -> RestoreReport:
    """Replace ``target_root`` (absent, empty, or an archive) with the backup ``source``.

    Every check passes before anything at the target moves: the zip and its
    sums, the person's slot in the backup, the manifest's and the header's MACs,
    page HMACs and structure, the chain up to the manifest's head, and the
    person's right to restore in the backup's own users table.
    """
    started = time.perf_counter()
    source = Path(source)
    with fmt.RestoreTarget(Path(target_root)) as target:
        _step(progress, "正在读取并核对备份文件…")
        with fmt.StagedRestore.unpack(source, target.root) as staged:
            _step(progress, "正在验证身份…")
            staged.unlock(login, password)
            _step(progress, "正在检查数据库与审计日志…")
            staged.check_main()
            vault_checked = staged.check_vault()
            info = BackupInfo.of(source, staged.manifest)
            digest, _ = fmt.file_sha256(source)
            with staged.unit_of_work() as uow:
                _require_restorer(uow.session, login)
                uow.audit(
                    login,
                    "backup.restore",
                    target_type="archive",
                    target_id=staged.manifest.archive_id,
                    details={
                        "backup_at": staged.manifest.created_at,
                        "backup_by": staged.manifest.created_by,
                        "head_seq": staged.manifest.chain_seq,
                        "sha256": digest,
                        "vault_checked": vault_checked,
                    },
                )
                uow.commit()
            _step(progress, "正在替换档案文件夹…")
            replaced = staged.install(target)
    return RestoreReport(
        target=target.root,
        replaced=replaced,
        info=info,
        vault_checked=vault_checked,
        chain_seq=staged.manifest.chain_seq + 1,
        seconds=time.perf_counter() - started,
    )


def _require_restorer(session: Session, login: str) -> None:
    """The account as the backup knows it must be active and hold the right to restore."""
    user = session.scalar(sa.select(User).where(User.login == login))
    if user is None or user.status == "revoked":
        raise UnknownUser(login)
    if user.status != "active":
        raise AccountDisabled(login)
    if not allowed(parse_roles(user.role_names), Action.BACKUP_RESTORE):
        raise NotPermitted(Action.BACKUP_RESTORE.label)
