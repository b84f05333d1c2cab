"""Backup and restore on real archives (issue 7).

A backup restored into a new folder is the same archive (users, customers,
the vault, a chain that verifies with one more event); any changed byte, a
forged manifest, a foreign or newer file, a wrong person or password, or an
archive in use is refused with nothing at the target changed and nothing left
behind; no working file ever holds plaintext.
"""

from __future__ import annotations

import hashlib
import json
import struct
import tempfile
import textwrap
import threading
import time
import zipfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.errors import ArchiveInUse, NotPermitted
from app.models import AuditEvent, Customer, User, VaultRecord
from app.security import audit
from app.security.roles import Role
from app.storage import backup as fmt
from app.storage.archive import Archive
from app.workflows import accounts, auth, customers, integrity
from app.workflows import backup as bk
from app.workflows.auth import Actor
from tests.conftest import ADMIN, CUSTODIAN, PASSWORDS, Branch
from tests.integration.helpers import audit_rows, details, keys_of, run_python, snapshot
from tests.integration.test_customers import farmer, organisation, resident_id

MARKER_NAME = "欧阳备份"
MARKER_ID = resident_id("19750505", "357")
SECRET_NAME = "司马机密"
SECRET_ID = resident_id("19660606", "246")
ENCODINGS = ("utf-8", "utf-16-le", "gbk")
MEMBERS = ("manifest.json", "archive.json", "main.db", "vault.db")


@pytest.fixture
def manager(branch: Branch) -> Actor:
    return branch.add_user("manager", [Role.MANAGER])


@pytest.fixture
def keeper(branch: Branch) -> Actor:
    return branch.login("keeper")


@pytest.fixture
def filled(branch: Branch, manager: Actor, keeper: Actor) -> dict[str, customers.CustomerRef]:
    """A few customers of each kind, one 机密 with the custodian present."""

    def create(data: dict[str, Any], **kw: Any) -> customers.CustomerRef:
        kw.setdefault("category", "individual")
        kw.setdefault("subtype", "farmer")
        return customers.create_customer(branch.archive, manager, data=data, **kw)

    refs = {
        "plain": create(farmer(MARKER_NAME, MARKER_ID)),
        "second": create(farmer("李备份", resident_id(seq="111"))),
        "org": create(organisation(), category="organisation", subtype="cooperative"),
        "secret": create(farmer(SECRET_NAME, SECRET_ID, tier="机密"), custodian=keeper),
    }
    customers.file_customer(branch.archive, manager, refs["second"].id)
    return refs


def _customers(archive: Archive) -> list[tuple[Any, ...]]:
    with archive.unit_of_work() as uow:
        rows = uow.session.scalars(sa.select(Customer).order_by(Customer.id)).all()
        return [
            (r.archive_no, r.name, r.identity_no, r.tier, r.status, r.manager_id, r.content)
            for r in rows
        ]


def _users(archive: Archive) -> list[tuple[str, str, frozenset[str]]]:
    with archive.unit_of_work() as uow:
        rows = uow.session.scalars(sa.select(User).order_by(User.id)).all()
        return [(u.login, u.status, u.role_names) for u in rows]


def _needles() -> list[tuple[str, bytes]]:
    texts = (MARKER_NAME, MARKER_ID, SECRET_NAME, SECRET_ID)
    return [(f"{t}/{enc}", t.encode(enc)) for t in texts for enc in ENCODINGS]


def _leaks(data: bytes) -> list[str]:
    return [name for name, needle in _needles() if needle in data]


def _member_offset(path: Path, name: str) -> tuple[int, int]:
    """Where a member's bytes start in the zip, and how many there are (stored members)."""
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(name)
    with open(path, "rb") as fh:
        fh.seek(info.header_offset + 26)
        name_len, extra_len = struct.unpack("<HH", fh.read(4))
    return info.header_offset + 30 + name_len + extra_len, info.compress_size


def _rewrite(path: Path, change: dict[str, bytes]) -> None:
    """The same zip with some members replaced (and correct zip CRCs)."""
    with zipfile.ZipFile(path) as zf:
        members = [(i, zf.read(i)) for i in zf.infolist()]
    path.unlink()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for info, data in members:
            zf.writestr(info, change.get(info.filename, data))


