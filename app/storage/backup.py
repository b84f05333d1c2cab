"""One backup file per archive: its format, and every check made before a restore.

A backup is a zip, stored rather than deflated (every member but the manifest
is encrypted already and would not shrink), holding::

    manifest.json  plaintext: what the backup is (archive id, branch, time, who,
                   program version), the audit chain head at that moment, and the
                   SHA-256 and size of every other member. MAC'd under a key derived
                   from the main key (``backup-manifest``).
    archive.json   the header as it was, key slots included: whoever restores
                   authenticates against the backup's own slots, so a backup outlives
                   the machine and the archive it came from.
    main.db        a copy made by ``sqlcipher_export`` under the main key in force,
                   taken while holding the connection's lock: WAL content included,
                   no write half-way through.
    vault.db       the encrypted file as it is: the administrator who backs up holds
                   no vault key and needs none. Copied under the vault connection's
                   lock after a checkpoint when a custodian has it open.
    vault.db-wal   only when an earlier run stopped with committed vault pages still
                   in the WAL (nobody could fold them in without the vault key).

The manifest is readable without a password, so a person can tell backups apart
and the sums catch accidental damage; anyone can recompute sums, so the MAC,
checked once a slot of the backup is open, is what catches a deliberate change.
Nothing decrypted is ever written: the working copies live next to the output (or
the restore target), are SQLCipher files, and are removed on every path.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import hmac
import json
import os
import shutil
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

import sqlalchemy as sa
from alembic.config import Config
from alembic.script import ScriptDirectory
from filelock import FileLock, Timeout

from app.errors import (
    AppError,
    ArchiveDamaged,
    ArchiveInUse,
    AuthError,
    Conflict,
    InvalidInput,
    StorageFull,
)
from app.security import audit, keyslots
from app.security.keyslots import SlotPasswordMismatch, UnlockedSlot
from app.storage import migrate
from app.storage.archive import LOCK_FILE, MAIN_DB, VAULT_DB, Archive, is_archive
from app.storage.atomic import fsync_dir
from app.storage.database import (
    checkpoint,
    engine_lock,
    export_copy,
    integrity_problems,
    open_engine,
    translate_db_errors,
)
from app.storage.header import HEADER_FILE, ArchiveHeader, read_header
from app.storage.uow import UnitOfWork

BACKUP_FORMAT = "custarchive-backup"
BACKUP_FORMAT_VERSION = 1
#: what the program proposes as the file name's ending (any name is accepted)
BACKUP_SUFFIX = ".custbak"
MANIFEST_FILE = "manifest.json"
VAULT_WAL = VAULT_DB + "-wal"
REQUIRED_MEMBERS = (HEADER_FILE, MAIN_DB, VAULT_DB)
OPTIONAL_MEMBERS = (VAULT_WAL,)
#: a manifest is a few hundred bytes; anything far larger is not ours (and is not parsed)
MANIFEST_MAX_BYTES = 1 << 20
MAC_PURPOSE = "backup-manifest"
_CHUNK = 1 << 20
_DISK_FULL = (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)


# --- what a person is told ---------------------------------------------------------------


class BackupError(AppError):
    """A backup file cannot be used as it is; nothing was changed."""


class NotABackup(BackupError):
    def __init__(self, name: str, why: str) -> None:
        super().__init__(f"“{name}”不是备份文件({why})。请选择本程序生成的备份文件;未作任何修改。")


class ForeignBackup(BackupError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"“{name}”是一个压缩包,但不是本程序生成的档案备份(可能来自其他程序)。未作任何修改。"
        )


class BackupDamaged(BackupError):
    def __init__(self, what: str) -> None:
        super().__init__(f"备份文件已损坏或被改动:{what}。未作任何修改;请换用另一份备份。")
        self.what = what


class BackupTooNew(BackupError):
    def __init__(self, found: object, supported: object) -> None:
        super().__init__(
            f"此备份由更新版本的程序生成({found},本程序支持到 {supported})。"
            "请安装最新版本的程序后再恢复;未作任何修改。"
        )


class BackupAuthFailed(AuthError):
    """The person restoring is not in the backup, or their password does not open it."""

    @classmethod
    def no_slot(cls, login: str) -> BackupAuthFailed:
        return cls(f"备份中没有登录名“{login}”。请用备份时已有的系统管理员账户恢复;未作任何修改。")

    @classmethod
    def wrong_password(cls, login: str) -> BackupAuthFailed:
        return cls(
            f"密码不能打开备份中“{login}”的密钥。请输入备份当时此账户的密码"
            "(此后修改的新密码对这份备份无效);未作任何修改。"
        )


# --- the manifest --------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberSum:
    name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    """What a backup holds; ``mac`` covers everything else in it."""

    archive_id: str
    branch_name: str
    branch_code: str
    #: ISO 8601, UTC
    created_at: str
    created_by: str
    chain_seq: int
    chain_hash: str
    program_version: str
    members: tuple[MemberSum, ...]
    format_version: int = BACKUP_FORMAT_VERSION
    mac: str = field(default="", compare=False)

    @property
    def created(self) -> datetime:
        moment = datetime.fromisoformat(self.created_at)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)

    def member(self, name: str) -> MemberSum | None:
        return next((m for m in self.members if m.name == name), None)

    def body(self) -> dict[str, object]:
        return {
            "format": BACKUP_FORMAT,
            "format_version": self.format_version,
            "archive_id": self.archive_id,
            "branch_name": self.branch_name,
            "branch_code": self.branch_code,
            "created_at": self.created_at,
            "created_by": self.created_by,
            "chain_head": {"seq": self.chain_seq, "hash": self.chain_hash},
            "program_version": self.program_version,
            "members": [{"name": m.name, "sha256": m.sha256, "size": m.size} for m in self.members],
        }

    def compute_mac(self, main_key: bytes) -> str:
        canonical = json.dumps(
            self.body(), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ).encode("utf-8")
        key = keyslots.derive_subkey(main_key, MAC_PURPOSE)
        return hmac.new(key, canonical, hashlib.sha256).hexdigest()

    def signed(self, main_key: bytes) -> Manifest:
        return replace(self, mac=self.compute_mac(main_key))

    def verify_mac(self, main_key: bytes) -> None:
        if not hmac.compare_digest(self.compute_mac(main_key), self.mac):
            raise BackupDamaged(f"备份清单 {MANIFEST_FILE} 的校验码不符(备份内容被改动过)")

    def to_bytes(self) -> bytes:
        return json.dumps({**self.body(), "mac": self.mac}, ensure_ascii=False, indent=2).encode(
            "utf-8"
        )

    @classmethod
    def parse(cls, raw: bytes, file_name: str) -> Manifest:
        """The manifest of ``file_name``: ours and readable, or a message saying why not."""
        try:
            data = json.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise ForeignBackup(file_name) from None
        if not isinstance(data, dict) or data.get("format") != BACKUP_FORMAT:
            raise ForeignBackup(file_name)
        # the version first: a newer program may lay out its manifest differently
        version = data.get("format_version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise BackupDamaged(f"备份清单 {MANIFEST_FILE} 格式错误")
        if version > BACKUP_FORMAT_VERSION:
            raise BackupTooNew(f"备份格式 {version}", BACKUP_FORMAT_VERSION)
        try:
            head = data["chain_head"]
            members = tuple(
                MemberSum(name=_text(m["name"]), sha256=_text(m["sha256"]), size=_count(m["size"]))
                for m in data["members"]
            )
            manifest = cls(
                archive_id=_text(data["archive_id"]),
                branch_name=_text(data["branch_name"]),
                branch_code=_text(data["branch_code"]),
                created_at=_text(data["created_at"]),
                created_by=_text(data["created_by"]),
                chain_seq=_count(head["seq"]),
                chain_hash=_text(head["hash"]),
                program_version=_text(data["program_version"]),
                members=members,
                format_version=version,
                mac=_text(data["mac"]),
            )
            _ = manifest.created  # the time must parse
        except (KeyError, TypeError, ValueError):
            raise BackupDamaged(f"备份清单 {MANIFEST_FILE} 格式错误") from None
        names = [m.name for m in members]
        unknown = [n for n in names if n not in REQUIRED_MEMBERS + OPTIONAL_MEMBERS]
        if unknown or len(set(names)) != len(names):
            raise BackupDamaged(f"备份清单 {MANIFEST_FILE} 列出的文件不正确")
        missing = [n for n in REQUIRED_MEMBERS if n not in names]
        if missing:
            raise BackupDamaged(f"备份清单 {MANIFEST_FILE} 缺少 {'、'.join(missing)}")
        return manifest


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value


def _count(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise TypeError("expected a count")
    return value


# --- files -------------------------------------------------------------------------------------


def file_sha256(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


@contextlib.contextmanager
def _disk_errors() -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        if exc.errno in _DISK_FULL:
            raise StorageFull() from None
        raise


@contextlib.contextmanager
def work_folder(beside: Path, purpose: str) -> Iterator[Path]:
    """A hidden folder next to ``beside`` (same file system, so renames stay renames).

    Removed however the block ends: it only ever holds encrypted copies, but a
    copy of the archive left lying around is a copy nobody accounts for.
    """
    folder = _mkdtemp(beside, purpose)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _mkdtemp(beside: Path, purpose: str) -> Path:
    try:
        beside.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{beside.name}.{purpose}-", dir=beside.parent))
    except PermissionError:
        raise InvalidInput(
            f"无法在“{beside.parent}”中写入文件(没有写入权限或为只读磁盘),请另选位置。"
        ) from None
    except OSError as exc:
        if exc.errno in _DISK_FULL:
            raise StorageFull() from None
        raise


# --- making a backup ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """Consistent copies of everything a backup holds, in a work folder."""

    files: dict[str, Path]
    header: ArchiveHeader
    chain_seq: int
    chain_hash: str


def _open_vault_engine(archive: Archive) -> sa.Engine | None:
    """The vault connection if a custodian opened it in this process, else None.

    Only this process can write vault.db (archive.lock keeps other instances
    out), and only through this connection; without it the file is at rest.
    """
    return getattr(archive, "_vault_engine", None)  # no public accessor that needs no key


def take_snapshot(archive: Archive, main_key: bytes, folder: Path) -> Snapshot:
    """Copy header, main.db and vault.db into ``folder`` as one consistent state.

    The main connection's lock is held throughout (and the vault connection's,
    in the order the workflows take them), so no workflow's transaction falls
    half inside: the header and the users, the catalogue and the vault, the
    chain and its head all belong to the same moment.
    """
    engine = archive.engine
    with engine_lock(engine):
        with _disk_errors():
            shutil.copyfile(archive.paths.header, folder / HEADER_FILE)
        header, mac = read_header(folder)
        # the key given must be the one in force: a backup under any other is unrestorable
        header.verify_mac(mac, main_key)
        if any(s.sealed_main_next is not None for s in header.slots):
            raise Conflict("档案正在更换密钥,暂不能备份。请重新打开档案完成换钥后再备份。")
        with UnitOfWork(engine, b"", MAIN_DB) as uow:
            seq, digest = audit.chain_head(uow.session)
        with translate_db_errors(MAIN_DB), _disk_errors():
            export_copy(engine, folder / MAIN_DB, main_key)
        files = {HEADER_FILE: folder / HEADER_FILE, MAIN_DB: folder / MAIN_DB}
        files.update(_copy_vault(archive, folder))
    _check_copy(files[MAIN_DB], main_key, (seq, digest))
    return Snapshot(files=files, header=header, chain_seq=seq, chain_hash=digest)


def _copy_vault(archive: Archive, folder: Path) -> dict[str, Path]:
    vault_engine = _open_vault_engine(archive)
    source = archive.paths.vault_db
    wal = source.with_name(VAULT_WAL)
    with contextlib.ExitStack() as stack:
        if vault_engine is not None:
            stack.enter_context(engine_lock(vault_engine))
            checkpoint(vault_engine)
        with _disk_errors():
            shutil.copyfile(source, folder / VAULT_DB)
            files = {VAULT_DB: folder / VAULT_DB}
            if wal.exists() and wal.stat().st_size > 0:
                shutil.copyfile(wal, folder / VAULT_WAL)
                files[VAULT_WAL] = folder / VAULT_WAL
    return files


def _check_copy(path: Path, key: bytes, head: tuple[int, str]) -> None:
    """Open the exported copy as a restore will: a backup that cannot be restored is none."""
    engine = open_engine(path, key)
    try:
        problems = integrity_problems(engine, MAIN_DB)
        with UnitOfWork(engine, b"", MAIN_DB) as uow:
            copied = audit.chain_head(uow.session)
        if problems or copied != head:
            raise ArchiveDamaged(f"导出的 {MAIN_DB} 副本校验未通过")
    finally:
        checkpoint(engine)
        engine.dispose()


def member_sums(files: dict[str, Path]) -> tuple[MemberSum, ...]:
    order = [n for n in (*REQUIRED_MEMBERS, *OPTIONAL_MEMBERS) if n in files]
    return tuple(MemberSum(n, *file_sha256(files[n])) for n in order)


def write_backup(path: Path, manifest: Manifest, files: dict[str, Path]) -> None:
    """The zip at ``path`` (a new file), synced to disk; the manifest comes first."""
    stamp = manifest.created.timetuple()[:6]
    with _disk_errors(), open(path, "xb") as raw:
        with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
            zf.writestr(zipfile.ZipInfo(MANIFEST_FILE, date_time=stamp), manifest.to_bytes())
            for member in manifest.members:
                info = zipfile.ZipInfo(member.name, date_time=stamp)
                info.file_size = member.size
                with zf.open(info, "w") as dest, open(files[member.name], "rb") as src:
                    shutil.copyfileobj(src, dest, _CHUNK)
        raw.flush()
        os.fsync(raw.fileno())


# --- reading a backup --------------------------------------------------------------------------


@contextlib.contextmanager
def open_backup(path: Path) -> Iterator[tuple[zipfile.ZipFile, Manifest]]:
    """The zip and its manifest, with the list of members checked against the manifest."""
    path = Path(path)
    name = path.name
    if path.is_dir():
        raise NotABackup(name, "这是一个文件夹")
    if not path.is_file():
        raise InvalidInput(f"找不到备份文件“{path}”。")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        raise NotABackup(name, "无法作为压缩包读取,或已严重损坏") from None
    except NotImplementedError:  # a "version needed" no zip reader knows: not ours
        raise BackupDamaged("压缩包的版本字段") from None
    except OSError as exc:
        raise NotABackup(name, f"无法读取:{exc.strerror}") from None
    with zf:
        manifest = _read_manifest(zf, name)
        _check_layout(path, zf, manifest)
        yield zf, manifest


def _read_manifest(zf: zipfile.ZipFile, name: str) -> Manifest:
    names = zf.namelist()
    if MANIFEST_FILE not in names:
        raise ForeignBackup(name)
    if len(set(names)) != len(names):
        raise BackupDamaged("压缩包中有重名的文件")
    info = zf.getinfo(MANIFEST_FILE)
    if info.file_size > MANIFEST_MAX_BYTES:
        raise ForeignBackup(name)
    try:
        raw = zf.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError):
        # RuntimeError: an encrypted zip member, which this program never writes;
        # OSError: a changed directory offset sends the reader past the end of the file
        raise BackupDamaged(f"{MANIFEST_FILE} 无法完整读出") from None
    manifest = Manifest.parse(raw, name)
    listed = {m.name for m in manifest.members}
    extra = sorted(set(names) - listed - {MANIFEST_FILE})
    if extra:
        raise BackupDamaged(f"备份中有清单未列出的文件 {'、'.join(extra)}")
    missing = sorted(listed - set(names))
    if missing:
        raise BackupDamaged(f"备份中缺少 {'、'.join(missing)}")
    return manifest


def _check_layout(path: Path, zf: zipfile.ZipFile, manifest: Manifest) -> None:
    """Every byte around the members is exactly what :func:`write_backup` writes.

    The sums and the MAC cover the members' content; this covers the zip's own
    records (local headers, central directory, end record), so that no changed
    byte anywhere in the file passes unnoticed, harmless or not.
    """
    stamp = manifest.created.timetuple()[:6]
    infos = zf.infolist()
    if [i.filename for i in infos] != [MANIFEST_FILE, *(m.name for m in manifest.members)]:
        raise BackupDamaged("压缩包内文件的顺序与备份清单不符")
    offset, central, zip64 = 0, b"", False
    with open(path, "rb") as raw:
        for info in infos:
            big = info.file_size * 1.05 > zipfile.ZIP64_LIMIT
            zip64 = zip64 or big
            canonical = zipfile.ZipInfo(info.filename, date_time=stamp)
            canonical.compress_type = zipfile.ZIP_STORED
            canonical.file_size = canonical.compress_size = info.file_size
            canonical.CRC = info.CRC
            header = canonical.FileHeader(zip64=big)
            raw.seek(offset)
            if raw.read(len(header)) != header:
                raise BackupDamaged(f"{info.filename} 的文件头")
            if (
                info.header_offset != offset
                or info.compress_size != info.file_size
                or info.compress_type != zipfile.ZIP_STORED
                or info.create_system not in (0, 3)
                or info.create_version != canonical.extract_version + (25 if big else 0)
                or info.extract_version != canonical.extract_version + (25 if big else 0)
                or (info.reserved, info.flag_bits, info.volume) != (0, 0, 0)
                or (info.internal_attr, info.comment) != (0, b"")
                or info.external_attr not in (0, 0o600 << 16)  # what zipfile gives a new member
                or (info.extra and not big)
                or info.date_time != (*stamp[:5], stamp[5] // 2 * 2)  # DOS time: 2 s steps
            ):
                raise BackupDamaged(f"{info.filename} 的目录项")
            offset += len(header) + info.compress_size
            central += _central_record(info, stamp)
        if zf.start_dir != offset or zf.comment:
            raise BackupDamaged("压缩包目录的位置")
        if zip64:
            return  # members of 4 GiB and more: the fields above are all that is checked
        end = struct.pack(
            "<4s4H2LH", b"PK\x05\x06", 0, 0, len(infos), len(infos), len(central), offset, 0
        )
        raw.seek(offset)
        if raw.read() != central + end:
            raise BackupDamaged("压缩包的目录或结尾")


def _central_record(info: zipfile.ZipInfo, stamp: tuple[int, ...]) -> bytes:
    """The central directory entry write_backup gives this member (zip64 aside)."""
    name = info.filename.encode("utf-8")
    dosdate = (stamp[0] - 1980) << 9 | stamp[1] << 5 | stamp[2]
    dostime = stamp[3] << 11 | stamp[4] << 5 | stamp[5] // 2
    fields = (
        b"PK\x01\x02",
        *(20, info.create_system, 20, 0, 0, zipfile.ZIP_STORED, dostime, dosdate),
        *(info.CRC, info.file_size, info.file_size, len(name), len(info.extra), 0, 0, 0),
        *(info.external_attr, info.header_offset),
    )
    return struct.pack("<4s4B4HL2L5H2L", *fields) + name + info.extra


def check_member(zf: zipfile.ZipFile, member: MemberSum, sink: BinaryIO | None = None) -> None:
    """Read one member through, against its size and SHA-256; copy it to ``sink`` if given."""
    info = zf.getinfo(member.name)
    if info.file_size != member.size:
        raise BackupDamaged(f"{member.name} 的大小与备份清单不符")
    digest = hashlib.sha256()
    size = 0
    try:
        with zf.open(info) as src:
            while True:
                try:
                    chunk = src.read(_CHUNK)
                except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
                    raise BackupDamaged(f"{member.name} 无法完整读出") from exc
                if not chunk:
                    break
                digest.update(chunk)
                size += len(chunk)
                if sink is not None:
                    with _disk_errors():
                        sink.write(chunk)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError) as exc:
        raise BackupDamaged(f"{member.name} 无法读出") from exc
    if size != member.size or not hmac.compare_digest(digest.hexdigest(), member.sha256):
        raise BackupDamaged(f"{member.name} 的校验值与备份清单不符")


def read_checked(path: Path) -> Manifest:
    """The manifest, after every member was read against its sum (no password needed)."""
    with open_backup(path) as (zf, manifest):
        for member in manifest.members:
            check_member(zf, member)
    return manifest


# --- restoring ---------------------------------------------------------------------------------


class RestoreTarget:
    """The folder a restore fills: absent, empty, or an archive held with its lock.

    Anything else (a folder of other files) is refused: a restore moves the old
    folder aside, and must never move aside something that is not an archive.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root).absolute()
        if self.root.exists() and not self.root.is_dir():
            raise InvalidInput(f"“{self.root}”是一个文件,不是文件夹。请选择档案文件夹或空文件夹。")
        self.existing = self.root.is_dir() and any(self.root.iterdir())
        if self.existing and not is_archive(self.root):
            raise InvalidInput(
                f"“{self.root}”中已有其他文件,但不是档案文件夹。"
                "为免移走无关文件,请选择原档案文件夹或一个空文件夹。"
            )
        self._lock: FileLock | None = None
        if self.existing:
            lock = FileLock(str(self.root / LOCK_FILE), timeout=0)
            try:
                lock.acquire()
            except Timeout:
                raise ArchiveInUse(str(self.root)) from None
            self._lock = lock

    def release(self) -> None:
        if self._lock is not None and self._lock.is_locked:
            self._lock.release()
        self._lock = None

    def __enter__(self) -> RestoreTarget:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _aside_name(root: Path) -> Path:
    """``<target>.replaced-YYYYMMDD-HHMMSS`` in local time (people look for it by date)."""
    base = f"{root.name}.replaced-{datetime.now().strftime('%Y%m%d-%H%M%S')}"
    candidate = root.with_name(base)
    n = 2
    while candidate.exists():
        candidate = root.with_name(f"{base}-{n}")
        n += 1
    return candidate


