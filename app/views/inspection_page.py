"""年度检查 (article 11): the year's record, its findings, the checklist, signing and the report.

The inspector sees this year's record (made when first opened): the
automated findings, each with its severity in words and a mark (not only a
colour) and, for the selected one, the records concerned; the checklist of
what people check, answered 符合/不符合 with a note; and the signatures.
提交签署 signs the record with the inspector's password (typed again here,
like a stock-take's), after which the director signs it (主任签署…, the
engine's signing dialog). Past years stay readable from the year selector,
and every year's report prints through the preview.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import WrongPassword
from app.security.permissions import Action
from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.labels import label_text, local_time, severity_text
from app.views.long_task import run_long
from app.views.messages import confirm, error_text, show_error, show_info
from app.views.pdf_preview_dialog import PdfPreviewDialog
from app.views.request_view_dialog import ApprovalNews
from app.views.signing_dialog import SigningDialog
from app.workflows import inspection, requests
from app.workflows.inspection import Finding, InspectionView

SEVERITY_TINTS = {"ok": "#E8F5E9", "attention": "#FFF4D6", "problem": "#FBE3E3"}
ERROR_STYLE = "color: #b00020;"
#: result combo entries: (stored code, word shown)
RESULT_CHOICES = (("", "未检查"), ("pass", "符合"), ("fail", "不符合"))


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    return item


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return table


class InspectionPage(QWidget):
    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._view: InspectionView | None = None
        self._year: int | None = None
        self._loaded = False
        self._dirty = False
        self._filling = False

        title = QLabel(self.tr("年度检查"))
        title.setStyleSheet("font-size: 16px; font-weight: bold;")
        hint = QLabel(
            self.tr(
                "每年年初对客户信息保管状况进行一次全面检查,做好检查记录(制度第11条)。"
                "自动检查结果由系统根据档案库生成,人工检查由检查人员逐项填写;"
                "检查人员提交签署后,由主任签署。"
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")

        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName(self.tr("检查年度"))
        self.state_label = QLabel()
        self.state_label.setStyleSheet("font-weight: bold;")
        self.refresh_button = QPushButton(self.tr("刷新检查结果(&R)"))
        self.print_button = QPushButton(self.tr("打印报告(&P)…"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("检查年度")))
        top.addWidget(self.year_combo)
        top.addWidget(self.state_label)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.print_button)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setObjectName("inspectionBanner")

        # --- the automated findings
        self.findings_table = _table(
            [self.tr("结果"), self.tr("检查项目"), self.tr("数量"), self.tr("情况说明")]
        )
        self.findings_table.setColumnWidth(0, 90)
        self.findings_table.setColumnWidth(1, 230)
        self.findings_table.setColumnWidth(2, 60)
        self.items_label = QLabel(self.tr("选择上面的一项,查看所涉及的档案、申请或账户。"))
        self.items_label.setWordWrap(True)
        self.items_table = _table([self.tr("编号 / 对象"), self.tr("情况")])
        self.items_table.setColumnWidth(0, 220)
        items_box = QWidget()
        items_layout = QVBoxLayout(items_box)
        items_layout.setContentsMargins(0, 0, 0, 0)
        items_layout.addWidget(self.items_label)
        items_layout.addWidget(self.items_table, 1)
        self.findings_at_label = QLabel()
        self.findings_at_label.setStyleSheet("color: #555;")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.findings_table)
        splitter.addWidget(items_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        findings_tab = QWidget()
        findings_layout = QVBoxLayout(findings_tab)
        findings_layout.addWidget(self.findings_at_label)
        findings_layout.addWidget(splitter, 1)

        # --- the checklist
        self.checklist_table = QTableWidget(0, 4)
        self.checklist_table.setHorizontalHeaderLabels(
            [self.tr("检查内容"), self.tr("依据"), self.tr("结果"), self.tr("说明")]
        )
        self.checklist_table.verticalHeader().hide()
        self.checklist_table.setWordWrap(True)
        self.checklist_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.checklist_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.checklist_table.setColumnWidth(0, 380)
        self.checklist_table.setColumnWidth(1, 110)
        self.checklist_table.setColumnWidth(2, 90)
        self.checklist_table.horizontalHeader().setStretchLastSection(True)
        self._result_combos: list[QComboBox] = []
        self._note_edits: list[QLineEdit] = []
        self.save_button = QPushButton(self.tr("保存检查清单(&S)"))
        self.checklist_hint = QLabel(
            self.tr("逐项检查后选择“符合”或“不符合”;不符合的须在说明中写明具体情况和整改要求。")
        )
        self.checklist_hint.setWordWrap(True)
        self.checklist_hint.setStyleSheet("color: #555;")
        save_row = QHBoxLayout()
        save_row.addWidget(self.checklist_hint, 1)
        save_row.addWidget(self.save_button)
        checklist_tab = QWidget()
        checklist_layout = QVBoxLayout(checklist_tab)
        checklist_layout.addWidget(self.checklist_table, 1)
        checklist_layout.addLayout(save_row)

        # --- signing
        self.signatures_table = _table(
            [
                self.tr("签署"),
                self.tr("姓名"),
                self.tr("时间"),
                self.tr("意见"),
                self.tr("签名指纹"),
                self.tr("校验"),
            ]
        )
        self.chain_label = QLabel()
        self.chain_label.setWordWrap(True)
        self.chain_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("由检查人员本人输入"))
        self.password_edit.setAccessibleName(self.tr("检查人员密码"))
        self.password_edit.setMaximumWidth(220)
        self.submit_button = QPushButton(self.tr("提交签署(&T)"))
        self.sign_button = QPushButton(self.tr("主任签署(&D)…"))
        self.sign_error = QLabel()
        self.sign_error.setWordWrap(True)
        self.sign_error.setStyleSheet(ERROR_STYLE)
        self.sign_error.hide()
        self.submit_hint = QLabel(
            self.tr(
                "提交即以您的密钥对检查结果、人工检查和当前审计日志链头作电子签名,"
                "提交后不能再修改,由主任签署。"
            )
        )
        self.submit_hint.setWordWrap(True)
        self.submit_hint.setStyleSheet("color: #555;")
        self.password_title = QLabel(self.tr("密码"))
        submit_row = QHBoxLayout()
        submit_row.addWidget(self.password_title)
        submit_row.addWidget(self.password_edit)
        submit_row.addWidget(self.submit_button)
        submit_row.addStretch(1)
        submit_row.addWidget(self.sign_button)
        sign_tab = QWidget()
        sign_layout = QVBoxLayout(sign_tab)
        sign_layout.addWidget(self.signatures_table, 1)
        sign_layout.addWidget(self.chain_label)
        sign_layout.addWidget(self.submit_hint)
        sign_layout.addLayout(submit_row)
        sign_layout.addWidget(self.sign_error)

        self.tabs = QTabWidget()
        self.tabs.addTab(findings_tab, self.tr("自动检查结果"))
        self.tabs.addTab(checklist_tab, self.tr("人工检查"))
        self.tabs.addTab(sign_tab, self.tr("签署"))

        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #555;")
        self.empty_label.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.tabs, 1)

        self.year_combo.activated.connect(lambda _i: self._year_chosen())
        self.refresh_button.clicked.connect(self.refresh_findings)
        self.print_button.clicked.connect(self.print_report)
        self.save_button.clicked.connect(self.save_checklist)
        self.submit_button.clicked.connect(self.submit)
        self.password_edit.returnPressed.connect(self.submit)
        self.sign_button.clicked.connect(self.sign)
        self.findings_table.itemSelectionChanged.connect(self._show_items)
        self._update_buttons()

    # --- loading ---------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.refresh()

    @property
    def view(self) -> InspectionView | None:
        return self._view

    def refresh(self) -> None:
        """Load the chosen year (this year at first); unsaved checklist edits are kept."""
        ctx = self._ctx
        try:
            with busy_cursor():
                years = inspection.years(ctx.archive, ctx.actor)
                year = self._year if self._year in years else years[0]
                view = self._load(year)
        except Exception as exc:
            show_error(self, exc)
            return
        self._loaded = True
        self._fill_years(years, year)
        keep = self._dirty and view is not None and self._view is not None
        keep = keep and view.id == self._view.id and view.editable  # type: ignore[union-attr]
        self._show(view, year, keep_checklist=keep)

    def _load(self, year: int) -> InspectionView | None:
        ctx = self._ctx
        if year == inspection.current_year() and ctx.actor.may(Action.INSPECTION_PERFORM):
            return inspection.open_inspection(ctx.archive, ctx.actor, year)
        return inspection.inspection_for(ctx.archive, ctx.actor, year)

    def _fill_years(self, years: list[int], chosen: int) -> None:
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in years:
            self.year_combo.addItem(self.tr("{year} 年度").format(year=year), year)
        self.year_combo.setCurrentIndex(years.index(chosen))
        self.year_combo.blockSignals(False)

    def _year_chosen(self) -> None:
        year = self.year_combo.currentData()
        if year == self._year:
            return
        if self._dirty and not confirm(
            self, self.tr("人工检查有未保存的修改,切换年度将放弃这些修改。是否继续?")
        ):
            self.year_combo.setCurrentIndex(self.year_combo.findData(self._year))
            return
        self._dirty = False
        self._year = int(year)
        self.refresh()

    # --- showing ---------------------------------------------------------------------------------

    def _show(
        self, view: InspectionView | None, year: int, *, keep_checklist: bool = False
    ) -> None:
        self._view = view
        self._year = year
        self.sign_error.hide()
        if view is None:
            self.state_label.setText(self.tr("尚未开始"))
            self.empty_label.setText(
                self.tr("{year} 年度尚未开始检查。年度检查由检查人员开始。").format(year=year)
            )
            self.empty_label.show()
            self.tabs.hide()
            self.banner.hide()
            self._update_buttons()
            return
        self.empty_label.hide()
        self.tabs.show()
        self.state_label.setText(label_text(view.state_label))
        self._show_banner(view)
        self._show_findings(view)
        if not keep_checklist:
            self._show_checklist(view)
        else:
            self._set_checklist_enabled(view.editable)
        self._show_signatures(view)
        self._update_buttons()

    def _show_banner(self, view: InspectionView) -> None:
        if view.state == "closed":
            text = self.tr("本年度检查记录已由主任签署,只能查看和打印。")
            style = "background: #E8F5E9; padding: 6px;"
        elif view.state == "submitted":
            text = self.tr("已提交 {serial},等待主任签署;提交后不能再修改。").format(
                serial=view.serial
            )
            style = "background: #E3F2FD; padding: 6px;"
        elif view.rejection:
            text = self.tr("上次提交 {serial} 已退回:{reason}。请修改后重新提交。").format(
                serial=view.serial, reason=view.rejection
            )
            style = "background: #FFF4D6; padding: 6px;"
        else:
            text = self.tr(
                "检查中:发现问题 {p} 项,需关注 {a} 项;人工检查还有 {u} 项未填写。"
            ).format(p=view.problems, a=view.attention, u=view.unchecked)
            style = "background: #F4F6F8; padding: 6px;"
        if not view.signatures_valid:
            text += self.tr(" 注意:有签名校验无效,记录可能被改动。")
            style = "background: #FBE3E3; padding: 6px;"
        self.banner.setText(text)
        self.banner.setStyleSheet(style)
        self.banner.show()

    def _show_findings(self, view: InspectionView) -> None:
        self.findings_at_label.setText(
            self.tr("检查结果生成于 {when}。").format(when=local_time(view.findings_at))
        )
        table = self.findings_table
        table.blockSignals(True)
        table.clearSelection()
        table.setRowCount(len(view.findings))
        for row, finding in enumerate(view.findings):
            mark = inspection.SEVERITY_MARKS.get(finding.severity, "")
            cells = (
                f"{mark} {severity_text(finding.severity_label)}",
                label_text(finding.title),
                str(finding.count),
                finding.summary,
            )
            tint = QBrush(QColor(SEVERITY_TINTS.get(finding.severity, "#FFFFFF")))
            for column, text in enumerate(cells):
                item = _item(text)
                if column == 0:
                    item.setBackground(tint)
                table.setItem(row, column, item)
        table.resizeRowsToContents()
        table.blockSignals(False)
        self.items_table.setRowCount(0)
        self.items_label.setText(self.tr("选择上面的一项,查看所涉及的档案、申请或账户。"))

    def selected_finding(self) -> Finding | None:
        rows = {i.row() for i in self.findings_table.selectedIndexes()}
        if self._view is None or not rows:
            return None
        return self._view.findings[min(rows)]

    def _show_items(self) -> None:
        finding = self.selected_finding()
        if finding is None:
            self.items_table.setRowCount(0)
            return
        if not finding.items:
            self.items_label.setText(
                self.tr("“{title}”没有涉及的记录。").format(title=label_text(finding.title))
            )
        elif finding.truncated:
            self.items_label.setText(
                self.tr("“{title}”共 {n} 项,以下列出前 {shown} 项:").format(
                    title=label_text(finding.title), n=finding.count, shown=len(finding.items)
                )
            )
        else:
            self.items_label.setText(
                self.tr("“{title}”共 {n} 项:").format(
                    title=label_text(finding.title), n=finding.count
                )
            )
        self.items_table.setRowCount(len(finding.items))
        for row, entry in enumerate(finding.items):
            self.items_table.setItem(row, 0, _item(entry.ref))
            self.items_table.setItem(row, 1, _item(entry.detail))
        self.items_table.resizeRowsToContents()

    def _show_checklist(self, view: InspectionView) -> None:
        self._filling = True
        table = self.checklist_table
        table.setRowCount(len(view.checklist))
        self._result_combos = []
        self._note_edits = []
        for row, line in enumerate(view.checklist):
            table.setItem(row, 0, _item(label_text(line.label)))
            table.setItem(row, 1, _item(line.basis))
            combo = QComboBox()
            for code, word in RESULT_CHOICES:
                combo.addItem(label_text(word), code)
            combo.setCurrentIndex(max(combo.findData(line.result), 0))
            combo.setAccessibleName(self.tr("第 {n} 项结果").format(n=row + 1))
            combo.currentIndexChanged.connect(lambda _i: self._edited())
            note = QLineEdit(line.note)
            note.setMaxLength(inspection.NOTE_MAX)
            note.setPlaceholderText(self.tr("不符合时写明情况和整改要求"))
            note.setAccessibleName(self.tr("第 {n} 项说明").format(n=row + 1))
            note.textEdited.connect(lambda _t: self._edited())
            table.setCellWidget(row, 2, combo)
            table.setCellWidget(row, 3, note)
            self._result_combos.append(combo)
            self._note_edits.append(note)
        table.resizeRowsToContents()
        self._filling = False
        self._dirty = False
        self._set_checklist_enabled(view.editable)

    def _set_checklist_enabled(self, editable: bool) -> None:
        for widget in (*self._result_combos, *self._note_edits):
            widget.setEnabled(editable)

    def _edited(self) -> None:
        if not self._filling:
            self._dirty = True
            self._update_buttons()

    def _show_signatures(self, view: InspectionView) -> None:
        table = self.signatures_table
        table.setRowCount(len(view.signatures))
        for row, s in enumerate(view.signatures):
            cells = (
                label_text(s.role_label),
                self.tr("{name}({login})").format(name=s.name, login=s.login),
                local_time(s.signed_at),
                label_text(s.decision_label) + (f":{s.reason}" if s.reason else ""),
                s.fingerprint,
                self.tr("有效") if s.valid else self.tr("无效(内容可能被改动)"),
            )
            for column, text in enumerate(cells):
                item = _item(text)
                if column == 5 and not s.valid:
                    item.setBackground(QBrush(QColor(SEVERITY_TINTS["problem"])))
                table.setItem(row, column, item)
        if view.chain_seq is not None:
            self.chain_label.setText(
                self.tr(
                    "提交时审计日志链头:第 {seq} 条 {hash}\n记录内容摘要:SHA-256 {digest}"
                ).format(seq=view.chain_seq, hash=view.chain_hash, digest=view.content_hash)
            )
        else:
            self.chain_label.setText(self.tr("提交签署时将记录当时的审计日志链头。"))

    def _update_buttons(self) -> None:
        view = self._view
        editable = view is not None and view.editable
        self.refresh_button.setVisible(self._ctx.actor.may(Action.INSPECTION_PERFORM))
        self.refresh_button.setEnabled(editable)
        self.print_button.setEnabled(view is not None)
        self.save_button.setVisible(editable)
        self.save_button.setEnabled(editable and self._dirty)
        for widget in (self.password_title, self.password_edit, self.submit_button):
            widget.setVisible(editable)
        self.submit_hint.setVisible(editable)
        self.sign_button.setVisible(view is not None and view.can_sign)

    # --- actions ---------------------------------------------------------------------------------

    def answers(self) -> dict[str, tuple[str, str]]:
        """The checklist as it stands in the widgets."""
        if self._view is None:
            return {}
        return {
            line.key: (str(combo.currentData() or ""), note.text())
            for line, combo, note in zip(
                self._view.checklist, self._result_combos, self._note_edits, strict=True
            )
        }

    def save_checklist(self) -> bool:
        view = self._view
        if view is None or not view.editable:
            return False
        ctx = self._ctx
        try:
            with busy_cursor():
                saved = inspection.save_checklist(ctx.archive, ctx.actor, view.id, self.answers())
        except Exception as exc:
            show_error(self, exc)
            return False
        self._dirty = False
        self._show(saved, saved.year)
        return True

    def refresh_findings(self) -> None:
        view = self._view
        if view is None or not view.editable:
            return
        ctx = self._ctx
        try:
            checking = self.tr("正在检查第 {done}/{total} 项……")
            fresh = run_long(
                self,
                self.tr("刷新检查结果"),
                checking.format(done=0, total="…"),
                lambda step: inspection.refresh_findings(
                    ctx.archive,
                    ctx.actor,
                    view.id,
                    progress=lambda done, total: step(checking.format(done=done, total=total)),
                ),
            )
        except Exception as exc:
            show_error(self, exc)
            return
        self._show(fresh, fresh.year, keep_checklist=self._dirty)
        self.tabs.setCurrentIndex(0)

    def submit(self) -> None:
        view = self._view
        if view is None or not view.editable:
            return
        self.sign_error.hide()
        password = self.password_edit.text()
        if not password:
            self._sign_problem(self.tr("请检查人员本人输入密码,以签名确认检查记录。"))
            self.password_edit.setFocus()
            return
        self.password_edit.setText("")  # also empties the undo history
        ctx = self._ctx
        try:
            with busy_cursor():
                if self._dirty:
                    inspection.save_checklist(ctx.archive, ctx.actor, view.id, self.answers())
                    self._dirty = False
                done = inspection.submit(ctx.archive, ctx.actor, view.id, password)
        except WrongPassword as exc:
            self._sign_problem(error_text(exc))
            self.password_edit.setFocus()
            return
        except Exception as exc:
            self._sign_problem(error_text(exc))
            return
        finally:
            del password
        self._show(done, done.year)
        ApprovalNews.of(ctx).changed.emit()
        show_info(
            self,
            self.tr("{year} 年度检查记录已签名提交({serial}),请主任签署。").format(
                year=done.year, serial=done.serial
            ),
        )

    def _sign_problem(self, text: str) -> None:
        self.tabs.setCurrentIndex(2)
        self.sign_error.setText(text)
        self.sign_error.show()

    def sign(self) -> None:
        view = self._view
        if view is None or not view.can_sign or view.request_id is None:
            return
        ctx = self._ctx
        try:
            with busy_cursor():
                detail = requests.open_request(ctx.archive, ctx.actor, view.request_id)
        except Exception as exc:
            show_error(self, exc)
            return
        dialog = SigningDialog(ctx, detail, parent=self)
        result = dialog.exec()
        if result == QDialog.DialogCode.Accepted or dialog.conflicted:
            ApprovalNews.of(ctx).changed.emit()
            self.refresh()

    def print_report(self) -> None:
        view = self._view
        if view is None:
            return
        ctx = self._ctx
        try:
            with busy_cursor():
                data = inspection.report_pdf(ctx.archive, ctx.actor, view.id)
        except Exception as exc:
            show_error(self, exc)
            return
        inspection_id = view.id
        dialog = PdfPreviewDialog(
            data,
            self.tr("{year} 年度检查报告").format(year=view.year),
            self.tr("年度检查报告-{year}.pdf").format(year=view.year),
            on_print=lambda: inspection.record_output(
                ctx.archive, ctx.actor, inspection_id, "print"
            ),
            on_save=lambda _path: inspection.record_output(
                ctx.archive, ctx.actor, inspection_id, "save"
            ),
            parent=self,
        )
        dialog.exec()