def _resign(path: Path, change: dict[str, bytes], **manifest_change: Any) -> None:
    """What only a holder of the main key could do: change members and sign the manifest anew."""
    with zipfile.ZipFile(path) as zf:
        manifest = fmt.Manifest.parse(zf.read("manifest.json"), path.name)
        header = zf.read("archive.json")
        sizes = {i.filename: i.file_size for i in zf.infolist()}
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "archive.json").write_bytes(header)
        main_key = keys_of(Path(folder), ADMIN[0], ADMIN[2]).main_key
    members = tuple(
        fmt.MemberSum(m.name, hashlib.sha256(change[m.name]).hexdigest(), len(change[m.name]))
        if m.name in change
        else m
        for m in manifest.members
    )
    assert all(m.size == sizes[m.name] for m in manifest.members if m.name not in change)
    forged = replace(manifest, members=members, **manifest_change).signed(main_key)
    _rewrite(path, {**change, "manifest.json": forged.to_bytes()})


@pytest.fixture
def made(branch: Branch, filled: dict[str, customers.CustomerRef], tmp_path: Path) -> Path:
    out = tmp_path / "out" / "lianyuan.custbak"
    bk.create_backup(branch.archive, branch.admin, out)
    return out


# --- the round trip ------------------------------------------------------------------------------


