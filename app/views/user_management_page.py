"""The administrator's page for staff accounts.

Every button calls one function of app/workflows/accounts.py, which checks the
permission and writes the audit event; this page only gathers input, asks for
confirmation of what cannot be undone, and fetches a custodian in person where
the vault key changes hands. After a revocation the old main key is still in
the revoked person's hands (a copied archive.json would open with it), so the
page urges and offers a rekey at once and keeps reminding until it is done.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.security.permissions import Action
from app.security.roles import Role
from app.views.add_user_dialog import AddUserDialog
from app.views.busy import busy_cursor
from app.views.context import SessionContext
from app.views.edit_user_dialog import EditUserDialog, ProfileEdit
from app.views.in_person_auth_dialog import InPersonAuthDialog
from app.views.labels import label_text, roles_text
from app.views.long_task import run_long
from app.views.messages import confirm, show_error, show_info
from app.views.reset_password_dialog import ResetPasswordDialog
from app.workflows import accounts, auth, keys
from app.workflows.accounts import NewAccount, UserSummary
from app.workflows.auth import Actor

_Index = QModelIndex | QPersistentModelIndex


class UserTableModel(QAbstractTableModel):
    """The accounts as listed by accounts.list_users (a branch has tens, not thousands)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._users: list[UserSummary] = []
        self._headers = [
            self.tr("登录名"),
            self.tr("姓名"),
            self.tr("部门"),
            self.tr("职务"),
            self.tr("角色"),
            self.tr("状态"),
            self.tr("须改密码"),
            self.tr("最后登录"),
        ]

    def set_users(self, users: list[UserSummary]) -> None:
        self.beginResetModel()
        self._users = list(users)
        self.endResetModel()

    def users(self) -> list[UserSummary]:
        return list(self._users)

    def user(self, row: int) -> UserSummary | None:
        return self._users[row] if 0 <= row < len(self._users) else None

    def row_of(self, login: str) -> int:
        for i, u in enumerate(self._users):
            if u.login == login:
                return i
        return -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._users)

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

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        user = self.user(index.row()) if index.isValid() else None
        if user is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return user.login
        if column == 1:
            return user.display_name
        if column == 2:
            return user.department
        if column == 3:
            return user.position
        if column == 4:
            return roles_text(user.roles)
        if column == 5:
            return label_text(user.status_label)
        if column == 6:
            return self.tr("是") if user.must_change_password else self.tr("否")
        if column == 7:
            if user.last_login_at is None:
                return self.tr("从未登录")
            local = user.last_login_at.replace(tzinfo=UTC).astimezone()
            return local.strftime("%Y-%m-%d %H:%M")
        return None


