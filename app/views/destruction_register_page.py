"""销毁清册 (article 18): the permanent register of destroyed archives, and its print.

A tab of the registers page. It lists the register (all of it or one year),
prints it through the print preview (each print or save is recorded by the
workflow), and, for those who may ask for destructions, opens the
destruction dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.security.permissions import Action
from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.destruction_dialog import DestructionDialog
from app.views.labels import label_text, local_time
from app.views.messages import show_error
from app.views.pdf_preview_dialog import PdfPreviewDialog
from app.workflows import destruction
from app.workflows.destruction import RegisterLine


class DestructionRegisterPage(QWidget):
    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._lines: list[RegisterLine] = []

        hint = QLabel(
            self.tr(
                "销毁清册永久保存:每份已销毁的档案一行,记载销毁方式、批准人、执行人和监销人"
                "(制度第18条)。档案的内容已删除,目录中只保留“已销毁”的记录。"
            )
        )
        hint.setWordWrap(True)
        self.year_combo = QComboBox()
        self.year_combo.currentIndexChanged.connect(lambda _i: self._load_lines())
        self.table = QTableWidget(0, 11)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("清册编号"),
                self.tr("档案编号"),
                self.tr("题名"),
                self.tr("类别"),
                self.tr("密级"),
                self.tr("保管期限"),
                self.tr("载体及数量"),
                self.tr("销毁方式"),
                self.tr("批准人"),
                self.tr("执行人/监销人"),
                self.tr("销毁时间"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.empty_label = QLabel(self.tr("销毁清册中还没有记录。"))
        self.empty_label.setStyleSheet("color: #555;")

        self.destroy_button = QPushButton(self.tr("申请/执行销毁(&D)…"))
        self.destroy_button.clicked.connect(self.open_destruction)
        actor = ctx.actor
        self.destroy_button.setVisible(
            actor.may(Action.DESTRUCTION_REQUEST) or actor.may(Action.DESTRUCTION_APPROVE)
        )
        self.print_button = QPushButton(self.tr("打印预览(&P)…"))
        self.print_button.clicked.connect(self.preview)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("年度")))
        row.addWidget(self.year_combo)
        row.addStretch(1)
        row.addWidget(self.destroy_button)
        row.addWidget(self.print_button)

        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)

    def showEvent(self, event: QShowEvent) -> None:
        """A tab of the registers page: load when shown (the page holds no refresh of its own)."""
        super().showEvent(event)
        self.refresh()

    def year(self) -> int | None:
        value = self.year_combo.currentData()
        return int(value) if value else None

    def refresh(self) -> None:
        try:
            with busy_cursor():
                years = destruction.register_years(self._ctx.archive, self._ctx.actor)
        except Exception as exc:
            show_error(self, exc)
            return
        current = self.year()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        self.year_combo.addItem(self.tr("全部"), 0)
        this_year = QDate.currentDate().year()
        for year in sorted(set(years) | {this_year}, reverse=True):
            self.year_combo.addItem(str(year), year)
        index = self.year_combo.findData(current or 0)
        self.year_combo.setCurrentIndex(max(index, 0))
        self.year_combo.blockSignals(False)
        self._load_lines()

    def _load_lines(self) -> None:
        try:
            with busy_cursor():
                self._lines = destruction.register_lines(
                    self._ctx.archive, self._ctx.actor, year=self.year()
                )
        except Exception as exc:
            show_error(self, exc)
            return
        self.table.setRowCount(len(self._lines))
        for row, line in enumerate(self._lines):
            people = self.tr("{executors} / {witnesses}").format(
                executors=line.executors, witnesses=line.witnesses
            )
            if line.custodian_name:
                people += self.tr("(保密专管员 {name})").format(name=line.custodian_name)
            values = (
                line.register_no,
                line.archive_no,
                line.title_masked or "—",
                label_text(line.category_label),
                label_text(line.tier_label),
                self.tr("{n} 年").format(n=line.retention_years),
                line.carriers or "—",
                line.method,
                line.approver_name,
                people,
                local_time(line.destroyed_at),
            )
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.empty_label.setVisible(not self._lines)

    def open_destruction(self) -> None:
        dialog = DestructionDialog(self._ctx, self)
        dialog.changed.connect(self.refresh)
        dialog.exec()

    def preview(self) -> None:
        year = self.year()
        archive, actor = self._ctx.archive, self._ctx.actor
        try:
            with busy_cursor():
                data = destruction.register_pdf(archive, actor, year=year)
        except Exception as exc:
            show_error(self, exc)
            return
        count = len(self._lines)
        name = f"销毁清册-{year}.pdf" if year else "销毁清册.pdf"
        dialog = PdfPreviewDialog(
            data,
            self.tr("销毁清册"),
            name,
            on_print=lambda: destruction.record_register_output(
                archive, actor, "print", year=year, count=count
            ),
            on_save=lambda _path: destruction.record_register_output(
                archive, actor, "save", year=year, count=count
            ),
            parent=self,
        )
        dialog.exec()
