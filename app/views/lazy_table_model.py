"""A table model that holds only what has been scrolled to (Anki's browser habit).

The first batch and the total come from :meth:`LazyTableModel.reset_with`; a
view asks for more through ``canFetchMore``/``fetchMore`` as it scrolls, so a
list of 100,000 customers or events never loads more than it shows.
Subclasses pass how to fetch a batch and say what a cell shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

Item = TypeVar("Item")
_Index = QModelIndex | QPersistentModelIndex

#: rows per query
BATCH = 200


class LazyTableModel(QAbstractTableModel, Generic[Item]):
    #: a query failed; the page shows the exception (the model has no window)
    failed = Signal(object)

    def __init__(
        self,
        headers: list[str],
        fetch: Callable[[int], list[Item]],
        parent: QObject | None = None,
    ) -> None:
        """``fetch(offset)`` returns the batch starting at ``offset`` (at most BATCH items)."""
        super().__init__(parent)
        self._headers = headers
        self._fetch = fetch
        self._items: list[Item] = []
        self._total = 0

    # --- loading ----------------------------------------------------------------------------------

    @property
    def total(self) -> int:
        """How many items match (as of the last query)."""
        return self._total

    def item(self, row: int) -> Item | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def reset_with(self, load: Callable[[], tuple[list[Item], int]]) -> bool:
        """Replace everything by ``load()`` -> (first batch, total); False if it failed."""
        self.beginResetModel()
        self._items, self._total = [], 0
        try:
            first, total = load()
            self._items, self._total = first, max(total, len(first))
        except Exception as exc:
            self.endResetModel()
            self.failed.emit(exc)
            return False
        self.endResetModel()
        return True

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._items) < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        try:
            batch = self._fetch(len(self._items))
        except Exception as exc:
            # Stop asking: a view would otherwise retry on every scroll.
            self._total = len(self._items)
            self.failed.emit(exc)
            return
        if not batch:
            self._total = len(self._items)
            return
        start = len(self._items)
        self.beginInsertRows(QModelIndex(), start, start + len(batch) - 1)
        self._items.extend(batch)
        self.endInsertRows()

    # --- the table -----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None
