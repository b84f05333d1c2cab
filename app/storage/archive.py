"""An archive folder held open by this program: header, lock, databases, keys.

This is mechanism only (files, keys, engines). Who may do what, lockout and
audit wording live in app/workflows; they call in here.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

import sqlalchemy as sa
from filelock import FileLock, Timeout

from app.errors import ArchiveDamaged, ArchiveExists, ArchiveInUse, ArchiveNotFound, UnknownUser
from app.security import audit, keyslots
from app.security.kdf import KdfParams
from app.security.keyslots import KeySlot, UnlockedSlot
from app.storage import migrate
from app.storage.atomic import fsync_dir
from app.storage.database import checkpoint, export_copy, open_engine, translate_db_errors
from app.storage.header import HEADER_FILE, ArchiveHeader, read_header, write_header
from app.storage.uow import UnitOfWork

MAIN_DB = "main.db"
VAULT_DB = "vault.db"
LOCK_FILE = "archive.lock"
REKEY_SUFFIX = ".rekey"


@dataclass(frozen=True)
class ArchivePaths:
    root: Path

    @property
    def header(self) -> Path:
        return self.root / HEADER_FILE

    @property
    def main_db(self) -> Path:
        return self.root / MAIN_DB

    @property
    def vault_db(self) -> Path:
        return self.root / VAULT_DB

    @property
    def lock(self) -> Path:
        return self.root / LOCK_FILE

    def required(self) -> list[Path]:
        return [self.header, self.main_db, self.vault_db]


def is_archive(folder: Path) -> bool:
    return (folder / HEADER_FILE).is_file()


def _remove_db_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()


class Archive:
    """One open archive folder. Use :meth:`open`, then :meth:`unlock` with a password."""

    def __init__(self, root: Path, header: ArchiveHeader, stored_mac: str, lock: FileLock) -> None:
        self.paths = ArchivePaths(root)
        self.header = header
        self._stored_mac = stored_mac
        self._lock = lock
        self._main_key: bytes | None = None
        self._engine: sa.Engine | None = None
        self._vault_engine: sa.Engine | None = None
        self._audit_key: bytes | None = None
        #: schema upgrades applied since the last look, as (file, from, to), for the audit chain
        self._schema_changes: list[tuple[str, str | None, str | None]] = []

    # --- opening and closing ---------------------------------------------------------

    @classmethod
    def open(cls, root: Path) -> Archive:
        """Take the folder for this program instance and read its header (no password yet)."""
        root = Path(root)
        if not root.is_dir():
            raise ArchiveNotFound(str(root), HEADER_FILE)
        paths = ArchivePaths(root)
        for required in paths.required():
            if not required.is_file():
                raise ArchiveNotFound(str(root), required.name)
        lock = FileLock(str(paths.lock), timeout=0)
        try:
            lock.acquire()
        except Timeout:
            raise ArchiveInUse(str(root)) from None
        try:
            header, mac = read_header(root)
        except BaseException:
            lock.release()
            raise
        return cls(root, header, mac, lock)

    @classmethod
    def create(
        cls,
        root: Path,
        *,
        branch_name: str,
        branch_code: str,
        kdf: KdfParams,
        first_slots: list[tuple[str, str, bool]],
    ) -> tuple[Archive, dict[str, UnlockedSlot]]:
        """A new archive with one slot per ``(login, password, holds_vault)``.

        The header is written last: a folder where creation failed half-way has
        no archive.json and is removed, so it is never mistaken for an archive.
        """
        root = Path(root)
        if root.exists() and any(root.iterdir()):
            raise ArchiveExists(str(root))
        created_root = not root.exists()
        root.mkdir(parents=True, exist_ok=True)
        paths = ArchivePaths(root)
        lock = FileLock(str(paths.lock), timeout=0)
        lock.acquire()
        header = ArchiveHeader.new(branch_name, branch_code, kdf)
        main_key, vault_key = keyslots.new_archive_key(), keyslots.new_archive_key()
        archive = cls(root, header, "", lock)
        try:
            for login, password, holds_vault in first_slots:
                header = header.with_slot(
                    keyslots.create_slot(
                        header.archive_id,
                        login,
                        password,
                        kdf,
                        main_key,
                        vault_key if holds_vault else None,
                    )
                )
            archive._engine = open_engine(paths.main_db, main_key, create=True)
            migrate.upgrade(archive._engine, "main", paths.main_db)
            vault = open_engine(paths.vault_db, vault_key, create=True)
            migrate.upgrade(vault, "vault", paths.vault_db)
            vault.dispose()
            archive._main_key = main_key
            archive._audit_key = audit.new_audit_key()
            with UnitOfWork(archive._engine, archive._audit_key) as uow:
                audit.install(uow.session, archive._audit_key)
                uow.commit()
            archive.save_header(header)
        except BaseException:
            archive.close()
            if created_root:
                shutil.rmtree(root, ignore_errors=True)
            else:
                for child in root.iterdir():
                    if child.is_dir():
                        shutil.rmtree(child, ignore_errors=True)
                    else:
                        child.unlink(missing_ok=True)
            raise
        unlocked = {
            login: keyslots.open_slot(header.archive_id, header.slot(login), password)  # type: ignore[arg-type]
            for login, password, _ in first_slots
        }
        return archive, unlocked

    def close(self) -> None:
        for engine in (self._vault_engine, self._engine):
            if engine is not None:
                with contextlib.suppress(Exception):
                    checkpoint(engine)
                engine.dispose()
        self._vault_engine = self._engine = None
        self._main_key = None
        self._audit_key = None
        if self._lock.is_locked:
            self._lock.release()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- slots and keys ---------------------------------------------------------------

    @property
    def archive_id(self) -> str:
        return self.header.archive_id

    @property
    def is_unlocked(self) -> bool:
        return self._engine is not None

    def slot(self, login: str) -> KeySlot:
        slot = self.header.slot(login)
        if slot is None:
            raise UnknownUser(login)
        return slot

    def open_slot(self, login: str, password: str) -> UnlockedSlot:
        """Open a slot; raises ``SlotPasswordMismatch`` for a wrong password.

        The first slot opened also opens main.db (finishing an interrupted
        rekey, then applying migrations).
        """
        unlocked = keyslots.open_slot(self.archive_id, self.slot(login), password)
        if self._engine is None:
            self._open_main(unlocked)
            if unlocked.main_key_next is not None:
                # an interrupted rekey was just rolled forward: hand out the keys now in force
                unlocked = replace(
                    unlocked,
                    main_key=unlocked.main_key_next,
                    vault_key=unlocked.vault_key_next or unlocked.vault_key,
                    main_key_next=None,
                    vault_key_next=None,
                )
        elif unlocked.main_key != self._main_key:
            raise ArchiveDamaged(f"{HEADER_FILE} 中“{login}”的密钥与档案不符")
        return unlocked

    def _open_main(self, unlocked: UnlockedSlot) -> None:
        self.header.verify_mac(self._stored_mac, unlocked.main_key)
        key = unlocked.main_key
        if unlocked.main_key_next is not None:
            key = self._finish_rekey(unlocked)
        else:
            self._remove_stale_rekey_copies()
        engine = open_engine(self.paths.main_db, key)
        try:
            self._upgrade(engine, "main", self.paths.main_db)
            with UnitOfWork(engine, b"") as uow:
                self._audit_key = audit.load_key(uow.session)
        except BaseException:
            engine.dispose()
            raise
        self._engine, self._main_key = engine, key

    def _upgrade(self, engine: sa.Engine, which: str, db_file: Path) -> None:
        with translate_db_errors(db_file.name):
            before = migrate.current_revision(engine)
        if migrate.upgrade(engine, which, db_file):
            self._schema_changes.append((db_file.name, before, migrate.current_revision(engine)))

    def take_schema_changes(self) -> list[tuple[str, str | None, str | None]]:
        """Upgrades applied at open, handed once to whoever writes them into the chain."""
        changes, self._schema_changes = self._schema_changes, []
        return changes

    def _remove_stale_rekey_copies(self) -> None:
        """Copies from a rekey that stopped before staging its keys: they can never be used."""
        for db in (self.paths.vault_db, self.paths.main_db):
            db.with_name(db.name + REKEY_SUFFIX).unlink(missing_ok=True)

    def _finish_rekey(self, unlocked: UnlockedSlot) -> bytes:
        """Roll an interrupted rekey forward: the staged copies are complete by design."""
        for db in (self.paths.vault_db, self.paths.main_db):
            staged = db.with_name(db.name + REKEY_SUFFIX)
            if staged.exists():
                _remove_db_files(db)
                os.replace(staged, db)
        fsync_dir(self.paths.root)
        header = replace(self.header, slots=tuple(map(keyslots.promote_next, self.header.slots)))
        assert unlocked.main_key_next is not None
        write_header(self.paths.root, header, unlocked.main_key_next)
        self.header, self._stored_mac = header, header.mac(unlocked.main_key_next)
        return unlocked.main_key_next

    def save_header(self, header: ArchiveHeader) -> None:
        assert self._main_key is not None, "archive is locked"
        write_header(self.paths.root, header, self._main_key)
        self.header, self._stored_mac = header, header.mac(self._main_key)

    def new_slot(self, login: str, password: str, *, vault_key: bytes | None = None) -> KeySlot:
        assert self._main_key is not None, "archive is locked"
        return keyslots.create_slot(
            self.archive_id, login, password, self.header.kdf, self._main_key, vault_key
        )

    # --- databases ----------------------------------------------------------------------

    @property
    def engine(self) -> sa.Engine:
        if self._engine is None:
            raise RuntimeError("archive is locked")
        return self._engine

    def unit_of_work(self) -> UnitOfWork:
        assert self._audit_key is not None, "archive is locked"
        return UnitOfWork(self.engine, self._audit_key, MAIN_DB)

    def vault_engine(self, unlocked: UnlockedSlot) -> sa.Engine:
        """vault.db, opened only with a custodian's unlocked slot."""
        if unlocked.vault_key is None:
            raise PermissionError("slot holds no vault key")
        if self._vault_engine is None:
            engine = open_engine(self.paths.vault_db, unlocked.vault_key)
            try:
                self._upgrade(engine, "vault", self.paths.vault_db)
            except BaseException:
                engine.dispose()
                raise
            self._vault_engine = engine
        return self._vault_engine

    def close_vault(self) -> None:
        if self._vault_engine is not None:
            checkpoint(self._vault_engine)
            self._vault_engine.dispose()
            self._vault_engine = None

    # --- rekey ----------------------------------------------------------------------------

    def rekey(self, unlocked: UnlockedSlot) -> UnlockedSlot:
        """New main key (and, when a custodian acts, a new vault key), re-sealed to every slot.

        Order: export complete copies under the new keys; stage the new keys in
        every slot (header write); swap the files; promote. A crash before the
        staging leaves the old archive; after it, the next open rolls forward.
        Returns the acting slot as it now is (holding the new keys).
        """
        main_next = keyslots.new_archive_key()
        vault_next = keyslots.new_archive_key() if unlocked.vault_key is not None else None
        staged_main = self.paths.main_db.with_name(MAIN_DB + REKEY_SUFFIX)
        staged_vault = self.paths.vault_db.with_name(VAULT_DB + REKEY_SUFFIX)
        try:
            checkpoint(self.engine)
            export_copy(self.engine, staged_main, main_next)
            if vault_next is not None:
                vault = self.vault_engine(unlocked)
                checkpoint(vault)
                export_copy(vault, staged_vault, vault_next)
            for staged in (staged_main, staged_vault):
                if staged.exists():
                    with open(staged, "rb+") as fh:
                        os.fsync(fh.fileno())
            staged_header = replace(
                self.header,
                slots=tuple(
                    keyslots.with_next_keys(self.archive_id, s, main_next, vault_next)
                    for s in self.header.slots
                ),
            )
            self.save_header(staged_header)
        except BaseException:
            staged_main.unlink(missing_ok=True)
            staged_vault.unlink(missing_ok=True)
            raise
        # From here on the new keys are recorded: finish, or the next open will.
        self.close_vault()
        self._engine.dispose()  # type: ignore[union-attr]
        self._engine = None
        next_unlocked = replace(unlocked, main_key_next=main_next, vault_key_next=vault_next)
        key = self._finish_rekey(next_unlocked)
        self._engine = open_engine(self.paths.main_db, key)
        self._main_key = key
        return replace(
            unlocked,
            main_key=main_next,
            vault_key=vault_next if vault_next is not None else unlocked.vault_key,
            main_key_next=None,
            vault_key_next=None,
        )
