"""Damage and tampering: every change is reported as such, never as a wrong password.

archive.json is flipped at every byte offset (two kinds of flip each); the
databases are flipped inside every page. Each outcome must be an AppError that
names damage (or, for the version field, a newer format), or a finding of
``verify``; nothing may pass unnoticed, look like a wrong password, or escape
as a raw library exception. A backup file is flipped at every byte of the zip's
own records and at sampled bytes of its members: inspecting or restoring it must
refuse each one, with a Chinese message. With RUN_SLOW=1 the databases get four
times as many flips per page and the backup 600 sampled bytes.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.errors import AppError, ArchiveDamaged, ArchiveTooNew
from app.models import VaultRecord
from app.security.lockout import LOCKOUT_FILE
from app.security.roles import Role
from app.storage.archive import Archive, is_archive
from app.workflows import auth, integrity
from app.workflows import backup as bk
from tests.conftest import ADMIN, CUSTODIAN, Branch, make_archive
from tests.integration.helpers import rewrite_header, snapshot
from tests.reliability import figures

PAGE = 4096
CHINESE = re.compile(r"[\u4e00-\u9fff]")
DETECTED = (ArchiveDamaged, ArchiveTooNew)


def _outcome(root: Path, logins: list[tuple[str, str]], *, verify_as: str | None) -> str:
    """What happens when people try to use the archive: 'ok', 'verify: ...' or an error name."""
    try:
        archive = Archive.open(root)
    except AppError as exc:
        return f"open:{type(exc).__name__}"
    except Exception as exc:  # a defect: reported by the caller with its type
        return f"RAW open:{type(exc).__module__}.{type(exc).__name__}: {exc}"
    try:
        actors = {}
        for login, password in logins:
            try:
                actors[login] = auth.authenticate(archive, login, password)
            except AppError as exc:
                return f"auth {login}:{type(exc).__name__}"
            except Exception as exc:
                return f"RAW auth {login}:{type(exc).__module__}.{type(exc).__name__}: {exc}"
        if verify_as is None:
            return "ok"
        try:
            report = integrity.verify(archive, actors[verify_as])
        except AppError as exc:
            return f"verify:{type(exc).__name__}"
        except Exception as exc:
            return f"RAW verify:{type(exc).__module__}.{type(exc).__name__}: {exc}"
        return "ok" if report.sound else "verify-problems:" + report.problems[0]
    finally:
        archive.close()


def _detected(outcome: str) -> bool:
    if outcome.startswith("verify-problems:"):
        return True
    name = outcome.rsplit(":", 1)[-1]
    return not outcome.startswith("RAW") and name in {e.__name__ for e in DETECTED}


# --- archive.json ------------------------------------------------------------------------


def test_every_byte_of_the_header_is_covered(branch: Branch) -> None:
    branch.archive.close()
    root = branch.root
    header = root / "archive.json"
    good = header.read_bytes()
    people = [(ADMIN[0], ADMIN[2]), (CUSTODIAN[0], CUSTODIAN[2])]
    assert _outcome(root, people, verify_as=None) == "ok"

    undetected: dict[str, list[int]] = {}
    kinds = {
        "xor-ff": lambda i: 0xFF,
        "one-bit": lambda i: 1 << (i % 8),
        "other-bit": lambda i: 1 << ((i * 5 + 3) % 8),
    }
    for kind, mask_of in kinds.items():
        for offset in range(len(good)):
            data = bytearray(good)
            data[offset] ^= mask_of(offset)
            header.write_bytes(bytes(data))
            (root / LOCKOUT_FILE).unlink(missing_ok=True)
            outcome = _outcome(root, people, verify_as=None)
            if not _detected(outcome):
                undetected.setdefault(outcome, []).append(offset)
                assert len(undetected[outcome]) < 50 or kind != "xor-ff"
    header.write_bytes(good)
    missed = sum(len(v) for v in undetected.values())
    made = len(kinds) * len(good)
    figures.record("tamper: archive.json flips detected", made - missed, made, "flips")
    assert undetected == {}, (
        "flips of archive.json that were not reported as damage "
        "(WrongPassword/UnknownUser here means damage looks like a wrong password): "
        + "; ".join(f"{k} at offsets {v[:20]}" for k, v in undetected.items())
    )
    assert _outcome(root, people, verify_as="keeper") == "ok"


def test_wrapped_private_key_damage_is_not_a_wrong_password(branch: Branch) -> None:
    """Flips inside the admin's own encrypted private key: the case a checksum is for."""
    branch.archive.close()
    header = branch.root / "archive.json"
    good = header.read_bytes()
    text = good.decode("utf-8")
    start = text.index('"wrapped_private": "') + len('"wrapped_private": "')
    end = text.index('"', start)
    for offset in range(start, end):
        data = bytearray(good)
        data[offset] ^= 0x01
        header.write_bytes(bytes(data))
        (branch.root / LOCKOUT_FILE).unlink(missing_ok=True)
        outcome = _outcome(branch.root, [(ADMIN[0], ADMIN[2])], verify_as=None)
        assert _detected(outcome), f"offset {offset}: {outcome}"
        assert "WrongPassword" not in outcome
        figures.record("tamper: archive.json flips detected", 1, 1, "flips")
    header.write_bytes(good)


