"""The audit log as a lazy table: 200 rows at a time, fetched as the view scrolls.

A branch writes thousands of events a year; loading them all would stall the
window, so the model asks app.workflows.audit_log for one batch when the view
reaches the end. The listing is pinned to the newest event present when the
query ran (``upto_seq``), so events written meanwhile (including the ones this
page writes) do not shift the batches and show a row twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from app.views.context import SessionContext
from app.views.labels import label_text
from app.views.lazy_table_model import BATCH, LazyTableModel
from app.workflows import audit_log
from app.workflows.audit_log import AuditRow

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class AuditFilter:
    actor_login: str | None = None
    action: str | None = None
    since: date | None = None
    until: date | None = None


class AuditLogModel(LazyTableModel[AuditRow]):
    COLUMNS = 6

    def __init__(self, ctx: SessionContext, parent: QObject | None = None) -> None:
        headers = [
            self.tr("序号"),
            self.tr("时间"),
            self.tr("用户"),
            self.tr("操作"),
            self.tr("对象"),
            self.tr("详情"),
        ]
        super().__init__(headers, lambda offset: self._query(offset, self._upto), parent)
        self._ctx = ctx
        self._filter = AuditFilter()
        self._upto: int | None = None
        self._target_labels = {
            "user": self.tr("用户"),
            "archive": self.tr("档案库"),
            "audit": self.tr("审计日志"),
        }

    # --- querying --------------------------------------------------------------------------

    @property
    def current_filter(self) -> AuditFilter:
        return self._filter

    def row_at(self, row: int) -> AuditRow | None:
        return self.item(row)

    def _query(self, offset: int, upto: int | None) -> list[AuditRow]:
        f = self._filter
        return audit_log.search_events(
            self._ctx.archive,
            self._ctx.actor,
            actor_login=f.actor_login,
            action=f.action,
            since=f.since,
            until=f.until,
            offset=offset,
            limit=BATCH,
            upto_seq=upto,
        )

    def clear(self) -> None:
        self._upto = None
        self.reset_with(lambda: ([], 0))

    def set_filter(self, flt: AuditFilter) -> None:
        """Run the query afresh: the first batch and the count, nothing more."""
        self._filter = flt
        self._upto = None

        def load() -> tuple[list[AuditRow], int]:
            first = self._query(0, None)
            # later batches stop at this event, so new events do not shift the pages
            self._upto = first[0].seq if first else None
            if not first:
                return first, 0
            return first, audit_log.count_events(
                self._ctx.archive,
                self._ctx.actor,
                actor_login=flt.actor_login,
                action=flt.action,
                since=flt.since,
                until=flt.until,
                upto_seq=self._upto,
            )

        if not self.reset_with(load):
            self._upto = None

    def _target(self, row: AuditRow) -> str:
        if not row.target_type:
            return row.target_id
        label = self._target_labels.get(row.target_type, row.target_type)
        return f"{label} {row.target_id}".strip()

    @staticmethod
    def _details(row: AuditRow) -> str:
        return row.details_text

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return str(row.seq)
            if column == 1:
                return row.occurred_at.strftime("%Y-%m-%d %H:%M:%S")
            if column == 2:
                return row.actor
            if column == 3:
                return label_text(row.action_label)
            if column == 4:
                return self._target(row)
            if column == 5:
                return self._details(row)
        elif role == Qt.ItemDataRole.ToolTipRole:
            if column == 3:
                return row.action
            if column == 5:
                return self._details(row).replace(";", "\n") or None
        elif role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
