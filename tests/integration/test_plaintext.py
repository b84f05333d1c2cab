"""Nothing readable outside the encrypted files: a marker written through every path is
searched for in every file of the folder (WAL, staged rekey copies, pre-migration
copies, lockout ledger, header) in UTF-8, UTF-16-LE and GBK, and in the process's
own output and logs."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy.orm import Session

from app.errors import UnknownUser, WrongPassword
from app.models import VaultRecord
from app.security import keyslots
from app.security.roles import Role
from app.storage import migrate
from app.storage.archive import Archive
from app.storage.database import checkpoint, open_engine
from app.workflows import accounts, auth, integrity, keys
from tests.conftest import ADMIN, CUSTODIAN, Branch
from tests.integration.helpers import keys_of

MARKER = "标记张三丰XYZ"
PARTS = (MARKER, "张三丰", "标记张三丰")
ENCODINGS = ("utf-8", "utf-16-le", "gbk")
ID_NUMBER = "430181199001011234"  # an ID-card-shaped number, ASCII in every encoding


def _needles() -> list[tuple[str, bytes]]:
    found = [(f"{text!r}/{enc}", text.encode(enc)) for text in PARTS for enc in ENCODINGS]
    found += [(f"{ID_NUMBER}/{enc}", ID_NUMBER.encode(enc)) for enc in ENCODINGS]
    return found


def _leaks(folder: Path) -> list[str]:
    """Every (file, needle) where the marker shows, over every file below ``folder``."""
    hits = []
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert files
    for path in files:
        data = path.read_bytes()
        for name, needle in _needles():
            if needle in data:
                hits.append(f"{path.relative_to(folder)}: {name}")
    return hits


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def test_marker_never_leaves_the_encrypted_files(
    branch: Branch,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    temp_before = set(Path(tempfile.gettempdir()).iterdir())
    root = branch.root
    archive = branch.archive

    # 1. customer-like data through every writing path
    accounts.add_user(
        archive,
        branch.admin,
        accounts.NewAccount(
            "zhangsan", MARKER, "Chushi2026abc", department=MARKER, phone=ID_NUMBER
        ),
        [Role.MANAGER],
    )
    with archive.unit_of_work() as uow:
        uow.audit("admin", "session.lock", details={"note": MARKER, "id": ID_NUMBER})
        uow.commit()
    keeper = branch.login("keeper")
    with Session(archive.vault_engine(keeper.keys)) as session:
        session.add(
            VaultRecord(
                record_ref="R00001",
                tier="绝密",
                content=f"{MARKER} {ID_NUMBER}".encode() + MARKER.encode("gbk"),
            )
        )
        session.commit()

    # 2. a name typed into the login field, wrong passwords: the ledger must stay clean
    with pytest.raises(UnknownUser):
        auth.authenticate(archive, MARKER, "Whatever2026")
    with pytest.raises(UnknownUser):
        auth.authenticate(archive, ID_NUMBER, "Whatever2026")

    # scan while open: the WAL holds the fresh pages
    assert (root / "main.db-wal").exists()
    assert _leaks(root) == []

    # 3. a rekey stopped half-way leaves staged copies
    real = Archive._finish_rekey

    class Stop(BaseException):
        pass

    def stop(self: Archive, unlocked: keyslots.UnlockedSlot) -> bytes:
        raise Stop()

    monkeypatch.setattr(Archive, "_finish_rekey", stop)
    with pytest.raises(Stop):
        keys.rekey(archive, keeper)
    monkeypatch.setattr(Archive, "_finish_rekey", real)
    archive._lock.release()
    assert {"main.db.rekey", "vault.db.rekey"} <= _files(root)
    assert _leaks(root) == []

    # 4. roll forward; failures before anyone is in go to lockout.json
    archive = branch.archive = Archive.open(root)
    with pytest.raises(WrongPassword):
        auth.authenticate(archive, "zhangsan", ID_NUMBER + "x")
    with pytest.raises(UnknownUser):
        auth.authenticate(archive, MARKER, "Whatever2026")
    assert (root / "lockout.json").exists()
    keeper = auth.authenticate(archive, "keeper", CUSTODIAN[2])
    assert integrity.verify(archive, keeper).sound
    assert _leaks(root) == []

    # 5. a pre-migration copy: take main.db back one revision and open again
    archive.close()
    key = keys_of(root, "admin", ADMIN[2]).main_key
    engine = open_engine(root / "main.db", key)
    try:
        cfg = migrate._config("main", None)
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "m0001")
        checkpoint(engine)
    finally:
        engine.dispose()
    archive = branch.archive = Archive.open(root)
    branch.admin = auth.authenticate(archive, "admin", ADMIN[2])
    assert any(name.startswith("pre-migration/main-m0001-") for name in _files(root))
    assert _leaks(root) == []

    # 6. closed: every file at rest
    archive.close()
    assert _leaks(root) == []
    assert _leaks(root.parent) == [], "something was written beside the archive"
    branch.archive = Archive.open(root)

    # nothing of it in our own output, logs or new temporary files
    out, err = capfd.readouterr()
    for text in (out, err, caplog.text):
        assert MARKER not in text and "张三丰" not in text and ID_NUMBER not in text
    new_temp = [p for p in set(Path(tempfile.gettempdir()).iterdir()) - temp_before if p.is_file()]
    for path in new_temp:
        data = path.read_bytes()
        for name, needle in _needles():
            assert needle not in data, f"{path}: {name}"


def test_encrypted_files_do_not_look_like_sqlite(branch: Branch) -> None:
    branch.archive.close()
    for name in ("main.db", "vault.db"):
        head = (branch.root / name).read_bytes()[:16]
        assert head != b"SQLite format 3\x00", f"{name} is not encrypted"
    header = (branch.root / "archive.json").read_text("utf-8")
    for word in ("系统管理员甲", "保密员乙"):  # display names live in main.db only
        assert word not in header
