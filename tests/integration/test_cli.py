"""The command line as scripts use it: real subprocesses, a real archive, the production KDF."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.storage.archive import Archive
from app.workflows import auth

ADMIN_PW = "Guanli2026x"
KEEPER_PW = "Baomi2026xy"
INITIAL_PW = "Chushi2026ab"
NEW_PW = "Xinmima2026z"


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def pw(*passwords: str) -> str:
    return "".join(p + "\n" for p in passwords)


@pytest.fixture(scope="module")
def cli_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli") / "archive"
    result = run(
        "init",
        "--archive",
        str(root),
        "--branch",
        "涟源市某信用社",
        "--admin",
        "admin",
        "--custodian",
        "keeper",
        "--password-stdin",
        stdin=pw(ADMIN_PW, KEEPER_PW),
    )
    assert result.returncode == 0, result.stderr
    assert "已在" in result.stdout
    return root


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("custarchive ")


def test_init_refuses_a_weak_password(tmp_path: Path) -> None:
    root = tmp_path / "weak"
    result = run(
        "init",
        "--archive",
        str(root),
        "--branch",
        "某社",
        "--admin",
        "admin",
        "--custodian",
        "keeper",
        "--password-stdin",
        stdin=pw("short1", KEEPER_PW),
    )
    assert result.returncode == 2
    assert "至少 10 个字符" in result.stderr
    assert not root.exists()


def test_user_lifecycle_forced_change_then_verify(cli_archive: Path) -> None:
    added = run(
        "user",
        "add",
        "--archive",
        str(cli_archive),
        "--as",
        "admin",
        "zhangsan",
        "--role",
        "manager",
        "--name",
        "张三",
        "--password-stdin",
        stdin=pw(ADMIN_PW, INITIAL_PW),
    )
    assert added.returncode == 0, added.stderr
    assert "客户经理" in added.stdout

    refused = run(
        "verify",
        "--archive",
        str(cli_archive),
        "--as",
        "zhangsan",
        "--password-stdin",
        stdin=pw(INITIAL_PW),
    )
    assert refused.returncode == 2
    assert "须先修改初始密码" in refused.stderr

    changed = run(
        "passwd",
        "--archive",
        str(cli_archive),
        "--as",
        "zhangsan",
        "--password-stdin",
        stdin=pw(INITIAL_PW, NEW_PW),
    )
    assert changed.returncode == 0, changed.stderr

    old = run(
        "verify",
        "--archive",
        str(cli_archive),
        "--as",
        "zhangsan",
        "--password-stdin",
        stdin=pw(INITIAL_PW),
    )
    assert old.returncode == 2
    assert "密码错误" in old.stderr


def test_verify_as_custodian_is_clean(cli_archive: Path) -> None:
    result = run(
        "verify",
        "--archive",
        str(cli_archive),
        "--as",
        "keeper",
        "--password-stdin",
        stdin=pw(KEEPER_PW),
    )
    assert result.returncode == 0, result.stderr
    assert "vault.db 加密页与结构" in result.stdout
    assert "校验通过" in result.stdout


def test_manager_may_not_verify_or_add_users(cli_archive: Path) -> None:
    run(
        "user",
        "add",
        "--archive",
        str(cli_archive),
        "--as",
        "admin",
        "lisi",
        "--role",
        "staff",
        "--password-stdin",
        stdin=pw(ADMIN_PW, INITIAL_PW),
    )
    run(
        "passwd",
        "--archive",
        str(cli_archive),
        "--as",
        "lisi",
        "--password-stdin",
        stdin=pw(INITIAL_PW, NEW_PW),
    )
    result = run(
        "user",
        "add",
        "--archive",
        str(cli_archive),
        "--as",
        "lisi",
        "wangwu",
        "--role",
        "staff",
        "--password-stdin",
        stdin=pw(NEW_PW, INITIAL_PW),
    )
    assert result.returncode == 2
    assert "没有“管理用户账户”的权限" in result.stderr


def test_custodian_role_needs_the_custodian_in_person(cli_archive: Path) -> None:
    alone = run(
        "user",
        "add",
        "--archive",
        str(cli_archive),
        "--as",
        "admin",
        "baomi2",
        "--role",
        "custodian",
        "--password-stdin",
        stdin=pw(ADMIN_PW, INITIAL_PW),
    )
    assert alone.returncode == 2
    assert "保密专管员本人到场" in alone.stderr
    present = run(
        "user",
        "add",
        "--archive",
        str(cli_archive),
        "--as",
        "admin",
        "baomi2",
        "--role",
        "custodian",
        "--custodian",
        "keeper",
        "--password-stdin",
        stdin=pw(ADMIN_PW, KEEPER_PW, INITIAL_PW),
    )
    assert present.returncode == 0, present.stderr
    with Archive.open(cli_archive) as archive:
        assert archive.slot("baomi2").holds_vault


def test_missing_passwords_and_missing_archive(cli_archive: Path, tmp_path: Path) -> None:
    short = run("verify", "--archive", str(cli_archive), "--as", "keeper", "--password-stdin")
    assert short.returncode == 2
    assert "密码不够" in short.stderr
    missing = run(
        "verify",
        "--archive",
        str(tmp_path / "none"),
        "--as",
        "keeper",
        "--password-stdin",
        stdin=pw(KEEPER_PW),
    )
    assert missing.returncode == 2
    assert "找不到档案文件" in missing.stderr
    usage = run("verify", "--archive", str(cli_archive))
    assert usage.returncode == 2


def test_rekey_then_everyone_still_opens(cli_archive: Path) -> None:
    before = (cli_archive / "main.db").read_bytes()[:4096]
    result = run(
        "rekey",
        "--archive",
        str(cli_archive),
        "--as",
        "keeper",
        "--password-stdin",
        stdin=pw(KEEPER_PW),
    )
    assert result.returncode == 0, result.stderr
    assert "保密库密钥" in result.stdout
    assert (cli_archive / "main.db").read_bytes()[:4096] != before
    for login, password in (("admin", ADMIN_PW), ("keeper", KEEPER_PW)):
        check = run(
            "verify",
            "--archive",
            str(cli_archive),
            "--as",
            login,
            "--password-stdin",
            stdin=pw(password),
        )
        assert check.returncode == 0, check.stderr


def test_verify_reports_a_tampered_audit_row_with_exit_1(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    assert (
        run(
            "init",
            "--archive",
            str(root),
            "--branch",
            "某社",
            "--admin",
            "admin",
            "--custodian",
            "keeper",
            "--password-stdin",
            stdin=pw(ADMIN_PW, KEEPER_PW),
        ).returncode
        == 0
    )
    with Archive.open(root) as archive:
        auth.authenticate(archive, "admin", ADMIN_PW)
        with archive.engine.begin() as conn:
            conn.exec_driver_sql("DROP TRIGGER audit_events_no_update")
            conn.exec_driver_sql("UPDATE audit_events SET actor = 'mallory' WHERE seq = 2")
    result = run(
        "verify", "--archive", str(root), "--as", "admin", "--password-stdin", stdin=pw(ADMIN_PW)
    )
    assert result.returncode == 1
    assert "审计日志第 2 条" in result.stderr
    assert "内容已被改动" in result.stderr


def test_selftest() -> None:
    result = run("selftest")
    assert result.returncode == 0, result.stderr
    assert "自检通过" in result.stdout


def test_demo_archive_has_the_demo_staff_with_one_password(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    result = run("demo", "--archive", str(root), "--password-stdin", stdin=pw(NEW_PW))
    assert result.returncode == 0, result.stderr
    assert NEW_PW not in result.stdout  # a password typed in is never echoed
    with Archive.open(root) as archive:
        assert sorted(archive.header.logins) == sorted(
            [
                "admin",
                "custodian",
                "manager1",
                "manager2",
                "director",
                "staff1",
                "service",
                "inspector",
            ]
        )
        director = auth.authenticate(archive, "director", NEW_PW)
        assert not director.must_change_password
        assert {r.value for r in director.roles} == {"director", "unit_head"}
        assert archive.slot("custodian").holds_vault