def test_header_of_another_archive(tmp_path: Path, branch: Branch) -> None:
    other = tmp_path / "other"
    make_archive(other).close()
    branch.archive.close()
    shutil.copy2(other / "archive.json", branch.root / "archive.json")
    # the other archive's people unseal the other main key: it does not open these files
    outcome = _outcome(branch.root, [(ADMIN[0], ADMIN[2])], verify_as=None)
    assert outcome == "auth admin:ArchiveDamaged", outcome


def test_slot_copied_from_another_archive(tmp_path: Path, branch: Branch) -> None:
    """A slot lifted from another archive (same login, known password) opens nothing."""
    other = tmp_path / "other"
    make_archive(other).close()
    branch.archive.close()
    mine = json.loads((branch.root / "archive.json").read_text("utf-8"))
    theirs = json.loads((other / "archive.json").read_text("utf-8"))
    mine["slots"][0] = theirs["slots"][0]
    rewrite_header(branch.root, {"slots": mine["slots"]}, fix_checksum=True)
    # The lifted slot is bound to the other archive's id: it opens nothing here. (A
    # deliberate edit with the checksum recomputed cannot be told from a wrong password
    # by that slot's owner; only a key holder can see it, through the MAC.)
    outcome = _outcome(branch.root, [(ADMIN[0], ADMIN[2])], verify_as=None)
    assert outcome in {"auth admin:WrongPassword", "auth admin:ArchiveDamaged"}, outcome
    (branch.root / LOCKOUT_FILE).unlink(missing_ok=True)
    outcome = _outcome(branch.root, [(CUSTODIAN[0], CUSTODIAN[2])], verify_as=None)
    assert outcome == "auth keeper:ArchiveDamaged", outcome  # the MAC no longer matches


# --- the databases --------------------------------------------------------------------------


def _fill_main(branch: Branch) -> None:
    branch.add_user("manager", [Role.MANAGER])
    with branch.archive.unit_of_work() as uow:
        for i in range(400):
            uow.audit("admin", "session.lock", details={"n": i, "pad": "填充" * 20})
        uow.commit()


def _fill_vault(branch: Branch) -> None:
    keeper = branch.login("keeper")
    engine = branch.archive.vault_engine(keeper.keys)
    with Session(engine) as session:
        for i in range(60):
            session.add(
                VaultRecord(record_ref=f"R{i:05d}", tier="机密", content=bytes([i % 251]) * 1500)
            )
        session.commit()


def _flip_every_page(
    db: Path, check: Callable[[], str], rng: random.Random, *, per_page: int
) -> dict[int, str]:
    per_page = figures.scale(per_page, per_page * 4)  # RUN_SLOW=1: four times as many
    good = db.read_bytes()
    assert len(good) % PAGE == 0
    pages = len(good) // PAGE
    failures: dict[int, str] = {}
    for page in range(pages):
        offsets = {page * PAGE + rng.randrange(PAGE) for _ in range(per_page)}
        offsets.add(page * PAGE + PAGE - 1 - rng.randrange(80))  # IV / HMAC area
        for offset in sorted(offsets):
            data = bytearray(good)
            data[offset] ^= 1 << rng.randrange(8)
            db.write_bytes(bytes(data))
            for name in ("-wal", "-shm"):
                db.with_name(db.name + name).unlink(missing_ok=True)
            (db.parent / LOCKOUT_FILE).unlink(missing_ok=True)
            outcome = check()
            if not _detected(outcome):
                failures[offset] = outcome
            figures.record(f"tamper: {db.name} flips detected", int(_detected(outcome)), 1, "flips")
    db.write_bytes(good)
    return failures


