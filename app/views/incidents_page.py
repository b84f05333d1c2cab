"""事件报告 (article 20): the incident register, a report's handling, and 报告泄露.

Everyone reports from here (or from the toolbar) and sees their own
reports. The head of the customer-service management department sees every
report: the open ones first, each with its handling steps; they record a
step and close a report with its conclusion. Which reports a person sees,
and whether they may handle them, the workflow decides.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.security.permissions import Action
from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.incident_report_dialog import IncidentReportDialog
from app.views.labels import label_text, local_time
from app.views.messages import confirm, show_error
from app.workflows import incidents
from app.workflows.incidents import IncidentDetail, IncidentLine


def _html(text: str) -> str:
    return "<br/>".join(escape(line) for line in (text or "").splitlines()) or "—"


class IncidentsPage(QWidget):
    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._lines: list[IncidentLine] = []
        self._detail: IncidentDetail | None = None
        head = ctx.actor.may(Action.INCIDENT_HANDLE)

        self.title_label = QLabel()
        self.title_label.setStyleSheet("font-size: 16px; font-weight: bold;")
        hint = QLabel(
            self.tr("发现客户信息已经泄露或者可能泄露时,应立即采取补救措施并报告(制度第20条)。")
            if not head
            else self.tr("收到的泄露事件报告。请立即处理,记录处理情况,处理完毕后写明结论结案。")
        )
        hint.setWordWrap(True)
        self.report_button = QPushButton(self.tr("报告泄露(&R)…"))
        self.report_button.clicked.connect(self.report)
        self.state_combo = QComboBox()
        self.state_combo.addItem(self.tr("处理中"), "open")
        self.state_combo.addItem(self.tr("已结案"), "closed")
        self.state_combo.addItem(self.tr("全部"), "")
        if not head:
            self.state_combo.setCurrentIndex(2)
        self.state_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(QLabel(self.tr("显示")))
        top.addWidget(self.state_combo)
        top.addWidget(self.report_button)

        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("事件编号"),
                self.tr("状态"),
                self.tr("报告人"),
                self.tr("报告时间"),
                self.tr("发现时间"),
                self.tr("情况"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._open_selected)
        self.empty_label = QLabel(self.tr("没有事件报告。"))
        self.empty_label.setStyleSheet("color: #555;")

        self.detail_view = QTextBrowser()
        self.step_edit = QPlainTextEdit()
        self.step_edit.setPlaceholderText(self.tr("处理情况:做了什么、结果如何"))
        self.step_edit.setFixedHeight(60)
        self.step_button = QPushButton(self.tr("记录处理情况"))
        self.step_button.clicked.connect(self.add_step)
        self.conclusion_edit = QPlainTextEdit()
        self.conclusion_edit.setPlaceholderText(self.tr("结论:是否造成泄露、原因、整改措施"))
        self.conclusion_edit.setFixedHeight(60)
        self.close_button = QPushButton(self.tr("结案"))
        self.close_button.clicked.connect(self.close_incident)
        self.handling = QGroupBox(self.tr("处理"))
        handling = QVBoxLayout(self.handling)
        step_row = QHBoxLayout()
        step_row.addWidget(self.step_edit, 1)
        step_row.addWidget(self.step_button)
        close_row = QHBoxLayout()
        close_row.addWidget(self.conclusion_edit, 1)
        close_row.addWidget(self.close_button)
        handling.addLayout(step_row)
        handling.addLayout(close_row)
        self.handling.setVisible(False)

        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addWidget(self.detail_view, 1)
        right_column.addWidget(self.handling)
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(self.empty_label)
        left_column.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(splitter, 1)

    # --- loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        state = self.state_combo.currentData() or None
        archive, actor = self._ctx.archive, self._ctx.actor
        try:
            with busy_cursor():
                self._lines = incidents.incidents(archive, actor, state=state)
                waiting = incidents.incident_count(archive, actor)
        except Exception as exc:
            show_error(self, exc)
            return
        if actor.may(Action.INCIDENT_HANDLE):
            self.title_label.setText(
                self.tr("泄露事件:{n} 件处理中").format(n=waiting)
                if waiting
                else self.tr("泄露事件")
            )
        else:
            self.title_label.setText(self.tr("我报告的泄露事件"))
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._lines))
        for row, line in enumerate(self._lines):
            values = (
                line.serial + (self.tr(" (新)") if line.unseen else ""),
                label_text(line.state_label),
                line.reporter_name,
                local_time(line.reported_at),
                local_time(line.discovered_at),
                line.summary,
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if line.unseen:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self.empty_label.setVisible(not self._lines)
        self._show(None)

    def select(self, serial: str) -> None:
        """Select a report by its number and show it (tests, and the banner's link)."""
        for row, line in enumerate(self._lines):
            if line.serial == serial:
                self.table.selectRow(row)
                return

    def _open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self._show(None)
            return
        line = self._lines[rows[0].row()]
        try:
            with busy_cursor():
                detail = incidents.open_incident(self._ctx.archive, self._ctx.actor, line.id)
        except Exception as exc:
            show_error(self, exc)
            return
        self._show(detail)

    def _show(self, detail: IncidentDetail | None) -> None:
        self._detail = detail
        self.handling.setVisible(detail is not None and detail.can_handle)
        if detail is None:
            self.detail_view.setHtml(self.tr("<p style='color:#555'>选择左侧的事件查看详情。</p>"))
            return
        line = detail.line
        parts = [
            f"<h3>{line.serial}　{label_text(line.state_label)}</h3>",
            self.tr(
                "<p><b>报告人:</b>{who}　<b>报告时间:</b>{at}<br/><b>发现时间:</b>{found}</p>"
            ).format(
                who=line.reporter_name,
                at=local_time(line.reported_at),
                found=local_time(line.discovered_at),
            ),
            self.tr("<p><b>发生了什么</b><br/>{text}</p>").format(text=_html(detail.description)),
            self.tr("<p><b>泄露途径</b><br/>{text}</p>").format(text=_html(detail.channel)),
            self.tr("<p><b>所涉档案</b><br/>{text}</p>").format(text=_html(line.archive_nos)),
            self.tr("<p><b>已采取的补救措施</b><br/>{text}</p>").format(
                text=_html(detail.measures)
            ),
            self.tr("<p><b>处理情况</b></p>"),
        ]
        if detail.steps:
            parts.append("<ol>")
            for step in detail.steps:
                parts.append(
                    f"<li>{local_time(step.recorded_at)} {_html(step.author_name)}:"
                    f"{_html(step.text)}</li>"
                )
            parts.append("</ol>")
        else:
            parts.append(self.tr("<p style='color:#555'>尚无处理记录。</p>"))
        if not detail.is_open:
            parts.append(
                self.tr("<p><b>结论</b>({who},{at})<br/>{text}</p>").format(
                    who=detail.closed_by_name,
                    at=local_time(detail.closed_at),
                    text=_html(detail.conclusion),
                )
            )
        self.detail_view.setHtml("".join(parts))

    # --- actions -----------------------------------------------------------------------------------

    def report(self) -> None:
        dialog = IncidentReportDialog(self._ctx.archive, self._ctx.actor, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def add_step(self) -> None:
        if self._detail is None:
            return
        try:
            with busy_cursor():
                detail = incidents.add_step(
                    self._ctx.archive,
                    self._ctx.actor,
                    self._detail.line.id,
                    self.step_edit.toPlainText(),
                )
        except Exception as exc:
            show_error(self, exc)
            return
        self.step_edit.clear()
        self._show(detail)

    def close_incident(self) -> None:
        if self._detail is None:
            return
        serial = self._detail.line.serial
        if not confirm(
            self, self.tr("事件 {serial} 结案后不能再记录处理情况。确认结案?").format(serial=serial)
        ):
            return
        try:
            with busy_cursor():
                incidents.close(
                    self._ctx.archive,
                    self._ctx.actor,
                    self._detail.line.id,
                    self.conclusion_edit.toPlainText(),
                )
        except Exception as exc:
            show_error(self, exc)
            return
        self.conclusion_edit.clear()
        self.refresh()