class UserManagementPage(QWidget):
    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._rekey_pending = False

        title = QLabel(self.tr("用户管理"))
        title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.no_permission_label = QLabel(self.tr("您没有管理用户账户的权限。"))
        self.show_revoked_box = QCheckBox(self.tr("显示已注销用户"))
        self.show_revoked_box.toggled.connect(self.refresh)

        self.rekey_banner = QLabel(
            self.tr("已有用户被注销,尚未更换档案密钥。请尽快点击“更换档案密钥”。")
        )
        self.rekey_banner.setWordWrap(True)
        self.rekey_banner.setStyleSheet("color: #b00020;")
        self.rekey_banner.hide()

        self.model = UserTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.activated.connect(lambda _index: self._edit())

        self.add_button = QPushButton(self.tr("新增用户"))
        self.edit_button = QPushButton(self.tr("修改信息/角色"))
        self.disable_button = QPushButton(self.tr("停用"))
        self.reset_button = QPushButton(self.tr("重置密码"))
        self.grant_button = QPushButton(self.tr("授予保密专管员"))
        self.revoke_custodian_button = QPushButton(self.tr("撤销保密专管员"))
        self.revoke_button = QPushButton(self.tr("注销"))
        self.rekey_button = QPushButton(self.tr("更换档案密钥"))
        self.add_button.clicked.connect(self._add)
        self.edit_button.clicked.connect(self._edit)
        self.disable_button.clicked.connect(self._toggle_disabled)
        self.reset_button.clicked.connect(self._reset_password)
        self.grant_button.clicked.connect(self._grant_custodian)
        self.revoke_custodian_button.clicked.connect(self._revoke_custodian)
        self.revoke_button.clicked.connect(self._revoke)
        self.rekey_button.clicked.connect(lambda: self._rekey())

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.show_revoked_box)

        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.disable_button,
            self.reset_button,
            self.grant_button,
            self.revoke_custodian_button,
            self.revoke_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.rekey_button)

        self.content = QWidget()
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.rekey_banner)
        content_layout.addWidget(self.table, 1)
        content_layout.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.no_permission_label)
        layout.addWidget(self.content, 1)

        # a bound method: Qt drops the connection when the page is deleted
        ctx.actor_changed.connect(self._on_actor_changed)
        self.refresh()

    # --- state -------------------------------------------------------------------------

    @property
    def _actor(self) -> Actor:
        return self._ctx.actor

    def selected_user(self) -> UserSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.user(rows[0].row()) if rows else None

    def select_login(self, login: str) -> None:
        row = self.model.row_of(login)
        if row >= 0:
            self.table.selectRow(row)

    def refresh(self) -> None:
        """Reload the accounts, keeping the selected one selected."""
        may_manage = self._actor.may(Action.USER_MANAGE)
        self.no_permission_label.setVisible(not may_manage)
        self.content.setVisible(may_manage)
        self.show_revoked_box.setVisible(may_manage)
        if not may_manage:
            self.model.set_users([])
            self._update_buttons()
            return
        current = self.selected_user()
        try:
            users = accounts.list_users(
                self._ctx.archive, self._actor, include_revoked=self.show_revoked_box.isChecked()
            )
        except AppError as exc:
            show_error(self, exc)
            users = []
        self.model.set_users(users)
        if current is not None:
            self.select_login(current.login)
        self.rekey_banner.setVisible(self._rekey_pending)
        self._update_buttons()

    def _update_buttons(self) -> None:
        user = self.selected_user()
        live = user is not None and user.status != "revoked"
        is_custodian = user is not None and Role.CUSTODIAN in user.roles
        self.add_button.setEnabled(self._actor.may(Action.USER_MANAGE))
        self.edit_button.setEnabled(live)
        self.disable_button.setEnabled(live)
        self.disable_button.setText(
            self.tr("启用") if user is not None and user.status == "disabled" else self.tr("停用")
        )
        self.reset_button.setEnabled(live)
        self.grant_button.setEnabled(live and not is_custodian and user.status == "active")  # type: ignore[union-attr]
        self.revoke_custodian_button.setEnabled(live and is_custodian)
        self.revoke_button.setEnabled(live and self._actor.may(Action.USER_REVOKE))
        self.rekey_button.setVisible(self._actor.may(Action.ARCHIVE_REKEY))

    # --- helpers ---------------------------------------------------------------------------

    def _custodian_in_person(self, reason: str, *, exclude: str | None = None) -> Actor | None:
        """Fetch a custodian to this desk; None when the dialog was cancelled."""
        preselect = next(
            (
                u.login
                for u in self.model.users()
                if Role.CUSTODIAN in u.roles and u.status == "active" and u.login != exclude
            ),
            None,
        )
        dialog = InPersonAuthDialog(
            self._ctx.archive,
            reason,
            required_role=Role.CUSTODIAN,
            preselect=preselect,
            parent=self,
        )
        if dialog.exec() != InPersonAuthDialog.DialogCode.Accepted:
            return None
        return dialog.actor

    def _after_own_change(self, login: str) -> None:
        """If the admin changed their own account, the session must see the new roles."""
        if login == self._actor.login:
            try:
                self._ctx.set_actor(auth.refresh(self._ctx.archive, self._actor))
            except AppError as exc:
                show_error(self, exc)

    def _run(self, work: Any, *args: Any, **kwargs: Any) -> bool:
        """Call a workflow with a busy cursor (key derivation takes a moment); errors shown."""
        try:
            with busy_cursor():
                work(*args, **kwargs)
        except Exception as exc:
            show_error(self, exc)
            return False
        return True

    # --- actions ---------------------------------------------------------------------------

    def _add(self) -> None:
        def submit(account: NewAccount, roles: frozenset[Role]) -> bool:
            accounts.check_new_account(account)
            custodian = None
            if Role.CUSTODIAN in roles:
                custodian = self._custodian_in_person(
                    self.tr("授予保密专管员需保密专管员本人确认(将交付保密库密钥)。")
                )
                if custodian is None:
                    return False
            with busy_cursor():
                accounts.add_user(
                    self._ctx.archive, self._actor, account, roles, custodian=custodian
                )
            return True

        dialog = AddUserDialog(submit, self)
        if dialog.exec() == AddUserDialog.DialogCode.Accepted:
            login = dialog.account().login
            self.refresh()
            self.select_login(login)
            show_info(
                self,
                self.tr("已新增用户“{login}”。请当面告知初始密码,本人首次登录时须修改。").format(
                    login=login
                ),
            )

    def _edit(self) -> None:
        user = self.selected_user()
        if user is None or user.status == "revoked":
            return

        def submit(edit: ProfileEdit) -> bool:
            archive, actor = self._ctx.archive, self._actor
            accounts.update_profile(
                archive,
                actor,
                user.login,
                display_name=edit.display_name,
                department=edit.department,
                position=edit.position,
                phone=edit.phone,
            )
            if edit.roles != user.roles:
                accounts.set_roles(archive, actor, user.login, edit.roles)
            return True

        dialog = EditUserDialog(user, submit, self)
        accepted = dialog.exec() == EditUserDialog.DialogCode.Accepted
        # The profile may be saved even when the roles were refused: show what is stored.
        self.refresh()
        if accepted:
            self._after_own_change(user.login)

    def _toggle_disabled(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        disable = user.status != "disabled"
        if disable and not confirm(
            self,
            self.tr("停用用户“{name}”({login})?停用后其不能登录,直到重新启用。").format(
                name=user.display_name, login=user.login
            ),
        ):
            return
        if self._run(accounts.set_disabled, self._ctx.archive, self._actor, user.login, disable):
            self.refresh()

    def _reset_password(self) -> None:
        user = self.selected_user()
        if user is None:
            return

        def submit(password: str) -> bool:
            accounts.check_new_password(user.login, password)
            custodian = None
            if Role.CUSTODIAN in user.roles:
                custodian = self._custodian_in_person(
                    self.tr("重置保密专管员的密码需另一名保密专管员本人确认(将交付保密库密钥)。"),
                    exclude=user.login,
                )
                if custodian is None:
                    return False
            with busy_cursor():
                accounts.reset_password(
                    self._ctx.archive, self._actor, user.login, password, custodian=custodian
                )
            return True

        dialog = ResetPasswordDialog(user.login, user.display_name, submit, self)
        if dialog.exec() == ResetPasswordDialog.DialogCode.Accepted:
            self.refresh()
            show_info(
                self,
                self.tr("已重置“{login}”的密码。请当面告知新的初始密码,本人登录时须修改。").format(
                    login=user.login
                ),
            )

    def _grant_custodian(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        if not confirm(
            self,
            self.tr(
                "授予“{name}”({login})保密专管员角色?其将持有保密库密钥,可开启机密、绝密档案。"
            ).format(name=user.display_name, login=user.login),
        ):
            return
        custodian = self._custodian_in_person(
            self.tr("授予保密专管员需保密专管员本人确认(将交付保密库密钥)。")
        )
        if custodian is None:
            return
        if self._run(
            accounts.grant_custodian, self._ctx.archive, self._actor, user.login, custodian
        ):
            self.refresh()
            self._after_own_change(user.login)

    def _revoke_custodian(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        if not confirm(
            self,
            self.tr(
                "撤销“{name}”({login})的保密专管员角色?撤销后其不能再开启保密库。"
                "建议随后由保密专管员更换档案密钥。"
            ).format(name=user.display_name, login=user.login),
        ):
            return
        custodian = self._custodian_in_person(
            self.tr("撤销保密专管员需保密专管员本人确认。"), exclude=user.login
        )
        if custodian is None:
            return
        if self._run(
            accounts.revoke_custodian, self._ctx.archive, self._actor, user.login, custodian
        ):
            self.refresh()
            self._after_own_change(user.login)

    def _revoke(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        if not confirm(
            self,
            self.tr(
                "注销用户“{name}”({login})?注销后此账户永久不能登录,登录名不能再用;"
                "其历史记录保留。此操作不能撤销。"
            ).format(name=user.display_name, login=user.login),
        ):
            return
        if not self._run(accounts.revoke_user, self._ctx.archive, self._actor, user.login):
            return
        self._rekey_pending = True
        self.refresh()
        if self._actor.may(Action.ARCHIVE_REKEY) and confirm(
            self,
            self.tr(
                "已注销用户“{login}”。为防止其用留存的旧密钥打开档案,应立即更换档案密钥。"
                "现在更换吗?"
            ).format(login=user.login),
            self.tr("更换档案密钥"),
        ):
            self._rekey(ask=False)

    def _rekey(self, *, ask: bool = True) -> None:
        if ask and not confirm(
            self,
            self.tr(
                "更换档案密钥将为全部用户重新封装新的密钥,期间请勿关闭程序。"
                "建议事先做好备份。现在开始吗?"
            ),
            self.tr("更换档案密钥"),
        ):
            return
        try:
            archive, actor = self._ctx.archive, self._actor
            new_actor, vault_replaced = run_long(
                self,
                self.tr("更换档案密钥"),
                self.tr("正在重新加密档案,请勿关闭程序……"),
                lambda _step: keys.rekey(archive, actor),
            )
        except Exception as exc:
            show_error(self, exc)
            return
        self._rekey_pending = False
        self._ctx.set_actor(new_actor)
        if vault_replaced:
            text = self.tr("档案密钥和保密库密钥均已更换。")
        else:
            text = self.tr(
                "档案密钥已更换。保密库密钥须由保密专管员登录后更换:"
                "如被注销或撤销的用户曾是保密专管员,请通知保密专管员尽快执行“更换档案密钥”。"
            )
        show_info(self, text, self.tr("更换档案密钥"))
        self.refresh()

    def _on_actor_changed(self, _actor: object) -> None:
        self.refresh()
