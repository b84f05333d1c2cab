"""An archive folder from creation to restart: logins, refusals, lockout, locks, files."""

from __future__ import annotations

import json
import re
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.errors import (
    AccountDisabled,
    AppError,
    ArchiveDamaged,
    ArchiveExists,
    ArchiveInUse,
    ArchiveNotFound,
    ArchiveTooNew,
    InvalidInput,
    LoginLocked,
    PasswordChangeRequired,
    PasswordRejected,
    UnknownUser,
    WrongPassword,
)
from app.security.lockout import LOCKOUT_FILE
from app.security.permissions import Action
from app.security.roles import Role
from app.storage.archive import Archive
from app.storage.header import FORMAT_VERSION
from app.workflows import accounts, auth, integrity
from tests.conftest import ADMIN, CUSTODIAN, PASSWORDS, Branch, make_archive
from tests.integration.helpers import (
    DATA_FILES,
    audit_actions,
    audit_rows,
    details,
    last_seq,
    popen_python,
    rewrite_header,
    run_python,
    snapshot,
)

CJK = re.compile(r"[\u4e00-\u9fff]")


def _fresh(branch: Branch) -> Archive:
    """The archive as it is after a restart: open, nobody logged in."""
    return branch.reopen()


# --- create and reopen ---------------------------------------------------------------


def test_create_then_reopen(archive_root: Path) -> None:
    archive = make_archive(archive_root)
    names = {p.name for p in archive_root.iterdir()}
    assert {"archive.json", "main.db", "vault.db", "archive.lock"} <= names
    assert not any(n.endswith(".tmp") or n.endswith(".rekey") for n in names)
    archive.close()
    assert {p.name for p in archive_root.iterdir()} == {
        "archive.json",
        "main.db",
        "vault.db",
        "archive.lock",
    }

    archive = Archive.open(archive_root)
    try:
        assert not archive.is_unlocked
        assert archive.header.branch_name == "涟源市某某信用社"
        assert archive.header.branch_code == "LY-0101"
        assert accounts.login_choices(archive) == ["admin", "keeper"]
        admin = auth.authenticate(archive, ADMIN[0], ADMIN[2])
        assert archive.is_unlocked
        assert admin.roles == frozenset({Role.ADMIN})
        assert admin.display_name == ADMIN[1]
        assert not admin.must_change_password
        assert admin.keys.vault_key is None
        keeper = auth.authenticate(archive, CUSTODIAN[0], CUSTODIAN[2])
        assert keeper.roles == frozenset({Role.CUSTODIAN})
        assert keeper.keys.vault_key is not None
        assert keeper.keys.main_key == admin.keys.main_key
        assert audit_actions(archive) == [
            ("admin", "archive.create", archive.archive_id),
            ("admin", "user.create", "admin"),
            ("admin", "user.create", "keeper"),
            ("admin", "login.success", "admin"),
            ("keeper", "login.success", "keeper"),
        ]
        report = integrity.verify(archive, keeper)
        assert report.sound, report.problems
        assert report.chain_length == 5
    finally:
        archive.close()


def test_create_refuses_a_folder_in_use(archive_root: Path) -> None:
    make_archive(archive_root).close()
    with pytest.raises(ArchiveExists) as info:
        make_archive(archive_root)
    assert "空文件夹" in str(info.value)
    with Archive.open(archive_root) as archive:
        assert archive.header.logins == ["admin", "keeper"]


def test_every_user_logs_in_after_a_restart(branch: Branch) -> None:
    branch.add_user("manager", [Role.MANAGER])
    branch.add_user("director", [Role.DIRECTOR])
    branch.add_user("staff", [Role.STAFF, Role.MANAGER])
    archive = _fresh(branch)
    expected = {
        "admin": {Role.ADMIN},
        "keeper": {Role.CUSTODIAN},
        "manager": {Role.MANAGER},
        "director": {Role.DIRECTOR},
        "staff": {Role.STAFF, Role.MANAGER},
    }
    assert sorted(archive.header.logins) == sorted(expected)
    for login, roles in expected.items():
        actor = auth.authenticate(archive, login, PASSWORDS[login])
        assert actor.login == login
        assert actor.roles == roles
        assert not actor.must_change_password
        assert (actor.keys.vault_key is not None) == (login == "keeper")
    first = [a for a in audit_actions(archive) if a[1] == "login.success"][-5:]
    assert [a[0] for a in first] == list(expected)


