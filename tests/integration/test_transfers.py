"""收发传递登记 (article 17.2): who carries what, from where to where, with which safeguards."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.errors import Conflict, InvalidInput, NotPermitted
from app.models import TransferRecord
from app.models.base import utcnow
from app.security.roles import Role
from app.workflows import customers, transfers
from app.workflows.auth import Actor
from app.workflows.transfers import NewTransfer
from tests.conftest import Branch
from tests.integration.helpers import audit_rows, details, last_seq
from tests.integration.test_customers import create, farmer


@pytest.fixture
def people(branch: Branch) -> dict[str, Actor]:
    return {
        "manager": branch.add_user("manager", [Role.MANAGER]),
        "staff": branch.add_user("staff", [Role.STAFF]),
        "director": branch.add_user("director", [Role.DIRECTOR]),
        "inspector": branch.add_user("inspector", [Role.INSPECTOR]),
    }


def carry(**kw: object) -> NewTransfer:
    now = utcnow()
    base = NewTransfer(
        kind="carry",
        item="贷款档案原件 1 卷",
        responsible_login="staff",
        from_place="信用社档案室",
        to_place="涟源市联社稽核部",
        safety_measures="密封袋封装,专人随身携带",
        out_at=now - timedelta(hours=2),
        expected_return=now + timedelta(days=2),
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def test_a_carried_file_is_recorded_and_returned(branch: Branch, people: dict[str, Actor]) -> None:
    manager = people["manager"]
    ref = create(branch, manager, farmer())
    customers.file_customer(branch.archive, manager, ref.id)
    # typed as a person may: lower case, with spaces around
    found = transfers.customer_carriers(
        branch.archive, people["staff"], f" {ref.archive_no.lower()} "
    )
    assert found.archive_no == ref.archive_no
    (carrier,) = found.carriers
    assert (carrier.kind, carrier.location) == ("paper", "柜 A1 / 盒 12 / 卷 3")
    before = last_seq(branch.archive)
    line = transfers.record(
        branch.archive,
        manager,
        carry(
            archive_no=ref.archive_no,
            carrier_kind=carrier.kind_label,
            carrier_location=carrier.location,
        ),
    )
    assert line.status == "out" and line.is_open and not line.overdue
    assert line.responsible_name == "用户staff" and line.recorded_by == "用户manager"
    assert line.archive_no == ref.archive_no and line.carrier_label == "纸质 柜 A1 / 盒 12 / 卷 3"
    (event,) = audit_rows(branch.archive, before)
    assert (event.actor, event.action, event.target_id) == (
        "manager",
        "transfer.record",
        str(line.id),
    )
    assert details(event) == {
        "transfer": line.id,
        "transfer_kind": "carry",
        "responsible": "staff",
        "returnable": True,
        "archive_no": ref.archive_no,
        "carrier": "paper",
    }

    back = transfers.record_return(branch.archive, people["staff"], line.id, note="原件完好")
    assert back.status == "returned" and back.return_note == "原件完好"
    assert back.return_recorded_by == "用户staff" and back.returned_at is not None
    event = audit_rows(branch.archive, before)[-1]
    assert event.action == "transfer.return" and details(event) == {
        "transfer": line.id,
        "overdue": False,
    }
    with pytest.raises(Conflict, match="已登记归还"):
        transfers.record_return(branch.archive, people["staff"], line.id)
    (listed,) = transfers.listing(branch.archive, manager)
    assert (
        listed.status == "returned"
        and transfers.listing(branch.archive, manager, open_only=True) == []
    )


def test_overdue_lines_reach_the_person_responsible(
    branch: Branch, people: dict[str, Actor]
) -> None:
    now = utcnow()
    late = transfers.record(
        branch.archive,
        people["manager"],
        carry(out_at=now - timedelta(days=3), expected_return=now - timedelta(days=1)),
    )
    due_later = transfers.record(branch.archive, people["manager"], carry())
    others = transfers.record(
        branch.archive,
        people["manager"],
        carry(
            responsible_login="manager",
            out_at=now - timedelta(days=5),
            expected_return=now - timedelta(days=4),
        ),
    )
    assert [line.id for line in transfers.overdue_for(branch.archive, people["staff"])] == [late.id]
    assert [line.id for line in transfers.overdue_for(branch.archive, people["manager"])] == [
        others.id
    ]
    # being responsible is enough to be told; keeping the register is not needed for that
    assert transfers.overdue_for(branch.archive, people["director"]) == []
    lines = {line.id: line for line in transfers.listing(branch.archive, people["manager"])}
    assert lines[late.id].overdue and lines[late.id].status_label == "逾期未归还"
    assert lines[due_later.id].status == "out"
    overdue = transfers.listing(branch.archive, people["manager"], overdue_only=True)
    assert {line.id for line in overdue} == {late.id, others.id}
    # tomorrow's clock makes the other one overdue too; none is overdue before it left
    tomorrow = now + timedelta(days=3)
    assert len(transfers.overdue_for(branch.archive, people["staff"], now=tomorrow)) == 2
    assert transfers.overdue_for(branch.archive, people["staff"], now=now - timedelta(days=2)) == []

    back = transfers.record_return(branch.archive, people["manager"], late.id)
    assert back.status == "returned"
    (event,) = [e for e in audit_rows(branch.archive) if e.action == "transfer.return"]
    assert details(event)["overdue"] is True
    assert transfers.overdue_for(branch.archive, people["staff"]) == []


def test_a_letter_sent_without_a_due_date_is_complete_when_recorded(
    branch: Branch, people: dict[str, Actor]
) -> None:
    line = transfers.record(
        branch.archive,
        people["staff"],
        carry(kind="发出", item="协助查询回复函 1 份", expected_return=None),
    )
    assert line.kind == "send" and line.status == "complete" and not line.is_open
    with pytest.raises(Conflict, match="无须归还"):
        transfers.record_return(branch.archive, people["staff"], line.id)
    passed = transfers.record(
        branch.archive, people["staff"], carry(kind="pass", expected_return=None)
    )
    assert passed.status == "out"


def test_bad_input_is_refused_before_anything_is_written(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager = people["manager"]
    ref = create(branch, manager, farmer())
    now = utcnow()
    before = last_seq(branch.archive)
    cases: list[tuple[NewTransfer, str]] = [
        (carry(kind="邮寄"), "请选择方式"),
        (carry(item="  "), "传递的文件或载体"),
        (carry(responsible_login=""), "指定负责人"),
        (carry(responsible_login="nobody"), "指定负责人"),
        (carry(responsible_login="admin"), "不能作为负责人"),
        (carry(from_place=""), "从何处"),
        (carry(to_place="x" * 101), "最多 100 字"),
        (carry(safety_measures=""), "安全措施"),
        (carry(expected_return=None), "预计归还时间"),
        (carry(expected_return=now - timedelta(days=1)), "晚于送出时间"),
        (carry(out_at=now + timedelta(days=3)), "不能晚于明天"),
        (carry(carrier_kind="纸质", carrier_location="柜 A1 / 盒 12 / 卷 3"), "档案编号"),
        (carry(archive_no="LY-0101-G-2099-000001"), "没有档案编号"),
        (
            carry(archive_no=ref.archive_no, carrier_kind="磁盘", carrier_location="柜 A1"),
            "没有登记这一载体",
        ),
        (carry(archive_no=ref.archive_no, carrier_kind="光盘"), "载体类型"),
    ]
    for new, message in cases:
        with pytest.raises(InvalidInput, match=message):
            transfers.record(branch.archive, manager, new)
    with pytest.raises(NotPermitted):
        transfers.record(branch.archive, people["director"], carry())
    with pytest.raises(NotPermitted):
        transfers.listing(branch.archive, people["inspector"])
    assert audit_rows(branch.archive, before) == []
    with branch.archive.unit_of_work() as uow:
        assert uow.session.scalar(sa.select(sa.func.count()).select_from(TransferRecord)) == 0


def test_a_return_cannot_predate_leaving_or_lie_ahead(
    branch: Branch, people: dict[str, Actor]
) -> None:
    line = transfers.record(branch.archive, people["staff"], carry())
    with pytest.raises(InvalidInput, match="早于送出时间"):
        transfers.record_return(
            branch.archive, people["staff"], line.id, returned_at=line.out_at - timedelta(hours=1)
        )
    with pytest.raises(InvalidInput, match="晚于现在"):
        transfers.record_return(
            branch.archive, people["staff"], line.id, returned_at=utcnow() + timedelta(hours=2)
        )
    with pytest.raises(InvalidInput, match="最多"):
        transfers.record_return(branch.archive, people["staff"], line.id, note="好" * 501)
    assert transfers.listing(branch.archive, people["staff"])[0].status == "out"


def test_local_times_are_stored_as_utc(branch: Branch, people: dict[str, Actor]) -> None:
    out = datetime(2026, 3, 2, 9, 0, tzinfo=UTC).astimezone()
    line = transfers.record(
        branch.archive,
        people["staff"],
        carry(out_at=out, expected_return=out + timedelta(days=1)),
    )
    assert line.out_at == datetime(2026, 3, 2, 9, 0)
    assert line.expected_return == datetime(2026, 3, 3, 9, 0)
