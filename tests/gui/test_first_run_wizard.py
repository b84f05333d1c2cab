"""The first-run wizard, typed into as a person would, creating a real archive on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from app.errors import WrongPassword
from app.security.kdf import TEST_KDF
from app.security.roles import Role
from app.storage.archive import Archive
from app.views.first_run_wizard import AccountPage, FirstRunWizard
from app.workflows import auth
from tests.gui.conftest import type_text

ADMIN_PW = "Guanli2026qq"
KEEPER_PW = "Baomi2026rr"


@pytest.fixture
def wizard(qtbot, tmp_path: Path) -> FirstRunWizard:
    wizard = FirstRunWizard(tmp_path / "新档案", kdf=TEST_KDF)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    yield wizard
    if wizard.archive is not None:
        wizard.archive.close()


def click(qtbot, wizard: FirstRunWizard, which: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def fill_account(
    qtbot, page: AccountPage, login: str, name: str, password: str, confirm: str | None = None
) -> None:
    for edit in (page.login_edit, page.name_edit, page.password_edit, page.confirm_edit):
        edit.clear()
    qtbot.keyClicks(page.login_edit, login)
    type_text(qtbot, page.name_edit, name)
    qtbot.keyClicks(page.password_edit, password)
    qtbot.keyClicks(page.confirm_edit, password if confirm is None else confirm)


def to_admin_page(qtbot, wizard: FirstRunWizard) -> None:
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.branch_page
    type_text(qtbot, wizard.branch_page.name_edit, "涟源市桥头河信用社")
    qtbot.keyClicks(wizard.branch_page.code_edit, "LY-0207")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.admin_page


def test_wizard_creates_an_archive_that_opens_with_the_typed_passwords(
    qtbot, wizard: FirstRunWizard, tmp_path: Path, messages
) -> None:
    folder = tmp_path / "新档案"
    assert wizard.folder == folder
    to_admin_page(qtbot, wizard)
    fill_account(qtbot, wizard.admin_page, "liuguan", "刘管理", ADMIN_PW)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.custodian_page
    fill_account(qtbot, wizard.custodian_page, "chenbao", "陈保密", KEEPER_PW)

    with qtbot.waitSignal(wizard.finished, timeout=10_000) as finished:
        click(qtbot, wizard, QWizard.WizardButton.FinishButton)

    assert finished.args == [QWizard.DialogCode.Accepted.value]
    assert messages.shown == []
    assert wizard.archive is not None
    assert (folder / "archive.json").is_file()
    # the typed passwords do not linger in the fields
    assert wizard.custodian_page.password_edit.text() == ""
    wizard.archive.close()

    archive = Archive.open(folder)
    try:
        assert archive.header.branch_name == "涟源市桥头河信用社"
        assert archive.header.branch_code == "LY-0207"
        admin = auth.authenticate(archive, "liuguan", ADMIN_PW)
        assert admin.roles == {Role.ADMIN}
        assert admin.display_name == "刘管理"
        assert not admin.must_change_password
        keeper = auth.authenticate(archive, "chenbao", KEEPER_PW)
        assert keeper.roles == {Role.CUSTODIAN}
        assert keeper.keys.vault_key is not None
        assert admin.keys.vault_key is None
        with pytest.raises(WrongPassword):
            auth.authenticate(archive, "chenbao", ADMIN_PW)
    finally:
        archive.close()


def test_wizard_rejects_a_weak_password_with_a_message(
    qtbot, wizard: FirstRunWizard, tmp_path: Path, messages
) -> None:
    to_admin_page(qtbot, wizard)
    fill_account(qtbot, wizard.admin_page, "liuguan", "刘管理", "abc123")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)

    assert wizard.currentPage() is wizard.admin_page
    assert len(messages.shown) == 1
    assert "密码不符合要求" in messages.last().text
    assert "至少 10 个字符" in messages.last().text
    assert wizard.admin_page.password_edit.text() == ""
    assert not (tmp_path / "新档案").exists()


def test_password_containing_the_login_is_refused(qtbot, wizard: FirstRunWizard, messages) -> None:
    to_admin_page(qtbot, wizard)
    fill_account(qtbot, wizard.admin_page, "liuguan", "刘管理", "liuguan2026x")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.admin_page
    assert "不能包含登录名" in messages.last().text


def test_confirmation_must_match(qtbot, wizard: FirstRunWizard, messages) -> None:
    to_admin_page(qtbot, wizard)
    fill_account(qtbot, wizard.admin_page, "liuguan", "刘管理", ADMIN_PW, ADMIN_PW + "x")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.admin_page
    assert "两次输入的密码不一致" in messages.last().text


def test_bad_login_is_refused(qtbot, wizard: FirstRunWizard, messages) -> None:
    to_admin_page(qtbot, wizard)
    fill_account(qtbot, wizard.admin_page, "Liu Guan", "刘管理", ADMIN_PW)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.admin_page
    assert "登录名“Liu Guan”不可用" in messages.last().text


def test_custodian_must_be_another_login_and_nothing_is_created(
    qtbot, wizard: FirstRunWizard, tmp_path: Path, messages
) -> None:
    to_admin_page(qtbot, wizard)
    fill_account(qtbot, wizard.admin_page, "liuguan", "刘管理", ADMIN_PW)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    fill_account(qtbot, wizard.custodian_page, "liuguan", "刘管理", KEEPER_PW)
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)

    assert wizard.isVisible()
    assert wizard.archive is None
    assert "两个不同的账户" in messages.last().text
    assert not (tmp_path / "新档案").exists()


def test_branch_fields_are_required(qtbot, wizard: FirstRunWizard, messages) -> None:
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.keyClicks(wizard.branch_page.name_edit, "   ")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.branch_page
    assert messages.last().text == "请填写信用社(网点)名称。"


def test_a_folder_with_other_files_is_refused(
    qtbot, wizard: FirstRunWizard, tmp_path: Path, messages
) -> None:
    busy = tmp_path / "别的文件"
    busy.mkdir()
    (busy / "readme.txt").write_text("x", "utf-8")
    wizard.folder_page.folder_edit.clear()
    type_text(qtbot, wizard.folder_page.folder_edit, str(busy))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.folder_page
    assert "不是空文件夹" in messages.last().text


def test_an_existing_archive_is_not_overwritten(
    qtbot, wizard: FirstRunWizard, branch, messages
) -> None:
    wizard.folder_page.folder_edit.clear()
    type_text(qtbot, wizard.folder_page.folder_edit, str(branch.root))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.folder_page
    assert "已有档案" in messages.last().text