# --- wrong password, unknown user, lockout --------------------------------------------


def test_wrong_password_changes_nothing_but_the_ledger(branch: Branch) -> None:
    archive = _fresh(branch)
    before = snapshot(branch.root)
    with pytest.raises(WrongPassword) as info:
        auth.authenticate(archive, "admin", "Guanli2026y")
    assert info.value.remaining == 4
    message = str(info.value)
    assert "密码错误" in message and "4" in message and "15 分钟" in message
    assert not archive.is_unlocked
    after = snapshot(branch.root)
    for name in DATA_FILES:
        assert after[name] == before[name], f"{name} changed after a wrong password"
    assert set(after) - set(before) == {LOCKOUT_FILE}
    assert {n for n in set(before) & set(after) if before[n] != after[n]} <= {LOCKOUT_FILE}


def test_wrong_password_is_not_damage(branch: Branch) -> None:
    archive = _fresh(branch)
    for wrong in ("", "guanli2026x", ADMIN[2] + "x", CUSTODIAN[2]):
        with pytest.raises(WrongPassword):
            auth.authenticate(archive, "admin", wrong)
    actor = auth.authenticate(archive, "admin", ADMIN[2])
    assert actor.login == "admin"


def test_wrong_password_while_unlocked_goes_straight_into_the_chain(branch: Branch) -> None:
    seq = last_seq(branch.archive)
    with pytest.raises(WrongPassword):
        auth.authenticate(branch.archive, "keeper", "Baomi2026zz")
    rows = audit_rows(branch.archive, seq)
    assert [(r.actor, r.action) for r in rows] == [("keeper", "login.failure")]
    assert details(rows[0]) == {"reason": "wrong_password"}
    assert auth.ledger(branch.archive).pending() == []


def test_unknown_user(branch: Branch) -> None:
    archive = _fresh(branch)
    with pytest.raises(UnknownUser) as info:
        auth.authenticate(archive, "wangwu", "Whatever2026")
    assert "wangwu" in str(info.value)
    assert "登录名" in str(info.value)
    assert not archive.is_unlocked
    # the typed name is not kept (it may be anything typed into the wrong field)
    assert "wangwu" not in (branch.root / LOCKOUT_FILE).read_text("utf-8")
    auth.authenticate(archive, "admin", ADMIN[2])
    last = audit_rows(archive)[-2]
    assert (last.actor, last.action, details(last)["reason"]) == (
        "",
        "login.failure",
        "unknown_user",
    )


def test_five_wrong_passwords_lock_across_a_restart_and_are_audited(branch: Branch) -> None:
    archive = _fresh(branch)
    started = datetime.now(UTC)
    remaining = []
    for i in range(5):
        with pytest.raises(WrongPassword) as info:
            auth.authenticate(archive, "admin", f"Wrong2026pw{i}")
        remaining.append(info.value.remaining)
    assert remaining == [4, 3, 2, 1, 0]
    assert "已被锁定 15 分钟" in str(info.value)

    with pytest.raises(LoginLocked) as locked:
        auth.authenticate(archive, "admin", ADMIN[2])  # even the right password
    until = locked.value.until
    assert timedelta(minutes=14) < until - started <= timedelta(minutes=15, seconds=30)
    assert "锁定" in str(locked.value)
    assert until.astimezone().strftime("%H:%M") in str(locked.value)
    assert not archive.is_unlocked

    archive = branch.reopen()  # a restart
    with pytest.raises(LoginLocked):
        auth.authenticate(archive, "admin", ADMIN[2])
    assert len(auth.ledger(archive).pending()) == 6

    keeper = auth.authenticate(archive, "keeper", CUSTODIAN[2])
    rows = audit_rows(archive)[-7:]
    assert [(r.actor, r.action) for r in rows] == [
        *[("admin", "login.failure")] * 5,
        ("admin", "login.locked"),
        ("keeper", "login.success"),
    ]
    assert [details(r)["reason"] for r in rows[:6]] == ["wrong_password"] * 5 + ["locked"]
    for row in rows[:6]:
        at = datetime.fromisoformat(str(details(row)["at"]))
        assert started - timedelta(seconds=2) <= at <= started + timedelta(minutes=1)
    assert auth.ledger(archive).pending() == []
    # the lock itself still holds for admin
    with pytest.raises(LoginLocked):
        auth.authenticate(archive, "admin", ADMIN[2])
    assert integrity.verify(archive, keeper).sound


