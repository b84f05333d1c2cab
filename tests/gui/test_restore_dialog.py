"""从备份恢复: the first-run wizard brings an archive back from its backup file.

A real archive is backed up; on a "new workstation" (an empty folder) the wizard's
restore button opens the dialog, the administrator picks the file (what it is shows
first), types their login and password, and the restored archive opens as the
program's archive, with the restore in its chain. A wrong password and a damaged
file are refused in Chinese, with nothing written.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.storage.archive import Archive
from app.views.first_run_wizard import FirstRunWizard
from app.views.restore_dialog import RestoreDialog
from app.workflows import auth, backup
from tests.conftest import ADMIN, Branch
from tests.gui.conftest import when_visible
from tests.integration.helpers import audit_rows


@pytest.fixture
def backup_file(branch: Branch, tmp_path: Path) -> Path:
    out = tmp_path / "备份" / "网点备份.custbak"
    out.parent.mkdir()
    backup.create_backup(branch.archive, branch.admin, out)
    return out


def _fill(qtbot, dialog: RestoreDialog, source: Path, login: str, password: str) -> None:
    dialog.load_file(source)
    qtbot.keyClicks(dialog.login_edit, login)
    qtbot.keyClicks(dialog.password_edit, password)


def test_the_wizard_restores_an_archive_from_its_backup(
    qtbot, branch: Branch, backup_file: Path, tmp_path: Path, messages
) -> None:
    target = tmp_path / "新电脑" / "客户档案"
    wizard = FirstRunWizard(target)
    qtbot.addWidget(wizard)
    wizard.show()
    seen: dict[str, object] = {}

    def act(dialog: QDialog) -> None:
        assert isinstance(dialog, RestoreDialog)
        assert dialog.folder == target and not dialog.restore_button.isEnabled()
        _fill(qtbot, dialog, backup_file, ADMIN[0], ADMIN[2])
        seen["info"] = dialog.info_label.text()
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    when_visible(RestoreDialog, act)
    qtbot.mouseClick(wizard.folder_page.restore_button, Qt.MouseButton.LeftButton)
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert wizard.folder == target
    restored = wizard.archive
    assert isinstance(restored, Archive) and restored.paths.root == target
    try:
        info = str(seen["info"])
        assert branch.archive.header.branch_name in info and "校验无误" in info
        assert messages.last().title == "恢复完成" and str(target) in messages.last().text
        assert auth.authenticate(restored, ADMIN[0], ADMIN[2]).login == ADMIN[0]
        assert restored.archive_id == branch.archive.archive_id
        assert audit_rows(restored)[-2].action == "backup.restore"
    finally:
        restored.close()


def test_a_wrong_password_restores_nothing(
    qtbot, backup_file: Path, tmp_path: Path, messages
) -> None:
    target = tmp_path / "客户档案"
    dialog = RestoreDialog(target)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog, backup_file, ADMIN[0], "Cuowu2026zz")
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.archive is None and dialog.isVisible()
    assert messages.last().title == "未能恢复档案" and "密码" in messages.last().text
    assert dialog.password_edit.text() == ""
    assert not target.exists() or not any(target.iterdir())


def test_a_damaged_backup_cannot_be_chosen(
    qtbot, backup_file: Path, tmp_path: Path, messages
) -> None:
    data = bytearray(backup_file.read_bytes())
    data[len(data) // 2] ^= 0x40
    damaged = tmp_path / "damaged.custbak"
    damaged.write_bytes(bytes(data))
    dialog = RestoreDialog(tmp_path / "客户档案")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load_file(damaged)
    assert not dialog.restore_button.isEnabled()
    assert dialog.info_label.text() == "此文件不能用于恢复。"
    assert messages.last().title == "备份文件有问题"
