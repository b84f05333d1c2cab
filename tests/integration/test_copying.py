"""Copying and excerpting (article 17.1): every outflow refused without a permit, allowed with one.

Real archives: the copy request is signed with the approver's password, the
Excel file is read back with openpyxl, the PDF with pypdf, and each output's
audit event is looked up in the chain.
"""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from pypdf import PdfReader

from app.errors import (
    Conflict,
    CopyRequired,
    CustodianRequired,
    InvalidInput,
    NotEligible,
    SeparationOfDuties,
)
from app.models import Request
from app.models.base import utcnow
from app.security.roles import Role
from app.workflows import approvals, copying, customers, requests
from app.workflows.auth import Actor
from tests.conftest import Branch
from tests.integration.helpers import audit_rows, details, last_seq
from tests.integration.test_consultation import granted
from tests.integration.test_external_provision import filed, sign

PURPOSE = "报送县联社授信审查材料"


@pytest.fixture
def people(branch: Branch) -> dict[str, Actor]:
    return {
        "manager": branch.add_user("manager", [Role.MANAGER]),
        "manager2": branch.add_user("manager2", [Role.MANAGER]),
        "director": branch.add_user("director", [Role.DIRECTOR, Role.UNIT_HEAD]),
        "staff": branch.add_user("staff", [Role.STAFF]),
    }


def ask(
    branch: Branch, actor: Actor, ids: list[int], fields: list[str], forms: list[str], **kw: Any
):
    kw.setdefault("purpose", PURPOSE)
    return copying.apply(branch.archive, actor, ids, field_keys=fields, forms=forms, **kw)


def events_since(branch: Branch, seq: int, action: str) -> list[dict[str, object]]:
    return [details(e) for e in audit_rows(branch.archive, seq) if e.action == action]


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_without_a_permit_every_output_is_refused_and_recorded(
    branch: Branch, people: dict[str, Actor], tmp_path: Path
) -> None:
    cid = filed(branch, people["manager"], "张三丰", "123")
    out = tmp_path / "复制件.xlsx"
    # not even the owning manager copies without approval (article 17.1)
    for who in ("manager", "staff", "director"):
        seq = last_seq(branch.archive)
        with pytest.raises(CopyRequired, match="复制摘录申请"):
            copying.copy_text(branch.archive, people[who], cid)
        with pytest.raises(CopyRequired):
            copying.export_excel(branch.archive, people[who], [cid], out)
        for form in ("pdf", "print"):
            with pytest.raises(CopyRequired):
                copying.produce_pdf(branch.archive, people[who], [cid], form)
        with pytest.raises(CopyRequired):
            copying.record_output(branch.archive, people[who], [cid], "save")
        refused = events_since(branch, seq, "copy.refused")
        assert [e["form"] for e in refused] == ["clipboard", "excel", "pdf", "print", "pdf"]
        assert all(e["archive_no"] for e in refused)
        assert not events_since(branch, seq, "copy.produce")
    assert not out.exists()
    assert copying.permitted_forms(branch.archive, people["manager"], cid) == frozenset()


