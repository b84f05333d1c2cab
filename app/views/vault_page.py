"""保密库 (article 16): the custodian's page over the secret-tier records.

"必须单独存放、专人管理": the custodian sees every 机密/绝密 record with its
mark and manager, whether vault.db holds its content (and how much), who
opened it lately and when, and the consultation grants in force that name it.
A record whose content is missing from the vault, and a vault record that
belongs to nothing, are shown in red with the problem in words.

The page opens the vault only with a custodian who has typed their own
password here on entering (the logged-in session is not enough); leaving the
page, or the screen locking, shuts it again. What is shown, and whether the
person may see it, is ``tier.vault_overview``'s business.
"""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor, QFont, QHideEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import CustodianRequired
from app.views.attachment_viewer_dialog import size_text
from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.labels import label_text, local_time
from app.views.messages import show_error
from app.views.request_view_dialog import ask_custodian
from app.workflows import tier
from app.workflows.auth import Actor
from app.workflows.tier import VaultLine

PROBLEM_BACKGROUND = QColor("#fde2e4")
PROBLEM_COLOUR = QColor("#b00020")
SECRET_COLOUR = QColor("#8a4b00")
TOP_SECRET_COLOUR = QColor("#b00020")
EMPTY = "—"


class VaultPage(QWidget):
    COLUMNS = (
        "archive_no",
        "tier",
        "category",
        "manager",
        "vault",
        "openings",
        "grants",
        "problems",
    )

    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._custodian: Actor | None = None
        self._lines: list[VaultLine] = []

        self.title_label = QLabel(self.tr("保密库"))
        self.title_label.setStyleSheet("font-size: 16px; font-weight: bold;")
        hint = QLabel(
            self.tr(
                "“机密”“绝密”档案的内容单独存放于保密库,由保密专管员专人管理(制度第16条)。"
                "进入本页须由保密专管员本人输入密码;离开本页或锁定屏幕后保密库即关闭。"
            )
        )
        hint.setWordWrap(True)
        self.open_button = QPushButton(self.tr("开启保密库(&O)…"))
        self.open_button.clicked.connect(self.unlock)
        self.refresh_button = QPushButton(self.tr("刷新(&R)"))
        self.refresh_button.clicked.connect(self.load)
        self.close_button = QPushButton(self.tr("关闭保密库(&C)"))
        self.close_button.clicked.connect(self.shut)
        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.open_button)
        top.addWidget(self.refresh_button)
        top.addWidget(self.close_button)

        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)

        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("档案编号"),
                self.tr("密级"),
                self.tr("类别"),
                self.tr("管户客户经理"),
                self.tr("保密库内容"),
                self.tr("最近查看(人员、时间)"),
                self.tr("有效的查阅授权"),
                self.tr("问题"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.COLUMNS.index("problems"), QHeaderView.ResizeMode.Stretch)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.state_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)

        ctx.locked_changed.connect(lambda locked: self.shut() if locked else None)
        self._show_state()

    # --- the custodian ---------------------------------------------------------------------------

    @property
    def custodian(self) -> Actor | None:
        return self._custodian

    def set_custodian(self, custodian: Actor | None) -> None:
        """The custodian who confirmed in person (None: the vault is shut here)."""
        self._custodian = custodian
        if custodian is None:
            self._lines = []
            self.table.setRowCount(0)
            self.summary_label.clear()
        self._show_state()

    def refresh(self) -> None:
        """Entering the page: ask the custodian in person unless one is already here."""
        if self._custodian is None:
            self.unlock()
        else:
            self.load()

    def unlock(self) -> None:
        custodian = ask_custodian(
            self._ctx,
            self.tr("开启保密库须由保密专管员本人到场输入密码(制度第16条)。"),
            self,
        )
        if custodian is None:
            self._show_state()
            return
        self.set_custodian(custodian)
        self.load()

    def shut(self) -> None:
        self.set_custodian(None)

    def hideEvent(self, event: QHideEvent) -> None:
        # leaving the page shuts the vault: the next visit asks the custodian again
        self.shut()
        super().hideEvent(event)

    def _show_state(self) -> None:
        present = self._custodian is not None
        self.open_button.setVisible(not present)
        self.refresh_button.setVisible(present)
        self.close_button.setVisible(present)
        self.table.setVisible(present)
        if present:
            assert self._custodian is not None
            self.state_label.setText(
                self.tr("保密专管员 {name}({login})本人到场,保密库已开启。").format(
                    name=self._custodian.display_name, login=self._custodian.login
                )
            )
            self.state_label.setStyleSheet("color: #1e7b34;")
        else:
            self.state_label.setText(
                self.tr("保密库未开启。请保密专管员本人点击“开启保密库”并输入密码。")
            )
            self.state_label.setStyleSheet("color: #555;")

    # --- the overview ----------------------------------------------------------------------------

    def load(self) -> None:
        if self._custodian is None:
            return
        try:
            with busy_cursor():
                lines = tier.vault_overview(
                    self._ctx.archive, self._ctx.actor, custodian=self._custodian
                )
        except CustodianRequired as exc:
            self.shut()
            show_error(self, exc)
            return
        except Exception as exc:
            show_error(self, exc)
            return
        self._lines = lines
        self._fill(lines)

    @property
    def lines(self) -> list[VaultLine]:
        return list(self._lines)

    def _fill(self, lines: list[VaultLine]) -> None:
        records = [line for line in lines if not line.orphan]
        troubled = [line for line in lines if line.problems]
        summary = self.tr("机密/绝密档案 {n} 份。").format(n=len(records))
        if troubled:
            summary += self.tr("发现 {n} 处问题(红色标出),请核查并报告。").format(n=len(troubled))
            self.summary_label.setStyleSheet("color: #b00020; font-weight: bold;")
        else:
            summary += self.tr("每份档案在保密库中均有内容,没有孤立记录。")
            self.summary_label.setStyleSheet("")
        self.summary_label.setText(summary)
        table = self.table
        table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            cells = [
                line.archive_no,
                label_text(line.tier_label),
                label_text(line.category_label) if line.category_label else EMPTY,
                line.manager_name or EMPTY,
                self._vault_text(line),
                self._openings_text(line),
                self._grants_text(line),
                ";".join(line.problems) or EMPTY,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if line.problems:
                    item.setBackground(QBrush(PROBLEM_BACKGROUND))
                table.setItem(row, column, item)
            mark = table.item(row, self.COLUMNS.index("tier"))
            if mark is not None:
                mark.setForeground(
                    QBrush(TOP_SECRET_COLOUR if line.tier == "top_secret" else SECRET_COLOUR)
                )
                font = QFont(mark.font())
                font.setBold(True)
                mark.setFont(font)
            problem = table.item(row, self.COLUMNS.index("problems"))
            if problem is not None and line.problems:
                problem.setForeground(QBrush(PROBLEM_COLOUR))
                font = QFont(problem.font())
                font.setBold(True)
                problem.setFont(font)
        table.resizeRowsToContents()

    def _vault_text(self, line: VaultLine) -> str:
        if not line.in_vault:
            return self.tr("缺失")
        text = self.tr("有({size})").format(size=size_text(line.size))
        if line.orphan:
            text = self.tr("孤立记录({size})").format(size=size_text(line.size))
        return text

    def _openings_text(self, line: VaultLine) -> str:
        if not line.openings:
            return self.tr("无") if not line.orphan else EMPTY
        rows = []
        for opening in line.openings:
            text = self.tr("{name} {at}").format(name=opening.name, at=local_time(opening.at))
            if opening.grant:
                text += self.tr("(依据 {serial})").format(serial=opening.grant)
            rows.append(text)
        if line.open_count > len(line.openings):
            rows.append(self.tr("(共 {n} 次)").format(n=line.open_count))
        return "\n".join(rows)

    def _grants_text(self, line: VaultLine) -> str:
        if not line.grants:
            return EMPTY
        return "\n".join(
            self.tr("{serial} {name} {mode} 至 {until}").format(
                serial=grant.serial,
                name=grant.applicant_name,
                mode=label_text(grant.mode_label),
                until=local_time(grant.until),
            )
            for grant in line.grants
        )

    def texts(self, row: int) -> list[str]:
        """What row ``row`` says, cell by cell (tests and screen readers)."""
        cells = [self.table.item(row, c) for c in range(self.table.columnCount())]
        return [c.text() if c is not None else "" for c in cells]

    def highlighted(self, row: int) -> bool:
        item = self.table.item(row, 0)
        return item is not None and item.background().color() == PROBLEM_BACKGROUND