def test_lock_expires_after_fifteen_minutes(branch: Branch) -> None:
    archive = _fresh(branch)
    for _ in range(5):
        with pytest.raises(WrongPassword):
            auth.authenticate(archive, "admin", "Wrong2026pw")
    with pytest.raises(LoginLocked):
        auth.authenticate(archive, "admin", ADMIN[2])
    # the clock moves on: put the lock's end 16 minutes back, as time would
    path = branch.root / LOCKOUT_FILE
    data = json.loads(path.read_text("utf-8"))
    until = datetime.fromisoformat(data["logins"]["admin"]["locked_until"])
    data["logins"]["admin"]["locked_until"] = (until - timedelta(minutes=16)).isoformat()
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(WrongPassword) as info:
        auth.authenticate(archive, "admin", "Wrong2026pw")
    assert info.value.remaining == 4  # a fresh count after the lock ran out
    assert auth.authenticate(archive, "admin", ADMIN[2]).login == "admin"


def test_success_resets_the_failure_count(branch: Branch) -> None:
    archive = _fresh(branch)
    for _ in range(4):
        with pytest.raises(WrongPassword):
            auth.authenticate(archive, "keeper", "Baomi2026zz")
    auth.authenticate(archive, "keeper", CUSTODIAN[2])
    with pytest.raises(WrongPassword) as info:
        auth.authenticate(archive, "keeper", "Baomi2026zz")
    assert info.value.remaining == 4


# --- the folder itself --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["archive.json", "main.db", "vault.db"])
def test_missing_file_is_named(branch: Branch, name: str) -> None:
    branch.archive.close()
    (branch.root / name).unlink()
    with pytest.raises(ArchiveNotFound) as info:
        Archive.open(branch.root)
    assert info.value.missing == name
    assert name in str(info.value)
    assert "备份恢复" in str(info.value)
    assert str(branch.root) in str(info.value)


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ArchiveNotFound) as info:
        Archive.open(tmp_path / "nowhere")
    assert "archive.json" in str(info.value)


def test_newer_format_is_refused_untouched(branch: Branch) -> None:
    branch.archive.close()
    rewrite_header(branch.root, {"format_version": FORMAT_VERSION + 1})
    before = snapshot(branch.root)
    with pytest.raises(ArchiveTooNew) as info:
        Archive.open(branch.root)
    assert f"格式 {FORMAT_VERSION + 1}" in str(info.value)
    assert "最新版本" in str(info.value)
    assert snapshot(branch.root) == before
    # the refusal released the folder
    rewrite_header(branch.root, {"format_version": FORMAT_VERSION})
    branch.archive = Archive.open(branch.root)
    auth.authenticate(branch.archive, "admin", ADMIN[2])


def test_damaged_header_releases_the_folder(branch: Branch) -> None:
    branch.archive.close()
    path = branch.root / "archive.json"
    good = path.read_bytes()
    path.write_bytes(good.replace(b'"LY-0101"', b'"LY-0102"'))
    with pytest.raises(ArchiveDamaged):
        Archive.open(branch.root)
    path.write_bytes(good)
    branch.archive = Archive.open(branch.root)
    auth.authenticate(branch.archive, "admin", ADMIN[2])


_TRY_OPEN = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from app.errors import AppError
    from app.storage.archive import Archive
    try:
        Archive.open(Path(sys.argv[1])).close()
        print("OPENED")
    except AppError as exc:
        print(type(exc).__name__)
        print(exc)
    """
)

_HOLD_OPEN = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from app.storage.archive import Archive
    archive = Archive.open(Path(sys.argv[1]))
    print("HOLDING", flush=True)
    sys.stdin.readline()
    archive.close()
    """
)


