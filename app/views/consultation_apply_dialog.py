"""新建查阅申请: whoever needs to consult customers asks for it in writing (policy 第13、14条).

The form follows the paper 数码客户信息查阅申请表 field by field: the customers
to consult, the purpose, the reason, who is asking (查阅人概况, prefilled from
the account and editable), how (阅览/摘抄/复制) and for how many days. Customers
are found through the catalogue's own search, so a person who is not their
manager finds one only by its full archive number, full name or full ID
number, and sees its catalogue line (number, category, sub-type, tier and the
masked name), never its content.

The dialog checks only what a form can: that each field is filled, within
its length, and that no customer is listed twice. Whether the person may ask
for these customers (not their own, not destroyed) is the workflow's rule;
its answer is shown at the field it concerns, so the person corrects that
field and submits again without retyping the rest.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError, Conflict, InvalidInput
from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.labels import label_text
from app.views.messages import error_text, show_error, show_info
from app.views.request_view_dialog import ApprovalNews
from app.workflows import consultation, customers
from app.workflows.consultation import Profile
from app.workflows.customers import CatalogueFilter, CatalogueLine
from app.workflows.modification import RequestRef

ERROR_STYLE = "color: #b00020;"
BANNER_STYLE = "background: #fde2e4; border: 1px solid #b00020; color: #b00020; padding: 6px;"
#: hits shown when a full name matches several customers
SEARCH_LIMIT = 20
COLUMNS = 5
#: where a workflow message belongs, by the words it uses (the first match wins)
_FIELD_WORDS = (
    ("purpose", ("查阅目的",)),
    ("reason", ("查阅理由",)),
    ("profile", ("查阅人",)),
    ("mode", ("查阅方式",)),
    ("days", ("查阅期限",)),
    ("customers", ("客户", "档案")),
)


def field_of(message: str) -> str | None:
    """The field a workflow message is about (None: the whole application)."""
    for key, words in _FIELD_WORDS:
        if any(word in message for word in words):
            return key
    return None


class _CustomerTable(QTableWidget):
    """The chosen customers; Delete takes the selected one off the application."""

    def __init__(self, dialog: ConsultationApplyDialog) -> None:
        super().__init__(0, COLUMNS)
        self._dialog = dialog

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Backspace:
            self._dialog.remove_selected()
            return
        super().keyPressEvent(event)


class ConsultationApplyDialog(QDialog):
    """One application; ``submitted`` is set once it went to the managers."""

    def __init__(
        self,
        ctx: SessionContext,
        profile: Profile,
        *,
        line: CatalogueLine | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        #: the customers on the application, in the order they were added
        self.chosen: list[CatalogueLine] = []
        self._hits: list[CatalogueLine] = []
        #: the request made (None until submitted)
        self.submitted: RequestRef | None = None
        self.setModal(True)
        self.setWindowTitle(self.tr("新建查阅申请"))

        intro = QLabel(
            self.tr(
                "查阅客户信息须经批准(制度第13条)。申请先由所涉客户的管户客户经理审核,"
                "再报单位负责人签批;批准后在申请的期限内只读查阅。"
            )
        )
        intro.setWordWrap(True)

        # 1. the customers
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("完整的档案编号、完整姓名或完整证件号码"))
        self.search_edit.setAccessibleName(self.tr("查找客户"))
        self.search_edit.returnPressed.connect(self.find_customer)
        self.search_edit.textEdited.connect(lambda _t: self._clear("customers"))
        self.find_button = QPushButton(self.tr("查找并加入(&F)"))
        self.find_button.clicked.connect(self.find_customer)
        self.hits_label = QLabel()
        self.hits_label.setWordWrap(True)
        self.hits_list = QListWidget()
        self.hits_list.setAccessibleName(self.tr("查找结果"))
        self.hits_list.setFixedHeight(78)
        self.hits_list.itemActivated.connect(lambda _item: self.add_hit())
        self.add_hit_button = QPushButton(self.tr("加入所选(&J)"))
        self.add_hit_button.clicked.connect(self.add_hit)
        self.hits_box = QWidget()
        hits_layout = QGridLayout(self.hits_box)
        hits_layout.setContentsMargins(0, 0, 0, 0)
        hits_layout.addWidget(self.hits_label, 0, 0, 1, 2)
        hits_layout.addWidget(self.hits_list, 1, 0)
        hits_layout.addWidget(self.add_hit_button, 1, 1, Qt.AlignmentFlag.AlignTop)
        hits_layout.setColumnStretch(0, 1)
        self.hits_box.hide()

        self.customer_table = _CustomerTable(self)
        self.customer_table.setHorizontalHeaderLabels(
            [
                self.tr("档案编号"),
                self.tr("类别"),
                self.tr("子类"),
                self.tr("密级"),
                self.tr("客户名称"),
            ]
        )
        self.customer_table.setAccessibleName(self.tr("查阅的客户"))
        self.customer_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.customer_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.customer_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.customer_table.setTabKeyNavigation(False)
        self.customer_table.verticalHeader().hide()
        header = self.customer_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.customer_table.setMinimumHeight(120)
        self.customer_table.itemSelectionChanged.connect(self._update_buttons)
        self.remove_button = QPushButton(self.tr("移出(&M)"))
        self.remove_button.setToolTip(self.tr("把所选客户从申请中删去(Delete 键)"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #555;")
        self.customers_error = self._error_label()

        search_row = QHBoxLayout()
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.find_button)
        list_row = QHBoxLayout()
        list_row.addWidget(self.count_label, 1)
        list_row.addWidget(self.remove_button)
        self.customers_box = QGroupBox(self.tr("查阅的客户 *"))
        customers_layout = QVBoxLayout(self.customers_box)
        customers_layout.addLayout(search_row)
        customers_layout.addWidget(self.hits_box)
        customers_layout.addWidget(self.customer_table, 1)
        customers_layout.addLayout(list_row)
        customers_layout.addWidget(self.customers_error)

        # 2. purpose and reason
        self.purpose_edit = QLineEdit()
        self.purpose_edit.setMaxLength(consultation.PURPOSE_MAX)
        self.purpose_edit.setPlaceholderText(self.tr("例如:春耕备耕农户小额信用贷款授信评级"))
        self.purpose_edit.textEdited.connect(lambda _t: self._clear("purpose"))
        self.purpose_error = self._error_label()
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(62)
        self.reason_edit.setPlaceholderText(self.tr("说明为何须查阅这些客户的信息"))
        self.reason_edit.textChanged.connect(self._reason_changed)
        self.reason_error = self._error_label()

        # 3. who is asking
        self.name_edit = QLineEdit(profile.name)
        self.department_edit = QLineEdit(profile.department)
        self.position_edit = QLineEdit(profile.position)
        self.phone_edit = QLineEdit(profile.phone)
        self.profile_edits = {
            "name": self.name_edit,
            "department": self.department_edit,
            "position": self.position_edit,
            "phone": self.phone_edit,
        }
        for key, edit in self.profile_edits.items():
            edit.setMaxLength(consultation.PROFILE_MAX[key])
            edit.textEdited.connect(lambda _t: self._clear("profile"))
        self.profile_error = self._error_label()
        profile_box = QGroupBox(self.tr("查阅人概况"))
        profile_grid = QGridLayout(profile_box)
        for i, (title, edit) in enumerate(
            (
                (self.tr("姓名 *"), self.name_edit),
                (self.tr("部门"), self.department_edit),
                (self.tr("职务"), self.position_edit),
                (self.tr("联系电话"), self.phone_edit),
            )
        ):
            label = QLabel(title)
            label.setBuddy(edit)
            profile_grid.addWidget(label, i // 2, (i % 2) * 2)
            profile_grid.addWidget(edit, i // 2, (i % 2) * 2 + 1)
        profile_grid.setColumnStretch(1, 1)
        profile_grid.setColumnStretch(3, 1)
        profile_grid.addWidget(self.profile_error, 2, 0, 1, 4)

        # 4. how and for how long
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[str, QRadioButton] = {}
        mode_row = QHBoxLayout()
        for key, word in consultation.MODES.items():
            button = QRadioButton(label_text(word))
            self.mode_group.addButton(button)
            self.mode_buttons[key] = button
            mode_row.addWidget(button)
        self.mode_buttons["view"].setChecked(True)
        self.mode_buttons["view"].setToolTip(self.tr("只看,不摘抄、不复制"))
        mode_row.addStretch(1)
        self.mode_group.buttonToggled.connect(lambda *_a: self._clear("mode"))
        self.mode_error = self._error_label()
        self.days_spin = QSpinBox()
        self.days_spin.setRange(consultation.MIN_DAYS, consultation.MAX_DAYS)
        self.days_spin.setValue(consultation.DEFAULT_DAYS)
        self.days_spin.setSuffix(self.tr(" 天"))
        self.days_spin.setAccessibleName(self.tr("查阅期限(天)"))
        self.days_spin.valueChanged.connect(lambda _v: self._clear("days"))
        days_hint = QLabel(
            self.tr("{low} 至 {high} 天,自单位负责人签批时起算").format(
                low=consultation.MIN_DAYS, high=consultation.MAX_DAYS
            )
        )
        days_hint.setStyleSheet("color: #555;")
        days_row = QHBoxLayout()
        days_row.addWidget(self.days_spin)
        days_row.addWidget(days_hint, 1)
        self.days_error = self._error_label()

        form = QGridLayout()
        form.setColumnStretch(1, 1)
        purpose_label = QLabel(self.tr("查阅目的 *"))
        purpose_label.setBuddy(self.purpose_edit)
        reason_label = QLabel(self.tr("查阅理由 *"))
        reason_label.setBuddy(self.reason_edit)
        reason_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        mode_label = QLabel(self.tr("查阅方式 *"))
        days_label = QLabel(self.tr("查阅期限 *"))
        days_label.setBuddy(self.days_spin)
        rows: list[tuple[QLabel, QWidget | QHBoxLayout, QLabel]] = [
            (purpose_label, self.purpose_edit, self.purpose_error),
            (reason_label, self.reason_edit, self.reason_error),
            (mode_label, mode_row, self.mode_error),
            (days_label, days_row, self.days_error),
        ]
        for i, (label, field, error) in enumerate(rows):
            form.addWidget(label, i * 2, 0)
            if isinstance(field, QWidget):
                form.addWidget(field, i * 2, 1)
            else:
                form.addLayout(field, i * 2, 1)
            form.addWidget(error, i * 2 + 1, 1)

        self.error_banner = QLabel()
        self.error_banner.setObjectName("applyError")
        self.error_banner.setWordWrap(True)
        self.error_banner.setStyleSheet(BANNER_STYLE)
        self.error_banner.hide()

        self.submit_button = QPushButton(self.tr("提交(&S)"))
        self.cancel_button = QPushButton(self.tr("取消"))
        self.submit_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.cancel_button)
        # Enter in the search field finds; nothing is submitted by Enter by accident
        for button in (
            self.find_button,
            self.add_hit_button,
            self.remove_button,
            self.submit_button,
            self.cancel_button,
        ):
            button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.customers_box, 1)
        layout.addLayout(form)
        layout.addWidget(profile_box)
        layout.addWidget(self.error_banner)
        layout.addLayout(buttons)

        chain: list[QWidget] = [
            self.search_edit,
            self.find_button,
            self.hits_list,
            self.add_hit_button,
            self.customer_table,
            self.remove_button,
            self.purpose_edit,
            self.reason_edit,
            *self.mode_buttons.values(),
            self.days_spin,
            self.name_edit,
            self.department_edit,
            self.position_edit,
            self.phone_edit,
            self.submit_button,
            self.cancel_button,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._fit_to_screen()
        if line is not None:
            self.add_line(line)
            self.purpose_edit.setFocus()
        else:
            self.search_edit.setFocus()
        self._show_list()

    def _fit_to_screen(self) -> None:
        screen = self.screen()
        room = screen.availableGeometry() if screen is not None else None
        width, height = 860, 680
        if room is not None:
            width, height = min(width, room.width() - 40), min(height, room.height() - 40)
        self.resize(width, height)

    @staticmethod
    def _error_label() -> QLabel:
        label = QLabel()
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        return label

    # --- the customers ---------------------------------------------------------------------------

    @staticmethod
    def _name(line: CatalogueLine) -> str:
        return line.display_name or "—"

    def _line_text(self, line: CatalogueLine) -> str:
        return self.tr("{no}  {category} · {subtype}  {tier}  {name}(客户经理 {manager})").format(
            no=line.archive_no,
            category=label_text(line.category_label),
            subtype=label_text(line.subtype_label),
            tier=label_text(line.tier_label),
            name=self._name(line),
            manager=line.manager_name,
        )

    def find_customer(self) -> None:
        """Look the text up in the catalogue: one hit is added, several are offered."""
        text = self.search_edit.text().strip()
        self._clear("customers")
        self.hits_box.hide()
        if not text:
            self._problem(
                "customers",
                self.tr("请输入要查阅的客户的完整档案编号、完整姓名或完整证件号码。"),
            )
            return
        try:
            with busy_cursor():
                hits = customers.catalogue_page(
                    self._ctx.archive,
                    self._ctx.actor,
                    filters=CatalogueFilter(query=text),
                    limit=SEARCH_LIMIT,
                )
        except Exception as exc:
            show_error(self, exc)
            return
        if not hits:
            self._problem(
                "customers",
                self.tr(
                    "找不到“{text}”。请输入完整的档案编号、完整姓名或完整证件号码"
                    "(只输入一部分查不到)。"
                ).format(text=text),
            )
            return
        if len(hits) == 1:
            if self.add_line(hits[0]):
                self.search_edit.clear()
            return
        self._hits = hits
        self.hits_list.clear()
        for hit in hits:
            self.hits_list.addItem(QListWidgetItem(self._line_text(hit)))
        self.hits_list.setCurrentRow(0)
        self.hits_label.setText(
            self.tr("找到 {n} 户,请选择要查阅的一户(回车或双击加入):").format(n=len(hits))
        )
        self.hits_box.show()
        self.hits_list.setFocus()

    def add_hit(self) -> None:
        row = self.hits_list.currentRow()
        if not 0 <= row < len(self._hits):
            return
        if self.add_line(self._hits[row]):
            self.hits_box.hide()
            self._hits = []
            self.search_edit.clear()
            self.search_edit.setFocus()

    def add_line(self, line: CatalogueLine) -> bool:
        """Put one catalogue line on the application (refusing a repeat and too many)."""
        self._clear("customers")
        for row, chosen in enumerate(self.chosen):
            if chosen.id == line.id:
                self.customer_table.selectRow(row)
                self._problem(
                    "customers",
                    self.tr("档案 {no} 已在申请中。").format(no=line.archive_no),
                )
                return False
        if len(self.chosen) >= consultation.MAX_CUSTOMERS:
            self._problem(
                "customers",
                self.tr("一份申请最多列 {n} 户客户。请分批申请。").format(
                    n=consultation.MAX_CUSTOMERS
                ),
            )
            return False
        self.chosen.append(line)
        self._show_list()
        self.customer_table.selectRow(len(self.chosen) - 1)
        return True

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.customer_table.selectedIndexes()})
        if not rows:
            return
        row = rows[0]
        del self.chosen[row]
        self._clear("customers")
        self._show_list()
        if self.chosen:
            self.customer_table.selectRow(min(row, len(self.chosen) - 1))

    def _show_list(self) -> None:
        table = self.customer_table
        table.setRowCount(0)
        for row, line in enumerate(self.chosen):
            table.insertRow(row)
            cells = (
                line.archive_no,
                label_text(line.category_label),
                label_text(line.subtype_label),
                label_text(line.tier_label),
                self._name(line),
            )
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))
        self.count_label.setText(
            self.tr("已选 {n} 户(最多 {max} 户)").format(
                n=len(self.chosen), max=consultation.MAX_CUSTOMERS
            )
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.customer_table.selectedIndexes()))

    def row_texts(self, row: int) -> list[str]:
        """What row ``row`` of the chosen customers says (for tests and screen readers)."""
        cells = [self.customer_table.item(row, c) for c in range(COLUMNS)]
        return [c.text() if c is not None else "" for c in cells]

    # --- problems at their fields ----------------------------------------------------------------

    def _labels(self) -> dict[str, QLabel]:
        return {
            "customers": self.customers_error,
            "purpose": self.purpose_error,
            "reason": self.reason_error,
            "profile": self.profile_error,
            "mode": self.mode_error,
            "days": self.days_error,
        }

    def _focus_of(self, key: str) -> QWidget:
        checked = self.mode_group.checkedButton()
        return {
            "customers": self.search_edit,
            "purpose": self.purpose_edit,
            "reason": self.reason_edit,
            "profile": self.name_edit,
            "mode": checked if checked is not None else self.mode_buttons["view"],
            "days": self.days_spin,
        }[key]

    def problem(self, key: str) -> str:
        """The problem shown at field ``key`` ("" when none)."""
        label = self._labels()[key]
        return label.text() if not label.isHidden() else ""

    def _problem(self, key: str, text: str) -> None:
        label = self._labels()[key]
        label.setText(text)
        label.show()

    def _clear(self, key: str) -> None:
        self._labels()[key].hide()
        self.error_banner.hide()

    def _reason_changed(self) -> None:
        length = len(self.reason_edit.toPlainText().strip())
        if length > consultation.REASON_MAX:
            self._problem(
                "reason",
                self.tr("查阅理由最多 {max} 字(现为 {n} 字),请精简。").format(
                    max=consultation.REASON_MAX, n=length
                ),
            )
        else:
            self._clear("reason")

    def check(self) -> bool:
        """Every field filled and within bounds; the problems shown where they are, first focused."""
        for key in self._labels():
            self._clear(key)
        problems: dict[str, str] = {}
        if not self.chosen:
            problems["customers"] = self.tr(
                "请至少加入一户要查阅的客户:输入完整档案编号、姓名或证件号码后按回车。"
            )
        if not self.purpose_edit.text().strip():
            problems["purpose"] = self.tr("请填写查阅目的(例如:农户小额信用贷款授信评级)。")
        reason = self.reason_edit.toPlainText().strip()
        if not reason:
            problems["reason"] = self.tr("请填写查阅理由,说明为何须查阅这些客户的信息。")
        elif len(reason) > consultation.REASON_MAX:
            problems["reason"] = self.tr("查阅理由最多 {max} 字,请精简。").format(
                max=consultation.REASON_MAX
            )
        if not self.name_edit.text().strip():
            problems["profile"] = self.tr("请填写查阅人姓名。")
        if self.mode_group.checkedButton() is None:
            problems["mode"] = self.tr("请选择查阅方式。")
        for key, text in problems.items():
            self._problem(key, text)
        if problems:
            self._focus_of(next(iter(problems))).setFocus()
        return not problems

    def _mode(self) -> str:
        for key, button in self.mode_buttons.items():
            if button.isChecked():
                return key
        return ""

    def profile(self) -> Profile:
        return Profile(
            name=self.name_edit.text().strip(),
            department=self.department_edit.text().strip(),
            position=self.position_edit.text().strip(),
            phone=self.phone_edit.text().strip(),
        )

    def _show_refusal(self, exc: AppError) -> None:
        """The workflow's answer at the field it is about; otherwise above the buttons."""
        text = error_text(exc)
        key = field_of(exc.message) if isinstance(exc, InvalidInput) else None
        if key is None:
            self.error_banner.setText(self.tr("未提交:{text}").format(text=text))
            self.error_banner.show()
            return
        self._problem(key, text)
        if key == "customers":
            for row, line in enumerate(self.chosen):
                if line.archive_no in text:
                    self.customer_table.selectRow(row)
                    self.customer_table.setFocus()
                    return
        self._focus_of(key).setFocus()

    # --- submitting --------------------------------------------------------------------------------

    def submit(self) -> bool:
        self.error_banner.hide()
        if not self.check():
            return False
        try:
            with busy_cursor():
                ref = consultation.apply(
                    self._ctx.archive,
                    self._ctx.actor,
                    [line.id for line in self.chosen],
                    purpose=self.purpose_edit.text(),
                    reason=self.reason_edit.toPlainText(),
                    mode=self._mode(),
                    days=self.days_spin.value(),
                    profile=self.profile(),
                )
        except (InvalidInput, Conflict) as exc:
            self._show_refusal(exc)
            return False
        except Exception as exc:
            show_error(self, exc, self.tr("未提交"))
            return False
        self.submitted = ref
        ApprovalNews.of(self._ctx).changed.emit()
        show_info(
            self,
            self.tr(
                "查阅申请 {serial} 已提交:先由所涉客户的管户客户经理审核,再报单位负责人签批。"
                "批准后可在“查阅申请”的“授权有效中”打开客户。"
            ).format(serial=ref.serial),
            self.tr("已提交"),
        )
        self.accept()
        return True


def open_consultation_apply(
    ctx: SessionContext, parent: QWidget | None = None, *, line: CatalogueLine | None = None
) -> RequestRef | None:
    """Prefill the applicant from the account, let the person fill in and submit; wait."""
    try:
        with busy_cursor():
            profile = consultation.default_profile(ctx.archive, ctx.actor)
    except Exception as exc:
        show_error(parent, exc)
        return None
    dialog = ConsultationApplyDialog(ctx, profile, line=line, parent=parent)
    dialog.exec()
    submitted = dialog.submitted
    dialog.deleteLater()
    return submitted
