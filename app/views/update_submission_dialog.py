"""提交信息更新: staff report new customer information to the customer's own manager (article 9).

The person at the counter learns that a customer's phone or address changed
but may not see the record: they pick the items concerned from the
customer's form (``update_submission.fields_for``, labels and types only,
never the current values), type the new values, say how they learned it, add
the proof, and submit. The manager decides; an accepted submission becomes
the manager's modification request for the director.

Each value is checked by the workflow against the template; a value it
refuses is shown on its own row, so the person corrects that row and submits
again without retyping the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import CustodianRequired, FormRejected
from app.views import copy_guard
from app.views.attachment_viewer_dialog import AttachmentPicker
from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.labels import label_text
from app.views.messages import show_error, show_info
from app.views.request_view_dialog import ApprovalNews, ask_custodian
from app.workflows import update_submission
from app.workflows.auth import Actor
from app.workflows.customers import CatalogueLine
from app.workflows.modification import RequestRef
from app.workflows.update_submission import FieldChoice

ERROR_STYLE = "color: #b00020;"
ERROR_COLOUR = QColor("#b00020")
HINT_COLOUR = QColor("#666666")
ITEM, VALUE, NOTE = 0, 1, 2


@dataclass
class _Row:
    combo: QComboBox
    editor: QWidget
    field: FieldChoice | None = None


class UpdateSubmissionDialog(QDialog):
    """One submission for the catalogue line ``line``; ``submitted`` is set once it went."""

    def __init__(
        self,
        ctx: SessionContext,
        line: CatalogueLine,
        fields: list[FieldChoice],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        copy_guard.mark_content(self)  # customer content: no copying out (art. 17.1)
        self._ctx = ctx
        self._line = line
        self._fields = fields
        self._rows: list[_Row] = []
        #: the request made (None until submitted)
        self.submitted: RequestRef | None = None
        self.setModal(True)
        self.setWindowTitle(self.tr("提交信息更新 {no}").format(no=line.archive_no))

        who = QLabel(
            self.tr(
                "档案 {no}({category} · {subtype}),管户客户经理 {manager}。"
                "申请提交该客户经理受理;受理后转为档案修改申请,经主任签署后生效。"
            ).format(
                no=line.archive_no,
                category=label_text(line.category_label),
                subtype=label_text(line.subtype_label),
                manager=line.manager_name,
            )
        )
        who.setWordWrap(True)
        hint = QLabel(self.tr("您看不到档案的现有内容,只需填写需要更新的项目和新内容。"))
        hint.setStyleSheet("color: #555;")

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("项目 *"), self.tr("新内容 *"), self.tr("提示")]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ITEM, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(VALUE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(ITEM, 170)
        header.resizeSection(VALUE, 240)
        self.add_button = QPushButton(self.tr("添加一项(&D)"))
        self.remove_button = QPushButton(self.tr("删除此项"))
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.rows_error = QLabel()
        self.rows_error.setStyleSheet(ERROR_STYLE)
        self.rows_error.setWordWrap(True)
        self.rows_error.hide()
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.add_button)
        row_buttons.addWidget(self.remove_button)
        row_buttons.addStretch(1)
        items_box = QGroupBox(self.tr("需要更新的信息"))
        items_layout = QVBoxLayout(items_box)
        items_layout.addWidget(self.table, 1)
        items_layout.addWidget(self.rows_error)
        items_layout.addLayout(row_buttons)

        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(64)
        self.note_edit.setPlaceholderText(
            self.tr("信息变更的情况和来源,例如:客户来柜面告知新的手机号码。")
        )
        self.note_edit.textChanged.connect(self._note_changed)
        self.note_error = QLabel()
        self.note_error.setStyleSheet(ERROR_STYLE)
        self.note_error.hide()
        note_box = QWidget()
        note_column = QVBoxLayout(note_box)
        note_column.setContentsMargins(0, 0, 0, 0)
        note_column.setSpacing(2)
        note_column.addWidget(self.note_edit)
        note_column.addWidget(self.note_error)
        self.attachments = AttachmentPicker()
        self.attachments.list.setFixedHeight(60)
        form = QFormLayout()
        note_label = QLabel(self.tr("说明 *"))
        note_label.setBuddy(self.note_edit)
        form.addRow(note_label, note_box)
        form.addRow(self.tr("附件"), self.attachments)

        self.submit_button = QPushButton(self.tr("提交"))
        self.cancel_button = QPushButton(self.tr("取消"))
        self.submit_button.setAutoDefault(False)
        self.cancel_button.setAutoDefault(False)
        self.submit_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addWidget(hint)
        layout.addWidget(items_box, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.resize(780, 580)
        self.add_row()
        self._chain_tab_order()

    # --- rows ----------------------------------------------------------------------------------

    def add_row(self) -> None:
        combo = QComboBox()
        combo.setPlaceholderText(self.tr("请选择项目"))
        for choice in self._fields:
            combo.addItem(choice.label, choice.key)
        combo.setCurrentIndex(-1)
        row = _Row(combo, self._editor(None))
        self._rows.append(row)
        index = self.table.rowCount()
        self.table.insertRow(index)
        self.table.setCellWidget(index, ITEM, combo)
        self.table.setCellWidget(index, VALUE, row.editor)
        self.table.setItem(index, NOTE, QTableWidgetItem(""))
        combo.currentIndexChanged.connect(lambda _i, r=row: self._item_chosen(r))
        self.table.selectRow(index)
        self._chain_tab_order()
        combo.setFocus()

    def remove_row(self) -> None:
        index = self.table.currentRow()
        if not 0 <= index < len(self._rows):
            return
        del self._rows[index]
        self.table.removeRow(index)
        if not self._rows:
            self.add_row()
        self._chain_tab_order()

    def _editor(self, choice: FieldChoice | None) -> QWidget:
        if choice is not None and choice.type in ("choice", "bool"):
            combo = QComboBox()
            combo.setPlaceholderText(self.tr("请选择"))
            if choice.type == "choice":
                for option in choice.options:
                    combo.addItem(option, option)
            else:  # the workflow reads 是/否 whatever the language shown
                combo.addItem(self.tr("是"), "是")
                combo.addItem(self.tr("否"), "否")
            combo.setCurrentIndex(-1)
            combo.currentIndexChanged.connect(lambda _i: self._clear_problem(combo))
            widget: QWidget = combo
        else:
            edit = QLineEdit()
            if choice is not None and choice.type == "date":
                edit.setPlaceholderText(self.tr("例:2024-01-05"))
            elif choice is not None and choice.type == "multichoice":
                edit.setPlaceholderText(
                    self.tr("可填多项,以“、”分隔:{options}").format(
                        options="、".join(choice.options)
                    )
                )
            elif choice is None:
                edit.setEnabled(False)
                edit.setPlaceholderText(self.tr("先选择项目"))
            edit.textEdited.connect(lambda _t: self._clear_problem(edit))
            widget = edit
        if choice is not None and choice.help:
            widget.setToolTip(choice.help)
        return widget

    def _item_chosen(self, row: _Row) -> None:
        index = self._rows.index(row)
        key = row.combo.currentData() if row.combo.currentIndex() >= 0 else ""
        row.field = next((f for f in self._fields if f.key == key), None)
        row.editor.hide()  # the table deletes it later; until then it must not show
        row.editor = self._editor(row.field)
        self.table.setCellWidget(index, VALUE, row.editor)
        self._set_note(index, row.field.help if row.field else "", problem=False)
        self._chain_tab_order()
        row.editor.setFocus()

    def _chain_tab_order(self) -> None:
        chain: list[QWidget] = []
        for row in self._rows:
            chain += [row.combo, row.editor]
        chain += [
            self.add_button,
            self.remove_button,
            self.note_edit,
            self.attachments.list,
            self.attachments.add_button,
            self.attachments.remove_button,
            self.submit_button,
            self.cancel_button,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # --- values and problems -----------------------------------------------------------------------

    @staticmethod
    def _value(editor: QWidget) -> str:
        if isinstance(editor, QComboBox):
            return str(editor.currentData()) if editor.currentIndex() >= 0 else ""
        if isinstance(editor, QLineEdit):
            return editor.text().strip()
        return ""

    def row_problem(self, index: int) -> str:
        """The problem shown on row ``index`` ("" when none)."""
        item = self.table.item(index, NOTE)
        return item.text() if item is not None and item.data(Qt.ItemDataRole.UserRole) else ""

    def _set_note(self, index: int, text: str, *, problem: bool) -> None:
        item = QTableWidgetItem(text)
        item.setForeground(QBrush(ERROR_COLOUR if problem else HINT_COLOUR))
        item.setData(Qt.ItemDataRole.UserRole, problem)
        item.setToolTip(text)
        self.table.setItem(index, NOTE, item)

    def _clear_problem(self, editor: QWidget) -> None:
        for index, row in enumerate(self._rows):
            if row.editor is editor and self.row_problem(index):
                self._set_note(index, row.field.help if row.field else "", problem=False)

    def _note_changed(self) -> None:
        if self.note_edit.toPlainText().strip():
            self.note_error.hide()

    def values(self) -> dict[str, str] | None:
        """{item key: new value} from the rows; None (with the problems shown) when unusable."""
        values: dict[str, str] = {}
        first_row: dict[str, int] = {}
        ok = True
        for index, row in enumerate(self._rows):
            if row.field is None:
                if self._value(row.editor):
                    self._set_note(index, self.tr("请选择项目。"), problem=True)
                    ok = False
                continue
            key = row.field.key
            if key in first_row:
                self._set_note(
                    index,
                    self.tr("此项已在第 {n} 行填写。").format(n=first_row[key] + 1),
                    problem=True,
                )
                ok = False
                continue
            first_row[key] = index
            values[key] = self._value(row.editor)
        return values if ok else None

    def show_problems(self, problems: list[object]) -> None:
        """The workflow's problems, each at the row of its item."""
        keys = [row.field.key if row.field else None for row in self._rows]
        elsewhere = []
        for problem in problems:
            key = getattr(problem, "key", None)
            message = str(getattr(problem, "message", problem))
            if key in keys:
                self._set_note(keys.index(key), message, problem=True)
            else:
                elsewhere.append(message)
        self.rows_error.setText(
            self.tr("有 {n} 处需要更正,未提交。").format(n=len(problems))
            + (" " + " ".join(elsewhere) if elsewhere else "")
        )
        self.rows_error.show()

    # --- submitting ------------------------------------------------------------------------------

    def submit(self) -> bool:
        self.rows_error.hide()
        self.note_error.hide()
        values = self.values()
        if values is None:
            return False
        note = self.note_edit.toPlainText().strip()
        missing = False
        if not values:
            self.rows_error.setText(self.tr("请至少选择一项需要更新的信息并填写新内容。"))
            self.rows_error.show()
            missing = True
        if not note:
            self.note_error.setText(self.tr("请说明信息变更的情况和来源。"))
            self.note_error.show()
            missing = True
        if missing:
            return False
        files = self.attachments.files
        custodian: Actor | None = None
        while True:
            try:
                with busy_cursor():
                    ref = update_submission.submit(
                        self._ctx.archive,
                        self._ctx.actor,
                        self._line.id,
                        values,
                        note=note,
                        files=files,
                        custodian=custodian,
                    )
                break
            except CustodianRequired as exc:
                # a 机密/绝密 customer: the proposed values are kept in the vault (article 16)
                if custodian is not None:
                    show_error(self, exc, self.tr("未提交"))
                    return False
                custodian = ask_custodian(
                    self._ctx,
                    self.tr(
                        "此客户为“机密”“绝密”档案,所报信息须存入保密库,须由保密专管员本人到场。"
                    ),
                    self,
                )
                if custodian is None:
                    return False
            except FormRejected as exc:
                self.show_problems(list(exc.problems))
                return False
            except Exception as exc:
                show_error(self, exc, self.tr("未提交"))
                return False
        self.submitted = ref
        self.attachments.clear_files()
        ApprovalNews.of(self._ctx).changed.emit()
        show_info(
            self,
            self.tr("信息更新申请 {serial} 已提交,由管户客户经理 {manager} 受理。").format(
                serial=ref.serial, manager=self._line.manager_name
            ),
            self.tr("已提交"),
        )
        self.accept()
        return True


def open_update_submission(
    ctx: SessionContext, line: CatalogueLine, parent: QWidget | None = None
) -> RequestRef | None:
    """Ask which items this customer's form has, then let the person fill in and submit."""
    try:
        with busy_cursor():
            fields = update_submission.fields_for(ctx.archive, ctx.actor, line.id)
    except Exception as exc:
        show_error(parent, exc)
        return None
    dialog = UpdateSubmissionDialog(ctx, line, fields, parent)
    dialog.exec()
    submitted = dialog.submitted
    dialog.deleteLater()
    return submitted
