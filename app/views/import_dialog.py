"""导入客户名单: choose a workbook, map its columns, check it, then import it in one go.

The dialog only collects choices and shows results; reading, checking and
writing are app.workflows.customer_import's, run on a worker thread so the
window stays responsive, with a progress bar and 取消 (cancelling rolls the
whole import back). 导入 is enabled only after a clean 检查 of the same file,
category and mapping. The column mapping is remembered per category at this
workstation (column headers and field keys only, never customer data).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import settings as app_settings
from app.errors import AppError
from app.template import current_template
from app.views import garbage_collector
from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.messages import show_error, show_info
from app.workflows import customer_import as ci

GEOMETRY_FILE = "window.ini"
GEOMETRY_KEY = "importDialog/geometry"


class _Job(QThread):
    """One dry run or import off the GUI thread; results come back as signals."""

    progressed = Signal(int, int)
    finished_with = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[..., ci.ImportReport], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self.cancel_event = threading.Event()

    def run(self) -> None:
        try:
            report = self._work(
                progress=lambda done, total: self.progressed.emit(done, total),
                cancelled=self.cancel_event.is_set,
            )
        except BaseException as exc:  # shown by the dialog, on the GUI thread
            self.failed.emit(exc)
            return
        self.finished_with.emit(report)


class ImportDialog(QDialog):
    #: emitted with the ImportReport after a successful import (the catalogue refreshes)
    imported = Signal(object)

    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._template = current_template()
        self._headers: list[str] | None = None
        self._job: _Job | None = None
        self._checked: tuple[Any, ...] | None = None  # what the last clean check was for
        self.last_report: ci.ImportReport | None = None
        self.setWindowTitle(self.tr("导入客户名单(Excel)"))
        self.setModal(True)

        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(self.tr("请选择已填好的 .xlsx 文件"))
        self.choose_button = QPushButton(self.tr("选择文件(&F)…"))
        self.choose_button.clicked.connect(self.choose_file)
        self.blank_button = QPushButton(self.tr("空白导入表(&B)…"))
        self.blank_button.setToolTip(self.tr("保存所选类别的空白导入表,按列标题填写后再导入"))
        self.blank_button.clicked.connect(self.save_blank_workbook)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)
        file_row.addWidget(self.blank_button)

        self.category_combo = QComboBox()
        for category in self._template.categories:
            self.category_combo.addItem(category.label, category.key)
        self.category_combo.currentIndexChanged.connect(self._category_changed)
        self.subtype_combo = QComboBox()
        self.subtype_combo.currentIndexChanged.connect(self._invalidate)

        form = QFormLayout()
        form.addRow(self.tr("文件"), file_row)
        form.addRow(self.tr("客户类别"), self.category_combo)
        form.addRow(self.tr("默认子类"), self.subtype_combo)

        self.mapping_table = QTableWidget(0, 2)
        self.mapping_table.setHorizontalHeaderLabels([self.tr("表中的列"), self.tr("对应的项目")])
        self.mapping_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.mapping_table.horizontalHeader().setStretchLastSection(True)
        self.mapping_table.verticalHeader().setVisible(False)
        self.mapping_table.setAccessibleName(self.tr("列对照"))

        self.problem_table = QTableWidget(0, 3)
        self.problem_table.setHorizontalHeaderLabels(
            [self.tr("行"), self.tr("列"), self.tr("问题")]
        )
        self.problem_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.problem_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.problem_table.horizontalHeader().setStretchLastSection(True)
        self.problem_table.verticalHeader().setVisible(False)
        self.problem_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problem_table.setWordWrap(True)
        self.problem_table.setAccessibleName(self.tr("检查发现的问题"))

        self.summary_label = QLabel(
            self.tr("选择文件后,先点“检查”;全部问题改正后才能导入。导入是整批进行的。")
        )
        self.summary_label.setWordWrap(True)
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(True)
        self.progress_bar.setValue(0)

        self.check_button = QPushButton(self.tr("检查(&C)"))
        self.check_button.clicked.connect(self.check)
        self.import_button = QPushButton(self.tr("导入(&I)"))
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button = QPushButton(self.tr("取消(&X)"))
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress_bar, 1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("列对照(按导入表填写的会自动对应;不需要的列选“忽略”)")))
        layout.addWidget(self.mapping_table, 2)
        layout.addWidget(QLabel(self.tr("检查结果")))
        layout.addWidget(self.problem_table, 3)
        layout.addWidget(self.summary_label)
        layout.addLayout(buttons)

        self._category_changed()
        self._restore_geometry()
        self._update_buttons()

    # --- state -------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._job is not None

    def category(self) -> str:
        return str(self.category_combo.currentData())

    def default_subtype(self) -> str | None:
        data = self.subtype_combo.currentData()
        return str(data) if data else None

    def path(self) -> Path | None:
        text = self.file_edit.text()
        return Path(text) if text else None

    def mapping(self) -> dict[str, str]:
        """header -> column key (ci.IGNORE for columns not read), as the table shows it."""
        result: dict[str, str] = {}
        for row in range(self.mapping_table.rowCount()):
            header_item = self.mapping_table.item(row, 0)
            combo = self.mapping_table.cellWidget(row, 1)
            if header_item is None or not isinstance(combo, QComboBox):
                continue
            result[header_item.text()] = str(combo.currentData() or ci.IGNORE)
        return result

    def _fingerprint(self) -> tuple[Any, ...]:
        return (self.file_edit.text(), self.category(), self.default_subtype(), self.mapping())

    def _invalidate(self, *_: object) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.running
        has_file = self._headers is not None
        for widget in (
            self.choose_button,
            self.blank_button,
            self.category_combo,
            self.subtype_combo,
            self.mapping_table,
            self.close_button,
        ):
            widget.setEnabled(not busy)
        self.check_button.setEnabled(has_file and not busy)
        self.import_button.setEnabled(
            has_file and not busy and self._checked == self._fingerprint()
        )
        self.cancel_button.setEnabled(busy)

    # --- choosing ---------------------------------------------------------------------------

    def choose_file(self) -> None:
        start = str(self.path().parent) if self.path() else str(Path.home())
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择客户名单"), start, self.tr("Excel 工作簿 (*.xlsx)")
        )
        if chosen:
            self.load_file(Path(chosen))

    def load_file(self, path: Path) -> None:
        """Read the header row now (the rows again at each check, so a fixed file is re-read)."""
        try:
            with busy_cursor():
                sheet = ci.read_workbook(path, header_only=True)
        except Exception as exc:
            show_error(self, exc, self.tr("无法读取文件"))
            return
        self._headers = [h for h in sheet.headers if h]
        self._checked = None
        self.file_edit.setText(str(path))
        guessed = ci.guess_category(self._headers)
        if guessed is not None:
            index = self.category_combo.findData(guessed)
            if index >= 0 and index != self.category_combo.currentIndex():
                self.category_combo.setCurrentIndex(index)  # refills the mapping
                return
        self._fill_mapping()

    def _category_changed(self, *_: object) -> None:
        category = self.category()
        self.subtype_combo.blockSignals(True)
        self.subtype_combo.clear()
        self.subtype_combo.addItem(self.tr("按“子类”列"), None)
        for sub in self._template.category(category).subtypes:
            self.subtype_combo.addItem(sub.label, sub.key)
        self.subtype_combo.blockSignals(False)
        self._fill_mapping()

    def _fill_mapping(self) -> None:
        self.mapping_table.setRowCount(0)
        self._clear_problems()
        if self._headers is None:
            self._update_buttons()
            return
        category = self.category()
        headers = self._headers
        suggested = ci.suggest_mapping(headers, category, ci.remembered_mapping(category))
        choices = [(self.tr("(忽略)"), ci.IGNORE)] + [
            (column.label, column.key) for column in ci.import_columns(category, self._template)
        ]
        self.mapping_table.setRowCount(len(headers))
        for row, header in enumerate(headers):
            item = QTableWidgetItem(header)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.mapping_table.setItem(row, 0, item)
            combo = QComboBox()
            for label, key in choices:
                combo.addItem(label, key)
            index = combo.findData(suggested.get(header, ci.IGNORE))
            combo.setCurrentIndex(max(index, 0))
            combo.currentIndexChanged.connect(self._invalidate)
            self.mapping_table.setCellWidget(row, 1, combo)
        self._update_buttons()

    def save_blank_workbook(self) -> None:
        label = self.category_combo.currentText()
        suggested = str(Path.home() / self.tr("{label}导入表.xlsx").format(label=label))
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存空白导入表"), suggested, self.tr("Excel 工作簿 (*.xlsx)")
        )
        if not chosen:
            return
        try:
            with busy_cursor():
                written = ci.write_import_template(self.category(), Path(chosen))
        except Exception as exc:
            show_error(self, exc)
            return
        show_info(self, self.tr("已保存空白导入表:{path}").format(path=written))

    # --- running ------------------------------------------------------------------------------

    def check(self) -> None:
        self._run(dry=True)

    def start_import(self) -> None:
        if self._checked != self._fingerprint():
            return
        self._run(dry=False)

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel_event.set()
            self.summary_label.setText(self.tr("正在取消,已处理的内容将全部撤销……"))

    def _run(self, *, dry: bool) -> None:
        path = self.path()
        if path is None or self.running:
            return
        archive, actor = self._ctx.archive, self._ctx.actor
        category, subtype, mapping = self.category(), self.default_subtype(), self.mapping()
        fingerprint = self._fingerprint()
        run = ci.dry_run if dry else ci.import_customers

        def work(**callbacks: Any) -> ci.ImportReport:
            return run(
                archive,
                actor,
                path,
                category=category,
                subtype=subtype,
                mapping=mapping,
                **callbacks,
            )

        job = _Job(work, self)
        job.progressed.connect(self._progressed)
        job.finished_with.connect(lambda report: self._done(report, dry, fingerprint, mapping))
        job.failed.connect(self._failed)
        self._job = job
        self._checked = None
        self._clear_problems()
        self.progress_bar.setRange(0, 0)  # busy until the first figure arrives
        self.summary_label.setText(self.tr("正在检查……") if dry else self.tr("正在导入……"))
        self._update_buttons()
        # the job's rows are not garbage: no collection walks them (and holds the window)
        # while it runs; collections happen on this thread only (garbage_collector)
        garbage_collector.pause()
        job.start()

    def _progressed(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(min(done, total))

    def _finish_job(self) -> None:
        job, self._job = self._job, None
        if job is not None:
            job.wait()
            job.deleteLater()
            garbage_collector.resume()
        if self.progress_bar.maximum() == 0:
            self.progress_bar.setRange(0, 1)

    def _failed(self, exc: BaseException) -> None:
        self._finish_job()
        self.summary_label.setText(self.tr("操作未完成。"))
        self._update_buttons()
        show_error(self, exc)

    def _done(
        self,
        report: ci.ImportReport,
        dry: bool,
        fingerprint: tuple[Any, ...],
        mapping: dict[str, str],
    ) -> None:
        self._finish_job()
        self.last_report = report
        self._show_problems(report)
        self.summary_label.setText(report.summary())
        if report.status == ci.STATUS_CLEAN and report.rows:
            self._checked = fingerprint
        if report.status == ci.STATUS_IMPORTED:
            self.progress_bar.setValue(self.progress_bar.maximum())
            self._remember(mapping)
            self._update_buttons()
            show_info(self, report.summary(), self.tr("导入完成"))
            self.imported.emit(report)
            self.accept()
            return
        if report.status == ci.STATUS_CANCELLED:
            self.progress_bar.setValue(0)
            show_info(self, report.summary(), self.tr("已取消"))
        self._update_buttons()

    def _remember(self, mapping: dict[str, str]) -> None:
        with contextlib.suppress(OSError, AppError):  # a preference only: never fails an import
            ci.remember_mapping(self.category(), mapping)

    def _clear_problems(self) -> None:
        self.problem_table.setRowCount(0)

    def _show_problems(self, report: ci.ImportReport) -> None:
        problems = list(report.problems)
        ignored = report.ignored_columns
        self.problem_table.setRowCount(len(problems) + (1 if ignored else 0))
        for row, problem in enumerate(problems):
            where = self.tr("(整个文件)") if problem.row is None else str(problem.row)
            for column, text in enumerate((where, problem.column, problem.message)):
                self.problem_table.setItem(row, column, QTableWidgetItem(text))
        if ignored:
            row = len(problems)
            self.problem_table.setItem(row, 0, QTableWidgetItem(self.tr("提示")))
            self.problem_table.setItem(row, 1, QTableWidgetItem("、".join(ignored)))
            self.problem_table.setItem(
                row, 2, QTableWidgetItem(self.tr("这些列在分类模板中没有对应项目,不会导入。"))
            )
        self.problem_table.resizeRowsToContents()

    # --- closing, geometry ------------------------------------------------------------------

    def reject(self) -> None:
        if self.running:  # the close button is disabled; Esc and the title bar come here
            self.cancel()
            return
        super().reject()

    def done(self, result: int) -> None:
        self._store().setValue(GEOMETRY_KEY, self.saveGeometry())
        super().done(result)

    @staticmethod
    def _store() -> QSettings:
        return QSettings(str(app_settings.config_dir() / GEOMETRY_FILE), QSettings.Format.IniFormat)

    def _restore_geometry(self) -> None:
        store = self._store()
        saved = store.value(GEOMETRY_KEY) if store.contains(GEOMETRY_KEY) else None
        if not (isinstance(saved, QByteArray) and self.restoreGeometry(saved)):
            self.resize(820, 640)
