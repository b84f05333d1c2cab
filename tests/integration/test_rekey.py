"""Replacing the archive keys: by the admin (main), by a custodian (main + vault),
after a revocation, and when the program dies half-way."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.errors import ArchiveDamaged, UnknownUser
from app.models import VaultRecord
from app.security import keyslots
from app.security.roles import Role
from app.storage import archive as archive_module
from app.storage.archive import Archive
from app.storage.database import raw_connect
from app.workflows import accounts, auth, integrity, keys
from tests.conftest import ADMIN, CUSTODIAN, PASSWORDS, Branch
from tests.integration.helpers import audit_rows, details, keys_of, run_python

EVERYONE = ("admin", "keeper", "manager")


@pytest.fixture
def staffed(branch: Branch) -> Branch:
    branch.add_user("manager", [Role.MANAGER])
    keeper = branch.login("keeper")
    with Session(branch.archive.vault_engine(keeper.keys)) as session:
        session.add(VaultRecord(record_ref="R00001", tier="绝密", content=b"secret-content"))
        session.commit()
    return branch


def _assert_opens(path: Path, key: bytes) -> None:
    raw_connect(path, key).close()


def _assert_refused(path: Path, key: bytes) -> None:
    with pytest.raises(ArchiveDamaged):
        raw_connect(path, key).close()


def _everyone_logs_in_and_verify_is_clean(branch: Branch) -> dict[str, auth.Actor]:
    archive = branch.reopen()
    actors = {login: auth.authenticate(archive, login, PASSWORDS[login]) for login in EVERYONE}
    main_keys = {a.keys.main_key for a in actors.values()}
    assert len(main_keys) == 1, "people hold different main keys"
    report = integrity.verify(archive, actors["keeper"])
    assert report.sound, report.problems
    with Session(archive.vault_engine(actors["keeper"].keys)) as session:
        assert session.get(VaultRecord, 1).content == b"secret-content"  # type: ignore[union-attr]
    leftovers = [p.name for p in branch.root.iterdir() if p.name.endswith(".rekey")]
    assert leftovers == []
    header = json.loads((branch.root / "archive.json").read_text("utf-8"))
    for slot in header["slots"]:
        assert "sealed_main_next" not in slot and "sealed_vault_next" not in slot
    branch.admin = actors["admin"]
    return actors


def test_rekey_by_admin_replaces_the_main_key_only(staffed: Branch) -> None:
    old_main = staffed.admin.keys.main_key
    old_vault = staffed.login("keeper").keys.vault_key
    assert old_vault is not None
    new_admin, vault_replaced = keys.rekey(staffed.archive, staffed.admin)
    assert not vault_replaced
    assert new_admin.keys.main_key != old_main
    stages = [
        details(r)["stage"] for r in audit_rows(staffed.archive) if r.action == "archive.rekey"
    ]
    assert stages == ["start", "done"]

    actors = _everyone_logs_in_and_verify_is_clean(staffed)
    assert actors["admin"].keys.main_key == new_admin.keys.main_key
    assert actors["keeper"].keys.vault_key == old_vault
    staffed.archive.close()
    _assert_refused(staffed.root / "main.db", old_main)
    _assert_opens(staffed.root / "main.db", new_admin.keys.main_key)
    _assert_opens(staffed.root / "vault.db", old_vault)


def test_rekey_by_custodian_replaces_both_keys(staffed: Branch) -> None:
    keeper = staffed.login("keeper")
    old_main, old_vault = keeper.keys.main_key, keeper.keys.vault_key
    assert old_vault is not None
    new_keeper, vault_replaced = keys.rekey(staffed.archive, keeper)
    assert vault_replaced
    assert new_keeper.keys.main_key != old_main
    assert new_keeper.keys.vault_key not in (None, old_vault)
    # the new keys work at once in this session
    assert integrity.verify(staffed.archive, new_keeper).sound

    actors = _everyone_logs_in_and_verify_is_clean(staffed)
    assert actors["keeper"].keys.vault_key == new_keeper.keys.vault_key
    assert actors["manager"].keys.vault_key is None
    staffed.archive.close()
    _assert_refused(staffed.root / "main.db", old_main)
    _assert_refused(staffed.root / "vault.db", old_vault)
    _assert_opens(staffed.root / "vault.db", new_keeper.keys.vault_key)  # type: ignore[arg-type]


def test_revoke_then_rekey_shuts_the_revoked_user_out(staffed: Branch) -> None:
    old_slot = staffed.archive.header.slot("manager")
    assert old_slot is not None
    accounts.revoke_user(staffed.archive, staffed.admin, "manager")
    # until the rekey, the old slot (e.g. from a copied archive.json) still opens main.db
    stolen = keyslots.open_slot(staffed.archive.archive_id, old_slot, PASSWORDS["manager"])
    assert stolen.main_key == staffed.admin.keys.main_key

    staffed.admin, _ = keys.rekey(staffed.archive, staffed.admin)
    archive = staffed.reopen()
    with pytest.raises(UnknownUser):
        auth.authenticate(archive, "manager", PASSWORDS["manager"])
    keeper = auth.authenticate(archive, "keeper", CUSTODIAN[2])
    staffed.admin = auth.authenticate(archive, "admin", ADMIN[2])
    assert integrity.verify(archive, keeper).sound
    archive.close()
    _assert_refused(staffed.root / "main.db", stolen.main_key)


def test_rekey_is_refused_to_other_roles(staffed: Branch) -> None:
    from app.errors import NotPermitted

    manager = staffed.login("manager")
    with pytest.raises(NotPermitted, match="更换档案密钥"):
        keys.rekey(staffed.archive, manager)


# --- interrupted -----------------------------------------------------------------------------


class Crash(BaseException):
    """Stands for the process dying: nothing after it runs."""


@pytest.mark.parametrize("first_in", ["manager", "keeper"])
def test_crash_after_staging_rolls_forward_in_process(
    staffed: Branch, monkeypatch: pytest.MonkeyPatch, first_in: str
) -> None:
    keeper = staffed.login("keeper")
    old_main, old_vault = keeper.keys.main_key, keeper.keys.vault_key

    def crash(self: Archive, unlocked: keyslots.UnlockedSlot) -> bytes:
        raise Crash()

    monkeypatch.setattr(Archive, "_finish_rekey", crash)
    with pytest.raises(Crash):
        keys.rekey(staffed.archive, keeper)
    monkeypatch.undo()
    staffed.archive._lock.release()  # what the dying process leaves: files as they are
    staged = json.loads((staffed.root / "archive.json").read_text("utf-8"))
    assert all("sealed_main_next" in s for s in staged["slots"])
    assert (staffed.root / "main.db.rekey").exists()
    assert (staffed.root / "vault.db.rekey").exists()

    archive = Archive.open(staffed.root)
    staffed.archive = archive
    # whoever comes in first (a plain manager, too) completes the custodian's rekey, and
    # holds the keys now in force
    first = auth.authenticate(archive, first_in, PASSWORDS[first_in])
    assert first.keys.main_key not in (old_main, None)
    assert first.keys.main_key_next is None
    if first_in == "keeper":
        assert first.keys.vault_key not in (old_vault, None)
        report = integrity.verify(archive, first)  # opens vault.db in this same session
        assert report.sound, report.problems
    actors = _everyone_logs_in_and_verify_is_clean(staffed)
    assert actors["keeper"].keys.vault_key != old_vault
    staffed.archive.close()
    _assert_refused(staffed.root / "main.db", old_main)
    _assert_refused(staffed.root / "vault.db", old_vault)  # type: ignore[arg-type]


def test_crash_while_swapping_files_rolls_forward(
    staffed: Branch, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dies after the files were swapped but before the promoted header was written."""
    keeper = staffed.login("keeper")
    old_main = keeper.keys.main_key
    real = archive_module.write_header
    calls: list[int] = []

    def write_header_then_crash(*args: object) -> None:
        calls.append(1)
        if len(calls) == 2:  # the 1st stages the keys, the 2nd would promote them
            raise Crash()
        real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(archive_module, "write_header", write_header_then_crash)
    with pytest.raises(Crash):
        keys.rekey(staffed.archive, keeper)
    monkeypatch.undo()
    staffed.archive._lock.release()
    assert not (staffed.root / "main.db.rekey").exists()  # already swapped in

    staffed.archive = Archive.open(staffed.root)
    actors = _everyone_logs_in_and_verify_is_clean(staffed)
    assert actors["admin"].keys.main_key != old_main


