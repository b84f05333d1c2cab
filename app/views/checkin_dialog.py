"""登记归还: a carrier comes back, to whom and in what condition (article 12).

Opened on a line of the register, or empty: then the archive number is typed
or scanned from the label and the archive's carriers still out are offered.
A condition other than 完好 needs a note; the workflow says so inside the
dialog if it is missing, and nothing typed is lost.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.labels import label_text, local_time
from app.views.messages import error_text, show_error
from app.views.scan_line_edit import ScanLineEdit
from app.workflows import checkout
from app.workflows.checkout import RegisterLine

ERROR_STYLE = "color: #b00020;"


class CheckinDialog(QDialog):
    """Register a carrier coming back; ``line`` holds the updated register line once accepted."""

    def __init__(
        self,
        ctx: SessionContext,
        line: RegisterLine | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._open: list[RegisterLine] = []
        #: the register line as returned (None until accepted)
        self.line: RegisterLine | None = None
        self.setWindowTitle(self.tr("登记归还"))
        self.setModal(True)
        self.setMinimumWidth(520)

        self.number_edit = ScanLineEdit()
        self.number_edit.setPlaceholderText(self.tr("输入或扫描档案编号,按回车查找"))
        self.number_edit.setAccessibleName(self.tr("档案编号"))
        self.find_button = QPushButton(self.tr("查找(&F)"))
        self.find_button.setAutoDefault(False)
        number_row = QHBoxLayout()
        number_row.addWidget(self.number_edit, 1)
        number_row.addWidget(self.find_button)

        self.line_combo = QComboBox()
        self.line_combo.setAccessibleName(self.tr("借出的载体"))
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.receiver_combo = QComboBox()
        self.receiver_combo.setAccessibleName(self.tr("接收人"))
        self.condition_combo = QComboBox()
        self.condition_combo.setAccessibleName(self.tr("归还状况"))
        for key, text in (
            ("intact", self.tr("完好")),
            ("damaged", self.tr("破损")),
            ("incomplete", self.tr("缺页缺件")),
            ("other", self.tr("其他")),
        ):
            self.condition_combo.addItem(text, key)
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(checkout.NOTE_MAX)
        self.note_edit.setPlaceholderText(self.tr("状况不是“完好”时必填,例如:缺第3页"))

        form = QFormLayout()
        form.addRow(self.tr("档案编号"), number_row)
        form.addRow(self.tr("借出的载体"), self.line_combo)
        form.addRow("", self.detail_label)
        form.addRow(self.tr("接收人"), self.receiver_combo)
        form.addRow(self.tr("归还状况"), self.condition_combo)
        form.addRow(self.tr("状况说明"), self.note_edit)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("登记归还"))
        self.ok_button.setAutoDefault(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取消"))
        cancel.setAutoDefault(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.number_edit.returnPressed.connect(self.look_up)
        self.find_button.clicked.connect(self.look_up)
        self.line_combo.currentIndexChanged.connect(lambda _i: self._line_chosen())

        if line is not None:
            self.number_edit.setText(line.archive_no)
            self._set_lines([line])
            self.condition_combo.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self._set_lines([])
            self.number_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _problem(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def look_up(self) -> None:
        text = self.number_edit.text()
        if not text.strip():
            self._problem(self.tr("请输入或扫描档案编号。"))
            return
        try:
            with busy_cursor():
                lines = checkout.find_open(self._ctx.archive, self._ctx.actor, text)
        except AppError as exc:
            self._set_lines([])
            self._problem(error_text(exc))
            return
        except Exception as exc:
            show_error(self, exc)
            return
        self._problem("" if lines else self.tr("此档案没有借出未还的载体。"))
        self._set_lines(lines)

    def _set_lines(self, lines: list[RegisterLine]) -> None:
        self._open = list(lines)
        self.line_combo.blockSignals(True)
        self.line_combo.clear()
        for line in lines:
            self.line_combo.addItem(
                self.tr("{number} {kind} {place}").format(
                    number=line.archive_no,
                    kind=label_text(line.carrier_label),
                    place=line.location,
                ),
                line.id,
            )
        self.line_combo.blockSignals(False)
        self._line_chosen()

    def _selected(self) -> RegisterLine | None:
        row = self.line_combo.currentIndex()
        return self._open[row] if 0 <= row < len(self._open) else None

    def _line_chosen(self) -> None:
        line = self._selected()
        self.ok_button.setEnabled(line is not None)
        self.receiver_combo.clear()
        if line is None:
            self.detail_label.setText("")
            return
        text = self.tr("借用人:{name};借出:{out};应还:{due}").format(
            name=line.borrower_name, out=local_time(line.out_at), due=line.due_on.isoformat()
        )
        if line.overdue:
            text += self.tr(";已逾期 {n} 天").format(n=line.days_late)
        self.detail_label.setText(text)
        try:
            people = checkout.keepers(self._ctx.archive, self._ctx.actor, line.customer_id)
        except AppError as exc:
            self._problem(error_text(exc))
            return
        for person in people:
            self.receiver_combo.addItem(
                self.tr("{name}({login})").format(name=person.display_name, login=person.login),
                person.user_id,
            )
        mine = self.receiver_combo.findData(self._ctx.actor.user_id)
        self.receiver_combo.setCurrentIndex(mine if mine >= 0 else 0)

    def submit(self) -> None:
        line = self._selected()
        if line is None:
            self._problem(self.tr("请先输入或扫描档案编号,选择要归还的载体。"))
            return
        receiver = self.receiver_combo.currentData()
        try:
            with busy_cursor():
                self.line = checkout.check_in(
                    self._ctx.archive,
                    self._ctx.actor,
                    line.id,
                    condition=str(self.condition_combo.currentData()),
                    note=self.note_edit.text(),
                    received_by_id=int(receiver) if receiver is not None else None,
                )
        except AppError as exc:
            self._problem(error_text(exc))
            return
        except Exception as exc:
            show_error(self, exc)
            return
        self.accept()