def test_second_instance_is_refused(branch: Branch) -> None:
    # same process
    with pytest.raises(ArchiveInUse) as info:
        Archive.open(branch.root)
    assert "另一个程序窗口" in str(info.value)
    # another program instance while this one holds the folder
    result = run_python(_TRY_OPEN, str(branch.root))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "ArchiveInUse", result.stdout
    assert CJK.search(lines[1])
    assert auth.authenticate(branch.archive, "keeper", CUSTODIAN[2])  # still usable here
    branch.archive.close()
    assert run_python(_TRY_OPEN, str(branch.root)).stdout.splitlines() == ["OPENED"]


def test_folder_held_by_another_instance(branch: Branch) -> None:
    branch.archive.close()
    child = popen_python(_HOLD_OPEN, str(branch.root))
    try:
        assert child.stdout is not None and child.stdin is not None
        assert child.stdout.readline().strip() == "HOLDING"
        with pytest.raises(ArchiveInUse):
            Archive.open(branch.root)
        child.stdin.write("\n")
        child.stdin.flush()
        assert child.wait(timeout=30) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    branch.archive = Archive.open(branch.root)
    auth.authenticate(branch.archive, "admin", ADMIN[2])


# --- account states at login -----------------------------------------------------------------


def test_disabled_account(branch: Branch) -> None:
    branch.add_user("manager", [Role.MANAGER])
    accounts.set_disabled(branch.archive, branch.admin, "manager", True)
    seq = last_seq(branch.archive)
    with pytest.raises(AccountDisabled) as info:
        branch.login("manager")
    assert "manager" in str(info.value) and "停用" in str(info.value)
    rows = audit_rows(branch.archive, seq)
    assert [(r.actor, r.action, details(r)["reason"]) for r in rows] == [
        ("manager", "login.failure", "disabled")
    ]
    # also as the first login after a restart
    archive = _fresh(branch)
    with pytest.raises(AccountDisabled):
        branch.login("manager")
    branch.admin = auth.authenticate(archive, "admin", ADMIN[2])
    accounts.set_disabled(archive, branch.admin, "manager", False)
    assert branch.login("manager").roles == frozenset({Role.MANAGER})


def test_new_user_must_change_the_initial_password(branch: Branch) -> None:
    initial = "Chushi2026man"
    newbie = branch.add_user("manager", [Role.MANAGER], changed=False)
    assert newbie.must_change_password
    for action in (Action.CUSTOMER_CREATE, Action.HOME_VIEW, Action.CATALOGUE_VIEW):
        assert newbie.may(action)  # the role would allow it...
        with pytest.raises(PasswordChangeRequired) as info:
            newbie.require(action)  # ...but not before the change
        assert "manager" in str(info.value) and "修改初始密码" in str(info.value)
    with pytest.raises(PasswordChangeRequired):
        newbie.require(Action.VAULT_ACCESS)  # not even reaching the matrix
    newbie.require(Action.PASSWORD_CHANGE_OWN)

    with pytest.raises(InvalidInput):
        accounts.change_own_password(branch.archive, newbie, initial, initial)
    with pytest.raises(PasswordRejected):
        accounts.change_own_password(branch.archive, newbie, initial, "short1")
    with pytest.raises(WrongPassword):
        accounts.change_own_password(branch.archive, newbie, "Chushi2026xxx", "Jingli2026zz")

    changed = accounts.change_own_password(branch.archive, newbie, initial, "Jingli2026zz")
    assert not changed.must_change_password
    changed.require(Action.CUSTOMER_CREATE)

    archive = _fresh(branch)
    with pytest.raises(WrongPassword):
        auth.authenticate(archive, "manager", initial)
    again = auth.authenticate(archive, "manager", "Jingli2026zz")
    assert not again.must_change_password
    again.require(Action.CUSTOMER_CREATE)
    assert again.keys.ed25519_public == newbie.keys.ed25519_public
    assert ("manager", "user.password_change", "manager") in audit_actions(archive)


def test_errors_are_app_errors_with_chinese_messages(branch: Branch) -> None:
    archive = _fresh(branch)
    for call in (
        lambda: auth.authenticate(archive, "admin", "Wrong2026pw"),
        lambda: auth.authenticate(archive, "nobody", "Wrong2026pw"),
    ):
        with pytest.raises(AppError) as info:
            call()
        assert CJK.search(str(info.value))
        assert "Traceback" not in str(info.value)