def test_every_page_of_main_db(branch: Branch) -> None:
    _fill_main(branch)
    branch.archive.close()
    db = branch.root / "main.db"
    pages = db.stat().st_size // PAGE
    assert pages >= 20, f"only {pages} pages: the test would not reach data pages"
    people = [(ADMIN[0], ADMIN[2]), (CUSTODIAN[0], CUSTODIAN[2])]
    assert _outcome(branch.root, people, verify_as="keeper") == "ok"
    failures = _flip_every_page(
        db,
        lambda: _outcome(branch.root, people, verify_as="keeper"),
        random.Random(20260302),
        per_page=1,
    )
    assert failures == {}, "main.db flips not reported (offset -> outcome): " + repr(
        dict(list(failures.items())[:20])
    )
    assert _outcome(branch.root, people, verify_as="keeper") == "ok"


def test_every_page_of_vault_db(branch: Branch) -> None:
    _fill_vault(branch)
    branch.archive.close()
    db = branch.root / "vault.db"
    pages = db.stat().st_size // PAGE
    assert pages >= 20, f"only {pages} pages"
    people = [(CUSTODIAN[0], CUSTODIAN[2])]
    assert _outcome(branch.root, people, verify_as="keeper") == "ok"
    failures = _flip_every_page(
        db,
        lambda: _outcome(branch.root, people, verify_as="keeper"),
        random.Random(20260303),
        per_page=1,
    )
    assert failures == {}, "vault.db flips not reported (offset -> outcome): " + repr(
        dict(list(failures.items())[:20])
    )


