"""The catalogue as a lazy table: 200 lines at a time, fetched as the view scrolls.

At 100,000 customers a full load would stall the window, so the model asks
app.workflows.customers for one batch when the view reaches the end, and the
count separately. Clicking a header asks the workflow again with a new order
(the database sorts, on its indexes); nothing is ever sorted in memory.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from app.views.context import SessionContext
from app.views.labels import label_text
from app.views.lazy_table_model import BATCH, LazyTableModel
from app.workflows import customers
from app.workflows.customers import CatalogueFilter, CatalogueLine

_Index = QModelIndex | QPersistentModelIndex

#: the workflow's order keys, by column
ORDER_KEYS = (
    "archive_no",
    "category",
    "subtype",
    "name",
    "tier",
    "manager",
    "status",
    "completeness",
    "retrieval_remarks",
)


class CatalogueModel(LazyTableModel[CatalogueLine]):
    #: the number of matching lines changed (after a new query)
    total_changed = Signal(int)

    COLUMNS = len(ORDER_KEYS)

    def __init__(self, ctx: SessionContext, parent: QObject | None = None) -> None:
        headers = [
            self.tr("档案编号"),
            self.tr("类别"),
            self.tr("子类"),
            self.tr("客户名称"),
            self.tr("密级"),
            self.tr("管户客户经理"),
            self.tr("状态"),
            self.tr("完整度"),
            self.tr("检索备注"),
        ]
        super().__init__(headers, self._page, parent)
        self._ctx = ctx
        self._filter = CatalogueFilter()
        self._order_by: str | None = None
        self._descending = False

    # --- querying ------------------------------------------------------------------------------

    @property
    def current_filter(self) -> CatalogueFilter:
        return self._filter

    @property
    def order(self) -> tuple[str | None, bool]:
        return self._order_by, self._descending

    def line(self, row: int) -> CatalogueLine | None:
        return self.item(row)

    def row_of(self, customer_id: int) -> int:
        for i, line in enumerate(self._items):
            if line.id == customer_id:
                return i
        return -1

    def _page(self, offset: int) -> list[CatalogueLine]:
        return customers.catalogue_page(
            self._ctx.archive,
            self._ctx.actor,
            filters=self._filter,
            offset=offset,
            limit=BATCH,
            order_by=self._order_by,
            descending=self._descending,
        )

    def clear(self) -> None:
        self.reset_with(lambda: ([], 0))
        self.total_changed.emit(0)

    def set_filter(self, flt: CatalogueFilter) -> None:
        self._filter = flt
        self.reload()

    def set_query(self, text: str) -> None:
        self.set_filter(replace(self._filter, query=text.strip() or None))

    def reload(self) -> None:
        """Run the query afresh: the first batch and the count, nothing more."""

        def load() -> tuple[list[CatalogueLine], int]:
            first = self._page(0)
            if len(first) < BATCH:
                return first, len(first)
            return first, customers.catalogue_count(
                self._ctx.archive, self._ctx.actor, filters=self._filter
            )

        self.reset_with(load)
        self.total_changed.emit(self._total)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header was clicked: ask again in that order (column -1: the default order)."""
        order_by = ORDER_KEYS[column] if 0 <= column < self.COLUMNS else None
        descending = order == Qt.SortOrder.DescendingOrder
        if (order_by, descending) == (self._order_by, self._descending):
            return
        self._order_by, self._descending = order_by, descending
        self.reload()

    # --- the table -------------------------------------------------------------------------------

    def _text(self, line: CatalogueLine, column: int) -> str:
        if column == 0:
            return line.archive_no
        if column == 1:
            return label_text(line.category_label)
        if column == 2:
            return label_text(line.subtype_label)
        if column == 3:
            return line.display_name
        if column == 4:
            return label_text(line.tier_label)
        if column == 5:
            return line.manager_name
        if column == 6:
            return label_text(line.status_label)
        if column == 7:
            return f"{line.completeness}%"
        if column == 8:
            return line.retrieval_remarks
        return ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self.line(index.row()) if index.isValid() else None
        if line is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 7:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column in (4, 8) and line.tier != "ordinary":
                return QBrush(QColor("#b00020"))
            if column == 7 and line.completeness < 100:
                return QBrush(QColor("#a05a00"))
        if role == Qt.ItemDataRole.ToolTipRole and column == 3 and not line.can_open:
            return self.tr("只显示目录信息;查阅客户信息须提出查阅申请")
        return None
