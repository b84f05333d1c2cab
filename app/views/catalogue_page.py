"""The customer catalogue: one search box, filters, a lazy table, open and create.

Everyone who works with customer information sees the catalogue line of
every archive (article 16's catalogue); only the owning manager opens the
content (article 13), so for everyone else the page says how to ask for it.
What they may do without seeing the content is report new information about
a filed customer to its manager (提交信息更新, article 9), from the button or
the line's context menu, and ask to consult it (申请查阅…, articles 13-14),
which opens the application with that customer on it.
Every rule (who sees which name, who finds what, who opens) is the
workflow's; this page only gathers input and shows what comes back.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.security.permissions import Action
from app.security.roles import Role
from app.views import copy_actions, copy_guard
from app.views.busy import busy_cursor
from app.views.catalogue_model import CatalogueModel
from app.views.consultation_apply_dialog import open_consultation_apply
from app.views.context import SessionContext
from app.views.customer_form_dialog import CustomerFormDialog
from app.views.customer_view_dialog import CustomerViewDialog
from app.views.import_dialog import ImportDialog
from app.views.in_person_auth_dialog import InPersonAuthDialog
from app.views.labels import label_text
from app.views.messages import show_error
from app.views.update_submission_dialog import open_update_submission
from app.workflows import customers
from app.workflows.auth import Actor
from app.workflows.customers import CatalogueChoices, CatalogueFilter, CatalogueLine

#: how long typing must pause before the search runs
DEBOUNCE_MS = 150


def _data(combo: QComboBox) -> object:
    """The chosen entry's data; "" for none (never read back an empty entry: PySide6 6.12
    drops a reference to None each time a missing or None item data is returned)."""
    return combo.currentData() if combo.currentIndex() >= 0 else ""


class CataloguePage(QWidget):
    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._choices: CatalogueChoices | None = None
        self._filling = False

        title = QLabel(self.tr("客户档案"))
        title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.no_permission_label = QLabel(self.tr("您没有查看档案目录的权限。"))
        self.hint_label = QLabel(
            self.tr("只显示目录信息;查阅客户信息须提出查阅申请(制度第13、14条)")
        )
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("color: #555;")

        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(DEBOUNCE_MS)
        self.search_timer.timeout.connect(self._run_search)
        self.search_edit.textChanged.connect(lambda _text: self.search_timer.start())
        self.search_edit.returnPressed.connect(self._search_now)

        self.category_combo = QComboBox()
        self.subtype_combo = QComboBox()
        self.manager_combo = QComboBox()
        self.tier_combo = QComboBox()
        self.status_combo = QComboBox()
        self.incomplete_box = QCheckBox(self.tr("完整度 <100%"))
        self.category_combo.currentIndexChanged.connect(self._category_changed)
        for combo in (self.subtype_combo, self.manager_combo, self.tier_combo, self.status_combo):
            combo.currentIndexChanged.connect(self._filters_changed)
        self.incomplete_box.toggled.connect(self._filters_changed)

        self.count_label = QLabel()

        self.model = CatalogueModel(ctx, self)
        self.model.failed.connect(lambda exc: show_error(self, exc))
        self.model.total_changed.connect(self._show_count)
        self.model.modelReset.connect(self._update_buttons)
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
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        for column, width in enumerate((150, 80, 90, 110, 50, 100, 60, 60)):
            header.resizeSection(column, width)
        self.table.setSortingEnabled(True)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        # double-click and Enter both "activate" a row
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        # the managers' own lines show full names: the copy key copies nothing (article 17.1)
        copy_guard.mark_content(self.table)

        self.new_button = QPushButton(self.tr("新建档案"))
        self.open_button = QPushButton(self.tr("打开"))
        self.import_button = QPushButton(self.tr("从 Excel 导入(&I)…"))
        self.export_button = QPushButton(self.tr("申请导出本人客户(&E)…"))
        self.new_button.clicked.connect(self.create_customer)
        self.import_button.clicked.connect(self.import_customers)
        self.export_button.clicked.connect(self.export_customers)
        self.open_button.clicked.connect(self.open_selected)
        self.update_button = QPushButton(self.tr("提交信息更新(&U)…"))
        self.update_button.setToolTip(self.tr("客户信息有变化时,提交给管户客户经理受理(制度第9条)"))
        self.update_button.clicked.connect(self.submit_update)
        self.apply_button = QPushButton(self.tr("申请查阅(&Q)…"))
        self.apply_button.setToolTip(
            self.tr("查阅他人管户的客户信息须提出查阅申请,经审核、签批后查阅(制度第13、14条)")
        )
        self.apply_button.clicked.connect(self.apply_consultation)

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.count_label)

        search_row = QHBoxLayout()
        search_row.addWidget(QLabel(self.tr("查找")))
        search_row.addWidget(self.search_edit, 1)

        filters = QHBoxLayout()
        for label, combo in (
            (self.tr("类别"), self.category_combo),
            (self.tr("子类"), self.subtype_combo),
            (self.tr("客户经理"), self.manager_combo),
            (self.tr("密级"), self.tier_combo),
            (self.tr("状态"), self.status_combo),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(combo)
        filters.addWidget(self.incomplete_box)
        filters.addStretch(1)

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.update_button)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)

        self.content = QWidget()
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.hint_label)
        content_layout.addLayout(search_row)
        content_layout.addLayout(filters)
        content_layout.addWidget(self.table, 1)
        content_layout.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.no_permission_label)
        layout.addWidget(self.content, 1)

        self.setTabOrder(self.search_edit, self.category_combo)
        self.setTabOrder(self.category_combo, self.subtype_combo)
        self.setTabOrder(self.subtype_combo, self.manager_combo)
        self.setTabOrder(self.manager_combo, self.tier_combo)
        self.setTabOrder(self.tier_combo, self.status_combo)
        self.setTabOrder(self.status_combo, self.incomplete_box)
        self.setTabOrder(self.incomplete_box, self.table)
        self.setTabOrder(self.table, self.new_button)
        self.setTabOrder(self.new_button, self.open_button)
        self.setTabOrder(self.open_button, self.update_button)
        self.setTabOrder(self.update_button, self.apply_button)
        self.setTabOrder(self.apply_button, self.import_button)
        self.setTabOrder(self.import_button, self.export_button)

        ctx.actor_changed.connect(self._on_actor_changed)
        self.refresh()

    # --- state ---------------------------------------------------------------------------------

    @property
    def _actor(self) -> Actor:
        return self._ctx.actor

    def selected_line(self) -> CatalogueLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.line(rows[0].row()) if rows else None

    def select_customer(self, customer_id: int) -> None:
        row = self.model.row_of(customer_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def current_filter(self) -> CatalogueFilter:
        value = _data

        category = value(self.category_combo)
        subtype = value(self.subtype_combo)
        manager = value(self.manager_combo)
        tier = value(self.tier_combo)
        status = value(self.status_combo)
        return CatalogueFilter(
            category=str(category) if category else None,
            subtype=str(subtype) if subtype else None,
            manager_id=int(manager) if isinstance(manager, int) else None,
            tier=str(tier) if tier else None,
            status=str(status) if status else None,
            completeness_below=100 if self.incomplete_box.isChecked() else None,
            query=self.search_edit.text().strip() or None,
        )

    def refresh(self) -> None:
        """Reload the filter choices and the catalogue, keeping the selected line selected."""
        may_view = self._actor.may(Action.CATALOGUE_VIEW)
        self.no_permission_label.setVisible(not may_view)
        self.content.setVisible(may_view)
        self.count_label.setVisible(may_view)
        is_manager = self._actor.may(Action.CUSTOMER_VIEW_OWN)
        self.hint_label.setVisible(not is_manager)
        self.new_button.setVisible(self._actor.may(Action.CUSTOMER_CREATE))
        self.update_button.setVisible(self._actor.may(Action.UPDATE_SUBMIT))
        self.apply_button.setVisible(self._actor.may(Action.CONSULTATION_APPLY))
        self.import_button.setVisible(self._actor.may(Action.CUSTOMER_IMPORT))
        self.export_button.setVisible(is_manager and self._actor.may(Action.CONTENT_EXPORT))
        self.search_edit.setPlaceholderText(
            self.tr("档案编号、姓名(部分或拼音)、证件号码、电话、地址")
            if is_manager
            else self.tr("按档案编号、完整姓名或完整证件号码查找")
        )
        if not may_view:
            self.model.clear()
            self._update_buttons()
            return
        current = self.selected_line()
        try:
            choices = customers.catalogue_choices(self._ctx.archive, self._actor)
        except AppError as exc:
            show_error(self, exc)
            return
        self._fill_choices(choices)
        self.model.set_filter(self.current_filter())
        if current is not None:
            self.select_customer(current.id)
        self._update_buttons()

    def _fill_choices(self, choices: CatalogueChoices) -> None:
        self._choices = choices
        self._filling = True
        try:
            everyone = self.tr("全部")
            for combo, items in (
                (self.category_combo, choices.categories),
                (self.manager_combo, choices.managers),
                (self.tier_combo, choices.tiers),
                (self.status_combo, choices.statuses),
            ):
                kept = _data(combo)
                combo.clear()
                # "" not None: PySide6 6.12 mishandles None item data (currentData)
                combo.addItem(everyone, "")
                for choice in items:
                    combo.addItem(label_text(choice.label), choice.key)
                index = combo.findData(kept) if kept not in (None, "") else 0
                combo.setCurrentIndex(max(index, 0))
            self._fill_subtypes()
        finally:
            self._filling = False

    def _fill_subtypes(self) -> None:
        kept = _data(self.subtype_combo)
        self.subtype_combo.clear()
        self.subtype_combo.addItem(self.tr("全部"), "")
        if self._choices is None:
            return
        category = _data(self.category_combo)
        groups = (
            [self._choices.subtypes.get(category, [])]
            if category
            else list(self._choices.subtypes.values())
        )
        for group in groups:
            for choice in group:
                self.subtype_combo.addItem(label_text(choice.label), choice.key)
        index = self.subtype_combo.findData(kept) if kept not in (None, "") else 0
        self.subtype_combo.setCurrentIndex(max(index, 0))

    def _show_count(self, total: int) -> None:
        self.count_label.setText(self.tr("共 {n} 户").format(n=total))

    def _update_buttons(self) -> None:
        line = self.selected_line()
        self.open_button.setEnabled(line is not None and line.can_open)
        self.new_button.setEnabled(self._actor.may(Action.CUSTOMER_CREATE))
        self.update_button.setEnabled(self._may_submit_update(line))
        self.apply_button.setEnabled(self._may_apply(line))
        if line is not None and line.can_open:
            self.update_button.setToolTip(
                self.tr("本人管户的档案,请打开后点“修改…”提出修改,报主任审批")
            )
        else:
            self.update_button.setToolTip(
                self.tr("客户信息有变化时,提交给管户客户经理受理(制度第9条)")
            )

    def _may_submit_update(self, line: CatalogueLine | None) -> bool:
        """A filed archive of someone else's customer (one's own is changed from its page)."""
        return (
            line is not None
            and self._actor.may(Action.UPDATE_SUBMIT)
            and not line.can_open
            and line.status_label == customers.STATUS_LABELS["filed"]
        )

    def _may_apply(self, line: CatalogueLine | None) -> bool:
        """A line the person cannot open: its content needs a consultation (article 13)."""
        return line is not None and not line.can_open and self._actor.may(Action.CONSULTATION_APPLY)

    # --- searching and filtering -------------------------------------------------------------------

    def _run_search(self) -> None:
        if self._actor.may(Action.CATALOGUE_VIEW):
            self.model.set_filter(self.current_filter())
            self._update_buttons()

    def _search_now(self) -> None:
        self.search_timer.stop()
        self._run_search()

    def _category_changed(self) -> None:
        if self._filling:
            return
        self._filling = True
        try:
            self._fill_subtypes()
        finally:
            self._filling = False
        self._filters_changed()

    def _filters_changed(self) -> None:
        if not self._filling:
            self._run_search()

    # --- actions -------------------------------------------------------------------------------------

    def _custodian_in_person(self, reason: str) -> Actor | None:
        dialog = InPersonAuthDialog(
            self._ctx.archive, reason, required_role=Role.CUSTODIAN, parent=self
        )
        if dialog.exec() != InPersonAuthDialog.DialogCode.Accepted:
            return None
        return dialog.actor

    def open_selected(self) -> None:
        """Open the selected line. The workflow decides, and records refusals too."""
        line = self.selected_line()
        if line is None:
            return
        custodian = None
        if line.can_open and line.tier != "ordinary":
            custodian = self._custodian_in_person(
                self.tr(
                    "档案 {no} 为“{tier}”,内容存放于保密库,须由保密专管员本人到场开启。"
                ).format(no=line.archive_no, tier=label_text(line.tier_label))
            )
            if custodian is None:
                return
        try:
            with busy_cursor():
                content = customers.open_customer(
                    self._ctx.archive, self._actor, line.id, custodian=custodian
                )
        except Exception as exc:
            show_error(self, exc)
            return
        dialog = CustomerViewDialog(self._ctx, content, custodian=custodian, parent=self)
        dialog.exec()
        if dialog.changed:
            self.refresh()
            self.select_customer(line.id)

    def submit_update(self) -> None:
        line = self.selected_line()
        if not self._may_submit_update(line):
            return
        assert line is not None
        open_update_submission(self._ctx, line, self)

    def apply_consultation(self) -> None:
        """新建查阅申请 with the selected line already on it."""
        line = self.selected_line()
        if not self._may_apply(line):
            return
        assert line is not None
        open_consultation_apply(self._ctx, self, line=line)

    def _context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        line = self.selected_line()
        if line is None:
            return
        menu = QMenu(self)
        open_action = menu.addAction(self.tr("打开"))
        open_action.setEnabled(line.can_open)
        open_action.triggered.connect(self.open_selected)
        if self._actor.may(Action.UPDATE_SUBMIT):
            update_action = menu.addAction(self.tr("提交信息更新…"))
            update_action.setEnabled(self._may_submit_update(line))
            update_action.triggered.connect(self.submit_update)
        if self._actor.may(Action.CONSULTATION_APPLY):
            apply_action = menu.addAction(self.tr("申请查阅…"))
            apply_action.setEnabled(self._may_apply(line))
            apply_action.triggered.connect(self.apply_consultation)
        if self._actor.may(Action.COPY_REQUEST):
            copy_action = menu.addAction(self.tr("申请复制摘录…"))
            copy_action.triggered.connect(
                lambda: copy_actions.request_copy(self._ctx, self, [line.archive_no])
            )
        menu.exec(self.table.viewport().mapToGlobal(position))
        menu.deleteLater()

    def create_customer(self) -> None:
        if not self._actor.may(Action.CUSTOMER_CREATE):
            return
        dialog = CustomerFormDialog(self._ctx, parent=self)
        dialog.exec()
        saved = dialog.saved
        if saved is not None:
            self.refresh()
            self.select_customer(saved.id)

    def import_customers(self) -> None:
        if not self._actor.may(Action.CUSTOMER_IMPORT):
            return
        dialog = ImportDialog(self._ctx, self)
        dialog.imported.connect(lambda _report: self.refresh())
        dialog.exec()

    def export_customers(self) -> None:
        """Exporting is copying (article 17.1): it starts as a copy request for one's customers."""
        copy_actions.request_copy(self._ctx, self, forms=["excel"], own=True)

    def _on_actor_changed(self, _actor: object) -> None:
        self.refresh()

    def activate_index(self, index: QModelIndex) -> None:
        """Select and open the line at ``index`` (as a double-click does)."""
        self.table.setCurrentIndex(index)
        self.open_selected()
