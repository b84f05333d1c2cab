"""`custarchive requests`: one line per request with its kind, state and next step."""

from __future__ import annotations

import subprocess
import sys

from app.security.roles import Role
from app.workflows import modification
from tests.conftest import PASSWORDS, Branch
from tests.integration.test_modification import content, filed, sign


def requests_cli(
    branch: Branch, login: str, *extra: str, password: str | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "app.cli",
            "requests",
            "--archive",
            str(branch.root),
            "--as",
            login,
            "--password-stdin",
            *extra,
        ],
        input=(password or PASSWORDS[login]) + "\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_requests_lists_kind_state_and_next_step(branch: Branch) -> None:
    manager = branch.add_user("manager", [Role.MANAGER])
    branch.add_user("director", [Role.DIRECTOR])
    first = filed(branch, manager)
    data = content(branch, manager, first)
    done = modification.propose(branch.archive, manager, first, dict(data, mobile="13907380000"))
    sign(branch, done.id, "director")
    waiting = modification.propose(branch.archive, manager, first, dict(data, mobile="13907381111"))
    branch.archive.close()

    listed = requests_cli(branch, "director")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.strip().splitlines()
    assert len(lines) == 2
    assert done.serial in lines[0] and "已执行" in lines[0] and "已办结" in lines[0]
    assert waiting.serial in lines[1] and "下一步:主任审批(待您审批)" in lines[1]
    assert "13907381111" not in listed.stdout  # a line names the request, never the content

    pending = requests_cli(branch, "manager", "--pending")
    assert pending.returncode == 0
    assert [waiting.serial in line for line in pending.stdout.strip().splitlines()] == [True]
    assert "待您审批" not in pending.stdout

    wrong = requests_cli(branch, "director", password="wrong-password")
    assert wrong.returncode != 0 and "密码" in wrong.stderr
