"""登记借出: one carrier of one archive leaves its place (article 12).

The archive number is typed or scanned from its label (Enter looks it up);
the dialog then offers that archive's paper and disk carriers, showing which
are out and with whom. Who borrows, why, until when and, for anyone but the
archive's own manager or a custodian, under which consultation grant: the
grants offered are the borrower's approved ones that name this archive. The
rules themselves are the workflow's; a refusal is shown inside the dialog so
that nothing typed is lost.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.labels import label_text, local_time
from app.views.messages import error_text, show_error
from app.views.scan_line_edit import ScanLineEdit
from app.workflows import checkout
from app.workflows.checkout import ArchiveCarriers, RegisterLine

ERROR_STYLE = "color: #b00020;"


class CheckoutDialog(QDialog):
    """Register a carrier going out; ``line`` holds the new register line once accepted."""

    def __init__(
        self, ctx: SessionContext, archive_no: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._found: ArchiveCarriers | None = None
        #: the register line written (None until accepted)
        self.line: RegisterLine | None = None
        self.setWindowTitle(self.tr("登记借出"))
        self.setModal(True)
        self.setMinimumWidth(520)

        self.number_edit = ScanLineEdit()
        self.number_edit.setPlaceholderText(self.tr("输入或扫描档案编号,按回车查找"))
        self.number_edit.setAccessibleName(self.tr("档案编号"))
        self.find_button = QPushButton(self.tr("查找(&F)"))
        self.find_button.setAutoDefault(False)
        number_row = QHBoxLayout()
        number_row.addWidget(self.number_edit, 1)
        number_row.addWidget(self.find_button)

        self.archive_label = QLabel(self.tr("尚未选择档案。"))
        self.archive_label.setWordWrap(True)
        self.carrier_combo = QComboBox()
        self.carrier_combo.setAccessibleName(self.tr("载体"))
        self.borrower_combo = QComboBox()
        self.borrower_combo.setAccessibleName(self.tr("借用人"))
        self.grant_combo = QComboBox()
        self.grant_combo.setAccessibleName(self.tr("查阅授权"))
        self.grant_hint = QLabel(
            self.tr("借用人不是该档案的管户客户经理或保密专管员时,须关联其已批准的查阅申请。")
        )
        self.grant_hint.setWordWrap(True)
        self.grant_hint.setStyleSheet("color: #555;")
        self.purpose_edit = QLineEdit()
        self.purpose_edit.setMaxLength(checkout.PURPOSE_MAX)
        self.purpose_edit.setPlaceholderText(self.tr("例如:贷款审查、年度检查"))
        self.due_edit = QDateEdit()
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("yyyy-MM-dd")
        today = checkout.local_today()
        self.due_edit.setMinimumDate(_qdate(today))
        self.due_edit.setMaximumDate(_qdate(today + timedelta(days=checkout.MAX_DAYS)))
        self.due_edit.setDate(_qdate(today + timedelta(days=checkout.DEFAULT_DAYS)))

        form = QFormLayout()
        form.addRow(self.tr("档案编号"), number_row)
        form.addRow("", self.archive_label)
        form.addRow(self.tr("载体"), self.carrier_combo)
        form.addRow(self.tr("借用人"), self.borrower_combo)
        form.addRow(self.tr("查阅授权"), self.grant_combo)
        form.addRow("", self.grant_hint)
        form.addRow(self.tr("借用事由"), self.purpose_edit)
        form.addRow(self.tr("应还日期"), self.due_edit)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("登记借出"))
        self.ok_button.setAutoDefault(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取消"))
        cancel.setAutoDefault(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.number_edit.returnPressed.connect(self.look_up)
        self.find_button.clicked.connect(self.look_up)
        self.borrower_combo.currentIndexChanged.connect(lambda _i: self._load_grants())

        self._load_borrowers()
        self._show_archive(None)
        if archive_no:
            self.number_edit.setText(archive_no)
            self.look_up()
        self.number_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- filling -----------------------------------------------------------------------------

    def _problem(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def _load_borrowers(self) -> None:
        try:
            people = checkout.borrowers(self._ctx.archive, self._ctx.actor)
        except AppError as exc:
            self._problem(error_text(exc))
            people = []
        self.borrower_combo.clear()
        for person in people:
            self.borrower_combo.addItem(
                self.tr("{name}({login})").format(name=person.display_name, login=person.login),
                person.user_id,
            )
        mine = self.borrower_combo.findData(self._ctx.actor.user_id)
        self.borrower_combo.setCurrentIndex(mine if mine >= 0 else -1)

    def look_up(self) -> None:
        text = self.number_edit.text()
        if not text.strip():
            self._problem(self.tr("请输入或扫描档案编号。"))
            return
        try:
            with busy_cursor():
                found = checkout.find_archive(self._ctx.archive, self._ctx.actor, text)
        except AppError as exc:
            self._show_archive(None)
            self._problem(error_text(exc))
            return
        except Exception as exc:
            show_error(self, exc)
            return
        self.number_edit.setText(found.archive_no)
        self._problem("")
        self._show_archive(found)

    def _show_archive(self, found: ArchiveCarriers | None) -> None:
        self._found = found
        self.carrier_combo.clear()
        if found is None:
            self.archive_label.setText(self.tr("尚未选择档案。"))
            self.ok_button.setEnabled(False)
            self._load_grants()
            return
        self.archive_label.setText(
            self.tr("{number}  {category}  密级:{tier}  状态:{status}").format(
                number=found.archive_no,
                category=label_text(found.category_label),
                tier=label_text(found.tier_label),
                status=label_text(found.status_label),
            )
        )
        model = self.carrier_combo.model()
        first_free = -1
        for choice in found.carriers:
            text = self.tr("{kind}  {place}").format(
                kind=label_text(choice.kind_label), place=choice.location
            )
            if choice.is_out:
                text += self.tr("(借出中:{name},应还 {due})").format(
                    name=choice.borrower_name,
                    due=choice.due_on.isoformat() if choice.due_on else "",
                )
            self.carrier_combo.addItem(text, choice.carrier_id)
            row = self.carrier_combo.count() - 1
            if choice.is_out and isinstance(model, QStandardItemModel):
                item = model.item(row)
                if item is not None:
                    item.setEnabled(False)
            elif first_free < 0:
                first_free = row
        self.carrier_combo.setCurrentIndex(first_free)
        if found.refusal:
            self._problem(error_text(AppError(found.refusal)))
        elif first_free < 0:
            self._problem(self.tr("此档案的载体均已借出,须先登记归还才能再次借出。"))
        self.ok_button.setEnabled(not found.refusal and first_free >= 0)
        self._load_grants()

    def _load_grants(self) -> None:
        self.grant_combo.clear()
        self.grant_combo.addItem(self.tr("(不关联)"), None)
        borrower = self.borrower_combo.currentData()
        if self._found is None or borrower is None:
            return
        try:
            grants = checkout.grant_choices(
                self._ctx.archive, self._ctx.actor, int(borrower), self._found.customer_id
            )
        except AppError as exc:
            self._problem(error_text(exc))
            return
        for grant in grants:
            self.grant_combo.addItem(
                self.tr("{serial}(至 {end})").format(
                    serial=grant.serial, end=local_time(grant.ends_at)
                ),
                grant.request_id,
            )
        if grants:
            self.grant_combo.setCurrentIndex(1)

    # --- registering --------------------------------------------------------------------------

    def submit(self) -> None:
        if self._found is None:
            self._problem(self.tr("请先输入或扫描档案编号并查找。"))
            return
        carrier = self.carrier_combo.currentData()
        if carrier is None:
            self._problem(self.tr("请选择要借出的载体。"))
            return
        borrower = self.borrower_combo.currentData()
        if borrower is None:
            self._problem(self.tr("请选择借用人。"))
            return
        grant = self.grant_combo.currentData()
        due = self.due_edit.date()
        try:
            with busy_cursor():
                self.line = checkout.check_out(
                    self._ctx.archive,
                    self._ctx.actor,
                    int(carrier),
                    borrower_id=int(borrower),
                    purpose=self.purpose_edit.text(),
                    due_on=date(due.year(), due.month(), due.day()),
                    grant_request_id=int(grant) if grant is not None else None,
                )
        except AppError as exc:
            self._problem(error_text(exc))
            return
        except Exception as exc:
            show_error(self, exc)
            return
        self.accept()


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
