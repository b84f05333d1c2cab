"""The create / complete-a-draft form, generated from the union's classification template.

A new archive starts with its category and sub-type (article 3); the form
then lays out that kind's sections in the template's order: each field as the
widget its type calls for, each repeatable group as an editable table. Values
are checked as they are typed (the template's validators, messages at the
field), computed totals follow the tables live, and a bar shows completeness
against the required items (article 5). The rules themselves (who may save,
what blocks saving, duplicates, the vault) are the workflow's; this dialog
shows what it says, each problem at its field.

A filed archive is not saved from here: in modification mode (article 10) the
same form, filled with the filed record, gathers the manager's change, a note
saying why and the supporting files, and submits them as a request for the
director to sign (``modification.propose``). The record itself changes only
when the director approves.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from itertools import pairwise
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import settings as app_settings
from app.errors import CustodianRequired, DuplicateCustomer, FormRejected, NothingChanged
from app.security.roles import Role
from app.template import current_template
from app.template import validation as tv
from app.template.model import FieldDef, GroupDef, Template
from app.views import copy_guard
from app.views.attachment_viewer_dialog import AttachmentPicker
from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.in_person_auth_dialog import InPersonAuthDialog
from app.views.labels import label_text
from app.views.messages import confirm, show_error, show_info
from app.workflows import customers, modification
from app.workflows.auth import Actor
from app.workflows.customers import CustomerContent, CustomerRef
from app.workflows.modification import RequestRef

GEOMETRY_FILE = "window.ini"
GEOMETRY_KEY = "customerForm/geometry"
ERROR_STYLE = "color: #b00020; font-size: 11px;"
ERROR_BRUSH = QBrush(QColor("#fde2e4"))
PRESET_BRUSH = QBrush(QColor("#f0f0f0"))
SECRET_TIERS = ("机密", "绝密")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_NUMBER_TYPES = ("integer", "decimal", "money")
#: the data of a combo's "(未填)" entry. Never None: PySide6 6.12 drops a reference to
#: None each time an item's None data is read back (currentData), which in the end
#: crashes the interpreter.
UNSET = ""

_Index = QModelIndex | QPersistentModelIndex


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        return "、".join(_text(v) for v in value)
    return str(value)


def _blank(value: object) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


# --- one field ----------------------------------------------------------------------------------


class FieldEditor:
    """The widget for one FieldDef, its label and the message line under it."""

    def __init__(self, field: FieldDef, on_change: Callable[[], None], parent: QWidget) -> None:
        self.field = field
        self._on_change = on_change
        self.container = QWidget(parent)
        layout = QVBoxLayout(self.container)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        mark = " *" if field.required and not field.computed else ""
        self.label = QLabel(field.label + mark)
        self.label.setObjectName(f"label_{field.key}")
        if field.help:
            self.label.setToolTip(field.help)
        self.checkboxes: list[QCheckBox] = []
        self.widget = self._make()
        self.widget.setObjectName(f"field_{field.key}")
        if field.help:
            self.widget.setToolTip(field.help)
        self.label.setBuddy(self.widget)
        self.error_label = QLabel()
        self.error_label.setObjectName(f"error_{field.key}")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self._shown = ""
        layout.addWidget(self.widget)
        layout.addWidget(self.error_label)

    def _make(self) -> QWidget:
        field = self.field
        if field.computed:
            edit = QLineEdit()
            edit.setReadOnly(True)
            edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            edit.setAlignment(_RIGHT)
            edit.setStyleSheet("background: #f0f0f0;")
            edit.setPlaceholderText(QCoreApplication.translate("CustomerFormDialog", "自动计算"))
            return edit
        if field.type == "multiline":
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.setFixedHeight(58)
            text.textChanged.connect(self._on_change)
            return text
        if field.type == "choice":
            combo = QComboBox()
            combo.addItem(QCoreApplication.translate("CustomerFormDialog", "(未填)"), UNSET)
            for option in field.options:
                combo.addItem(option, option)
            combo.currentIndexChanged.connect(lambda _i: self._on_change())
            return combo
        if field.type == "bool":
            combo = QComboBox()
            combo.addItem(QCoreApplication.translate("CustomerFormDialog", "(未填)"), UNSET)
            combo.addItem(QCoreApplication.translate("CustomerFormDialog", "是"), True)
            combo.addItem(QCoreApplication.translate("CustomerFormDialog", "否"), False)
            combo.currentIndexChanged.connect(lambda _i: self._on_change())
            return combo
        if field.type == "multichoice":
            box = QWidget()
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            for option in field.options:
                check = QCheckBox(option)
                check.toggled.connect(lambda _on: self._on_change())
                row.addWidget(check)
                self.checkboxes.append(check)
            row.addStretch(1)
            return box
        edit = QLineEdit()
        if field.type in _NUMBER_TYPES:
            edit.setAlignment(_RIGHT)
        if field.type == "date":
            edit.setPlaceholderText("例:2024-01-05")
            edit.setMaxLength(20)
        elif field.max_length:
            edit.setMaxLength(field.max_length)
        edit.textChanged.connect(lambda _t: self._on_change())
        return edit

    def value(self) -> object:
        widget = self.widget
        if isinstance(widget, QComboBox):
            data = widget.currentData()
            return None if data == UNSET else data
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText().strip() or None
        if isinstance(widget, QLineEdit):
            return widget.text().strip() or None
        if self.checkboxes:
            chosen = [c.text() for c in self.checkboxes if c.isChecked()]
            return chosen or None
        return None

    def set_value(self, value: object) -> None:
        widget = self.widget
        if isinstance(widget, QComboBox):
            if self.field.type == "bool":
                normal = tv.normalize(self.field, value)
                index = widget.findData(normal) if isinstance(normal, bool) else 0
            else:
                normal = tv.normalize(self.field, value)
                index = widget.findData(normal) if normal is not None else 0
                if index < 0 and normal is not None:
                    widget.addItem(str(normal), normal)  # a value an older template offered
                    index = widget.count() - 1
            widget.setCurrentIndex(max(index, 0))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(_text(value))
        elif isinstance(widget, QLineEdit):
            widget.setText(_text(value))
            widget.setCursorPosition(0)
        elif self.checkboxes:
            chosen = value if isinstance(value, list) else []
            for check in self.checkboxes:
                check.setChecked(check.text() in chosen)

    def show_error(self, message: str | None) -> None:
        message = message or ""
        if message == self._shown:
            return  # as few widget calls per keystroke as possible (see UNSET)
        self._shown = message
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    @property
    def error(self) -> str:
        return self._shown


# --- one repeatable group -----------------------------------------------------------------------------


class _ChoiceDelegate(QStyledItemDelegate):
    """A drop-down editor for the table's choice columns."""

    def __init__(self, options: dict[int, tuple[str, ...]], parent: QWidget) -> None:
        super().__init__(parent)
        self._options = options

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        choices = self._options.get(index.column())
        if choices is None:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.addItem("")
        combo.addItems(list(choices))
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            text = index.data(Qt.ItemDataRole.EditRole) or ""
            found = editor.findText(str(text))
            editor.setCurrentIndex(max(found, 0))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class GroupEditor:
    """An editable table for one GroupDef, with 添加行 / 删除行 and a message line."""

    def __init__(self, group: GroupDef, on_change: Callable[[], None], parent: QWidget) -> None:
        self.group = group
        self._on_change = on_change
        self._filling = False
        self.container = QWidget(parent)
        self.container.setObjectName(f"group_{group.key}")
        layout = QVBoxLayout(self.container)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(2)
        mark = " *" if group.required else ""
        self.label = QLabel(group.label + mark)
        self.label.setStyleSheet("font-weight: bold;")
        if group.help:
            self.label.setToolTip(group.help)

        columns = group.columns
        self.table = QTableWidget(0, len(columns))
        self.table.setObjectName(f"table_{group.key}")
        self.table.setHorizontalHeaderLabels(
            [c.label + (" *" if c.required else "") for c in columns]
        )
        for i, column in enumerate(columns):
            item = self.table.horizontalHeaderItem(i)
            if item is not None and column.help:
                item.setToolTip(column.help)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, as in the rest of the form
        if group.help:
            self.table.setToolTip(group.help)
        options = {i: c.options for i, c in enumerate(columns) if c.type == "choice"}
        self.table.setItemDelegate(_ChoiceDelegate(options, self.table))
        self.table.itemChanged.connect(self._item_changed)

        self.add_button = QPushButton(QCoreApplication.translate("CustomerFormDialog", "添加行"))
        self.remove_button = QPushButton(QCoreApplication.translate("CustomerFormDialog", "删除行"))
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self._shown = ""
        #: the cells now marked as wrong, (row, column) -> message
        self._marks: dict[tuple[int, int], str] = {}

        buttons = QHBoxLayout()
        buttons.addWidget(self.label)
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        layout.addWidget(self.error_label)
        self.set_rows([])

    # rows ---------------------------------------------------------------------------------------

    def _preset_count(self) -> int:
        return len(self.group.preset_rows)

    def _new_item(self, text: str, column: int, *, preset: bool = False) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        if self.group.columns[column].type in _NUMBER_TYPES:
            item.setTextAlignment(_RIGHT)
        if preset:
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setBackground(PRESET_BRUSH)
        return item

    def _append(self, values: dict[str, object], *, preset: bool = False) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, field in enumerate(self.group.columns):
            self.table.setItem(
                row,
                column,
                self._new_item(_text(values.get(field.key)), column, preset=preset and column == 0),
            )

    def _fit_height(self) -> None:
        rows = max(self.table.rowCount(), 2)
        header = self.table.horizontalHeader().height() or 26
        self.table.setFixedHeight(min(header + rows * 24 + 6, 300))

    def set_rows(self, rows: list[dict[str, object]]) -> None:
        self._filling = True
        self._marks = {}
        try:
            self.table.setRowCount(0)
            first = self.group.columns[0].key
            remaining = [dict(r) for r in rows if isinstance(r, dict)]
            for kind in self.group.preset_rows:
                match = next((r for r in remaining if _text(r.get(first)) == kind), None)
                if match is not None:
                    remaining.remove(match)
                self._append({**(match or {}), first: kind}, preset=True)
            for row in remaining:
                self._append(row)
        finally:
            self._filling = False
        self._fit_height()

    def rows(self) -> list[dict[str, object]]:
        result: list[dict[str, object]] = []
        for row in range(self.table.rowCount()):
            values: dict[str, object] = {}
            for column, field in enumerate(self.group.columns):
                item = self.table.item(row, column)
                text = item.text().strip() if item is not None else ""
                values[field.key] = text or None
            result.append(values)
        return result

    def add_row(self) -> None:
        if self.table.rowCount() >= self.group.max_rows:
            self.show_error(
                QCoreApplication.translate("CustomerFormDialog", "“{label}”最多 {n} 行。").format(
                    label=self.group.label, n=self.group.max_rows
                )
            )
            return
        self._filling = True
        try:
            self._append({})
        finally:
            self._filling = False
        self._fit_height()
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, 0)
        self.table.setFocus()
        self._on_change()

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        if row < self._preset_count():
            # a preset kind stays; its values are cleared
            self._filling = True
            try:
                for column in range(1, self.table.columnCount()):
                    item = self.table.item(row, column)
                    if item is not None:
                        item.setText("")
            finally:
                self._filling = False
        else:
            self.mark_cells({})  # the rows below move up: clear the marks, re-check after
            self.table.removeRow(row)
            self._fit_height()
        self._on_change()

    def _item_changed(self, _item: QTableWidgetItem) -> None:
        if not self._filling:
            self._on_change()

    # messages -------------------------------------------------------------------------------------

    def show_error(self, message: str | None) -> None:
        message = message or ""
        if message == self._shown:
            return
        self._shown = message
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def mark_cells(self, problems: dict[tuple[int, int], str]) -> None:
        """Colour the cells with problems (row, column index) and give them the message as tip.

        Only cells whose mark changes are touched (the form re-checks at every keystroke).
        """
        changed = set(problems) | set(self._marks)
        self._filling = True
        try:
            for row, column in changed:
                message = problems.get((row, column), "")
                if self._marks.get((row, column), "") == message:
                    continue
                item = self.table.item(row, column)
                if item is None:
                    continue
                preset = row < self._preset_count() and column == 0
                if message:
                    item.setBackground(ERROR_BRUSH)
                else:
                    item.setBackground(PRESET_BRUSH if preset else QBrush())
                item.setToolTip(message)
        finally:
            self._filling = False
        self._marks = dict(problems)

    def column_index(self, key: str | None) -> int:
        for i, column in enumerate(self.group.columns):
            if column.key == key:
                return i
        return -1