def test_a_staff_copy_request_approved_by_the_owner_permits_exactly_what_it_names(
    branch: Branch, people: dict[str, Actor], tmp_path: Path
) -> None:
    cid = filed(branch, people["manager"], "张三丰", "123")
    ref = ask(branch, people["staff"], [cid], ["name", "village"], ["clipboard", "excel"], days=2)
    assert ref.serial.startswith("FZ-") and ref.state == "submitted"
    # a submitted request permits nothing yet
    with pytest.raises(CopyRequired):
        copying.copy_text(branch.archive, people["staff"], cid)
    # the requester never approves; another manager not owning the customer cannot either
    with pytest.raises(SeparationOfDuties):
        sign(branch, ref.id, "staff")
    with pytest.raises(NotEligible, match="本人管户"):
        sign(branch, ref.id, "manager2")
    assert ref.serial in [r.serial for r in requests.inbox(branch.archive, people["manager"])]
    assert sign(branch, ref.id, "manager").state == "approved"
    assert copying.permitted_forms(branch.archive, people["staff"], cid) == {"clipboard", "excel"}

    seq = last_seq(branch.archive)
    copied = copying.copy_text(branch.archive, people["staff"], cid)
    assert copied.serial == ref.serial and copied.items == 2
    first, *body, last = copied.text.splitlines()
    assert (
        first == last
        and ref.serial in first
        and "用户staff" in first
        and "仅限本社内部使用" in first
    )
    assert "姓名:张三丰" in body and any(line.endswith(":石门村") for line in body)
    assert "13807381234" not in copied.text  # the mobile was not asked for
    # an excerpt is a subset of the permit; an item outside it is refused
    excerpt = copying.copy_text(branch.archive, people["staff"], cid, ["name"])
    assert excerpt.items == 1 and "石门村" not in excerpt.text
    with pytest.raises(CopyRequired):
        copying.copy_text(branch.archive, people["staff"], cid, ["mobile"])

    out = tmp_path / "复制件.xlsx"
    produced = copying.export_excel(branch.archive, people["staff"], [cid], out)
    assert produced.path == out and produced.serials == (ref.serial,)
    sheet = load_workbook(out).active
    rows = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    assert ref.serial in rows[0][0] and "用户staff" in rows[0][0]
    assert rows[1][:2] == ["档案编号", "类别"] and "姓名" in rows[1]
    assert "张三丰" in rows[2] and "石门村" in rows[2] and "13807381234" not in str(rows)
    assert rows[-1] == rows[0]
    assert ref.serial in sheet.oddHeader.center.text
    # PDF and paper were not asked for
    with pytest.raises(CopyRequired):
        copying.produce_pdf(branch.archive, people["staff"], [cid], "pdf")
    produced_events = events_since(branch, seq, "copy.produce")
    assert [e["form"] for e in produced_events] == ["clipboard", "clipboard", "excel"]
    assert {e["serial"] for e in produced_events} == {ref.serial}
    # the permit is personal
    with pytest.raises(CopyRequired):
        copying.copy_text(branch.archive, people["manager2"], cid)


def test_the_owner_asks_the_director_and_a_mixed_request_needs_the_director(
    branch: Branch, people: dict[str, Actor]
) -> None:
    own = filed(branch, people["manager"], "张三丰", "123")
    other = filed(branch, people["manager2"], "李四", "234")
    mine = ask(branch, people["manager"], [own], ["name"], ["print", "pdf"])
    with pytest.raises(SeparationOfDuties):
        sign(branch, mine.id, "manager")
    assert sign(branch, mine.id, "director").state == "approved"
    produced = copying.produce_pdf(branch.archive, people["manager"], [own], "print")
    text = pdf_text(produced.data)
    assert "客户信息复制件" in text and "张三丰" in text and mine.serial in text
    assert produced.pages == 1
    copying.record_output(branch.archive, people["manager"], [own], "print")

    mixed = ask(branch, people["staff"], [own, other], ["name"], ["clipboard"])
    with pytest.raises(NotEligible, match="主任"):
        sign(branch, mixed.id, "manager")
    assert sign(branch, mixed.id, "director").state == "approved"
    for cid in (own, other):
        assert "复制件" in copying.copy_text(branch.archive, people["staff"], cid).text