class StagedRestore:
    """A backup unpacked beside the target and checked there, before anything is replaced.

    Use :meth:`unpack` (sums), :meth:`unlock` (the person's slot in the backup, both
    MACs), :meth:`check_main` and :meth:`check_vault` (page HMACs, structure, the
    chain up to the manifest's head), then :meth:`install`. :meth:`discard` removes
    the folder; it is a no-op once installed.
    """

    def __init__(self, folder: Path, manifest: Manifest) -> None:
        self.folder = folder
        self.manifest = manifest
        self.header: ArchiveHeader | None = None
        self.keys: UnlockedSlot | None = None
        self.audit_key: bytes | None = None
        self.vault_checked = False
        self._engine: sa.Engine | None = None
        self._installed = False

    @classmethod
    def unpack(cls, source: Path, target: Path) -> StagedRestore:
        target = Path(target).absolute()
        with open_backup(source) as (zf, manifest):
            folder = _mkdtemp(target, "restore")
            try:
                for member in manifest.members:
                    with _disk_errors(), open(folder / member.name, "xb") as sink:
                        check_member(zf, member, sink)
                        sink.flush()
                        os.fsync(sink.fileno())
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
        return cls(folder, manifest)

    # --- checks ----------------------------------------------------------------------------

    def unlock(self, login: str, password: str) -> UnlockedSlot:
        try:
            header, stored_mac = read_header(self.folder)
        except ArchiveDamaged as exc:
            raise BackupDamaged(exc.what) from None
        if header.archive_id != self.manifest.archive_id:
            raise BackupDamaged(f"{HEADER_FILE} 与备份清单不属于同一个档案")
        slot = header.slot(login)
        if slot is None:
            raise BackupAuthFailed.no_slot(login)
        try:
            keys = keyslots.open_slot(header.archive_id, slot, password)
        except SlotPasswordMismatch:
            raise BackupAuthFailed.wrong_password(login) from None
        except ArchiveDamaged as exc:
            raise BackupDamaged(exc.what) from None
        self.manifest.verify_mac(keys.main_key)
        try:
            header.verify_mac(stored_mac, keys.main_key)
        except ArchiveDamaged:
            raise BackupDamaged(f"{HEADER_FILE} 的校验码不符") from None
        self.header, self.keys = header, keys
        return keys

    def check_main(self) -> None:
        """Page HMACs and structure of main.db, and the chain verified up to the manifest's head."""
        assert self.keys is not None, "unlock first"
        try:
            engine = open_engine(self.folder / MAIN_DB, self.keys.main_key)
        except ArchiveDamaged:
            raise BackupDamaged(f"{MAIN_DB} 无法解密或已损坏") from None
        self._engine = engine
        problems = integrity_problems(engine, MAIN_DB)
        if problems:
            raise BackupDamaged(";".join(problems[:3]))
        _refuse_unknown_schema(engine, "main")
        try:
            with UnitOfWork(engine, b"", MAIN_DB) as uow:
                key = audit.load_key(uow.session)
                chain = audit.verify(uow.session, key)
                head = audit.chain_head(uow.session)
        except (ArchiveDamaged, LookupError, sa.exc.SQLAlchemyError):
            raise BackupDamaged(f"{MAIN_DB} 中的审计日志无法读取") from None
        if chain:
            raise BackupDamaged(f"审计日志链校验未通过({chain[0]})")
        if head != (self.manifest.chain_seq, self.manifest.chain_hash):
            raise BackupDamaged("审计日志链头与备份清单不符")
        self.audit_key = key

    def check_vault(self) -> bool:
        """The same checks of vault.db when the person restoring holds the vault key.

        Without it (an administrator) the vault rests on its SHA-256 under the
        manifest's MAC: byte for byte the file that was backed up.
        """
        assert self.keys is not None, "unlock first"
        if self.keys.vault_key is None:
            return False
        try:
            engine = open_engine(self.folder / VAULT_DB, self.keys.vault_key)
        except ArchiveDamaged:
            raise BackupDamaged(f"{VAULT_DB} 无法解密或已损坏") from None
        try:
            problems = integrity_problems(engine, VAULT_DB)
            if problems:
                raise BackupDamaged(";".join(problems[:3]))
            _refuse_unknown_schema(engine, "vault")
        finally:
            _close(engine)
        self.vault_checked = True
        return True

    def unit_of_work(self) -> UnitOfWork:
        """A transaction on the staged main.db (the restore's own event goes in here)."""
        assert self._engine is not None and self.audit_key is not None, "check_main first"
        return UnitOfWork(self._engine, self.audit_key, MAIN_DB)

    # --- putting it in place ------------------------------------------------------------------

    def install(self, target: RestoreTarget) -> Path | None:
        """Move the current archive (if any) aside and the staged folder into its place.

        Both are renames within one parent folder. Returns where the old archive
        went. Should the second rename fail, the old archive is moved back.
        """
        self.close()
        root = target.root
        aside: Path | None = None
        if os.name == "nt":
            # Windows cannot rename a folder while a file in it (the lock) is open
            target.release()
        if target.existing:
            aside = _aside_name(root)
            try:
                os.rename(root, aside)
            except PermissionError:
                raise ArchiveInUse(str(root)) from None
        elif root.exists():
            root.rmdir()  # an empty folder chosen as the target
        try:
            os.rename(self.folder, root)
        except BaseException:
            if aside is not None:
                with contextlib.suppress(OSError):
                    os.rename(aside, root)
            raise
        finally:
            target.release()
        self._installed = True
        fsync_dir(root.parent)
        return aside

    def close(self) -> None:
        if self._engine is not None:
            _close(self._engine)
            self._engine = None

    def discard(self) -> None:
        self.close()
        if not self._installed:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> StagedRestore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()


def _close(engine: sa.Engine) -> None:
    """Fold the WAL in and close, so the folder holds only the database files."""
    with contextlib.suppress(Exception):
        checkpoint(engine)
    engine.dispose()


def _refuse_unknown_schema(engine: sa.Engine, which: str) -> None:
    """A schema revision this program does not know comes from a newer program."""
    current = migrate.current_revision(engine)
    if current is None:
        raise BackupDamaged(f"{which} 数据库没有结构版本")
    cfg = Config()
    cfg.set_main_option("script_location", str(migrate.MIGRATIONS / which))
    try:
        ScriptDirectory.from_config(cfg).get_revision(current)
    except Exception:
        raise BackupTooNew(
            f"数据库结构 {which}:{current}", f"{which}:{migrate.head_revision(which)}"
        ) from None
