"""Small tools shared by the integration tests (not a test module itself)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from app.models import AuditEvent
from app.security import keyslots
from app.storage.archive import Archive
from app.storage.header import HEADER_FILE, read_header

REPO = Path(__file__).resolve().parents[2]
DATA_FILES = ("archive.json", "main.db", "vault.db")


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONUNBUFFERED"] = "1"
    return env


def run_python(script: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in a fresh interpreter (a second program instance)."""
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=REPO,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def popen_python(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=REPO,
        env=child_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file of the folder (recursively): content hash and modification time."""
    return {
        str(p.relative_to(folder)): (digest(p), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def flip(path: Path, offset: int, mask: int = 0x01) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= mask
    path.write_bytes(bytes(data))


def keys_of(root: Path, login: str, password: str) -> keyslots.UnlockedSlot:
    """Open one slot straight from archive.json (the keys an attacker with a password holds)."""
    header, _ = read_header(root)
    slot = header.slot(login)
    assert slot is not None, login
    return keyslots.open_slot(header.archive_id, slot, password)


def rewrite_header(root: Path, change: dict[str, object], *, fix_checksum: bool = True) -> None:
    path = root / HEADER_FILE
    data = json.loads(path.read_text("utf-8"))
    data.update(change)
    if fix_checksum:
        body = {k: v for k, v in data.items() if k != "checksum"}
        canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        data["checksum"] = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")


def audit_rows(archive: Archive, after_seq: int = 0) -> list[AuditEvent]:
    with archive.unit_of_work() as uow:
        rows = list(
            uow.session.scalars(
                sa.select(AuditEvent).where(AuditEvent.seq > after_seq).order_by(AuditEvent.seq)
            )
        )
        for row in rows:
            uow.session.expunge(row)
    return rows


def audit_actions(archive: Archive, after_seq: int = 0) -> list[tuple[str, str, str]]:
    """(actor, action, target_id) of every event after ``after_seq``, in chain order."""
    return [(r.actor, r.action, r.target_id) for r in audit_rows(archive, after_seq)]


def last_seq(archive: Archive) -> int:
    with archive.unit_of_work() as uow:
        return int(uow.session.scalar(sa.select(sa.func.max(AuditEvent.seq))) or 0)


def details(row: AuditEvent) -> dict[str, object]:
    return json.loads(row.details)
