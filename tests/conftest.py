"""Fixtures shared by every layer: real archives on disk, with a cheap KDF passed explicitly."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.security.kdf import TEST_KDF
from app.security.roles import Role
from app.storage.archive import Archive
from app.views.garbage_collector import collect_due
from app.workflows import accounts, auth
from app.workflows.auth import Actor

ADMIN = ("admin", "系统管理员甲", "Guanli2026x")
CUSTODIAN = ("keeper", "保密员乙", "Baomi2026xy")
PASSWORDS = {
    "admin": ADMIN[2],
    "keeper": CUSTODIAN[2],
    "manager": "Jingli2026a",
    "director": "Zhuren2026b",
    "staff": "Gongzuo2026c",
}


@pytest.fixture(autouse=True)
def _garbage_collected_on_the_main_thread() -> Iterator[None]:
    """As the program collects on its GUI thread only (app/views/garbage_collector.py), the
    tests collect between tests, on the main thread: a collection started on a test's writer
    thread or an import job could otherwise destroy an earlier test's windows off their thread.
    """
    gc.disable()
    yield
    collect_due()


@dataclass
class Branch:
    """A freshly created archive with its people; the archive is open and unlocked."""

    root: Path
    archive: Archive
    admin: Actor

    def login(self, login: str, password: str | None = None) -> Actor:
        return auth.authenticate(self.archive, login, password or PASSWORDS[login])

    def add_user(self, login: str, roles: list[Role], *, changed: bool = True) -> Actor:
        """An account as the admin makes it; ``changed`` completes the first-login change."""
        initial = "Chushi2026" + login[:3]
        accounts.add_user(
            self.archive,
            self.admin,
            accounts.NewAccount(login, f"用户{login}", initial),
            roles,
        )
        actor = auth.authenticate(self.archive, login, initial)
        if changed:
            password = PASSWORDS.get(login, "Xinmima2026" + login[:3])
            PASSWORDS[login] = password
            actor = accounts.change_own_password(self.archive, actor, initial, password)
        return actor

    def reopen(self) -> Archive:
        self.archive.close()
        self.archive = Archive.open(self.root)
        return self.archive


def make_archive(root: Path) -> Archive:
    return accounts.create_archive(
        root,
        branch_name="涟源市某某信用社",
        branch_code="LY-0101",
        admin=accounts.NewAccount(ADMIN[0], ADMIN[1], ADMIN[2]),
        custodian=accounts.NewAccount(CUSTODIAN[0], CUSTODIAN[1], CUSTODIAN[2]),
        kdf=TEST_KDF,
    )


@pytest.fixture
def archive_root(tmp_path: Path) -> Path:
    return tmp_path / "archive"


@pytest.fixture
def branch(archive_root: Path) -> Iterator[Branch]:
    archive = make_archive(archive_root)
    archive.close()
    archive = Archive.open(archive_root)
    admin = auth.authenticate(archive, ADMIN[0], ADMIN[2])
    b = Branch(archive_root, archive, admin)
    yield b
    b.archive.close()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``slow`` tests run only with RUN_SLOW=1 (``make reliability-long``)."""
    if os.environ.get("RUN_SLOW") == "1":
        return
    slow = [item for item in items if item.get_closest_marker("slow") is not None]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if item.get_closest_marker("slow") is None]
