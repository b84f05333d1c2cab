"""打印标签: archive labels for chosen archive numbers, or for every carrier of one cabinet.

Numbers are typed or scanned one a line (Enter adds the next line), or
pasted. The sheet opens in the print preview; printing it or saving it as a
file is recorded in the audit log ("label.print" with the count).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.printing.labels import PER_SHEET
from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.messages import error_text, show_error
from app.views.pdf_preview_dialog import PdfPreviewDialog
from app.workflows import checkout, reconciliation
from app.workflows.checkout import LabelSheet

ERROR_STYLE = "color: #b00020;"


class LabelPrintDialog(QDialog):
    def __init__(
        self,
        ctx: SessionContext,
        archive_numbers: list[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        #: the last sheet made (None until previewed)
        self.sheet: LabelSheet | None = None
        self.setWindowTitle(self.tr("打印档案标签"))
        self.setModal(True)
        self.setMinimumWidth(460)

        self.by_number = QRadioButton(self.tr("按档案编号"))
        self.by_cabinet = QRadioButton(self.tr("整个档案柜的全部载体"))
        group = QButtonGroup(self)
        group.addButton(self.by_number)
        group.addButton(self.by_cabinet)
        self.by_number.setChecked(True)
        self.numbers_edit = QPlainTextEdit()
        self.numbers_edit.setPlaceholderText(self.tr("每行一个档案编号,可扫描或粘贴"))
        self.numbers_edit.setAccessibleName(self.tr("档案编号"))
        if archive_numbers:
            self.numbers_edit.setPlainText("\n".join(archive_numbers))
        self.cabinet_edit = QLineEdit()
        self.cabinet_edit.setPlaceholderText(self.tr("柜号,例如 A1"))
        self.cabinet_edit.setAccessibleName(self.tr("柜号"))
        self.skip_spin = QSpinBox()
        self.skip_spin.setRange(0, PER_SHEET - 1)
        self.skip_spin.setSuffix(self.tr(" 枚"))
        hint = QLabel(
            self.tr(
                "标签纸为 A4 每张 14 枚(2 列 × 7 行)。标签只印档案编号、类别、密级标识、"
                "载体和存放位置,不印客户信息。"
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")

        form = QFormLayout()
        form.addRow(self.by_number)
        form.addRow(self.numbers_edit)
        form.addRow(self.by_cabinet, self.cabinet_edit)
        form.addRow(self.tr("第一张已用"), self.skip_spin)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close
        )
        self.preview_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.preview_button.setText(self.tr("预览并打印(&P)…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        self.buttons.accepted.connect(self.preview)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.by_number.toggled.connect(self._mode_changed)
        self.cabinet_edit.textEdited.connect(lambda _t: self.by_cabinet.setChecked(True))
        self._mode_changed()

    def _mode_changed(self) -> None:
        numbers = self.by_number.isChecked()
        self.numbers_edit.setEnabled(numbers)
        if numbers:
            self.numbers_edit.setFocus()
        else:
            self.cabinet_edit.setFocus()

    def _problem(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def make_sheet(self) -> LabelSheet | None:
        """The labels as chosen, or None (the reason is shown in the dialog)."""
        if self.by_number.isChecked():
            numbers = reconciliation.parse_numbers(self.numbers_edit.toPlainText())
            cabinet = ""
        else:
            numbers, cabinet = [], self.cabinet_edit.text()
        try:
            with busy_cursor():
                sheet = checkout.label_sheet(
                    self._ctx.archive,
                    self._ctx.actor,
                    archive_numbers=numbers,
                    cabinet=cabinet,
                    skip=self.skip_spin.value(),
                )
        except AppError as exc:
            self._problem(error_text(exc))
            return None
        except Exception as exc:
            show_error(self, exc)
            return None
        self._problem("")
        self.sheet = sheet
        return sheet

    def preview(self) -> None:
        sheet = self.make_sheet()
        if sheet is None:
            return
        dialog = PdfPreviewDialog(
            sheet.data,
            self.tr("档案标签({n} 枚)").format(n=sheet.count),
            self.tr("档案标签.pdf"),
            on_print=lambda: self._record(sheet, "print"),
            on_save=lambda _path: self._record(sheet, "save"),
            parent=self,
        )
        dialog.exec()

    def _record(self, sheet: LabelSheet, output: str, _path: Path | None = None) -> None:
        checkout.record_label_print(self._ctx.archive, self._ctx.actor, sheet, output)
