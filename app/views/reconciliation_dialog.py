"""帐实核对: enter what is on the shelves, see every difference, sign and print (article 12).

The person walks the cabinets with a barcode scanner (or types): each
archive number and Enter adds a line, found at the 清点位置 set above it
(cabinet and box, changed box by box). 核对 compares the lines with the
register and shows the differences in four kinds, each named in words and
counted. 保存并签名 asks the performer's password again and signs the result
with their key; 打印报告 opens the report in the print preview. Closing with
lines entered and not saved asks first: a morning's scanning is not lost to
a slip of the mouse.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError, WrongPassword
from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.labels import label_text, local_time
from app.views.messages import confirm, error_text, show_error
from app.views.pdf_preview_dialog import PdfPreviewDialog
from app.views.scan_line_edit import ScanLineEdit
from app.workflows import reconciliation
from app.workflows.reconciliation import FoundLine, Outcome, Saved

ERROR_STYLE = "color: #b00020;"
#: a tint per kind of difference; the kind is always written out in its own column too
KIND_TINTS = {
    "missing": "#fde2e2",
    "checked_out": "#fff1cc",
    "unknown": "#ece4f7",
    "misplaced": "#dcecfb",
}


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return table


class ReconciliationDialog(QDialog):
    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._lines: list[FoundLine] = []
        #: the last comparison shown (None until 核对, or after the lines changed)
        self.outcome: Outcome | None = None
        #: the saved, signed stock-take (None until saved)
        self.saved: Saved | None = None
        self.setWindowTitle(self.tr("帐实核对"))
        self.setModal(True)
        self.resize(980, 680)

        # scope and the place being counted
        self.scope_cabinet = QLineEdit()
        self.scope_box = QLineEdit()
        self.scope_cabinet.setPlaceholderText(self.tr("留空:全部"))
        self.scope_box.setPlaceholderText(self.tr("留空:整柜"))
        self.scope_cabinet.setAccessibleName(self.tr("核对范围柜号"))
        self.scope_box.setAccessibleName(self.tr("核对范围盒号"))
        self.here_cabinet = QLineEdit()
        self.here_box = QLineEdit()
        self.here_cabinet.setAccessibleName(self.tr("清点位置柜号"))
        self.here_box.setAccessibleName(self.tr("清点位置盒号"))
        for edit in (self.scope_cabinet, self.scope_box, self.here_cabinet, self.here_box):
            edit.setMaxLength(reconciliation.LOCATION_MAX)
            edit.setMaximumWidth(110)
        scope_box = QGroupBox(self.tr("核对范围"))
        scope_row = QHBoxLayout(scope_box)
        scope_row.addWidget(QLabel(self.tr("柜")))
        scope_row.addWidget(self.scope_cabinet)
        scope_row.addWidget(QLabel(self.tr("盒")))
        scope_row.addWidget(self.scope_box)
        scope_row.addStretch(1)
        here_box = QGroupBox(self.tr("清点位置(新录入的编号记在此位置)"))
        here_row = QHBoxLayout(here_box)
        here_row.addWidget(QLabel(self.tr("柜")))
        here_row.addWidget(self.here_cabinet)
        here_row.addWidget(QLabel(self.tr("盒")))
        here_row.addWidget(self.here_box)
        here_row.addStretch(1)
        places = QHBoxLayout()
        places.addWidget(scope_box)
        places.addWidget(here_box, 1)

        # the scan line and the lines so far
        self.scan_edit = ScanLineEdit()
        self.scan_edit.setPlaceholderText(self.tr("扫描档案标签条码,或输入档案编号后按回车"))
        self.scan_edit.setAccessibleName(self.tr("档案编号"))
        self.add_button = QPushButton(self.tr("添加"))
        scan_row = QHBoxLayout()
        scan_row.addWidget(QLabel(self.tr("档案编号")))
        scan_row.addWidget(self.scan_edit, 1)
        scan_row.addWidget(self.add_button)
        self.lines_table = _table([self.tr("序号"), self.tr("档案编号"), self.tr("清点位置")])
        for column, width in enumerate((44, 160)):
            self.lines_table.horizontalHeader().resizeSection(column, width)
        self.count_label = QLabel()
        self.remove_button = QPushButton(self.tr("删除所选行"))
        lines_bar = QHBoxLayout()
        lines_bar.addWidget(self.count_label, 1)
        lines_bar.addWidget(self.remove_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("已录入")))
        left_layout.addWidget(self.lines_table, 1)
        left_layout.addLayout(lines_bar)

        # the differences
        self.summary_label = QLabel(self.tr("录入完毕后按“核对”查看差异。"))
        self.summary_label.setWordWrap(True)
        self.verdict_label = QLabel()
        self.verdict_label.setWordWrap(True)
        self.differences_table = _table(
            [
                self.tr("差异类别"),
                self.tr("档案编号"),
                self.tr("载体"),
                self.tr("登记位置"),
                self.tr("实际位置"),
                self.tr("说明"),
            ]
        )
        for column, width in enumerate((120, 150, 44, 100, 100)):
            self.differences_table.horizontalHeader().resizeSection(column, width)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("核对结果")))
        right_layout.addWidget(self.verdict_label)
        right_layout.addWidget(self.summary_label)
        right_layout.addWidget(self.differences_table, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([330, 650])

        # signing and the buttons
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("由核对人本人输入"))
        self.password_edit.setAccessibleName(self.tr("核对人密码"))
        self.password_edit.setMaximumWidth(200)
        self.check_button = QPushButton(self.tr("核对(&C)"))
        self.save_button = QPushButton(self.tr("保存并签名(&S)"))
        self.print_button = QPushButton(self.tr("打印报告(&P)…"))
        self.close_button = QPushButton(self.tr("关闭"))
        self.print_button.setEnabled(False)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        self.saved_label = QLabel()
        self.saved_label.setWordWrap(True)
        self.saved_label.hide()
        bottom = QHBoxLayout()
        bottom.addWidget(self.check_button)
        bottom.addStretch(1)
        bottom.addWidget(
            QLabel(self.tr("核对人 {name} 的密码").format(name=ctx.actor.display_name))
        )
        bottom.addWidget(self.password_edit)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.close_button)
        # Enter belongs to the scan line: no button presses itself on Enter
        for button in (
            self.add_button,
            self.remove_button,
            self.check_button,
            self.save_button,
            self.print_button,
            self.close_button,
        ):
            button.setAutoDefault(False)
            button.setDefault(False)

        layout = QVBoxLayout(self)
        layout.addLayout(places)
        layout.addLayout(scan_row)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.saved_label)
        layout.addLayout(bottom)

        self.scope_cabinet.textEdited.connect(self._scope_edited)
        self.scope_box.textEdited.connect(self._scope_edited)
        self.scan_edit.returnPressed.connect(self.add_scanned)
        self.add_button.clicked.connect(self.add_scanned)
        self.remove_button.clicked.connect(self.remove_selected)
        self.check_button.clicked.connect(self.check)
        self.save_button.clicked.connect(self.save)
        self.password_edit.returnPressed.connect(self.save)
        self.print_button.clicked.connect(self.print_report)
        self.close_button.clicked.connect(self.close)
        self._show_lines()
        self.scan_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- entering ------------------------------------------------------------------------------

    def _problem(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def _scope_edited(self) -> None:
        """The place being counted follows the scope until the person sets it apart."""
        self.here_cabinet.setText(self.scope_cabinet.text())
        self.here_box.setText(self.scope_box.text())

    @property
    def lines(self) -> list[FoundLine]:
        return list(self._lines)

    def add_scanned(self) -> None:
        if self.saved is not None:
            return
        numbers = reconciliation.parse_numbers(self.scan_edit.text())
        self.scan_edit.clear()
        self.scan_edit.setFocus()
        if not numbers:
            return
        cabinet, box = self.here_cabinet.text().strip(), self.here_box.text().strip()
        self._lines.extend(FoundLine(n, cabinet, box) for n in numbers)
        self._changed()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.lines_table.selectedIndexes()}, reverse=True)
        if not rows or self.saved is not None:
            return
        for row in rows:
            del self._lines[row]
        self._changed()

    def _changed(self) -> None:
        """The lines changed: the comparison shown no longer holds."""
        self.outcome = None
        self._problem("")
        self._show_lines()
        self._show_outcome(None)

    def _show_lines(self) -> None:
        table = self.lines_table
        table.setRowCount(len(self._lines))
        for row, line in enumerate(self._lines):
            table.setItem(row, 0, _item(str(row + 1)))
            table.setItem(row, 1, _item(line.archive_no))
            where = line.location if (line.cabinet or line.box) else self.tr("(按核对范围)")
            table.setItem(row, 2, _item(where))
        if self._lines:
            table.scrollToBottom()
        self.count_label.setText(self.tr("共 {n} 条").format(n=len(self._lines)))

    # --- comparing -----------------------------------------------------------------------------

    def _kind_text(self, kind: str) -> str:
        return {
            "missing": self.tr("缺失(应在架未找到)"),
            "checked_out": self.tr("在架但登记为借出"),
            "unknown": self.tr("无此档案"),
            "misplaced": self.tr("存放位置不符"),
        }[kind]

    def check(self) -> None:
        try:
            with busy_cursor():
                outcome = reconciliation.reconcile(
                    self._ctx.archive,
                    self._ctx.actor,
                    self._lines,
                    cabinet=self.scope_cabinet.text(),
                    box=self.scope_box.text(),
                )
        except AppError as exc:
            self._problem(error_text(exc))
            return
        except Exception as exc:
            show_error(self, exc)
            return
        self._problem("")
        self.outcome = outcome
        self._show_outcome(outcome)

    def _show_outcome(self, outcome: Outcome | None) -> None:
        table = self.differences_table
        if outcome is None:
            table.setRowCount(0)
            self.verdict_label.setText("")
            self.summary_label.setText(self.tr("录入完毕后按“核对”查看差异。"))
            return
        counts = outcome.counts
        self.summary_label.setText(
            self.tr(
                "核对范围:{scope}。登记在架 {expected},实点 {found},相符 {matched};"
                "缺失 {missing},在架但登记为借出 {checked_out},无此档案 {unknown},"
                "存放位置不符 {misplaced};借出未还 {out}。"
            ).format(
                scope=outcome.scope,
                expected=outcome.expected,
                found=len(outcome.lines),
                matched=outcome.matched,
                out=outcome.out_not_found,
                **counts,
            )
            + (
                self.tr("重复录入 {n} 条(不计为差异)。").format(n=len(outcome.repeats))
                if outcome.repeats
                else ""
            )
        )
        if outcome.agrees:
            self.verdict_label.setText(self.tr("✔ 帐实相符,未发现差异。"))
            self.verdict_label.setStyleSheet("color: #1e7b34; font-weight: bold;")
        else:
            self.verdict_label.setText(
                self.tr("✘ 帐实不符:共 {n} 处差异,见下表。").format(n=len(outcome.differences))
            )
            self.verdict_label.setStyleSheet("color: #b00020; font-weight: bold;")
        table.setRowCount(len(outcome.differences))
        bold = QFont()
        bold.setBold(True)
        for row, difference in enumerate(outcome.differences):
            cells = (
                self._kind_text(difference.kind),
                difference.archive_no,
                label_text(difference.carrier_label) if difference.carrier_kind else "",
                difference.recorded,
                difference.found,
                difference.detail,
            )
            tint = QBrush(QColor(KIND_TINTS[difference.kind]))
            for column, text in enumerate(cells):
                item = _item(text)
                item.setBackground(tint)
                item.setToolTip(text)
                if column == 0:
                    item.setFont(bold)
                table.setItem(row, column, item)

    # --- saving and printing -------------------------------------------------------------------

    def save(self) -> None:
        if self.saved is not None:
            return
        if not self._lines:
            self._problem(self.tr("还没有录入任何档案编号。请扫描或输入在架档案的编号后再保存。"))
            return
        password = self.password_edit.text()
        if not password:
            self._problem(self.tr("请核对人本人输入密码,以签名确认核对结果。"))
            self.password_edit.setFocus()
            return
        try:
            with busy_cursor():
                saved = reconciliation.save(
                    self._ctx.archive,
                    self._ctx.actor,
                    self._lines,
                    cabinet=self.scope_cabinet.text(),
                    box=self.scope_box.text(),
                    password=password,
                )
        except WrongPassword as exc:
            self.password_edit.clear()
            self.password_edit.setFocus()
            self._problem(error_text(exc))
            return
        except AppError as exc:
            self.password_edit.clear()
            self._problem(error_text(exc))
            return
        except Exception as exc:
            self.password_edit.clear()
            show_error(self, exc)
            return
        self.password_edit.clear()
        self.saved = saved
        self.outcome = saved.outcome
        self._show_outcome(saved.outcome)
        self._problem("")
        self.saved_label.setText(
            self.tr("已保存并签名:{serial},{when},签名指纹 {fingerprint}。").format(
                serial=saved.serial,
                when=local_time(saved.performed_at),
                fingerprint=saved.fingerprint,
            )
        )
        self.saved_label.show()
        for widget in (
            self.scope_cabinet,
            self.scope_box,
            self.here_cabinet,
            self.here_box,
            self.scan_edit,
            self.add_button,
            self.remove_button,
            self.check_button,
            self.save_button,
            self.password_edit,
        ):
            widget.setEnabled(False)
        self.print_button.setEnabled(True)
        self.print_button.setFocus()

    def print_report(self) -> None:
        saved = self.saved
        if saved is None:
            return
        ctx = self._ctx
        try:
            with busy_cursor():
                data = reconciliation.report_pdf(ctx.archive, ctx.actor, saved.id)
        except Exception as exc:
            show_error(self, exc)
            return
        dialog = PdfPreviewDialog(
            data,
            self.tr("帐实核对报告 {serial}").format(serial=saved.serial),
            self.tr("帐实核对报告-{serial}.pdf").format(serial=saved.serial),
            on_print=lambda: reconciliation.record_print(ctx.archive, ctx.actor, saved.id, "print"),
            on_save=lambda _path: reconciliation.record_print(
                ctx.archive, ctx.actor, saved.id, "save"
            ),
            parent=self,
        )
        dialog.exec()

    # --- closing -------------------------------------------------------------------------------

    def _may_close(self) -> bool:
        if self.saved is not None or not self._lines:
            return True
        return confirm(
            self,
            self.tr("已录入 {n} 条尚未保存。关闭将放弃这些录入,确定关闭吗?").format(
                n=len(self._lines)
            ),
        )

    def reject(self) -> None:
        """Escape, 关闭 and the window's close box all come here (QDialog.closeEvent too)."""
        if self._may_close():
            super().reject()
