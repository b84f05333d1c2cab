"""One line of the 收发传递登记: record a transfer, or record that it came back.

With ``returning`` the dialog shows that line read-only and asks only when it
came back and in what state; without it, it is the form for a new line. On
确定 it calls the workflow (app/workflows/transfers.py), which checks
everything; a refusal is shown and the dialog stays open with what was typed.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.models.outflow import TRANSFER_KINDS
from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.labels import label_text, local_time
from app.views.messages import show_error
from app.workflows import transfers
from app.workflows.transfers import NewTransfer, TransferLine

DATETIME_FORMAT = "yyyy-MM-dd HH:mm"


def _moment_edit(value: QDateTime) -> QDateTimeEdit:
    edit = QDateTimeEdit(value)
    edit.setDisplayFormat(DATETIME_FORMAT)
    edit.setCalendarPopup(True)
    return edit


class TransferDialog(QDialog):
    """登记收发传递 (new line) or 登记归还 (``returning``: the open line that came back)."""

    def __init__(
        self,
        ctx: SessionContext,
        *,
        returning: TransferLine | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._returning = returning
        #: the line as the workflow recorded it, once 确定 succeeded
        self.result_line: TransferLine | None = None
        self.setModal(True)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        if returning is None:
            self.setWindowTitle(self.tr("登记收发传递"))
            layout.addLayout(self._new_form())
        else:
            self.setWindowTitle(self.tr("登记归还"))
            layout.addLayout(self._return_form(returning))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    # --- a new line ----------------------------------------------------------------------------

    def _new_form(self) -> QFormLayout:
        form = QFormLayout()
        self.kind_combo = QComboBox()
        for key, word in TRANSFER_KINDS.items():
            self.kind_combo.addItem(label_text(word), key)
        self.kind_combo.setCurrentIndex(list(TRANSFER_KINDS).index("carry"))
        self.item_edit = QLineEdit()
        self.item_edit.setMaxLength(transfers.ITEM_MAX)
        self.item_edit.setPlaceholderText(self.tr("例如:贷款档案原件 1 卷、客户资料光盘 1 张"))
        self.archive_edit = QLineEdit()
        self.archive_edit.setPlaceholderText(self.tr("涉及客户档案时填写完整的档案编号(可不填)"))
        self.find_button = QPushButton(self.tr("查找载体"))
        self.find_button.clicked.connect(self.find_carriers)
        self.archive_edit.returnPressed.connect(self.find_carriers)
        archive_row = QHBoxLayout()
        archive_row.addWidget(self.archive_edit, 1)
        archive_row.addWidget(self.find_button)
        self.carrier_combo = QComboBox()
        self.carrier_combo.addItem(self.tr("(不涉及档案载体)"), None)
        self.responsible_combo = QComboBox()
        self.responsible_combo.addItem(self.tr("(请选择)"), "")
        try:
            for person in transfers.people(self._ctx.archive, self._ctx.actor):
                self.responsible_combo.addItem(
                    f"{person.display_name}({person.login})", person.login
                )
        except AppError as exc:
            show_error(self, exc)
        self.from_edit = QLineEdit()
        self.from_edit.setMaxLength(transfers.PLACE_MAX)
        self.to_edit = QLineEdit()
        self.to_edit.setMaxLength(transfers.PLACE_MAX)
        self.measures_edit = QPlainTextEdit()
        self.measures_edit.setPlaceholderText(
            self.tr("例如:密封袋封装、专人专车、全程随身携带、不在途中停留")
        )
        self.measures_edit.setFixedHeight(64)
        now = QDateTime.currentDateTime()
        self.out_edit = _moment_edit(now)
        self.returns_box = QCheckBox(self.tr("须归还,预计归还时间:"))
        self.returns_box.setChecked(True)
        self.expected_edit = _moment_edit(now.addDays(1))
        self.returns_box.toggled.connect(self.expected_edit.setEnabled)
        expected_row = QHBoxLayout()
        expected_row.addWidget(self.returns_box)
        expected_row.addWidget(self.expected_edit, 1)

        form.addRow(self.tr("方式:"), self.kind_combo)
        form.addRow(self.tr("传递的文件或载体:"), self.item_edit)
        form.addRow(self.tr("档案编号:"), archive_row)
        form.addRow(self.tr("档案载体:"), self.carrier_combo)
        form.addRow(self.tr("指定负责人:"), self.responsible_combo)
        form.addRow(self.tr("从何处:"), self.from_edit)
        form.addRow(self.tr("送往何处:"), self.to_edit)
        form.addRow(self.tr("安全措施:"), self.measures_edit)
        form.addRow(self.tr("送出时间:"), self.out_edit)
        form.addRow("", expected_row)
        note = QLabel(
            self.tr(
                "制度第17条:收发、传递和外出携带,有指定人员负责,并采取必要的安全措施。"
                "外出携带须填写预计归还时间;逾期未归还的,负责人在首页和待办中会看到提醒。"
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555555;")
        form.addRow(note)
        return form

    def find_carriers(self) -> None:
        """Fill the carrier list from the archive number typed (catalogue data only)."""
        number = self.archive_edit.text().strip()
        self.carrier_combo.clear()
        self.carrier_combo.addItem(self.tr("(不涉及档案载体)"), None)
        if not number:
            return
        try:
            found = transfers.customer_carriers(self._ctx.archive, self._ctx.actor, number)
        except AppError as exc:
            show_error(self, exc)
            return
        for carrier in found.carriers:
            self.carrier_combo.addItem(
                f"{label_text(carrier.kind_label)} {carrier.location}".strip(), carrier
            )
        if found.carriers:
            self.carrier_combo.setCurrentIndex(1)

    def new_transfer(self) -> NewTransfer:
        carrier = self.carrier_combo.currentData()
        return NewTransfer(
            kind=str(self.kind_combo.currentData()),
            item=self.item_edit.text(),
            responsible_login=str(self.responsible_combo.currentData() or ""),
            from_place=self.from_edit.text(),
            to_place=self.to_edit.text(),
            safety_measures=self.measures_edit.toPlainText(),
            out_at=self.out_edit.dateTime().toPython().astimezone(),
            expected_return=(
                self.expected_edit.dateTime().toPython().astimezone()
                if self.returns_box.isChecked()
                else None
            ),
            archive_no=self.archive_edit.text(),
            carrier_kind=carrier.kind if carrier is not None else "",
            carrier_location=carrier.location if carrier is not None else "",
        )

    # --- a return ------------------------------------------------------------------------------

    def _return_form(self, line: TransferLine) -> QFormLayout:
        form = QFormLayout()
        summary = QLabel(
            self.tr("{kind}:{item}\n负责人:{person}\n{origin} → {destination}\n送出:{out}").format(
                kind=label_text(line.kind_label),
                item=line.item,
                person=line.responsible_name,
                origin=line.from_place,
                destination=line.to_place,
                out=local_time(line.out_at),
            )
        )
        summary.setWordWrap(True)
        self.back_edit = _moment_edit(QDateTime.currentDateTime())
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(transfers.NOTE_MAX)
        self.note_edit.setPlaceholderText(self.tr("例如:原件完好、封袋未拆"))
        form.addRow(summary)
        if line.expected_return is not None:
            form.addRow(self.tr("预计归还:"), QLabel(local_time(line.expected_return)))
        form.addRow(self.tr("归还时间:"), self.back_edit)
        form.addRow(self.tr("归还说明:"), self.note_edit)
        return form

    # --- 确定 ----------------------------------------------------------------------------------

    def _on_ok(self) -> None:
        archive, actor = self._ctx.archive, self._ctx.actor
        try:
            with busy_cursor():
                if self._returning is None:
                    self.result_line = transfers.record(archive, actor, self.new_transfer())
                else:
                    self.result_line = transfers.record_return(
                        archive,
                        actor,
                        self._returning.id,
                        returned_at=self.back_edit.dateTime().toPython().astimezone(),
                        note=self.note_edit.text(),
                    )
        except AppError as exc:
            show_error(self, exc)
            return
        self.accept()
