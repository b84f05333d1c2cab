"""对外提供登记 (article 17.3): every application, its approvals and the file produced.

新申请… opens the application form; 查看申请… opens the generic request page
(where the managers and the director sign); 生成交付文件… is for the
requester of an approved application: it asks where to save the file, has
the workflow write it (the custodian is fetched in person when a customer is
secret-tier), then shows it in the print preview. Printing or saving another
copy from the preview is recorded too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.security.permissions import Action
from app.views.context import SessionContext
from app.views.external_provision_dialog import ExternalProvisionDialog
from app.views.labels import label_text, local_time
from app.views.list_table_model import ListTableModel
from app.views.messages import show_error, show_info
from app.views.pdf_preview_dialog import PdfPreviewDialog
from app.views.request_view_dialog import ApprovalNews, open_request_dialog, with_custodian
from app.workflows import external_provision as external
from app.workflows.external_provision import Produced, RegisterLine

_Index = QModelIndex | QPersistentModelIndex


class ExternalRegisterModel(ListTableModel[RegisterLine]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines: list[RegisterLine] = []
        self._headers = [
            self.tr("编号"),
            self.tr("状态"),
            self.tr("接收方"),
            self.tr("用途"),
            self.tr("客户(档案编号)"),
            self.tr("提供项目"),
            self.tr("交付方式"),
            self.tr("申请人"),
            self.tr("审批"),
            self.tr("生成"),
            self.tr("文件校验值(SHA-256)"),
        ]

    def row_of(self, request_id: int) -> int:
        return next((i for i, x in enumerate(self._lines) if x.request_id == request_id), -1)

    def text(self, line: RegisterLine, column: int) -> str:
        app = line.application
        recipient = app.recipient_org + (
            f"({app.recipient_person})" if app.recipient_person else ""
        )
        approvals = ";".join(
            f"{label_text(a.step_label)} {a.signer_name} {local_time(a.signed_at)}"
            for a in line.approvals
        )
        produced = (
            self.tr("{who} {when}({pages} 页)").format(
                who=line.produced_by, when=local_time(line.produced_at), pages=line.pages
            )
            if line.produced
            else (self.tr("待生成") if line.state == "approved" else "")
        )
        values = (
            line.serial,
            label_text(line.state_label),
            recipient,
            app.purpose,
            "、".join(app.archive_numbers),
            "、".join(f.label for f in app.fields),
            label_text(app.delivery_label),
            line.requester_name,
            approvals,
            produced,
            line.sha256,
        )
        return values[column] if 0 <= column < len(values) else ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self.line(index.row()) if index.isValid() else None
        if line is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(line, index.column())
        return None


class ExternalRegisterPage(QWidget):
    """The 对外提供登记 tab of the registers page."""

    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        #: the print preview while it is open (tests look at it)
        self.preview: PdfPreviewDialog | None = None
        self.model = ExternalRegisterModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.activated.connect(lambda _index: self.open_selected())

        self.new_button = QPushButton(self.tr("新申请…"))
        self.open_button = QPushButton(self.tr("查看申请…"))
        self.produce_button = QPushButton(self.tr("生成交付文件…"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.new_button.setVisible(ctx.actor.may(Action.EXTERNAL_REQUEST))
        self.new_button.clicked.connect(self.new_application)
        self.open_button.clicked.connect(self.open_selected)
        self.produce_button.clicked.connect(self.produce_selected)
        self.refresh_button.clicked.connect(self.refresh)
        self.hint = QLabel(
            self.tr(
                "对外提供客户信息须事先经客户经理、主任批准(制度第17条)。"
                "批准后由申请人生成交付文件,每份申请只生成一次,文件的校验值记入本登记。"
            )
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555555;")

        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.produce_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        ApprovalNews.of(ctx).changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        try:
            lines = external.register(self._ctx.archive, self._ctx.actor)
        except AppError as exc:
            show_error(self, exc)
            return
        chosen = self.selected()
        self.model.set_lines(lines)
        self.table.resizeColumnsToContents()
        for column in (2, 3, 4, 5, 8):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 240))
        if chosen is not None:
            self.select(chosen.request_id)
        self._update_buttons()

    def selected(self) -> RegisterLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.line(rows[0].row()) if rows else None

    def select(self, request_id: int) -> None:
        row = self.model.row_of(request_id)
        if row >= 0:
            self.table.selectRow(row)

    def _update_buttons(self) -> None:
        line = self.selected()
        self.open_button.setEnabled(line is not None)
        self.produce_button.setEnabled(line is not None and line.can_produce)

    def new_application(self) -> None:
        dialog = ExternalProvisionDialog(self._ctx, self)
        accepted = dialog.exec() == ExternalProvisionDialog.DialogCode.Accepted
        ref = dialog.result_ref
        dialog.deleteLater()
        if accepted and ref is not None:
            show_info(
                self,
                self.tr("对外提供申请 {serial} 已提交,等待客户经理、主任审批。").format(
                    serial=ref.serial
                ),
            )
            ApprovalNews.of(self._ctx).changed.emit()
            self.refresh()
            self.select(ref.id)

    def open_selected(self) -> None:
        line = self.selected()
        if line is None:
            return
        if open_request_dialog(self._ctx, line.request_id, parent=self):
            ApprovalNews.of(self._ctx).changed.emit()
            self.refresh()

    def produce_selected(self) -> None:
        line = self.selected()
        if line is None or not line.can_produce:
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("保存交付文件"),
            f"{line.serial}-对外提供.pdf",
            self.tr("PDF 文件 (*.pdf)"),
        )
        if name:
            self.produce_to(line, Path(name))

    def produce_to(self, line: RegisterLine, path: Path) -> Produced | None:
        """Have the workflow write the file to ``path``, then show it in the preview."""
        ctx = self._ctx
        done = with_custodian(
            ctx,
            lambda holder: external.produce(
                ctx.archive, ctx.actor, line.request_id, path, custodian=holder
            ),
            None,
            self,
        )
        self.refresh()
        if done is None:
            return None
        produced = done[0]
        ApprovalNews.of(ctx).changed.emit()
        show_info(
            self,
            self.tr(
                "交付文件已生成并记入对外提供登记:\n{path}\n共 {pages} 页,SHA-256:{digest}"
            ).format(path=str(produced.path), pages=produced.pages, digest=produced.sha256),
        )
        preview = PdfPreviewDialog(
            produced.data,
            self.tr("对外提供 {serial}").format(serial=produced.serial),
            produced.path.name,
            on_print=lambda: external.record_output(
                ctx.archive, ctx.actor, line.request_id, "print"
            ),
            on_save=lambda _path: external.record_output(
                ctx.archive, ctx.actor, line.request_id, "save"
            ),
            parent=self,
        )
        self.preview = preview
        preview.exec()
        preview.deleteLater()
        self.preview = None
        return produced
