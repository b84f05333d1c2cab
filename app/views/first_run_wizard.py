"""新建档案向导: the first start on a workstation, where no archive exists yet.

Four pages: where the archive folder goes, the branch, the system
administrator and the first custodian (保密专管员). Each page checks what was
typed before letting the person go on, with the same rules the workflow
applies, so that a mistake is reported on the page where it was made rather
than at the end. The archive itself is made by
``app.workflows.accounts.create_archive``; this module only gathers values.

Both people type their own password in person: the custodian's password is the
only thing that can open the vault, so the administrator must never know it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.errors import AppError, ArchiveExists, InvalidInput, SeparationOfDuties
from app.security.kdf import DEFAULT_KDF, KdfParams
from app.security.passwords import check_login, check_password
from app.storage.archive import Archive, is_archive
from app.views.busy import busy_cursor
from app.views.change_password_dialog import password_rules_text
from app.views.messages import show_error
from app.views.restore_dialog import RestoreDialog
from app.workflows import accounts


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class FolderPage(QWizardPage):
    """Page 1: an empty (or not yet existing) folder for the encrypted files."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("档案存放位置"))
        self.setSubTitle(self.tr("选择本机上保存加密档案的文件夹。"))
        self.folder_edit = QLineEdit(str(folder))
        self.browse_button = QPushButton(self.tr("浏览(&B)…"))
        self.browse_button.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.browse_button)
        label = QLabel(self.tr("档案文件夹(&F):"))
        label.setBuddy(self.folder_edit)
        form = QFormLayout()
        form.addRow(label, row)
        self.restore_button = QPushButton(self.tr("从备份恢复(&R)…"))
        restore_row = QHBoxLayout()
        restore_row.addWidget(
            _note(self.tr("本机曾有档案并做过备份(例如更换硬盘或电脑后)?可直接从备份文件恢复。")),
            1,
        )
        restore_row.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _note(
                self.tr(
                    "档案是一个文件夹,其中的客户信息全部加密保存。请选择一个空文件夹,"
                    "或填写一个尚不存在的文件夹(程序会自动建立)。"
                    "请选择本机硬盘上的位置,不要选择U盘或网络共享文件夹;"
                    "建立后请由系统管理员定期备份。"
                )
            )
        )
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(restore_row)

    @property
    def folder(self) -> Path:
        return Path(self.folder_edit.text().strip()).expanduser()

    def _browse(self) -> None:
        start = self.folder
        while not start.exists() and start != start.parent:
            start = start.parent
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("选择档案文件夹"), str(start), QFileDialog.Option.ShowDirsOnly
        )
        if chosen:
            self.folder_edit.setText(str(Path(chosen)))

    def validatePage(self) -> bool:
        text = self.folder_edit.text().strip()
        if not text:
            return _reject(self, InvalidInput(self.tr("请填写或选择档案文件夹。")))
        folder = self.folder
        if not folder.is_absolute():
            return _reject(
                self,
                InvalidInput(self.tr("请填写完整的文件夹路径(例如 D:\\客户档案),或点“浏览”选择。")),
            )
        if folder.exists() and not folder.is_dir():
            return _reject(
                self, InvalidInput(self.tr("“{path}”是一个文件,不是文件夹。").format(path=folder))
            )
        if is_archive(folder):
            return _reject(self, ArchiveExists(str(folder)))
        if folder.is_dir() and any(folder.iterdir()):
            return _reject(
                self,
                InvalidInput(
                    self.tr(
                        "“{path}”不是空文件夹。为免档案与其他文件混在一起,"
                        "请选择一个空文件夹,或填写一个新文件夹的名称。"
                    ).format(path=folder)
                ),
            )
        return True


class BranchPage(QWizardPage):
    """Page 2: which branch this archive belongs to (printed on every form and report)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("信用社(网点)"))
        self.setSubTitle(self.tr("填写本档案所属的信用社或网点,将显示在窗口标题和打印的表格上。"))
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(64)
        self.name_edit.setPlaceholderText(self.tr("例如:涟源市某某信用社"))
        self.code_edit = QLineEdit()
        self.code_edit.setMaxLength(32)
        self.code_edit.setPlaceholderText(self.tr("联社编定的网点代码"))
        form = QFormLayout(self)
        form.addRow(self.tr("信用社/网点名称(&N):"), self.name_edit)
        form.addRow(self.tr("网点代码(&C):"), self.code_edit)

    @property
    def branch_name(self) -> str:
        return self.name_edit.text().strip()

    @property
    def branch_code(self) -> str:
        return self.code_edit.text().strip()

    def validatePage(self) -> bool:
        if not self.branch_name:
            return _reject(self, InvalidInput(self.tr("请填写信用社(网点)名称。")), self.name_edit)
        if not self.branch_code:
            return _reject(self, InvalidInput(self.tr("请填写网点代码。")), self.code_edit)
        return True


class AccountPage(QWizardPage):
    """Pages 3 and 4: one person's account, typed by that person."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note_label = _note("")
        self.login_edit = QLineEdit()
        self.login_edit.setMaxLength(32)
        self.login_edit.setPlaceholderText(self.tr("小写字母开头,例如 zhangsan"))
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(64)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("登录名(&L):"), self.login_edit)
        form.addRow(self.tr("姓名(&M):"), self.name_edit)
        form.addRow(self.tr("密码(&P):"), self.password_edit)
        form.addRow(self.tr("确认密码(&R):"), self.confirm_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note_label)
        layout.addLayout(form)
        layout.addWidget(_note(password_rules_text()))
        layout.addStretch(1)

    @property
    def account(self) -> accounts.NewAccount:
        return accounts.NewAccount(
            login=self.login_edit.text().strip(),
            display_name=self.name_edit.text().strip(),
            password=self.password_edit.text(),
        )

    def clear_passwords(self) -> None:
        self.password_edit.clear()
        self.confirm_edit.clear()

    def validatePage(self) -> bool:
        account = self.account
        try:
            check_login(account.login)
        except AppError as exc:
            return _reject(self, exc, self.login_edit)
        if not account.display_name:
            return _reject(self, InvalidInput(self.tr("请填写姓名。")), self.name_edit)
        try:
            check_password(account.password, account.login)
        except AppError as exc:
            self.clear_passwords()
            return _reject(self, exc, self.password_edit)
        if account.password != self.confirm_edit.text():
            self.clear_passwords()
            return _reject(
                self,
                InvalidInput(self.tr("两次输入的密码不一致,请重新输入。")),
                self.password_edit,
            )
        return self.check_more(account)

    def check_more(self, account: accounts.NewAccount) -> bool:
        return True


