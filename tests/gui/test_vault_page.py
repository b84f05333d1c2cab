"""The vault on screen (article 16): marking a record secret from its page, the custodian's page.

Driven as people drive it: the manager clicks 标定密级…, picks the tier, types
the reason, the custodian types their own password in the in-person dialog;
then the custodian enters 保密库 and confirms in person again.
"""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from app.models import Customer, VaultRecord
from app.security.roles import Role
from app.views.context import SessionContext
from app.views.customer_view_dialog import CustomerViewDialog
from app.views.in_person_auth_dialog import InPersonAuthDialog
from app.views.tier_dialog import TierDialog
from app.views.vault_page import VaultPage
from app.workflows import customers, requests
from app.workflows.auth import Actor
from tests.conftest import PASSWORDS, Branch
from tests.gui.conftest import MessageBoxes, audit_actions, type_text, when_visible
from tests.integration.test_customers import farmer, resident_id

NAME = "欧阳守密"
REASON = "客户资产信息涉及商业秘密"


@pytest.fixture
def manager(branch: Branch) -> Actor:
    return branch.add_user("manager", [Role.MANAGER])


def filed(branch: Branch, manager: Actor, name: str = NAME, seq: str = "611", **kw: Any) -> int:
    custodian = kw.pop("custodian", None)
    ref = customers.create_customer(
        branch.archive,
        manager,
        category="individual",
        subtype="farmer",
        data=farmer(name, resident_id(seq=seq), **kw),
        custodian=custodian,
    )
    customers.file_customer(branch.archive, manager, ref.id, custodian=custodian)
    return ref.id


def custodian_confirms(qtbot: QtBot) -> Any:
    def confirm(dialog: QWidget) -> None:
        assert isinstance(dialog, InPersonAuthDialog)
        dialog.login_combo.setCurrentIndex(dialog.login_combo.findText("keeper"))
        qtbot.keyClicks(dialog.password_edit, PASSWORDS["keeper"])
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    return confirm


def view_of(
    qtbot: QtBot, branch: Branch, actor: Actor, customer_id: int, custodian: Actor | None = None
) -> CustomerViewDialog:
    content = customers.open_customer(branch.archive, actor, customer_id, custodian=custodian)
    view = CustomerViewDialog(SessionContext(branch.archive, actor), content, custodian=custodian)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_record_marked_secret_on_its_page_shows_on_the_custodians_page(
    qtbot: QtBot, branch: Branch, manager: Actor, make_shell, messages: MessageBoxes
) -> None:
    cid = filed(branch, manager)
    archive_no = customers.catalogue_page(branch.archive, manager)[0].archive_no
    view = view_of(qtbot, branch, manager, cid)
    assert view.raise_tier_button.isVisible() and view.raise_tier_button.isEnabled()
    assert not view.lower_tier_button.isVisible()
    seen: dict[str, object] = {}

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, TierDialog)
        assert set(dialog.tier_buttons) == {"secret", "top_secret"}
        qtbot.mouseClick(dialog.tier_buttons["secret"], Qt.MouseButton.LeftButton)
        seen["ok_before_reason"] = dialog.ok_button.isEnabled()
        dialog.reason_edit.setFocus()
        type_text(qtbot, dialog.reason_edit, REASON)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_visible(TierDialog, choose)
    when_visible(InPersonAuthDialog, custodian_confirms(qtbot))
    qtbot.mouseClick(view.raise_tier_button, Qt.MouseButton.LeftButton)

    assert seen == {"ok_before_reason": False}
    assert messages.last().text == f"档案 {archive_no} 已标定为“机密”,内容已移入保密库。"
    # reopened with the custodian who confirmed: the record reads as before, marked 机密
    assert view.content.tier == "secret" and view.value_labels["name"].text() == NAME
    assert view.content.catalogue_remarks.startswith("机密")
    assert view.changed
    assert view.lower_tier_button.isVisible() and view.lower_tier_button.isEnabled()
    assert "tier.raise" in audit_actions(branch.archive, "manager")
    with branch.archive.unit_of_work() as uow:
        stored = uow.session.get(Customer, cid)
        assert stored is not None and stored.name is None and stored.content is None

    # the custodian's own session: entering the page asks for the password again
    shell = make_shell(branch.login("keeper"))
    assert "保密库" in shell.window.area_titles
    when_visible(InPersonAuthDialog, custodian_confirms(qtbot))
    page = shell.window.show_area("vault")
    assert isinstance(page, VaultPage)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    cells = page.texts(0)
    assert cells[:4] == [archive_no, "机密", "个人客户", "用户manager"]
    assert cells[4].startswith("有(")
    assert "用户manager" in cells[5]
    assert cells[7] == "—" and not page.highlighted(0)
    assert "没有孤立记录" in page.summary_label.text()
    assert "vault.overview" in audit_actions(branch.archive, "keeper")
    # leaving the page shuts the vault: nothing stays on it
    shell.window.show_area("home")
    assert page.custodian is None and page.table.rowCount() == 0


