"""The administrator backs up from the window; the home page warns until they do."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from app.security.roles import Role
from app.views.home_page import HomePage
from app.workflows import backup
from tests.conftest import Branch


def test_backup_from_the_menu_clears_the_reminder(
    make_shell, branch: Branch, messages, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shell = make_shell()  # the administrator
    home = shell.window.stack.currentWidget()
    assert isinstance(home, HomePage)
    (line,) = home.texts("backup")
    assert "尚未备份" in line and home.link("尚未备份").tag_label.text() == "紧急"
    assert shell.window.backup_action.isVisible()

    target = tmp_path / "备份"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    shell.window.backup_action.trigger()
    written = target.with_name("备份.custbak")
    assert written.is_file()
    assert "已备份到" in messages.last().text
    info = backup.inspect_backup(written)
    assert info.archive_id == branch.archive.archive_id
    home.refresh()
    (line,) = home.texts("backup")  # the age of the last backup, no longer a warning
    assert "今天" in line and not home.link("今天").tag_label.isVisibleTo(home)


def test_others_see_neither_the_action_nor_the_reminder(make_shell, branch: Branch) -> None:
    shell = make_shell(branch.add_user("manager", [Role.MANAGER]))
    assert not shell.window.backup_action.isVisible()
    home = shell.window.stack.currentWidget()
    assert isinstance(home, HomePage) and home.texts("backup") == []
