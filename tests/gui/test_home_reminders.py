"""The home page and the inbox tell each person what waits: overdue carriers, new leak reports."""

from __future__ import annotations

from datetime import date, timedelta

from app.models import CheckoutRecord
from app.security.roles import Role
from app.views.approvals_page import ApprovalsPage
from app.views.home_page import HomePage
from app.workflows import checkout, incidents
from tests.conftest import Branch
from tests.integration.test_checkout import archive_no, carriers_of, filed, out


def test_an_overdue_carrier_reminds_its_borrower_and_not_others(make_shell, branch: Branch) -> None:
    manager = branch.add_user("manager", [Role.MANAGER])
    other = branch.add_user("manager2", [Role.MANAGER])
    number = archive_no(branch, manager, filed(branch, manager))
    line = out(branch, manager, carriers_of(branch, manager, number)["paper"].carrier_id, manager)
    with branch.archive.unit_of_work() as uow:  # a week later: the day has passed
        row = uow.session.get(CheckoutRecord, line.id)
        assert row is not None
        row.due_on = checkout.local_today() - timedelta(days=2)
        uow.commit()

    home = make_shell(manager).window.stack.currentWidget()
    assert isinstance(home, HomePage)
    overdue = " ".join(home.texts("overdue"))
    assert number in overdue and "已逾期" in overdue
    assert home.section_labels["overdue"].isVisible()

    quiet = make_shell(other).window.stack.currentWidget()
    assert isinstance(quiet, HomePage) and quiet.texts("overdue") == []
    assert "overdue" not in quiet.section_labels

    # the inbox says it too, for the borrower and for the custodian who keeps the shelves
    for person in (manager, branch.login("keeper")):
        page = make_shell(person).window.show_area("approvals")
        assert isinstance(page, ApprovalsPage)
        page.refresh()
        assert page.overdue_label.isVisible() and number in page.overdue_label.text()


def test_a_leak_report_is_announced_to_the_department_head(make_shell, branch: Branch) -> None:
    staff = branch.add_user("staff", [Role.STAFF])
    head = branch.add_user("service", [Role.SERVICE_HEAD])
    ref = incidents.report(
        branch.archive,
        staff,
        description="柜台打印的客户名单遗落在营业厅",
        discovered_at=date.today(),
        measures="已收回名单并清点",
    )
    shell = make_shell(head)
    home = shell.window.stack.currentWidget()
    assert isinstance(home, HomePage)
    assert any(ref.serial in text for text in home.texts("oversight"))
    inbox = shell.window.show_area("approvals")
    assert isinstance(inbox, ApprovalsPage)
    inbox.refresh()
    assert ref.serial in inbox.overdue_label.text()