def test_problems_are_shown_in_red_and_a_cancelled_confirmation_keeps_it_shut(
    qtbot: QtBot, branch: Branch, manager: Actor, make_shell, messages: MessageBoxes
) -> None:
    keeper = branch.login("keeper")
    kept = filed(branch, manager, tier="机密", custodian=keeper)
    lost = filed(branch, manager, "上官失密", "612", tier="绝密", custodian=keeper)
    with branch.archive.unit_of_work() as uow:
        lost_no = uow.session.scalar(sa.select(Customer.archive_no).where(Customer.id == lost))
        kept_no = uow.session.scalar(sa.select(Customer.archive_no).where(Customer.id == kept))
    with Session(branch.archive.vault_engine(keeper.keys)) as session:
        session.execute(sa.delete(VaultRecord).where(VaultRecord.record_ref == lost_no))
        session.add(VaultRecord(record_ref="LY-ORPHAN-9", tier="secret", content=b"{}"))
        session.commit()
    branch.archive.close_vault()

    shell = make_shell(keeper)
    when_visible(InPersonAuthDialog, lambda dialog: dialog.reject())
    page = shell.window.show_area("vault")
    assert isinstance(page, VaultPage)
    assert page.custodian is None and page.open_button.isVisible()
    assert not page.table.isVisible() and page.table.rowCount() == 0

    when_visible(InPersonAuthDialog, custodian_confirms(qtbot))
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == 3)
    rows = {page.texts(r)[0]: r for r in range(3)}
    assert not page.highlighted(rows[kept_no])
    assert page.highlighted(rows[lost_no]) and page.texts(rows[lost_no])[4] == "缺失"
    assert "保密库中没有此档案的内容" in page.texts(rows[lost_no])[7]
    assert page.highlighted(rows["LY-ORPHAN-9"])
    assert "孤立记录" in page.texts(rows["LY-ORPHAN-9"])[7]
    assert "发现 2 处问题" in page.summary_label.text()


def test_the_manager_asks_the_director_to_lower_the_tier(
    qtbot: QtBot, branch: Branch, manager: Actor, messages: MessageBoxes
) -> None:
    director = branch.add_user("director", [Role.DIRECTOR])
    keeper = branch.login("keeper")
    cid = filed(branch, manager, tier="绝密", custodian=keeper)
    view = view_of(qtbot, branch, manager, cid, custodian=keeper)
    assert not view.raise_tier_button.isVisible()
    assert view.lower_tier_button.isVisible()

    def ask(dialog: QWidget) -> None:
        assert isinstance(dialog, TierDialog)
        assert set(dialog.tier_buttons) == {"ordinary", "secret"}
        qtbot.mouseClick(dialog.tier_buttons["ordinary"], Qt.MouseButton.LeftButton)
        dialog.reason_edit.setFocus()
        type_text(qtbot, dialog.reason_edit, "客户已退出经营,不再涉密")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_visible(TierDialog, ask)
    qtbot.mouseClick(view.lower_tier_button, Qt.MouseButton.LeftButton)

    [line] = requests.inbox(branch.archive, director)
    assert line.kind_label == "降低密级申请"
    assert messages.last().text == f"已提交降低密级申请 {line.serial},待主任审批。"
    assert not view.lower_tier_button.isEnabled()
    assert line.serial in view.lower_tier_button.toolTip()
    assert view.content.tier == "top_secret"
