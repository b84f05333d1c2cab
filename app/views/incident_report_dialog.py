"""报告泄露 (article 20): anyone reports a leak or a possible leak, at once.

What happened, when it was discovered, how, the archives concerned (if
known) and the remedial measures already taken. The report goes to the head
of the customer-service management department straight away; the dialog
says so and gives the report's number.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.storage.archive import Archive
from app.views.busy import busy_cursor
from app.views.messages import show_error, show_info
from app.workflows import incidents
from app.workflows.auth import Actor
from app.workflows.incidents import IncidentRef


class IncidentReportDialog(QDialog):
    def __init__(self, archive: Archive, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._archive = archive
        self._actor = actor
        self._ref: IncidentRef | None = None
        self.setWindowTitle(self.tr("报告客户信息泄露"))
        self.setMinimumWidth(560)

        intro = QLabel(
            self.tr(
                "发现客户信息已经泄露或者可能泄露时,应立即采取补救措施并报告客户服务管理部主管"
                "(制度第20条)。提交后主管立即收到此报告。\n"
                "请用档案编号指明所涉客户,不要填写客户姓名、证件号码等信息。"
            )
        )
        intro.setWordWrap(True)
        self.discovered_edit = QDateTimeEdit(QDateTime.currentDateTime())
        self.discovered_edit.setCalendarPopup(True)
        self.discovered_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.discovered_edit.setMaximumDateTime(QDateTime.currentDateTime().addSecs(60))
        self.description_edit = QPlainTextEdit()
        self.description_edit.setPlaceholderText(self.tr("发生了什么:在何处、涉及哪些资料"))
        self.channel_edit = QLineEdit()
        self.channel_edit.setPlaceholderText(self.tr("如:纸质资料遗失、误发短信、电话中泄露"))
        self.archives_edit = QLineEdit()
        self.archives_edit.setPlaceholderText(self.tr("档案编号,多个用顿号分隔;不清楚可不填"))
        self.measures_edit = QPlainTextEdit()
        self.measures_edit.setPlaceholderText(
            self.tr("已经采取的补救措施,如:已收回资料、已通知客户")
        )
        for edit in (self.description_edit, self.measures_edit):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(80)

        form = QFormLayout()
        form.addRow(self.tr("发现时间"), self.discovered_edit)
        form.addRow(self.tr("发生了什么"), self.description_edit)
        form.addRow(self.tr("泄露途径"), self.channel_edit)
        form.addRow(self.tr("所涉档案编号"), self.archives_edit)
        form.addRow(self.tr("已采取的补救措施"), self.measures_edit)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.submit_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.submit_button.setText(self.tr("立即报告"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.description_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def ref(self) -> IncidentRef | None:
        """The report made (None until submitted)."""
        return self._ref

    def submit(self) -> None:
        discovered = self.discovered_edit.dateTime().toPython()
        try:
            with busy_cursor():
                ref = incidents.report(
                    self._archive,
                    self._actor,
                    description=self.description_edit.toPlainText(),
                    discovered_at=discovered,  # type: ignore[arg-type]
                    channel=self.channel_edit.text(),
                    archive_nos=self.archives_edit.text(),
                    measures=self.measures_edit.toPlainText(),
                )
        except Exception as exc:
            show_error(self, exc)
            return
        self._ref = ref
        show_info(
            self,
            self.tr("已报告,事件编号 {serial}。客户服务管理部主管已收到此报告。").format(
                serial=ref.serial
            ),
        )
        self.accept()
