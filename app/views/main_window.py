"""The main window: navigation between the areas a person may use, and the session's controls.

Which areas appear is decided by the permission matrix (``actor.may``), never
by a role name here, so the window and the workflows cannot disagree. The
pages are built for one person: after a switch of user they are all thrown
away and built again, so nothing the previous person had open survives.

The approvals entry carries the number of requests waiting for this person
("待办审批 (3)"), refreshed after any decision or submission in this session
and once a minute for what others did; for a person whose roles decide
nothing it reads 我的申请.

Sized for the branch's 1366x768 screens; the geometry is remembered in the
program's own configuration folder (not the registry), beside app.settings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QCoreApplication,
    QSettings,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from app import settings as app_settings
from app.security.permissions import Action
from app.security.roles import Role
from app.views import long_task
from app.views.approvals_page import (
    DECIDE_ACTIONS,
    SUBMIT_ACTIONS,
    ApprovalsPage,
    may_decide_any,
)
from app.views.area_placeholder import AreaPlaceholder
from app.views.audit_log_page import AuditLogPage
from app.views.backup_action import make_backup_interactive
from app.views.catalogue_page import CataloguePage
from app.views.change_password_dialog import ChangePasswordDialog
from app.views.consultation_page import ConsultationPage
from app.views.context import SessionContext
from app.views.copy_page import CopyPage
from app.views.home_page import HomePage
from app.views.home_targets import follow as follow_target
from app.views.idle_lock import IdleLock
from app.views.incident_report_dialog import IncidentReportDialog
from app.views.incidents_page import IncidentsPage
from app.views.inspection_page import InspectionPage
from app.views.labels import app_title, roles_text
from app.views.registers_page import RegistersPage
from app.views.registers_page import guards as register_guards
from app.views.request_view_dialog import ApprovalNews
from app.views.statistics_page import StatisticsPage
from app.views.user_management_page import UserManagementPage
from app.views.vault_page import VaultPage
from app.workflows import inspection, requests
from app.workflows.auth import Actor
from app.workflows.dashboard import Target

CONTEXT = "MainWindow"
GEOMETRY_FILE = "window.ini"
GEOMETRY_KEY = "mainWindow/geometry"
#: the largest default size; smaller screens get what they have
DEFAULT_SIZE = (1280, 720)
#: how often the approvals entry counts what waits (one cheap query)
INBOX_POLL_MS = 60_000

PageFactory = Callable[[SessionContext, QWidget], QWidget]


@dataclass(frozen=True)
class Area:
    """One entry of the navigation. Shown if the person may take any of ``guards``."""

    key: str
    title: str
    articles: str
    summary: str
    guards: tuple[Action, ...]
    page: PageFactory | None = None

    def permitted(self, actor: Actor) -> bool:
        return any(actor.may(action) for action in self.guards)

    def build(self, ctx: SessionContext, parent: QWidget) -> QWidget:
        if self.page is not None:
            return self.page(ctx, parent)
        return AreaPlaceholder(_tr(self.title), _tr(self.articles), _tr(self.summary), parent)


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


AREAS: tuple[Area, ...] = (
    Area(
        "home",
        QT_TRANSLATE_NOOP("MainWindow", "首页"),
        "",
        "",
        (Action.HOME_VIEW,),
        HomePage,
    ),
    Area(
        "catalogue",
        QT_TRANSLATE_NOOP("MainWindow", "客户档案"),
        QT_TRANSLATE_NOOP("MainWindow", "第4至8条、第16条"),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "按联社分类模板建立和维护客户档案,登记档案载体和存放位置;"
            "“机密”“绝密”信息在目录中标明,内容单独存放于保密库。",
        ),
        (Action.CATALOGUE_VIEW,),
        CataloguePage,
    ),
    Area(
        "approvals",
        QT_TRANSLATE_NOOP("MainWindow", "待办审批"),
        QT_TRANSLATE_NOOP("MainWindow", "第9、10、14、17、18条"),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "等待您审批或签字的信息更新申请、档案修改、查阅申请、复制摘抄申请、"
            "对外提供申请和销毁申请。",
        ),
        (*DECIDE_ACTIONS, *SUBMIT_ACTIONS),
        ApprovalsPage,
    ),
    Area(
        "consultation",
        QT_TRANSLATE_NOOP("MainWindow", "查阅申请"),
        QT_TRANSLATE_NOOP("MainWindow", "第13、14条"),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "写明查阅的对象、目的、理由和查阅人概况,提出查阅申请;经客户经理审核、"
            "单位负责人签字后,在有效期内查阅;打印《数码客户信息查阅申请表》。",
        ),
        (Action.CONSULTATION_APPLY,),
        ConsultationPage,
    ),
    Area(
        "copy",
        QT_TRANSLATE_NOOP("MainWindow", "复制摘录"),
        QT_TRANSLATE_NOOP("MainWindow", "第17条第1款"),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "复制、摘录、导出或打印客户信息,须经主任或管户客户经理批准;"
            "批准后在有效期内制作带水印的复制件。",
        ),
        (Action.COPY_REQUEST,),
        CopyPage,
    ),
    Area(
        "registers",
        QT_TRANSLATE_NOOP("MainWindow", "登记簿"),
        QT_TRANSLATE_NOOP("MainWindow", "第12条、第17条"),
        QT_TRANSLATE_NOOP("MainWindow", "档案出入登记和帐实核对;收发、传递和外出携带登记。"),
        register_guards(),
        RegistersPage,
    ),
    Area(
        "vault",
        QT_TRANSLATE_NOOP("MainWindow", "保密库"),
        QT_TRANSLATE_NOOP("MainWindow", "第16条"),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "“机密”“绝密”档案单独存放、专人管理:保密专管员本人到场开启,"
            "核对保密库内容、查看记录和有效的查阅授权。",
        ),
        (Action.VAULT_ACCESS,),
        VaultPage,
    ),
    Area(
        "inspection",
        QT_TRANSLATE_NOOP("MainWindow", "年度检查"),
        QT_TRANSLATE_NOOP("MainWindow", "第11条"),
        QT_TRANSLATE_NOOP(
            "MainWindow", "每年年初对客户信息保管状况进行全面检查,做好检查记录,打印检查报告。"
        ),
        (Action.INSPECTION_VIEW,),
        InspectionPage,
    ),
    Area(
        "incident",
        QT_TRANSLATE_NOOP("MainWindow", "事件报告"),
        QT_TRANSLATE_NOOP("MainWindow", "第20条"),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "发现客户信息已经泄露或者可能泄露时,在此报告并记录补救措施和处理结果。",
        ),
        (Action.INCIDENT_REPORT,),
        IncidentsPage,
    ),
    Area(
        "statistics",
        QT_TRANSLATE_NOOP("MainWindow", "统计"),
        QT_TRANSLATE_NOOP("MainWindow", "第5条"),
        QT_TRANSLATE_NOOP(
            "MainWindow", "按联社的分类统计客户档案的数量和填写完整程度,并导出统计表。"
        ),
        (Action.STATISTICS_VIEW,),
        StatisticsPage,
    ),
    Area(
        "audit",
        QT_TRANSLATE_NOOP("MainWindow", "审计日志"),
        "",
        "",
        (Action.AUDIT_VIEW,),
        AuditLogPage,
    ),
    Area(
        "users",
        QT_TRANSLATE_NOOP("MainWindow", "用户管理"),
        "",
        "",
        (Action.USER_MANAGE,),
        UserManagementPage,
    ),
)


def default_size(available: QSize) -> QSize:
    """The first size on a screen with ``available`` room (taskbar already subtracted).

    resize() sets the inside of the window: leave room for the frame and title bar.
    """
    return QSize(
        min(DEFAULT_SIZE[0], available.width() - 16), min(DEFAULT_SIZE[1], available.height() - 48)
    )


def _geometry_store() -> QSettings:
    path = app_settings.config_dir() / GEOMETRY_FILE
    return QSettings(str(path), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    def __init__(self, ctx: SessionContext, lock: IdleLock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._lock = lock
        self._areas: list[Area] = []
        self._built_for: tuple[str, frozenset[Role]] | None = None
        header = ctx.archive.header
        self.setWindowTitle(
            self.tr("{title} - {branch}").format(title=app_title(), branch=header.branch_name)
        )

        self._make_actions()

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("功能导航"))
        self.nav.setFixedWidth(160)
        self.nav.setSpacing(3)
        self.stack = QStackedWidget()
        self.nav.currentRowChanged.connect(self._show_area)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.user_label = QLabel()
        self.roles_label = QLabel()
        self.archive_label = QLabel(self.tr("档案:{path}").format(path=ctx.archive.paths.root))
        # A deep folder path must not widen the window beyond a small screen.
        self.archive_label.setToolTip(str(ctx.archive.paths.root))
        self.archive_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.archive_label.setMinimumWidth(120)
        self.statusBar().addWidget(self.archive_label, 1)
        for label in (self.user_label, self.roles_label):
            self.statusBar().addPermanentWidget(label)

        self.inbox_timer = QTimer(self)
        self.inbox_timer.setInterval(INBOX_POLL_MS)
        self.inbox_timer.timeout.connect(self.update_inbox_count)
        self.inbox_timer.start()
        ApprovalNews.of(ctx).changed.connect(self.update_inbox_count)

        ctx.actor_changed.connect(self._on_actor_changed)
        lock.session_ended.connect(self.close)
        self._on_actor_changed(ctx.actor)
        self._restore_geometry()

    # --- actions ---------------------------------------------------------------------------

    def _make_actions(self) -> None:
        self.lock_action = QAction(self.tr("锁定(&L)"), self)
        self.lock_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_L))
        self.lock_action.setToolTip(self.tr("离开座位时锁定屏幕 (Ctrl+L)"))
        self.lock_action.triggered.connect(lambda: self._lock.lock())
        self.switch_action = QAction(self.tr("切换用户(&U)…"), self)
        self.switch_action.triggered.connect(lambda: self._lock.lock(switch=True))
        self.password_action = QAction(self.tr("修改密码(&P)…"), self)
        self.password_action.triggered.connect(self.change_password)
        self.backup_action = QAction(self.tr("备份档案(&B)…"), self)
        self.backup_action.triggered.connect(lambda: make_backup_interactive(self._ctx, self))
        self.quit_action = QAction(self.tr("退出(&X)"), self)
        self.quit_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))
        self.quit_action.triggered.connect(self.close)
        actions = (self.lock_action, self.switch_action, self.password_action, self.quit_action)

        menu = self.menuBar().addMenu(self.tr("系统(&S)"))
        toolbar = QToolBar(self.tr("常用"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(toolbar)
        for action in actions:
            if action is self.quit_action:
                menu.addSeparator()
                menu.addAction(self.backup_action)  # shown to those who may back up
                menu.addSeparator()
            menu.addAction(action)
            toolbar.addAction(action)
        # article 20: anyone, at any time, from any page
        self.report_leak_action = QAction(self.tr("报告泄露"), self)
        self.report_leak_action.setToolTip(
            self.tr("发现客户信息已经泄露或者可能泄露时,立即报告客户服务管理部主管(第20条)")
        )
        self.report_leak_action.triggered.connect(self.report_leak)
        toolbar.addSeparator()
        toolbar.addAction(self.report_leak_action)

    def report_leak(self) -> None:
        dialog = IncidentReportDialog(self._ctx.archive, self._ctx.actor, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.ref is not None:
            self.statusBar().showMessage(
                self.tr("已报告泄露事件 {serial}。").format(serial=dialog.ref.serial), 10_000
            )
            page = self.stack.currentWidget()
            if isinstance(page, IncidentsPage):
                page.refresh()

    def change_password(self) -> None:
        dialog = ChangePasswordDialog(self._ctx.archive, self._ctx.actor, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._ctx.set_actor(dialog.actor)
            self.statusBar().showMessage(self.tr("密码已修改。"), 10_000)

    # --- areas -----------------------------------------------------------------------------

    @property
    def area_titles(self) -> list[str]:
        return [self.nav.item(i).text() for i in range(self.nav.count())]

    def show_area(self, key: str) -> QWidget:
        """Select an area by key (navigation from elsewhere, and tests)."""
        keys = [area.key for area in self._areas]
        self.nav.setCurrentRow(keys.index(key))
        return self.stack.currentWidget()

    def go_to(self, target: Target) -> None:
        """Follow a home page line: its area, then there the thing itself (home_targets)."""
        if target.area == "backup":
            if self.backup_action.isVisible():
                self.backup_action.trigger()
            return
        if target.area not in [area.key for area in self._areas]:
            return  # not an area of this person's: the line says what to do
        follow_target(self._ctx, self.show_area(target.area), target)

    def current_area(self) -> str | None:
        row = self.nav.currentRow()
        return self._areas[row].key if 0 <= row < len(self._areas) else None

    def _build_areas(self, actor: Actor) -> None:
        """Throw away every page and build those this person may use."""
        self.nav.blockSignals(True)
        self.nav.clear()
        while self.stack.count():
            page = self.stack.widget(0)
            self.stack.removeWidget(page)
            page.deleteLater()
        self._areas = [area for area in AREAS if area.permitted(actor)]
        for area in self._areas:
            self.nav.addItem(_tr(area.title))
            page = area.build(self._ctx, self.stack)
            if isinstance(page, ApprovalsPage):
                page.inbox_count_changed.connect(self._show_inbox_count)
            if isinstance(page, HomePage):
                page.target_activated.connect(self.go_to)
            self.stack.addWidget(page)
        self.nav.blockSignals(False)
        self.update_inbox_count()
        self._built_for = (actor.login, actor.roles)
        if self._areas:
            self.nav.setCurrentRow(0)  # from -1: shows and refreshes the first page
        if actor.may(Action.INSPECTION_PERFORM) and self._inspection_awaits(actor):
            self.show_area("inspection")  # article 11: this year's inspection first

    def _inspection_awaits(self, actor: Actor) -> bool:
        """This year's inspection is not yet submitted (a failed check shows the home page)."""
        try:
            return inspection.awaiting_inspector(self._ctx.archive, actor)
        except Exception:
            return False

    def _approvals_row(self) -> int:
        keys = [area.key for area in self._areas]
        return keys.index("approvals") if "approvals" in keys else -1

    def update_inbox_count(self) -> None:
        """Count what waits for this person (skipped while the screen is locked, and while
        work runs behind a waiting window)."""
        if self._ctx.locked or long_task.busy() or self._approvals_row() < 0:
            return
        count = 0
        if may_decide_any(self._ctx.actor):
            try:
                count = requests.inbox_count(self._ctx.archive, self._ctx.actor)
            except Exception:
                return  # a failed count keeps the last one; opening the area says why
        self._show_inbox_count(count)

    def _show_inbox_count(self, count: int) -> None:
        row = self._approvals_row()
        item = self.nav.item(row) if row >= 0 else None
        if item is None:
            return
        if not may_decide_any(self._ctx.actor):
            text = self.tr("我的申请")
        elif count:
            text = self.tr("待办审批 ({n})").format(n=count)
        else:
            text = _tr("待办审批")
        if item.text() != text:
            item.setText(text)

    def _show_area(self, row: int) -> None:
        if not 0 <= row < self.stack.count():
            return
        self.stack.setCurrentIndex(row)
        page = self.stack.widget(row)
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()

    def _on_actor_changed(self, actor: Actor) -> None:
        self.user_label.setText(
            self.tr("用户:{name}({login})").format(name=actor.display_name, login=actor.login)
        )
        self.roles_label.setText(self.tr("角色:{roles}").format(roles=roles_text(actor.roles)))
        self.backup_action.setVisible(actor.may(Action.BACKUP_CREATE))
        if self._built_for != (actor.login, actor.roles):
            self._build_areas(actor)

    # --- geometry and closing ----------------------------------------------------------------

    def _restore_geometry(self) -> None:
        stored = _geometry_store().value(GEOMETRY_KEY)
        if isinstance(stored, QByteArray) and self.restoreGeometry(stored):
            return
        screen = self.screen() or QGuiApplication.primaryScreen()
        self.resize(default_size(screen.availableGeometry().size()))

    def closeEvent(self, event: QCloseEvent) -> None:
        store = _geometry_store()
        store.setValue(GEOMETRY_KEY, self.saveGeometry())
        store.sync()
        self._lock.logout()
        event.accept()
