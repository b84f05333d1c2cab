"""``custarchive backup`` and ``custarchive restore`` as scripts use them: real subprocesses,
real archives with the production KDF, passwords on standard input."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.integration.helpers import snapshot
from tests.integration.test_cli import ADMIN_PW, KEEPER_PW, pw, run


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
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
    return root


def backup(
    root: Path, out: Path, login: str = "admin", password: str = ADMIN_PW
) -> subprocess.CompletedProcess[str]:
    return run(
        "backup",
        "--archive",
        str(root),
        "--as",
        login,
        "--out",
        str(out),
        "--password-stdin",
        stdin=pw(password),
    )


def restore(
    root: Path, source: Path, login: str = "admin", password: str = ADMIN_PW
) -> subprocess.CompletedProcess[str]:
    return run(
        "restore",
        "--archive",
        str(root),
        "--from",
        str(source),
        "--as",
        login,
        "--password-stdin",
        stdin=pw(password),
    )


def test_backup_then_restore_into_a_new_folder_and_over_the_archive(
    archive: Path, tmp_path: Path
) -> None:
    out = tmp_path / "usb" / "lianyuan.custbak"
    made = backup(archive, out)
    assert made.returncode == 0, made.stderr
    assert "已备份到" in made.stdout
    assert "审计链头:" in made.stdout
    with zipfile.ZipFile(out) as zf:
        assert zf.namelist()[0] == "manifest.json"

    fresh = tmp_path / "restored"
    done = restore(fresh, out)
    assert done.returncode == 0, done.stderr
    assert "已从备份恢复档案" in done.stdout
    assert "备份人:admin" in done.stdout
    verified = run(
        "verify", "--archive", str(fresh), "--as", "keeper", "--password-stdin", stdin=pw(KEEPER_PW)
    )
    assert verified.returncode == 0, verified.stderr
    assert "校验通过" in verified.stdout

    again = restore(archive, out)
    assert again.returncode == 0, again.stderr
    assert "原档案文件夹已改名保留" in again.stdout
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("archive.replaced-")]
    assert len(aside) == 1 and (aside[0] / "archive.json").is_file()


def test_refusals_exit_nonzero_with_the_reason_on_stderr(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.custbak"
    refused = backup(archive, out, "keeper", KEEPER_PW)
    assert refused.returncode == 2
    assert "没有“备份档案”的权限" in refused.stderr
    assert not out.exists()

    assert backup(archive, out).returncode == 0
    exists = backup(archive, out)
    assert exists.returncode == 2
    assert "已存在" in exists.stderr

    before = snapshot(archive)
    wrong = restore(archive, out, password="Wrong2026pass")
    assert wrong.returncode == 2
    assert "备份当时此账户的密码" in wrong.stderr
    not_admin = restore(archive, out, "keeper", KEEPER_PW)
    assert not_admin.returncode == 2
    assert "没有“从备份恢复”的权限" in not_admin.stderr

    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 0x01
    damaged = tmp_path / "damaged.custbak"
    damaged.write_bytes(bytes(data))
    broken = restore(archive, damaged)
    assert broken.returncode == 2
    assert "备份文件已损坏或被改动" in broken.stderr

    text = tmp_path / "notes.txt"
    text.write_text("不是备份", "utf-8")
    foreign = restore(archive, text)
    assert foreign.returncode == 2
    assert "不是备份文件" in foreign.stderr

    assert snapshot(archive) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "archive",
        "b.custbak",
        "damaged.custbak",
        "notes.txt",
    ]