def test_backup_then_restore_gives_the_same_archive(
    branch: Branch, filled: dict[str, customers.CustomerRef], manager: Actor, tmp_path: Path
) -> None:
    archive = branch.archive
    assert bk.last_backup_at(archive) is None
    assert bk.backup_due(archive)
    with archive.unit_of_work() as uow:
        head_seq, head_hash = audit.chain_head(uow.session)
    out = tmp_path / "out" / "lianyuan.custbak"

    steps: list[str] = []
    report = bk.create_backup(archive, branch.admin, out, progress=steps.append)

    assert steps and out.is_file()
    assert sorted(p.name for p in out.parent.iterdir()) == ["lianyuan.custbak"]
    assert report.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    assert (report.chain_seq, report.chain_hash) == (head_seq, head_hash)
    event = audit_rows(archive, head_seq)[-1]
    assert (event.actor, event.action, event.seq) == ("admin", "backup.create", head_seq + 1)
    assert details(event) == {
        "head_seq": head_seq,
        "head_hash": head_hash,
        "sha256": report.sha256,
        "size": out.stat().st_size,
    }
    assert "审计链头序号:" in audit.describe_details(details(event))
    last = bk.last_backup_at(archive)
    assert last is not None and abs(datetime.now(UTC) - last) < timedelta(minutes=1)
    assert not bk.backup_due(archive)
    assert bk.backup_due(archive, now=datetime.now(UTC) + timedelta(days=7))

    with zipfile.ZipFile(out) as zf:
        assert zf.namelist() == list(MEMBERS)
        assert {i.compress_type for i in zf.infolist()} == {zipfile.ZIP_STORED}
    info = bk.inspect_backup(out)
    assert info.archive_id == archive.archive_id
    assert (info.branch_name, info.branch_code) == ("涟源市某某信用社", "LY-0101")
    assert info.created_by == "admin"
    assert (info.chain_seq, info.chain_hash) == (head_seq, head_hash)
    assert set(info.members) == set(MEMBERS[1:])

    original_users, original_customers = _users(archive), _customers(archive)
    original_chain = [(r.seq, r.hash) for r in audit_rows(archive)][:head_seq]

    target = tmp_path / "restored"
    restored = bk.restore_backup(out, target, ADMIN[0], ADMIN[2])

    assert restored.replaced is None and not restored.vault_checked
    assert restored.chain_seq == head_seq + 1
    assert sorted(p.name for p in target.iterdir()) == ["archive.json", "main.db", "vault.db"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []

    copy = Archive.open(target)
    try:
        keeper = auth.authenticate(copy, CUSTODIAN[0], CUSTODIAN[2])
        assert _users(copy) == original_users
        assert _customers(copy) == original_customers
        rows = audit_rows(copy)
        assert [(r.seq, r.hash) for r in rows][:head_seq] == original_chain
        restore_event = rows[head_seq]
        assert (restore_event.actor, restore_event.action) == ("admin", "backup.restore")
        assert details(restore_event)["sha256"] == report.sha256
        assert details(restore_event)["head_seq"] == head_seq
        verified = integrity.verify(copy, keeper)
        assert verified.sound, verified.problems
        assert verified.chain_length == head_seq + 2  # the restore's event, then the login
        # the restored state is the backup: no reminder due
        assert bk.last_backup_at(copy) == info.created_at
        # the vault came along and opens with the custodian's key
        with Session(copy.vault_engine(keeper.keys)) as session:
            assert session.scalar(sa.select(sa.func.count(VaultRecord.id))) == 1
        copy.close_vault()
        # the search index came along too, and the owner opens the secret archive
        owner = auth.authenticate(copy, "manager", PASSWORDS["manager"])
        hits = customers.catalogue_page(
            copy, owner, filters=customers.CatalogueFilter(query=MARKER_NAME), limit=10
        )
        assert [h.archive_no for h in hits] == [filled["plain"].archive_no]
        content = customers.open_customer(copy, owner, filled["secret"].id, custodian=keeper)
        assert content.data["name"] == SECRET_NAME
    finally:
        copy.close()


def test_restore_over_an_archive_keeps_the_old_one_aside(
    branch: Branch, made: Path, manager: Actor, tmp_path: Path
) -> None:
    later = customers.create_customer(
        branch.archive,
        manager,
        category="individual",
        subtype="farmer",
        data=farmer("赵后来", resident_id(seq="579")),
    )
    after = _customers(branch.archive)
    branch.archive.close()
    old_files = snapshot(branch.root)

    report = bk.restore_backup(made, branch.root, ADMIN[0], ADMIN[2])

    assert report.replaced is not None
    assert report.replaced.parent == branch.root.parent
    assert report.replaced.name.startswith("archive.replaced-")
    datetime.strptime(report.replaced.name.removeprefix("archive.replaced-"), "%Y%m%d-%H%M%S")
    assert snapshot(report.replaced) == old_files
    archive = branch.reopen()
    branch.login("admin")
    assert later.archive_no not in {row[0] for row in _customers(archive)}
    aside = Archive.open(report.replaced)
    try:
        auth.authenticate(aside, ADMIN[0], ADMIN[2])
        assert _customers(aside) == after
    finally:
        aside.close()


# --- refusals ----------------------------------------------------------------------------------


def _refused(
    branch: Branch, source: Path, exc: type[Exception], *, login: str = ADMIN[0], pw: str = ""
) -> Exception:
    """Restore over the branch's archive must fail and leave the folder and its parent as they were."""
    branch.archive.close()
    before = snapshot(branch.root)
    around = sorted(p.name for p in branch.root.parent.iterdir())
    with pytest.raises(exc) as refused:
        bk.restore_backup(source, branch.root, login, pw or PASSWORDS[login])
    assert snapshot(branch.root) == before
    assert sorted(p.name for p in branch.root.parent.iterdir()) == around
    return refused.value


def test_one_changed_byte_in_any_member_is_refused(branch: Branch, made: Path) -> None:
    good = made.read_bytes()
    for member in MEMBERS:
        start, size = _member_offset(made, member)
        for offset in (start, start + size // 2, start + size - 1):
            data = bytearray(good)
            data[offset] ^= 0x01
            made.write_bytes(bytes(data))

            with pytest.raises(fmt.BackupDamaged) as inspected:
                bk.inspect_backup(made)
            assert member in str(inspected.value), (member, offset)
            refused = _refused(branch, made, fmt.BackupDamaged)
            assert member in str(refused), (member, offset)
            assert "未作任何修改" in str(refused)
    made.write_bytes(good)
    assert bk.inspect_backup(made).archive_id == branch.archive.archive_id


def test_a_member_changed_with_its_zip_crc_is_refused_by_its_sum(
    branch: Branch, made: Path
) -> None:
    with zipfile.ZipFile(made) as zf:
        vault = bytearray(zf.read("vault.db"))
    vault[5000] ^= 0xFF
    _rewrite(made, {"vault.db": bytes(vault)})
    refused = _refused(branch, made, fmt.BackupDamaged)
    assert "vault.db 的校验值与备份清单不符" in str(refused)


def test_a_forgery_with_recomputed_sums_is_refused_by_the_mac(branch: Branch, made: Path) -> None:
    with zipfile.ZipFile(made) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        vault = bytearray(zf.read("vault.db"))
    vault[5000] ^= 0xFF
    for entry in manifest["members"]:
        if entry["name"] == "vault.db":
            entry["sha256"] = hashlib.sha256(vault).hexdigest()
    manifest["created_by"] = "keeper"
    _rewrite(
        made,
        {"manifest.json": json.dumps(manifest).encode(), "vault.db": bytes(vault)},
    )

    assert bk.inspect_backup(made).created_by == "keeper"  # the sums alone cannot tell
    refused = _refused(branch, made, fmt.BackupDamaged)
    assert "manifest.json 的校验码不符" in str(refused)


def test_a_replaced_header_is_refused_by_its_mac(branch: Branch, made: Path) -> None:
    """Even with the manifest's sum fixed: the header's own MAC catches the change."""
    with zipfile.ZipFile(made) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        header = json.loads(zf.read("archive.json"))
    header["branch_name"] = "别的信用社"
    body = {k: v for k, v in header.items() if k != "checksum"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    header["checksum"] = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    raw = json.dumps(header, ensure_ascii=False).encode("utf-8")
    for entry in manifest["members"]:
        if entry["name"] == "archive.json":
            entry.update(sha256=hashlib.sha256(raw).hexdigest(), size=len(raw))
    _rewrite(made, {"manifest.json": json.dumps(manifest).encode(), "archive.json": raw})

    refused = _refused(branch, made, fmt.BackupDamaged)
    assert "校验码不符" in str(refused)


def test_what_only_the_main_key_could_forge_is_still_caught(branch: Branch, made: Path) -> None:
    """Defence in depth: header MAC, page HMACs and the chain head, each on its own."""
    good = made.read_bytes()
    with zipfile.ZipFile(made) as zf:
        header = json.loads(zf.read("archive.json"))
        main_db = bytearray(zf.read("main.db"))

    # a header whose MAC was not recomputed (only the checksum was)
    header["branch_name"] = "别的信用社"
    body = {k: v for k, v in header.items() if k != "checksum"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    header["checksum"] = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    _resign(made, {"archive.json": json.dumps(header, ensure_ascii=False).encode("utf-8")})
    assert "archive.json 的校验码不符" in str(_refused(branch, made, fmt.BackupDamaged))

    # a page of main.db changed before the sums were taken: SQLCipher's page HMAC
    made.write_bytes(good)
    main_db[len(main_db) // 2 + 100] ^= 0x01
    _resign(made, {"main.db": bytes(main_db)})
    assert "main.db:加密页校验失败" in str(_refused(branch, made, fmt.BackupDamaged))

    # a manifest that claims another chain head than the database holds
    made.write_bytes(good)
    seq = bk.inspect_backup(made).chain_seq
    _resign(made, {}, chain_seq=seq - 1)
    assert "审计日志链头与备份清单不符" in str(_refused(branch, made, fmt.BackupDamaged))


def test_an_administrator_who_is_also_custodian_gets_the_vault_checked(
    branch: Branch, filled: dict[str, customers.CustomerRef], keeper: Actor, tmp_path: Path
) -> None:
    accounts.add_user(
        branch.archive,
        branch.admin,
        accounts.NewAccount("guardian", "兼任管理员", "Chushi2026gu"),
        [Role.ADMIN, Role.CUSTODIAN],
        custodian=keeper,
    )
    out = tmp_path / "b.custbak"
    bk.create_backup(branch.archive, branch.admin, out)
    good = out.read_bytes()
    report = bk.restore_backup(out, tmp_path / "restored", "guardian", "Chushi2026gu")
    assert report.vault_checked
    copy = Archive.open(report.target)
    try:
        auth.authenticate(copy, "guardian", "Chushi2026gu")
        restored = [r for r in audit_rows(copy) if r.action == "backup.restore"]
        assert [details(r)["vault_checked"] for r in restored] == [True]
    finally:
        copy.close()

    # a vault page changed by someone holding the main key: only the vault key tells
    with zipfile.ZipFile(out) as zf:
        vault = bytearray(zf.read("vault.db"))
    vault[len(vault) - 100] ^= 0x01
    with zipfile.ZipFile(out) as zf:
        manifest = fmt.Manifest.parse(zf.read("manifest.json"), out.name)
    _resign(out, {"vault.db": bytes(vault)})
    with pytest.raises(fmt.BackupDamaged, match=r"vault\.db"):
        bk.restore_backup(out, tmp_path / "again", "guardian", "Chushi2026gu")
    assert not (tmp_path / "again").exists()
    assert manifest.member("vault.db") is not None
    out.write_bytes(good)


def test_foreign_newer_and_non_backup_files_are_refused(
    branch: Branch, made: Path, tmp_path: Path
) -> None:
    foreign = tmp_path / "photos.zip"
    with zipfile.ZipFile(foreign, "w") as zf:
        zf.writestr("readme.txt", "hello")
        zf.writestr("main.db", b"\0" * 100)
    assert "不是本程序生成的档案备份" in str(_refused(branch, foreign, fmt.ForeignBackup))

    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("manifest.json", json.dumps({"format": "something-else"}))
    _refused(branch, other, fmt.ForeignBackup)

    text = tmp_path / "notes.custbak"
    text.write_text("这不是压缩包", "utf-8")
    assert "不是备份文件" in str(_refused(branch, text, fmt.NotABackup))

    with zipfile.ZipFile(made) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    manifest["format_version"] = fmt.BACKUP_FORMAT_VERSION + 1
    newer = tmp_path / "newer.custbak"
    newer.write_bytes(made.read_bytes())
    _rewrite(newer, {"manifest.json": json.dumps(manifest).encode()})
    assert "更新版本的程序" in str(_refused(branch, newer, fmt.BackupTooNew))

    extra = tmp_path / "extra.custbak"
    extra.write_bytes(made.read_bytes())
    with zipfile.ZipFile(extra, "a") as zf:
        zf.writestr("notes.txt", "x")
    assert "notes.txt" in str(_refused(branch, extra, fmt.BackupDamaged))


def test_wrong_password_unknown_login_and_archive_in_use_are_refused(
    branch: Branch, made: Path, tmp_path: Path
) -> None:
    assert "newcomer" not in branch.archive.header.logins
    target = tmp_path / "fresh"
    with pytest.raises(fmt.BackupAuthFailed) as unknown:
        bk.restore_backup(made, target, "newcomer", "Whatever2026")
    assert "备份中没有登录名“newcomer”" in str(unknown.value)
    with pytest.raises(fmt.BackupAuthFailed) as wrong:
        bk.restore_backup(made, target, ADMIN[0], "Wrong2026pass")
    assert "备份当时" in str(wrong.value)
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []

    # the branch's archive is open (this process holds archive.lock)
    before = snapshot(branch.root)
    with pytest.raises(ArchiveInUse):
        bk.restore_backup(made, branch.root, ADMIN[0], ADMIN[2])
    assert snapshot(branch.root) == before

    stray = tmp_path / "documents"
    stray.mkdir()
    (stray / "letter.txt").write_text("x", "utf-8")
    with pytest.raises(Exception, match="不是档案文件夹"):
        bk.restore_backup(made, stray, ADMIN[0], ADMIN[2])
    assert sorted(p.name for p in stray.iterdir()) == ["letter.txt"]

    empty = tmp_path / "empty"
    empty.mkdir()
    assert bk.restore_backup(made, empty, ADMIN[0], ADMIN[2]).replaced is None
    assert (empty / "archive.json").is_file()


def test_only_an_administrator_backs_up_and_restores(
    branch: Branch, filled: dict[str, customers.CustomerRef], manager: Actor, tmp_path: Path
) -> None:
    keeper = branch.login("keeper")
    out = tmp_path / "out" / "b.custbak"
    for actor in (manager, keeper):
        with pytest.raises(NotPermitted):
            bk.create_backup(branch.archive, actor, out)
    assert not out.exists()
    bk.create_backup(branch.archive, branch.admin, out)

    # the manager and the custodian have slots in the backup, but not the right
    for login in ("manager", "keeper"):
        refused = _refused(branch, out, NotPermitted, login=login)
        assert "从备份恢复" in str(refused)
    branch.reopen()

    # a role granted after the backup does not count: the backup's own users decide
    admin = branch.login("admin")
    accounts.set_roles(branch.archive, admin, "manager", [Role.MANAGER, Role.ADMIN])
    refused = _refused(branch, out, NotPermitted, login="manager")
    assert "从备份恢复" in str(refused)


# --- nothing readable, nothing left behind -----------------------------------------------------


def test_no_plaintext_in_the_backup_or_its_working_files(
    branch: Branch,
    filled: dict[str, customers.CustomerRef],
    keeper: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    temp_before = set(Path(tempfile.gettempdir()).iterdir())
    # a custodian has the vault open with pages still in its WAL
    with Session(branch.archive.vault_engine(keeper.keys)) as session:
        session.add(
            VaultRecord(record_ref="R-WAL", tier="secret", content=SECRET_NAME.encode("utf-8"))
        )
        session.commit()
    scanned: list[str] = []
    real_write = fmt.write_backup

    def scan_work_folder(path: Path, manifest: fmt.Manifest, files: dict[str, Path]) -> None:
        real_write(path, manifest, files)
        for item in sorted(path.parent.rglob("*")):
            if item.is_file():
                scanned.append(item.name)
                assert _leaks(item.read_bytes()) == [], item.name

    monkeypatch.setattr(fmt, "write_backup", scan_work_folder)
    out = tmp_path / "out" / "b.custbak"
    bk.create_backup(branch.archive, branch.admin, out)

    assert {"archive.json", "main.db", "vault.db", "backup.zip"} <= set(scanned)
    assert _leaks(out.read_bytes()) == []
    with zipfile.ZipFile(out) as zf:
        assert zf.namelist() == list(MEMBERS)  # the open vault was checkpointed first
        for name in zf.namelist():
            assert _leaks(zf.read(name)) == [], name
    assert sorted(p.name for p in out.parent.iterdir()) == ["b.custbak"]
    new_temp = set(Path(tempfile.gettempdir()).iterdir()) - temp_before
    assert [p for p in new_temp if "custbak" in p.name or "restore" in p.name] == []

    # the restore's staging folder, scanned just before it is put in place
    real_install = fmt.StagedRestore.install

    def scan_staging(self: fmt.StagedRestore, target: fmt.RestoreTarget) -> Path | None:
        for item in self.folder.rglob("*"):
            if item.is_file():
                assert _leaks(item.read_bytes()) == [], item.name
        return real_install(self, target)

    monkeypatch.setattr(fmt.StagedRestore, "install", scan_staging)
    target = tmp_path / "restored"
    bk.restore_backup(out, target, ADMIN[0], ADMIN[2])
    copy = Archive.open(target)
    try:
        keeper2 = auth.authenticate(copy, CUSTODIAN[0], CUSTODIAN[2])
        with Session(copy.vault_engine(keeper2.keys)) as session:
            refs = set(session.scalars(sa.select(VaultRecord.record_ref)))
        assert "R-WAL" in refs  # what sat in the WAL is in the backup
    finally:
        copy.close()


class Stop(Exception):
    pass


@pytest.mark.parametrize("where", ["export", "write", "audit", "cancel"])
def test_a_failed_backup_leaves_nothing_behind(
    branch: Branch,
    filled: dict[str, customers.CustomerRef],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "older.custbak").write_bytes(b"an older backup")
    seq_before = audit_rows(branch.archive)[-1].seq
    progress: Any = None
    if where == "export":
        real = fmt.export_copy

        def half_export(engine: sa.Engine, dest: Path, key: bytes) -> None:
            real(engine, dest, key)
            raise Stop()

        monkeypatch.setattr(fmt, "export_copy", half_export)
    elif where == "write":
        real_write = fmt.write_backup

        def half_write(path: Path, manifest: fmt.Manifest, files: dict[str, Path]) -> None:
            real_write(path, manifest, files)
            raise Stop()

        monkeypatch.setattr(fmt, "write_backup", half_write)
    elif where == "audit":

        def no_audit(*args: object, **kwargs: object) -> None:
            raise Stop()

        monkeypatch.setattr("app.storage.uow.UnitOfWork.audit", no_audit)
    else:

        def progress(step: str) -> None:
            if "审计" in step:
                raise Stop()

    with pytest.raises(Stop):
        bk.create_backup(branch.archive, branch.admin, out_dir / "b.custbak", progress=progress)

    monkeypatch.undo()
    assert sorted(p.name for p in out_dir.iterdir()) == ["older.custbak"]
    assert audit_rows(branch.archive)[-1].seq == seq_before
    assert bk.last_backup_at(branch.archive) is None


def test_backup_refuses_to_overwrite_or_to_write_into_the_archive(
    branch: Branch, made: Path
) -> None:
    first = made.read_bytes()
    with pytest.raises(Exception, match="已存在"):
        bk.create_backup(branch.archive, branch.admin, made)
    assert made.read_bytes() == first
    again = bk.create_backup(branch.archive, branch.admin, made, overwrite=True)
    assert made.read_bytes() != first and again.chain_seq > 0
    with pytest.raises(Exception, match="档案文件夹内"):
        bk.create_backup(branch.archive, branch.admin, branch.root / "b.custbak")


def test_a_backup_taken_while_another_thread_writes_is_consistent(
    branch: Branch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = branch.archive
    stop = threading.Event()
    written = 0
    errors: list[BaseException] = []

    def writer() -> None:
        nonlocal written
        try:
            while not stop.is_set():
                with archive.unit_of_work() as uow:
                    for _ in range(20):
                        uow.audit("admin", "session.lock", target_type="user", target_id="admin")
                    uow.commit()
                written += 1
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    real_export = fmt.export_copy

    def slow_export(engine: sa.Engine, dest: Path, key: bytes) -> None:
        time.sleep(0.3)  # the writer gets every chance to slip in, unless the lock is held
        real_export(engine, dest, key)

    monkeypatch.setattr(fmt, "export_copy", slow_export)
    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while written < 3:
            stop.wait(0.01)
        out = tmp_path / "b.custbak"
        report = bk.create_backup(archive, branch.admin, out)
    finally:
        stop.set()
        thread.join()
    assert errors == []
    restored = bk.restore_backup(out, tmp_path / "restored", ADMIN[0], ADMIN[2])
    copy = Archive.open(restored.target)
    try:
        keeper = auth.authenticate(copy, CUSTODIAN[0], CUSTODIAN[2])
        rows = audit_rows(copy)
        assert rows[report.chain_seq].action == "backup.restore"
        # whole transactions only: the backup holds no partial batch of 20
        locks = sum(1 for r in rows[: report.chain_seq] if r.action == "session.lock")
        assert locks % 20 == 0 and locks >= 60
        assert integrity.verify(copy, keeper).sound
    finally:
        copy.close()


_CRASH_IN_VAULT = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from sqlalchemy.orm import Session
    from app.models import VaultRecord
    from app.storage.archive import Archive
    from app.workflows import auth

    archive = Archive.open(Path(sys.argv[1]))
    keeper = auth.authenticate(archive, "keeper", sys.argv[2])
    with Session(archive.vault_engine(keeper.keys)) as session:
        session.add(VaultRecord(record_ref="R-CRASH", tier="secret", content=b"x"))
        session.commit()
    os._exit(0)  # gone without a checkpoint: the record is only in vault.db-wal
    """
)


def test_vault_pages_left_in_the_wal_by_a_crash_are_backed_up(
    branch: Branch, tmp_path: Path
) -> None:
    branch.archive.close()
    child = run_python(_CRASH_IN_VAULT, str(branch.root), CUSTODIAN[2])
    assert child.returncode == 0, child.stderr
    assert (branch.root / "vault.db-wal").stat().st_size > 0
    archive = branch.reopen()
    out = tmp_path / "b.custbak"
    bk.create_backup(archive, branch.login("admin"), out)
    assert set(bk.inspect_backup(out).members) == {
        "archive.json",
        "main.db",
        "vault.db",
        "vault.db-wal",
    }

    target = tmp_path / "restored"
    report = bk.restore_backup(out, target, ADMIN[0], ADMIN[2])
    assert not report.vault_checked
    copy = Archive.open(target)
    try:
        keeper = auth.authenticate(copy, CUSTODIAN[0], CUSTODIAN[2])
        with Session(copy.vault_engine(keeper.keys)) as session:
            assert "R-CRASH" in set(session.scalars(sa.select(VaultRecord.record_ref)))
        copy.close_vault()
        assert integrity.verify(copy, keeper).sound
    finally:
        copy.close()


def test_last_backup_at_reads_the_chain(branch: Branch, made: Path) -> None:
    with branch.archive.unit_of_work() as uow:
        created = uow.session.scalar(
            sa.select(AuditEvent.occurred_at).where(AuditEvent.action == "backup.create")
        )
    assert created is not None
    assert bk.last_backup_at(branch.archive) == created.replace(tzinfo=UTC)
    assert not bk.backup_due(branch.archive, days=1)
    assert bk.backup_due(branch.archive, days=1, now=datetime.now(UTC) + timedelta(days=1))