def test_verify_names_the_damaged_file(branch: Branch) -> None:
    _fill_vault(branch)
    branch.archive.close()
    db = branch.root / "vault.db"
    data = bytearray(db.read_bytes())
    data[(len(data) // PAGE - 2) * PAGE + 500] ^= 0x10  # a content page near the end
    db.write_bytes(bytes(data))
    archive = branch.reopen()
    keeper = auth.authenticate(archive, "keeper", CUSTODIAN[2])
    report = integrity.verify(archive, keeper)
    assert not report.sound
    assert all(p.startswith("vault.db") for p in report.problems), report.problems
    # the administrator cannot check the vault and is told so, not misled
    admin = auth.authenticate(archive, "admin", ADMIN[2])
    admin_report = integrity.verify(archive, admin)
    assert "vault.db 未检查(须由保密专管员校验)" in admin_report.checked


@pytest.mark.parametrize(
    "damage",
    ["truncate-half", "zero-page-1", "empty", "swap-main-vault", "garbage"],
)
def test_gross_damage_to_main_db(branch: Branch, damage: str) -> None:
    branch.archive.close()
    main, vault = branch.root / "main.db", branch.root / "vault.db"
    data = main.read_bytes()
    if damage == "truncate-half":
        main.write_bytes(data[: len(data) // 2])
    elif damage == "zero-page-1":
        main.write_bytes(bytes(PAGE) + data[PAGE:])
    elif damage == "empty":
        main.write_bytes(b"")
    elif damage == "swap-main-vault":
        main.write_bytes(vault.read_bytes())
    else:
        main.write_bytes(random.Random(7).randbytes(len(data)))
    before = snapshot(branch.root)
    outcome = _outcome(branch.root, [(ADMIN[0], ADMIN[2])], verify_as=None)
    if damage == "truncate-half":
        # SQLCipher cannot tell a cut file from the first pages alone; verify must
        outcome = _outcome(
            branch.root, [(ADMIN[0], ADMIN[2]), (CUSTODIAN[0], CUSTODIAN[2])], verify_as="keeper"
        )
    assert _detected(outcome), outcome
    after = snapshot(branch.root)
    for name in ("archive.json", "vault.db"):
        assert after[name] == before[name], f"{name} was changed while refusing a damaged main.db"


def test_damage_message_is_helpful(branch: Branch) -> None:
    branch.archive.close()
    main = branch.root / "main.db"
    main.write_bytes(bytes(PAGE) + main.read_bytes()[PAGE:])
    archive = branch.reopen()
    with pytest.raises(ArchiveDamaged) as info:
        auth.authenticate(archive, "admin", ADMIN[2])
    message = str(info.value)
    assert "main.db" in message
    assert "损坏" in message and "备份恢复" in message
    assert "sqlcipher" not in message.lower() and "Traceback" not in message


def test_stale_wal_from_elsewhere_is_not_trusted(branch: Branch) -> None:
    """A WAL file of another archive placed beside main.db must not be read as ours."""
    with branch.archive.unit_of_work() as uow:
        uow.audit("admin", "session.lock")
        uow.commit()
    other_root = branch.root.parent / "other"
    other = make_archive(other_root)
    with other.unit_of_work() as uow:
        for i in range(50):
            uow.audit("admin", "session.lock", details={"n": i})
        uow.commit()
    other_wal = (other_root / "main.db-wal").read_bytes()
    other.close()
    branch.archive.close()
    if not other_wal:
        pytest.fail("the other archive left no WAL to copy; test setup is wrong")
    (branch.root / "main.db-wal").write_bytes(other_wal)
    people = [(ADMIN[0], ADMIN[2]), (CUSTODIAN[0], CUSTODIAN[2])]
    outcome = _outcome(branch.root, people, verify_as="keeper")
    # a foreign WAL has another salt: SQLite ignores it, and nothing of it shows
    assert outcome == "ok" or _detected(outcome), outcome
    if outcome == "ok":
        archive = branch.reopen()
        admin = auth.authenticate(archive, "admin", ADMIN[2])
        with archive.unit_of_work() as uow:
            count = uow.session.scalar(sa.text("SELECT count(*) FROM audit_events"))
        assert count is not None and count < 40
        assert integrity.verify(archive, admin).sound


# --- a backup file ----------------------------------------------------------------------------

BACKUP_SAMPLES = figures.scale(40, 600)


def _zip_structure(path: Path) -> set[int]:
    """Offsets of every byte of the zip's own records: local headers, central directory, end."""
    data = path.read_bytes()
    offsets: set[int] = set()
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            start = info.header_offset
            name_len, extra_len = struct.unpack("<HH", data[start + 26 : start + 30])
            offsets.update(range(start, start + 30 + name_len + extra_len))
    eocd = data.rindex(b"PK\x05\x06")
    (cd_size, cd_start) = struct.unpack("<II", data[eocd + 12 : eocd + 20])
    offsets.update(range(cd_start, cd_start + cd_size))
    offsets.update(range(eocd, len(data)))
    return offsets


def _backup_outcome(source: Path, target: Path) -> str:
    """'refused:<error>' if inspecting or restoring the file says no, else 'restored'."""
    try:
        bk.inspect_backup(source)
    except AppError as exc:
        assert CHINESE.search(str(exc)), str(exc)
        return f"refused:{type(exc).__name__}"
    except Exception as exc:
        return f"RAW inspect:{type(exc).__module__}.{type(exc).__name__}"
    try:
        bk.restore_backup(source, target, ADMIN[0], ADMIN[2])
    except AppError as exc:
        assert CHINESE.search(str(exc)), str(exc)
        return f"restore refused:{type(exc).__name__}"
    except Exception as exc:
        return f"RAW restore:{type(exc).__module__}.{type(exc).__name__}"
    finally:
        assert not target.exists() or not any(target.iterdir()) or is_archive(target)
    return "restored"


def test_every_flip_of_a_backup_is_refused(branch: Branch, tmp_path: Path) -> None:
    _fill_main(branch)
    _fill_vault(branch)
    backup = tmp_path / "out" / "b.custbak"
    bk.create_backup(branch.archive, branch.admin, backup)
    good = backup.read_bytes()
    rng = random.Random(20261128)
    offsets = _zip_structure(backup)
    structure = len(offsets)
    while len(offsets) < structure + BACKUP_SAMPLES:
        offsets.add(rng.randrange(len(good)))
    failures: dict[int, str] = {}
    for n, offset in enumerate(sorted(offsets)):
        data = bytearray(good)
        data[offset] ^= 1 << rng.randrange(8)
        backup.write_bytes(bytes(data))
        outcome = _backup_outcome(backup, tmp_path / f"restored-{n}")
        if not outcome.startswith(("refused:", "restore refused:")):
            failures[offset] = outcome
            shutil.rmtree(tmp_path / f"restored-{n}", ignore_errors=True)
    backup.write_bytes(good)
    figures.record(
        "tamper: backup flips detected", len(offsets) - len(failures), len(offsets), "flips"
    )
    assert failures == {}, (
        f"backup flips not refused (offset -> outcome), of {len(good)} bytes: "
        + repr(dict(list(failures.items())[:20]))
    )
    # the unflipped file still restores: the refusals were about the flips
    assert _backup_outcome(backup, tmp_path / "restored-good") == "restored"
