"""帐实核对 (article 12) on a real archive: every kind of difference, the signature, the report."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pypdf
import pytest
import sqlalchemy as sa

from app.errors import InvalidInput, NotPermitted, WrongPassword
from app.models import Reconciliation
from app.security.roles import Role
from app.workflows import checkout, customers, reconciliation
from app.workflows.auth import Actor
from app.workflows.reconciliation import FoundLine
from tests.conftest import PASSWORDS, Branch
from tests.integration.helpers import audit_rows, details, last_seq
from tests.integration.test_customers import create, farmer, resident_id

UNKNOWN = "LY-0101G2099999999"


@pytest.fixture
def people(branch: Branch) -> dict[str, Actor]:
    return {
        "manager": branch.add_user("manager", [Role.MANAGER]),
        "inspector": branch.add_user("inspector", [Role.INSPECTOR]),
        "staff": branch.add_user("staff", [Role.STAFF]),
        "keeper": branch.login("keeper"),
    }


@pytest.fixture
def shelf(branch: Branch, people: dict[str, Actor]) -> dict[str, str]:
    """Archives A-G in cabinet A1 (E in B2), two of them out, one destroyed."""
    manager = people["manager"]
    made: dict[str, str] = {}

    def add(key: str, seq: str, carriers: list[dict[str, Any]]) -> int:
        ref = create(branch, manager, farmer(f"客户{key}", resident_id(seq=seq), carriers=carriers))
        customers.file_customer(branch.archive, manager, ref.id)
        made[key] = ref.archive_no
        return ref.id

    add(
        "A",
        "101",
        [
            {"kind": "纸质", "cabinet": "A1", "box": "12"},
            {"kind": "磁盘", "cabinet": "A1", "box": "13"},
        ],
    )
    add("B", "102", [{"kind": "纸质", "cabinet": "A1", "box": "12"}])
    add("C", "103", [{"kind": "纸质", "cabinet": "A1", "box": "14"}])
    add("D", "104", [{"kind": "纸质", "cabinet": "A1", "box": "12"}])
    add("E", "105", [{"kind": "纸质", "cabinet": "B2", "box": "1"}])
    add("F", "106", [{"kind": "纸质", "cabinet": "A1", "box": "15"}])
    add("G", "107", [{"kind": "电子", "note": "扫描件"}])
    destroyed = add("X", "108", [{"kind": "纸质", "cabinet": "A1", "box": "12"}])
    # C and F are out; C came back to its shelf without being checked in
    for key in ("C", "F"):
        choice = checkout.find_archive(branch.archive, manager, made[key]).carriers[0]
        checkout.check_out(
            branch.archive,
            manager,
            choice.carrier_id,
            borrower_id=manager.user_id,
            purpose="贷款审查",
            due_on=checkout.local_today() + timedelta(days=3),
        )
    # (the destruction procedure is another module's; its effect on the catalogue is this status)
    with branch.archive.unit_of_work() as uow:
        uow.session.execute(
            sa.text("UPDATE customers SET status = 'destroyed' WHERE id = :id"), {"id": destroyed}
        )
        uow.commit()
    return made


def found_lines(shelf: dict[str, str]) -> list[FoundLine]:
    return [
        FoundLine(shelf["A"], "", "12"),
        FoundLine(shelf["A"].lower(), "a1", "13"),  # typed in lower case: the same number
        FoundLine(shelf["B"], "A1", "12"),
        FoundLine(shelf["C"], "A1", "14"),
        FoundLine(shelf["E"], "A1", "12"),
        FoundLine(UNKNOWN, "A1", "12"),
        FoundLine(shelf["G"], "A1", "12"),
        FoundLine(shelf["X"], "A1", "12"),
        FoundLine(shelf["A"], "A1", "12"),  # a double read of the scanner
    ]


def test_every_kind_of_difference_is_found(
    branch: Branch, people: dict[str, Actor], shelf: dict[str, str]
) -> None:
    outcome = reconciliation.reconcile(
        branch.archive, people["keeper"], found_lines(shelf), cabinet="A1"
    )
    kinds = {kind: sorted(d.archive_no for d in outcome.of(kind)) for kind in reconciliation.KINDS}
    assert kinds == {
        "missing": [shelf["D"]],
        "checked_out": [shelf["C"]],
        "unknown": sorted([UNKNOWN, shelf["G"], shelf["X"]]),
        "misplaced": [shelf["E"]],
    }
    assert outcome.counts == {"missing": 1, "checked_out": 1, "unknown": 3, "misplaced": 1}
    assert not outcome.agrees
    # A (paper and disk) and B found where recorded; C and F were out: F is as the register says
    assert (outcome.expected, outcome.matched, outcome.out_not_found) == (4, 3, 1)
    assert outcome.repeats == (shelf["A"],)
    assert len(outcome.lines) == 9 and outcome.lines[0].cabinet == "A1"  # blank: the scope's

    misplaced = outcome.of("misplaced")[0]
    assert (misplaced.recorded, misplaced.found) == ("柜 B2 / 盒 1", "柜 A1 / 盒 12")
    out = outcome.of("checked_out")[0]
    assert out.checkout_id is not None and "请登记归还" in out.detail
    reasons = {d.archive_no: d.detail for d in outcome.of("unknown")}
    assert reasons == {
        UNKNOWN: "无此档案编号",
        shelf["G"]: "档案未登记纸质或磁盘载体",
        shelf["X"]: "档案已登记为销毁",
    }
    assert outcome.of("missing")[0].recorded == "柜 A1 / 盒 12"


def test_one_box_and_the_whole_archive(
    branch: Branch, people: dict[str, Actor], shelf: dict[str, str]
) -> None:
    keeper = people["keeper"]
    box = reconciliation.reconcile(
        branch.archive, keeper, [shelf["A"], shelf["B"], shelf["D"]], cabinet="A1", box="12"
    )
    assert box.agrees and (box.expected, box.matched) == (3, 3)
    with pytest.raises(InvalidInput, match="不在核对范围"):
        reconciliation.reconcile(
            branch.archive, keeper, [FoundLine(shelf["E"], "B2", "1")], cabinet="A1"
        )
    with pytest.raises(InvalidInput, match="柜号"):
        reconciliation.reconcile(branch.archive, keeper, [shelf["A"]], box="12")
    # without a scope every recorded carrier is expected: nothing found, all in place are missing
    everything = reconciliation.reconcile(branch.archive, keeper, [])
    assert sorted(d.archive_no for d in everything.of("missing")) == sorted(
        [shelf["A"], shelf["A"], shelf["B"], shelf["D"], shelf["E"]]
    )
    assert reconciliation.parse_numbers(f" {shelf['A'].lower()}\n{shelf['B']}, ,{UNKNOWN}") == [
        shelf["A"],
        shelf["B"],
        UNKNOWN,
    ]
    with pytest.raises(NotPermitted):
        reconciliation.reconcile(branch.archive, people["manager"], [shelf["A"]])


def test_saved_signed_verified_and_a_tampered_result_detected(
    branch: Branch, people: dict[str, Actor], shelf: dict[str, str]
) -> None:
    inspector = people["inspector"]
    assert reconciliation.last_reconciliation(branch.archive) is None
    with pytest.raises(WrongPassword):
        reconciliation.save(
            branch.archive, inspector, found_lines(shelf), cabinet="A1", password="wrong-one"
        )
    with branch.archive.unit_of_work() as uow:
        assert uow.session.scalar(sa.select(sa.func.count()).select_from(Reconciliation)) == 0

    seq = last_seq(branch.archive)
    saved = reconciliation.save(
        branch.archive,
        inspector,
        found_lines(shelf),
        cabinet="A1",
        password=PASSWORDS["inspector"],
    )
    assert saved.serial.startswith("PD-") and saved.valid
    assert saved.performer_login == "inspector" and saved.outcome.counts["unknown"] == 3
    assert reconciliation.reconciliation_valid(branch.archive, saved.id)
    event = [r for r in audit_rows(branch.archive, seq) if r.action.startswith("reconciliation")]
    assert [(r.actor, r.action, r.target_id) for r in event] == [
        ("inspector", "reconciliation.perform", saved.serial)
    ]
    assert details(event[0]) == {
        "reconciliation": saved.serial,
        "count": 9,
        "missing": 1,
        "checked_out": 1,
        "unknown": 3,
        "misplaced": 1,
        "cabinet": "A1",
    }
    last = reconciliation.last_reconciliation(branch.archive)
    assert last is not None and last.id == saved.id and last.valid
    assert (last.missing, last.checked_out, last.unknown, last.misplaced) == (1, 1, 3, 1)
    assert last.differences == 6 and last.found == 9 and last.scope == "柜 A1"
    assert [s.serial for s in reconciliation.reconciliations(branch.archive, people["keeper"])] == [
        saved.serial
    ]

    # someone "tidies" the result in the database: the missing file disappears from it
    with branch.archive.unit_of_work() as uow:
        row = uow.session.get(Reconciliation, saved.id)
        assert row is not None
        row.result = row.result.replace(shelf["D"], shelf["B"])
        uow.commit()
    assert not reconciliation.reconciliation_valid(branch.archive, saved.id)
    assert not reconciliation.load(branch.archive, inspector, saved.id).valid
    with branch.archive.unit_of_work() as uow:
        problems = reconciliation.verify_all(uow.session, branch.archive.archive_id)
    assert problems and saved.serial in problems[0]


def test_a_changed_count_breaks_the_signature_too(
    branch: Branch, people: dict[str, Actor], shelf: dict[str, str]
) -> None:
    keeper = people["keeper"]
    saved = reconciliation.save(
        branch.archive, keeper, found_lines(shelf), cabinet="A1", password=PASSWORDS["keeper"]
    )
    with branch.archive.unit_of_work() as uow:
        uow.session.execute(
            sa.update(Reconciliation).where(Reconciliation.id == saved.id).values(missing_count=0)
        )
        uow.commit()
    assert not reconciliation.reconciliation_valid(branch.archive, saved.id)


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_report_reads_back_and_printing_is_audited(
    branch: Branch, people: dict[str, Actor], shelf: dict[str, str]
) -> None:
    keeper = people["keeper"]
    saved = reconciliation.save(
        branch.archive, keeper, found_lines(shelf), cabinet="A1", password=PASSWORDS["keeper"]
    )
    data = reconciliation.report_pdf(branch.archive, keeper, saved.id)
    assert data.startswith(b"%PDF")
    text = _pdf_text(data)
    for word in (
        "档案帐实核对报告",
        saved.serial,
        "柜 A1",
        "帐实不符",
        "缺失",
        "在架但登记为借出",
        "无此档案",
        "存放位置不符",
        "有效",
        saved.fingerprint,
        *[shelf[k] for k in "ABCDEGX"],
        UNKNOWN,
    ):
        assert word in text, word
    # catalogue data only: no customer's name
    assert "客户A" not in text and "客户D" not in text
    assert pypdf.PdfReader(io.BytesIO(data)).metadata.title == "档案帐实核对报告"

    seq = last_seq(branch.archive)
    reconciliation.record_print(branch.archive, keeper, saved.id, "print")
    events = audit_rows(branch.archive, seq)
    assert [(e.action, details(e)) for e in events] == [
        ("reconciliation.print", {"reconciliation": saved.serial, "output": "print"})
    ]
    with pytest.raises(NotPermitted):
        reconciliation.report_pdf(branch.archive, people["staff"], saved.id)


def test_an_agreeing_stock_take_says_so(
    branch: Branch, people: dict[str, Actor], shelf: dict[str, str]
) -> None:
    keeper = people["keeper"]
    saved = reconciliation.save(
        branch.archive,
        keeper,
        [shelf["A"], shelf["B"], shelf["D"]],
        cabinet="A1",
        box="12",
        password=PASSWORDS["keeper"],
    )
    assert saved.outcome.agrees
    text = _pdf_text(reconciliation.report_pdf(branch.archive, keeper, saved.id))
    assert "帐实相符" in text and "帐实不符" not in text
