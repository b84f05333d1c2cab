"""Opening a SQLCipher file with a raw 256-bit key, as one long-lived connection.

The raw key skips SQLCipher's own PBKDF2 (the password work was done once, by
Argon2id, when the key slot was opened). A wrong key or a damaged first page
only shows at the first read, so the probe comes right after ``PRAGMA key``,
before any other pragma.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import sqlcipher3
from sqlalchemy import event
from sqlalchemy.pool import StaticPool

from app.errors import ArchiveDamaged, StorageFull

#: Page authentication for archive format 1. HMAC-SHA256 (not SQLCipher 4's default
#: SHA-512) keeps encrypted writes within a few percent of plain SQLite on the
#: branch's two-core machines (`make bench`); with a 256-bit key it is no weaker in
#: practice. It is part of the file format: every open and export must use it.
HMAC_ALGORITHM = "HMAC_SHA256"

_DAMAGE_MARKERS = ("file is not a database", "malformed", "hmac check failed", "not a database")


def _key_pragma(key: bytes) -> str:
    if len(key) != 32:
        raise ValueError("raw key must be 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def raw_connect(path: Path, key: bytes, *, create: bool = False) -> sqlcipher3.Connection:
    """A DB-API connection with the key applied and checked; never creates unless asked."""
    if not create and not path.exists():
        raise ArchiveDamaged(f"数据库文件 {path.name} 不存在")
    if not create and path.stat().st_size == 0:
        # SQLite would take an empty file for a new database (and migrations would fill it)
        raise ArchiveDamaged(f"数据库文件 {path.name} 是空的")
    try:
        conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    except sqlcipher3.Error:
        raise ArchiveDamaged(f"无法打开数据库文件 {path.name}") from None
    try:
        # SQLCipher's own log goes to stderr; our messages say what went wrong.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(_key_pragma(key))
        conn.execute(f"PRAGMA cipher_hmac_algorithm = {HMAC_ALGORITHM}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA busy_timeout = 5000")
        # 64 MiB of decrypted pages: the search tables of 100,000 customers stay in memory
        # instead of being decrypted again on every query (`make bench`, search section).
        conn.execute("PRAGMA cache_size = -65536")
    except sqlcipher3.DatabaseError:
        conn.close()
        raise ArchiveDamaged(f"数据库文件 {path.name} 无法解密或已损坏") from None
    return conn


def open_engine(path: Path, key: bytes, *, create: bool = False) -> sa.Engine:
    """One engine holding exactly one connection for the life of the archive."""
    conn = raw_connect(path, key, create=create)
    engine = sa.create_engine(
        "sqlite://", module=sqlcipher3, creator=lambda: conn, poolclass=StaticPool
    )

    @event.listens_for(engine, "begin")
    def _begin(connection: sa.Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    engine.info_lock = threading.RLock()  # type: ignore[attr-defined]
    return engine


def engine_lock(engine: sa.Engine) -> threading.RLock:
    """Serialises use of the single shared connection between threads."""
    return engine.info_lock  # type: ignore[attr-defined,no-any-return]


def is_damage(exc: BaseException) -> bool:
    text = str(getattr(exc, "orig", exc)).lower()
    return any(marker in text for marker in _DAMAGE_MARKERS)


def is_disk_full(exc: BaseException) -> bool:
    text = str(getattr(exc, "orig", exc)).lower()
    return "database or disk is full" in text or "disk i/o error" in text


@contextmanager
def translate_db_errors(what: str) -> Iterator[None]:
    """Turn SQLite's damage and disk-full errors into messages people can act on."""
    try:
        yield
    except (sa.exc.DBAPIError, sqlcipher3.Error) as exc:  # the latter: raw connections
        if is_disk_full(exc):
            raise StorageFull() from None
        if is_damage(exc):
            raise ArchiveDamaged(what) from None
        raise
    except MemoryError:
        # Once a page has failed its HMAC, SQLCipher's codec refuses to encrypt pages
        # for writing, and SQLite reports that refusal as SQLITE_NOMEM.
        raise ArchiveDamaged(what) from None


def checkpoint(engine: sa.Engine) -> None:
    """Fold the WAL into the main file (before copying or exporting it)."""
    with engine_lock(engine):
        raw: Any = engine.raw_connection()
        try:
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            raw.close()


def vacuum(engine: sa.Engine) -> None:
    """Rebuild the file so that no free page keeps deleted content, then empty the WAL.

    ``secure_delete`` already overwrites what a transaction deletes, but a
    full-text (FTS5) index only marks a deleted row until its segments are
    merged: each FTS5 table is merged into one segment first ('optimize').
    VACUUM then drops the free pages themselves (``PRAGMA freelist_count`` is
    0 afterwards) and the checkpoint truncates the WAL that held old frames.
    It must run outside any transaction, so call it after the commit, on the
    raw connection. It needs free disk space about the size of the file.
    """
    with engine_lock(engine), translate_db_errors("VACUUM"):
        raw: Any = engine.raw_connection()
        try:
            cur = raw.cursor()
            fts = [
                row[0]
                for row in cur.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                    " AND lower(sql) LIKE 'create virtual table%using fts5%'"
                ).fetchall()
            ]
            for name in fts:
                quoted = '"' + name.replace('"', '""') + '"'
                cur.execute(f"INSERT INTO {quoted} ({quoted}) VALUES ('optimize')")
            cur.execute("VACUUM")
            cur.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            raw.close()


def export_copy(engine: sa.Engine, dest: Path, key: bytes) -> None:
    """Write a complete encrypted copy of the database to ``dest`` under ``key``."""
    if dest.exists():
        dest.unlink()
    with engine_lock(engine):
        raw: Any = engine.raw_connection()
        try:
            cur = raw.cursor()
            cur.execute(f"ATTACH DATABASE ? AS export KEY \"x'{key.hex()}'\"", (str(dest),))
            try:
                cur.execute(f"PRAGMA export.cipher_hmac_algorithm = {HMAC_ALGORITHM}")
                cur.execute("SELECT sqlcipher_export('export')")
            finally:
                cur.execute("DETACH DATABASE export")
        finally:
            raw.close()


def integrity_problems(engine: sa.Engine, name: str) -> list[str]:
    """SQLCipher's page HMACs and SQLite's structure, as readable findings.

    The WAL is folded in first: ``cipher_integrity_check`` reads the main file
    only, and a page whose write was cut short (a full disk, a power cut
    during a checkpoint) is torn there while its good copy is still in the
    WAL, where SQLite reads it. A checkpoint that cannot run changes nothing.
    """
    problems: list[str] = []
    with contextlib.suppress(sa.exc.DBAPIError, sqlcipher3.Error, MemoryError):
        checkpoint(engine)
    with engine_lock(engine), engine.connect() as conn:
        try:
            rows = conn.exec_driver_sql("PRAGMA cipher_integrity_check").fetchall()
            problems += [f"{name}:加密页校验失败({r[0]})" for r in rows]
        except sa.exc.DBAPIError as exc:
            problems.append(f"{name}:加密页校验无法完成({exc.orig})")
        try:
            rows = conn.exec_driver_sql("PRAGMA integrity_check").fetchall()
            problems += [f"{name}:结构检查失败({r[0]})" for r in rows if r[0] != "ok"]
        except sa.exc.DBAPIError as exc:
            problems.append(f"{name}:结构检查无法完成({exc.orig})")
    return problems