class CustodianPage(AccountPage):
    """Page 4: the first custodian, whose slot alone will hold the vault key."""

    def __init__(self, admin_page: AccountPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._admin_page = admin_page
        self.setTitle(self.tr("第一位保密专管员"))
        self.setSubTitle(self.tr("请保密专管员本人到场,亲自填写此页。"))
        self.note_label.setText(
            self.tr(
                "保密专管员专人管理“机密”“绝密”客户信息(制度第16条)。"
                "这些信息存放在单独加密的保密库中,保密库的密钥只保存在保密专管员的密钥中:"
                "系统管理员和其他人员都无法打开。\n"
                "因此密码必须由保密专管员本人输入,不得告诉任何人(包括系统管理员)。"
                "如所有保密专管员都忘记密码,保密库中的信息将无法恢复;"
                "建议日后再增设一名保密专管员。"
            )
        )

    def check_more(self, account: accounts.NewAccount) -> bool:
        if account.login == self._admin_page.account.login:
            return _reject(
                self,
                SeparationOfDuties(
                    self.tr("保密专管员与系统管理员必须是两个不同的账户(不同的人),请换一个登录名。")
                ),
                self.login_edit,
            )
        wizard = self.wizard()
        if isinstance(wizard, FirstRunWizard):
            return wizard.create()
        return True


def _reject(page: QWizardPage, exc: AppError, focus: QWidget | None = None) -> bool:
    show_error(page, exc, QCoreApplication.translate("FirstRunWizard", "请检查填写的内容"))
    if focus is not None:
        focus.setFocus()
    return False


class FirstRunWizard(QWizard):
    """Creates a new archive; ``archive`` is the created archive (open and unlocked) or None."""

    def __init__(
        self,
        folder: Path,
        parent: QWidget | None = None,
        *,
        kdf: KdfParams = DEFAULT_KDF,
    ) -> None:
        super().__init__(parent)
        self._kdf = kdf
        self._archive: Archive | None = None
        self.setWindowTitle(self.tr("新建客户信息档案"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setMinimumSize(600, 480)
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< 上一步(&B)"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步(&N) >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("建立档案(&F)"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))

        self.folder_page = FolderPage(folder)
        self.branch_page = BranchPage()
        self.admin_page = AccountPage()
        self.admin_page.setTitle(self.tr("系统管理员"))
        self.admin_page.setSubTitle(self.tr("请系统管理员本人填写此页。"))
        self.admin_page.note_label.setText(
            self.tr(
                "系统管理员负责建立和管理用户账户、备份档案,但不能查看任何客户信息。"
                "其他人员的账户由系统管理员在程序中建立。"
            )
        )
        self.custodian_page = CustodianPage(self.admin_page)
        for page in (self.folder_page, self.branch_page, self.admin_page, self.custodian_page):
            self.addPage(page)
        self.folder_page.restore_button.clicked.connect(self.restore_from_backup)

    @property
    def archive(self) -> Archive | None:
        return self._archive

    @property
    def folder(self) -> Path:
        return self.folder_page.folder

    def restore_from_backup(self) -> None:
        """The archive from a backup file instead of a new one (RestoreDialog)."""
        dialog = RestoreDialog(self.folder, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.archive is None:
            return
        self._archive = dialog.archive
        self.folder_page.folder_edit.setText(str(dialog.folder))
        # QWizard.done would validate the folder page, which wants an empty folder
        QDialog.done(self, QDialog.DialogCode.Accepted.value)

    def create(self) -> bool:
        """Make the archive from every page's values; False (and a message) if that failed."""
        try:
            with busy_cursor():
                self._archive = accounts.create_archive(
                    self.folder,
                    branch_name=self.branch_page.branch_name,
                    branch_code=self.branch_page.branch_code,
                    admin=self.admin_page.account,
                    custodian=self.custodian_page.account,
                    kdf=self._kdf,
                )
        except OSError as exc:
            # Typically no write permission on the chosen folder; nothing was left behind.
            reason = exc.strerror or type(exc).__name__
            return self._failed(
                InvalidInput(
                    self.tr(
                        "无法在“{path}”中建立档案({reason})。请选择一个本人有写入权限的文件夹。"
                    ).format(path=self.folder, reason=reason)
                )
            )
        except Exception as exc:
            return self._failed(exc)
        self.admin_page.clear_passwords()
        self.custodian_page.clear_passwords()
        return True

    def _failed(self, exc: BaseException) -> bool:
        show_error(self, exc, self.tr("未能建立档案"))
        return False