# --- the dialog -------------------------------------------------------------------------------------


class CustomerFormDialog(QDialog):
    """New archive (``content`` None), a draft of one's own (``content`` as opened), or, with
    ``modification``, a change of one's own filed archive proposed for the director's approval."""

    def __init__(
        self,
        ctx: SessionContext,
        parent: QWidget | None = None,
        *,
        content: CustomerContent | None = None,
        custodian: Actor | None = None,
        modification: bool = False,
    ) -> None:
        super().__init__(parent)
        copy_guard.mark_content(self)  # customer content: no copying out (art. 17.1)
        self._ctx = ctx
        self._template: Template = current_template()
        self._content = content
        self._custodian = custodian
        self._customer_id: int | None = content.id if content is not None else None
        self._dirty = False
        self._building = False
        self.fields: dict[str, FieldEditor] = {}
        self.groups: dict[str, GroupEditor] = {}
        self._sections: list[QGroupBox] = []
        #: what was saved last (None until the first save)
        self.saved: CustomerRef | None = None
        #: modification mode: the request submitted (None until submitted)
        self.proposed: RequestRef | None = None
        self._modification = modification and content is not None
        self.setModal(True)
        if content is None:
            self.setWindowTitle(self.tr("新建客户档案"))
        elif self._modification:
            self.setWindowTitle(self.tr("提出档案修改 {no}").format(no=content.archive_no))
        else:
            self.setWindowTitle(self.tr("修改档案草稿 {no}").format(no=content.archive_no))

        # the kind of archive: chosen once, for a new one
        self.category_combo = QComboBox()
        self.subtype_combo = QComboBox()
        for category in self._template.categories:
            self.category_combo.addItem(category.label, category.key)
        kind_row = QHBoxLayout()
        if content is None:
            kind_row.addWidget(QLabel(self.tr("客户类别 *")))
            kind_row.addWidget(self.category_combo)
            kind_row.addWidget(QLabel(self.tr("子类 *")))
            kind_row.addWidget(self.subtype_combo)
            self.archive_label = QLabel(self.tr("档案编号在保存时自动生成"))
        else:
            self.category_combo.setCurrentIndex(self.category_combo.findData(content.category))
            self.category_combo.setEnabled(False)
            self.subtype_combo.setEnabled(False)
            self.category_combo.hide()
            self.subtype_combo.hide()
            self.archive_label = QLabel(
                self.tr("档案编号 {no} · {category} · {subtype} · {status}").format(
                    no=content.archive_no,
                    category=content.category_label,
                    subtype=content.subtype_label,
                    status=label_text(content.status_label),
                )
            )
        self.archive_label.setStyleSheet("color: #555;")
        kind_row.addWidget(self.archive_label)
        kind_row.addStretch(1)
        self._fill_subtypes(content.subtype if content is not None else None)
        self.category_combo.currentIndexChanged.connect(self._category_changed)
        self.subtype_combo.currentIndexChanged.connect(self._subtype_changed)

        self.nav = QListWidget()
        self.nav.setFixedWidth(130)
        self.nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.nav.currentRowChanged.connect(self._go_to_section)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.scroll, 1)

        self.completeness_bar = QProgressBar()
        self.completeness_bar.setRange(0, 100)
        self.completeness_bar.setFormat(self.tr("完整度 %p%"))
        self.completeness_bar.setFixedWidth(220)
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color: #b00020;")
        self.status_label.setWordWrap(True)
        self.save_button = QPushButton(self.tr("保存草稿"))
        self.file_button = QPushButton(self.tr("保存并归档"))
        self.cancel_button = QPushButton(self.tr("取消"))
        self.file_button.setToolTip(self.tr("填写完整(完整度 100%)后归档,归档后的修改须经主任批准"))
        for button in (self.save_button, self.file_button, self.cancel_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.save_button.clicked.connect(lambda: self.save(file=False))
        self.file_button.clicked.connect(lambda: self.save(file=True))
        self.cancel_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.completeness_bar)
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.file_button)

        # modification mode: why, with what proof, and to whom it goes
        self.submit_button = QPushButton(self.tr("提交审批"))
        self.submit_button.setAutoDefault(False)
        self.submit_button.setToolTip(self.tr("提交主任签署;批准前档案保持原样(制度第10条)"))
        self.submit_button.clicked.connect(self.submit_modification)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("modificationNote")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(
            self.tr("写明修改的原因和依据,例如:客户来柜面告知新的手机号码,已核对身份证件。")
        )
        self.note_edit.textChanged.connect(self._changed)
        self.attachments = AttachmentPicker()
        self.attachments.changed.connect(self._changed)
        self.modification_box = QGroupBox(self.tr("修改说明和附件"))
        extra = QHBoxLayout(self.modification_box)
        note_column = QVBoxLayout()
        note_label = QLabel(self.tr("修改说明"))
        note_label.setBuddy(self.note_edit)
        note_column.addWidget(note_label)
        note_column.addWidget(self.note_edit, 1)
        attach_column = QVBoxLayout()
        attach_column.addWidget(QLabel(self.tr("附件(证明材料)")))
        attach_column.addWidget(self.attachments, 1)
        extra.addLayout(note_column, 3)
        extra.addLayout(attach_column, 2)
        self.modification_box.setFixedHeight(150)
        bottom.addWidget(self.submit_button)
        bottom.addWidget(self.cancel_button)
        self.modification_box.setVisible(self._modification)
        self.submit_button.setVisible(self._modification)
        self.save_button.setVisible(not self._modification)
        self.file_button.setVisible(not self._modification)

        layout = QVBoxLayout(self)
        layout.addLayout(kind_row)
        layout.addLayout(body, 1)
        layout.addWidget(self.modification_box)
        layout.addLayout(bottom)

        self._build(content.data if content is not None else None)
        self._restore_geometry()

    # --- building the form ------------------------------------------------------------------------

    @property
    def category(self) -> str:
        return str(self.category_combo.currentData())

    @property
    def subtype(self) -> str:
        return str(self.subtype_combo.currentData())

    def _fill_subtypes(self, selected: str | None) -> None:
        self.subtype_combo.blockSignals(True)
        self.subtype_combo.clear()
        for subtype in self._template.category(self.category).subtypes:
            self.subtype_combo.addItem(subtype.label, subtype.key)
        index = self.subtype_combo.findData(selected) if selected else 0
        self.subtype_combo.setCurrentIndex(max(index, 0))
        self.subtype_combo.blockSignals(False)

    def _category_changed(self) -> None:
        kept = self.record()
        self._fill_subtypes(None)
        self._build(kept, keep_dirty=True)

    def _subtype_changed(self) -> None:
        self._build(self.record(), keep_dirty=True)

    def _build(self, data: dict[str, Any] | None, *, keep_dirty: bool = False) -> None:
        """Lay out the sections of the chosen kind and fill in ``data`` (defaults when None)."""
        self._building = True
        dirty = self._dirty
        self.fields, self.groups, self._sections = {}, {}, []
        self.nav.blockSignals(True)
        self.nav.clear()
        form_widget = QWidget()
        column = QVBoxLayout(form_widget)
        column.setContentsMargins(0, 0, 8, 0)
        for section in self._template.sections_for(self.category, self.subtype):
            box = QGroupBox(section.label)
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            for item in section.items:
                if isinstance(item, GroupDef):
                    group = GroupEditor(item, self._changed, box)
                    self.groups[item.key] = group
                    form.addRow(group.container)
                else:
                    editor = FieldEditor(item, self._changed, box)
                    self.fields[item.key] = editor
                    form.addRow(editor.label, editor.container)
            column.addWidget(box)
            self._sections.append(box)
            self.nav.addItem(section.label)
        column.addStretch(1)
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll.setWidget(form_widget)
        self.nav.blockSignals(False)

        if data is None:
            data = {"tier": "普通"}
        for key, editor in self.fields.items():
            if key in data:
                editor.set_value(data[key])
        for key, group in self.groups.items():
            rows = data.get(key)
            group.set_rows(list(rows) if isinstance(rows, list) else [])
        self._chain_tab_order()
        self._building = False
        self._dirty = dirty if keep_dirty else False
        self.revalidate()

    def _chain_tab_order(self) -> None:
        chain: list[QWidget] = []
        if self._content is None:
            chain += [self.category_combo, self.subtype_combo]
        for section in self._template.sections_for(self.category, self.subtype):
            for item in section.items:
                if item.key in self.groups:
                    g = self.groups[item.key]
                    chain += [g.table, g.add_button, g.remove_button]
                elif item.key in self.fields and not self.fields[item.key].field.computed:
                    editor = self.fields[item.key]
                    chain += editor.checkboxes or [editor.widget]
        if self._modification:
            chain += [
                self.note_edit,
                self.attachments.list,
                self.attachments.add_button,
                self.attachments.remove_button,
                self.submit_button,
                self.cancel_button,
            ]
        else:
            chain += [self.save_button, self.file_button, self.cancel_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _go_to_section(self, row: int) -> None:
        if 0 <= row < len(self._sections):
            self.scroll.verticalScrollBar().setValue(self._sections[row].y())

    # --- values and checking ---------------------------------------------------------------------------

    def record(self) -> dict[str, Any]:
        """What the form holds, as the workflow takes it (computed fields left to it)."""
        data: dict[str, Any] = {}
        for key, editor in self.fields.items():
            if not editor.field.computed:
                data[key] = editor.value()
        for key, group in self.groups.items():
            data[key] = group.rows()
        return data

    def _changed(self) -> None:
        if self._building:
            return
        self._dirty = True
        if self.status_label.text():
            self.status_label.clear()
        self.revalidate()

    def revalidate(self) -> None:
        """Check every filled value, update the totals and the completeness bar."""
        if self._building:
            return
        category, subtype = self.category, self.subtype
        record = self.record()
        totals = tv.compute_totals(self._template, category, subtype, record)
        for key, editor in self.fields.items():
            if editor.field.computed:
                text = _text(totals.get(key))
                if editor.widget.text() != text:  # type: ignore[attr-defined]
                    editor.widget.setText(text)  # type: ignore[attr-defined]
                continue
            value = record.get(key)
            message = None if _blank(value) else tv.validate_field(editor.field, value, record)
            editor.show_error(message)
        for group in self.groups.values():
            cells: dict[tuple[int, int], str] = {}
            messages: list[str] = []
            for row_no, row in enumerate(record.get(group.group.key) or []):
                for col_no, col in enumerate(group.group.columns):
                    cell = row.get(col.key)
                    if _blank(cell):
                        continue
                    message = tv.validate_field(col, cell, row)
                    if message:
                        cells[(row_no, col_no)] = message
                        messages.append(
                            self.tr("第 {n} 行:{message}").format(n=row_no + 1, message=message)
                        )
            group.mark_cells(cells)
            group.show_error("\n".join(messages) if messages else None)
        percent = int(tv.completeness(self._template, category, subtype, totals))
        if self.completeness_bar.value() != percent:
            self.completeness_bar.setValue(percent)

    @property
    def is_dirty(self) -> bool:
        return self._dirty

    @property
    def custodian(self) -> Actor | None:
        """The custodian who confirmed for this form, if any (the caller may keep them)."""
        return self._custodian

    def show_problems(self, problems: list[tv.Problem]) -> None:
        """Each problem at its field (or table cell); the first one brought into view."""
        first: QWidget | None = None
        cells: dict[str, dict[tuple[int, int], str]] = {}
        group_messages: dict[str, list[str]] = {}
        elsewhere: list[str] = []
        for problem in problems:
            if problem.key in self.fields:
                editor = self.fields[problem.key]
                editor.show_error(problem.message)
                first = first or editor.widget
            elif problem.key in self.groups:
                group = self.groups[problem.key]
                col = group.column_index(problem.column)
                if problem.row is not None and col >= 0:
                    cells.setdefault(problem.key, {})[(problem.row, col)] = problem.message
                group_messages.setdefault(problem.key, []).append(problem.message)
                first = first or group.table
            else:
                elsewhere.append(problem.message)
        for key, group in self.groups.items():
            if key in group_messages:
                group.mark_cells(cells.get(key, {}))
                group.show_error("\n".join(group_messages[key]))
        self.status_label.setText(
            self.tr("有 {n} 处需要更正,未保存。").format(n=len(problems))
            + (" " + " ".join(elsewhere) if elsewhere else "")
        )
        if first is not None:
            self.scroll.ensureWidgetVisible(first)
            first.setFocus()

    # --- saving ------------------------------------------------------------------------------------------

    def _custodian_in_person(self, tier: str) -> Actor | None:
        dialog = InPersonAuthDialog(
            self._ctx.archive,
            self.tr("“{tier}”档案的内容存入保密库,须由保密专管员本人到场输入密码确认。").format(
                tier=tier
            ),
            required_role=Role.CUSTODIAN,
            parent=self,
        )
        if dialog.exec() != InPersonAuthDialog.DialogCode.Accepted:
            return None
        return dialog.actor

    def save(self, *, file: bool) -> bool:
        """Save (create or update the draft); with ``file``, then file it. True when done."""
        record = self.record()
        tier = str(record.get("tier") or "")
        custodian = self._custodian
        if tier in SECRET_TIERS and custodian is None:
            custodian = self._custodian_in_person(tier)
            if custodian is None:
                self.status_label.setText(self.tr("保密专管员未确认,未保存。"))
                return False
            self._custodian = custodian
        archive, actor = self._ctx.archive, self._ctx.actor
        try:
            with busy_cursor():
                if self._customer_id is None:
                    ref = customers.create_customer(
                        archive,
                        actor,
                        category=self.category,
                        subtype=self.subtype,
                        data=record,
                        custodian=custodian,
                    )
                else:
                    ref = customers.update_draft(
                        archive, actor, self._customer_id, record, custodian=custodian
                    )
        except FormRejected as exc:
            self.show_problems(exc.problems)
            return False
        except DuplicateCustomer as exc:
            for editor in self.fields.values():
                if editor.field.index_as == "identity":
                    editor.show_error(exc.message)
                    self.scroll.ensureWidgetVisible(editor.widget)
            self.status_label.setText(
                self.tr("与已有档案 {no} 重复,未保存。").format(no=exc.archive_no)
            )
            show_error(self, exc)
            return False
        except Exception as exc:
            show_error(self, exc)
            return False
        self.saved = ref
        self._customer_id = ref.id
        self._dirty = False
        self.category_combo.setEnabled(False)
        self.subtype_combo.setEnabled(False)
        self.archive_label.setText(self.tr("档案编号 {no}").format(no=ref.archive_no))
        if file:
            try:
                with busy_cursor():
                    self.saved = customers.file_customer(
                        archive, actor, ref.id, custodian=custodian
                    )
            except Exception as exc:
                self.status_label.setText(
                    self.tr("已保存为草稿(档案编号 {no}),尚不能归档。").format(no=ref.archive_no)
                )
                show_error(self, exc, self.tr("尚不能归档"))
                return False
            show_info(self, self.tr("档案 {no} 已保存并归档。").format(no=ref.archive_no))
        else:
            show_info(
                self,
                self.tr("已保存草稿,档案编号 {no}(完整度 {p}%)。").format(
                    no=ref.archive_no, p=ref.completeness
                ),
            )
        self.accept()
        return True

    def submit_modification(self) -> bool:
        """Modification mode: submit the change for the director's approval. True when done."""
        if not self._modification or self._customer_id is None:
            return False
        record = self.record()
        note = self.note_edit.toPlainText().strip()
        files = self.attachments.files
        archive, actor, customer_id = self._ctx.archive, self._ctx.actor, self._customer_id
        ref: RequestRef | None = None
        for _attempt in range(2):
            try:
                with busy_cursor():
                    ref = modification.propose(
                        archive,
                        actor,
                        customer_id,
                        record,
                        note=note,
                        files=files,
                        custodian=self._custodian,
                    )
                break
            except CustodianRequired:
                tier = str(record.get("tier") or "")
                custodian = self._custodian_in_person(tier)
                if custodian is None:
                    self.status_label.setText(self.tr("保密专管员未确认,未提交。"))
                    return False
                self._custodian = custodian
            except FormRejected as exc:
                self.show_problems(exc.problems)
                self.status_label.setText(
                    self.tr("有 {n} 处需要更正,未提交。").format(n=len(exc.problems))
                )
                return False
            except NothingChanged as exc:
                self.status_label.setText(self.tr("与现有档案相比没有任何改动,未提交。"))
                show_error(self, exc, self.tr("未提交"))
                return False
            except Exception as exc:
                show_error(self, exc, self.tr("未提交"))
                return False
        if ref is None:
            return False
        self.proposed = ref
        self._dirty = False
        self.attachments.clear_files()
        show_info(
            self,
            self.tr(
                "修改申请 {serial} 已提交,须经主任签署同意后才会修改档案;在此之前档案保持原样。"
            ).format(serial=ref.serial),
            self.tr("已提交审批"),
        )
        self.accept()
        return True

    # --- keys, closing, geometry ----------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter moves on, as in a paper form; it never submits (saving is a button)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        if self._dirty and not confirm(
            self, self.tr("表单中已填写的内容尚未保存,确定放弃吗?"), self.tr("放弃填写")
        ):
            return
        super().reject()

    def done(self, result: int) -> None:
        self._save_geometry()
        super().done(result)

    @staticmethod
    def _store() -> QSettings:
        return QSettings(str(app_settings.config_dir() / GEOMETRY_FILE), QSettings.Format.IniFormat)

    def _restore_geometry(self) -> None:
        store = self._store()
        # only when present: reading a missing key returns None (see UNSET)
        saved = store.value(GEOMETRY_KEY) if store.contains(GEOMETRY_KEY) else None
        if isinstance(saved, QByteArray) and self.restoreGeometry(saved):
            return
        screen = QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else None
        width, height = 1060, 700
        if available is not None:
            width = min(width, available.width() - 40)
            height = min(height, available.height() - 60)
        self.resize(width, height)

    def _save_geometry(self) -> None:
        self._store().setValue(GEOMETRY_KEY, self.saveGeometry())