def test_a_consultation_grant_lets_out_what_its_mode_allows(
    branch: Branch, people: dict[str, Actor], tmp_path: Path
) -> None:
    cid = filed(branch, people["manager"], "张三丰", "123")
    granted(branch, people, [cid], mode="view")
    with pytest.raises(CopyRequired):
        copying.copy_text(branch.archive, people["staff"], cid)
    serial = _serial(branch, granted(branch, people, [cid], mode="excerpt"))
    assert copying.permitted_forms(branch.archive, people["staff"], cid) == {"clipboard"}
    assert serial in copying.copy_text(branch.archive, people["staff"], cid, ["name"]).text
    with pytest.raises(CopyRequired):
        copying.produce_pdf(branch.archive, people["staff"], [cid], "print")
    copy_grant = _serial(branch, granted(branch, people, [cid], mode="copy"))
    produced = copying.produce_pdf(branch.archive, people["staff"], [cid], "pdf")
    assert copy_grant in pdf_text(produced.data) and "查阅授权" in pdf_text(produced.data)
    with pytest.raises(CopyRequired):  # a list in Excel always needs a copy request
        copying.export_excel(branch.archive, people["staff"], [cid], tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


def _serial(branch: Branch, request_id: int) -> str:
    with branch.archive.unit_of_work() as uow:
        request = uow.session.get(Request, request_id)
        assert request is not None
        return request.serial


def test_a_permit_ends_with_its_period(
    branch: Branch, people: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = filed(branch, people["manager"], "张三丰", "123")
    ref = ask(branch, people["staff"], [cid], ["name"], ["clipboard"], days=1)
    sign(branch, ref.id, "manager")
    assert [p.serial for p in copying.permits_in_force(branch.archive, people["staff"])] == [
        ref.serial
    ]
    later = utcnow() + timedelta(days=1, minutes=1)
    monkeypatch.setattr(customers, "utcnow", lambda: later)
    with pytest.raises(CopyRequired):
        copying.copy_text(branch.archive, people["staff"], cid)
    monkeypatch.setattr(approvals, "utcnow", lambda: later)
    assert copying.expire_due(branch.archive) == 1
    with branch.archive.unit_of_work() as uow:
        assert uow.session.get(Request, ref.id).state == "expired"  # type: ignore[union-attr]


def test_bad_requests_are_refused_with_reasons(branch: Branch, people: dict[str, Actor]) -> None:
    cid = filed(branch, people["manager"], "张三丰", "123")
    with pytest.raises(InvalidInput, match="项目"):
        ask(branch, people["staff"], [cid], [], ["clipboard"])
    with pytest.raises(InvalidInput, match="复制方式"):
        ask(branch, people["staff"], [cid], ["name"], ["fax"])
    with pytest.raises(InvalidInput, match="有效期"):
        ask(branch, people["staff"], [cid], ["name"], ["clipboard"], days=30)
    with pytest.raises(InvalidInput, match="重复"):
        ask(branch, people["staff"], [cid, cid], ["name"], ["clipboard"])
    with pytest.raises(InvalidInput, match="用途"):
        ask(branch, people["staff"], [cid], ["name"], ["clipboard"], purpose=" ")
    with pytest.raises(InvalidInput, match="请填写档案编号"):
        copying.candidate(branch.archive, people["staff"], " ")
    with pytest.raises(InvalidInput, match="档案编号"):
        copying.candidate(branch.archive, people["staff"], "NOPE-1")


def test_a_tampered_request_permits_nothing(branch: Branch, people: dict[str, Actor]) -> None:
    cid = filed(branch, people["manager"], "张三丰", "123")
    ref = ask(branch, people["staff"], [cid], ["name"], ["clipboard"])
    sign(branch, ref.id, "manager")
    with branch.archive.unit_of_work() as uow:
        payload = uow.session.scalar(sa.select(Request.payload).where(Request.id == ref.id))
        widened = payload.replace('"name"', '"mobile"')
        assert widened != payload
        uow.session.execute(sa.update(Request).where(Request.id == ref.id).values(payload=widened))
        uow.commit()
    with pytest.raises(Conflict, match="签名校验不通过"):
        copying.copy_text(branch.archive, people["staff"], cid, ["mobile"])


def test_a_secret_record_needs_the_custodian(
    branch: Branch, people: dict[str, Actor], tmp_path: Path
) -> None:
    keeper = branch.login("keeper")
    cid = filed(branch, people["manager"], "欧阳秘", "455", tier="机密", custodian=keeper)
    ref = ask(branch, people["staff"], [cid], ["name", "village"], ["pdf"])
    sign(branch, ref.id, "manager")
    with pytest.raises(CustodianRequired):
        copying.produce_pdf(branch.archive, people["staff"], [cid], "pdf")
    seq = last_seq(branch.archive)
    produced = copying.produce_pdf(branch.archive, people["staff"], [cid], "pdf", custodian=keeper)
    assert "欧阳秘" in pdf_text(produced.data)
    (event,) = events_since(branch, seq, "copy.produce")
    assert event["custodian"] == "keeper" and event["archive_no"]


def test_the_excel_file_is_written_only_where_chosen_and_formulas_stay_text(
    branch: Branch, people: dict[str, Actor], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openpyxl would spool sheets through a plaintext temporary file: not here."""
    cid = filed(branch, people["manager"], "张三丰", "123", group_no="=1+1")
    ref = ask(branch, people["staff"], [cid], ["name", "group_no"], ["excel"])
    sign(branch, ref.id, "manager")

    def no_temp_files(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl spooled customer data to a temporary file")

    monkeypatch.setattr("openpyxl.worksheet._writer.create_temporary_file", no_temp_files)
    out = tmp_path / "out" / "复制件.xlsx"
    out.parent.mkdir()
    copying.export_excel(branch.archive, people["staff"], [cid], out)
    assert sorted(p.name for p in out.parent.iterdir()) == ["复制件.xlsx"]
    sheet = load_workbook(out).active
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "=1+1")
    assert cell.data_type == "s"
