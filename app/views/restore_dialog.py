"""从备份恢复档案: on a new or repaired workstation, the archive back from its backup file.

Reached from the first-run wizard, where a branch whose disk failed starts:
the program is installed again and finds no archive. The administrator picks
the backup file (what it is, checked against its sums, is shown before
anything else), the folder the archive goes to, and signs in with the login
and password they had in the backup. ``app.workflows.backup.restore_backup``
checks everything before anything at the target moves, and records the
restore in the restored chain; this dialog only gathers values and shows the
steps. The restored archive is then opened as the program's archive.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import InvalidInput
from app.storage.archive import Archive
from app.views.labels import local_time
from app.views.long_task import run_long
from app.views.messages import show_error, show_info
from app.workflows import backup
from app.workflows.backup import BackupInfo

SUFFIX = ".custbak"


class RestoreDialog(QDialog):
    """``archive``: the restored archive, open (not yet logged in), after acceptance."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.archive: Archive | None = None
        self._info: BackupInfo | None = None
        self.setWindowTitle(self.tr("从备份恢复档案"))
        self.setMinimumWidth(560)

        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(self.tr("请选择 .custbak 备份文件"))
        self.file_button = QPushButton(self.tr("选择备份文件(&F)…"))
        self.file_button.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.file_button)
        self.info_label = QLabel(self.tr("尚未选择备份文件。"))
        self.info_label.setWordWrap(True)

        self.folder_edit = QLineEdit(str(folder))
        self.folder_button = QPushButton(self.tr("浏览(&B)…"))
        self.folder_button.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.folder_button)

        self.login_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)

        form = QFormLayout()
        form.addRow(self.tr("备份文件:"), file_row)
        form.addRow("", self.info_label)
        folder_label = QLabel(self.tr("恢复到文件夹(&D):"))
        folder_label.setBuddy(self.folder_edit)
        form.addRow(folder_label, folder_row)
        login_label = QLabel(self.tr("登录名(&L):"))
        login_label.setBuddy(self.login_edit)
        form.addRow(login_label, self.login_edit)
        password_label = QLabel(self.tr("密码(&P):"))
        password_label.setBuddy(self.password_edit)
        form.addRow(password_label, self.password_edit)

        note = QLabel(
            self.tr(
                "由系统管理员用其在备份时的登录名和密码恢复。恢复前程序会完整校验备份文件;"
                "目标文件夹中原有的档案不会删除,而是改名保留在旁边。"
            )
        )
        note.setWordWrap(True)

        self.buttons = QDialogButtonBox()
        self.restore_button = self.buttons.addButton(
            self.tr("恢复(&R)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.restore)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        for first, second in (
            (self.file_button, self.folder_edit),
            (self.folder_edit, self.folder_button),
            (self.folder_button, self.login_edit),
            (self.login_edit, self.password_edit),
            (self.password_edit, self.restore_button),
        ):
            self.setTabOrder(first, second)
        self.file_button.setFocus()

    @property
    def folder(self) -> Path:
        return Path(self.folder_edit.text().strip()).expanduser()

    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择备份文件"), str(Path.home()), self.tr("档案备份 (*.custbak)")
        )
        if chosen:
            self.load_file(Path(chosen))

    def load_file(self, path: Path) -> None:
        """Check the file against its sums and say what it is (no password needed)."""
        self._info = None
        self.restore_button.setEnabled(False)
        self.file_edit.setText(str(path))
        try:
            info = run_long(
                self,
                self.tr("从备份恢复档案"),
                self.tr("正在核对备份文件……"),
                lambda _step: backup.inspect_backup(path),
            )
        except Exception as exc:
            self.info_label.setText(self.tr("此文件不能用于恢复。"))
            show_error(self, exc, self.tr("备份文件有问题"))
            return
        self._info = info
        self.info_label.setText(
            self.tr(
                "{branch}({code})的档案,{when} 由 {who} 备份;审计日志 {seq} 条;"
                "文件 {size:.1f} MB,各部分校验无误。"
            ).format(
                branch=info.branch_name,
                code=info.branch_code,
                when=local_time(info.created_at),
                who=info.created_by,
                seq=info.chain_seq,
                size=info.size / 2**20,
            )
        )
        self.restore_button.setEnabled(True)
        self.login_edit.setFocus()

    def _browse(self) -> None:
        start = self.folder
        while not start.exists() and start != start.parent:
            start = start.parent
        chosen = QFileDialog.getExistingDirectory(self, self.tr("选择恢复到的文件夹"), str(start))
        if chosen:
            self.folder_edit.setText(str(Path(chosen)))

    def restore(self) -> None:
        info = self._info
        if info is None:
            return
        folder = self.folder
        login, password = self.login_edit.text().strip(), self.password_edit.text()
        problem = None
        if not folder.is_absolute():
            problem = self.tr("请填写完整的文件夹路径(例如 D:\\客户档案),或点“浏览”选择。")
        elif not login or not password:
            problem = self.tr("请填写登录名和密码。")
        if problem is not None:
            show_error(self, InvalidInput(problem), self.tr("请检查填写的内容"))
            return
        try:
            report = run_long(
                self,
                self.tr("从备份恢复档案"),
                self.tr("正在恢复档案,请勿关闭程序……"),
                lambda step: backup.restore_backup(
                    info.path, folder, login, password, progress=step
                ),
            )
            self.archive = Archive.open(report.target)
        except Exception as exc:
            self.password_edit.clear()
            self.password_edit.setFocus()
            show_error(self, exc, self.tr("未能恢复档案"))
            return
        self.password_edit.clear()
        text = self.tr("档案已从备份恢复到:\n{path}").format(path=report.target)
        if report.replaced is not None:
            text += "\n" + self.tr("原有档案已改名保留为:\n{path}").format(path=report.replaced)
        show_info(self, text, self.tr("恢复完成"))
        self.accept()