_CHILD_REKEY = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from app.storage import archive as archive_module
    from app.storage.archive import Archive
    from app.workflows import auth, keys

    root, login, password, when = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    real_save = Archive.save_header

    def save_header(self, header):
        staged = any(s.sealed_main_next is not None for s in header.slots)
        if staged and when == "before-staging":
            os._exit(0)
        real_save(self, header)
        if staged and when == "after-staging":
            os._exit(0)

    Archive.save_header = save_header
    archive = Archive.open(root)
    actor = auth.authenticate(archive, login, password)
    print(actor.keys.main_key.hex(), flush=True)
    keys.rekey(archive, actor)
    print("FINISHED", flush=True)
    """
)


@pytest.mark.parametrize("login", ["admin", "keeper"])
def test_process_killed_after_staging_rolls_forward(staffed: Branch, login: str) -> None:
    staffed.archive.close()
    result = run_python(_CHILD_REKEY, str(staffed.root), login, PASSWORDS[login], "after-staging")
    assert result.returncode == 0, result.stderr
    assert "FINISHED" not in result.stdout
    old_main = bytes.fromhex(result.stdout.split()[0])
    staged = json.loads((staffed.root / "archive.json").read_text("utf-8"))
    assert all("sealed_main_next" in s for s in staged["slots"])

    staffed.archive = Archive.open(staffed.root)
    actors = _everyone_logs_in_and_verify_is_clean(staffed)
    assert actors["admin"].keys.main_key != old_main
    staffed.archive.close()
    _assert_refused(staffed.root / "main.db", old_main)


def test_process_killed_before_staging_keeps_the_old_keys(staffed: Branch) -> None:
    staffed.archive.close()
    result = run_python(_CHILD_REKEY, str(staffed.root), "keeper", CUSTODIAN[2], "before-staging")
    assert result.returncode == 0, result.stderr
    old_main = bytes.fromhex(result.stdout.split()[0])
    staffed.archive = Archive.open(staffed.root)
    admin = auth.authenticate(staffed.archive, "admin", ADMIN[2])
    assert admin.keys.main_key == old_main
    keeper = auth.authenticate(staffed.archive, "keeper", CUSTODIAN[2])
    assert integrity.verify(staffed.archive, keeper).sound
    assert auth.authenticate(staffed.archive, "manager", PASSWORDS["manager"])
    # a later rekey is not disturbed by what the dead one left behind
    keys.rekey(staffed.archive, keeper)
    _everyone_logs_in_and_verify_is_clean(staffed)


def test_header_keys_match_after_rekey(staffed: Branch) -> None:
    staffed.admin, _ = keys.rekey(staffed.archive, staffed.admin)
    staffed.archive.close()
    for login in EVERYONE:
        assert keys_of(staffed.root, login, PASSWORDS[login]).main_key == (
            staffed.admin.keys.main_key
        )
    staffed.archive = Archive.open(staffed.root)
