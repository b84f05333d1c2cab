"""Destruction (article 18) on a real archive: the due list, request, approval, carrying out.

After an archive is destroyed, nothing of its content may be left anywhere in
the archive folder: every file is scanned, the databases decrypted page by
page with their keys (free pages and the unused space of pages included),
and every table read back, for the customer's name and ID number.
"""

from __future__ import annotations

import io
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from pypdf import PdfReader

from app.errors import (
    Conflict,
    CustodianRequired,
    InvalidInput,
    NotEligible,
    NotPermitted,
    SeparationOfDuties,
)
from app.models import (
    Customer,
    CustomerVersion,
    DestructionRecord,
    Request,
    RequestAttachment,
)
from app.security.roles import Role
from app.storage.database import checkpoint, raw_connect
from app.storage.migrate import PRE_MIGRATION_DIR
from app.workflows import (
    approvals,
    attachments,
    customers,
    destruction,
    integrity,
    modification,
    requests,
    retention,
    signing,
)
from app.workflows.auth import Actor
from app.workflows.destruction import DestructionItem
from tests.conftest import PASSWORDS, Branch
from tests.integration.helpers import keys_of
from tests.integration.test_customers import create, events, farmer, resident_id

NAME = "褚天禄"
RENAMED = "褚天福"
ID_NUMBER = resident_id(birth="19630507", seq="258")
SECRET_NAME = "端木守密"
SECRET_ID = resident_id(birth="19580214", seq="369")
LONG_AGO = datetime(1990, 3, 1, 9, 0)
TODAY = date.today()


@pytest.fixture
def people(branch: Branch) -> dict[str, Actor]:
    return {
        "manager": branch.add_user("manager", [Role.MANAGER]),
        "manager2": branch.add_user("manager2", [Role.MANAGER]),
        "director": branch.add_user("director", [Role.DIRECTOR]),
        "staff": branch.add_user("staff", [Role.STAFF]),
        "keeper": branch.login("keeper"),
    }


def _set(branch: Branch, customer_id: int, **values: Any) -> None:
    """Move an archive back in time (tests only: nothing in the program edits dates)."""
    with branch.archive.unit_of_work() as uow:
        row = uow.session.get(Customer, customer_id)
        assert row is not None
        for key, value in values.items():
            setattr(row, key, value)
        uow.commit()


def _filed(
    branch: Branch, manager: Actor, data: dict[str, Any], custodian: Actor | None = None
) -> int:
    ref = create(branch, manager, data, custodian=custodian)
    customers.file_customer(branch.archive, manager, ref.id, custodian=custodian)
    return ref.id


def _sign(branch: Branch, request_id: int, login: str, decision: str = "approve", reason: str = ""):
    return signing.decide(branch.archive, request_id, login, PASSWORDS[login], decision, reason)


def _row(branch: Branch, customer_id: int) -> Customer:
    with branch.archive.unit_of_work() as uow:
        row = uow.session.get(Customer, customer_id)
        assert row is not None
        uow.session.expunge(row)
        return row


def _due_ids(branch: Branch, actor: Actor, today: date = TODAY) -> list[int]:
    return [
        line.customer_id
        for line in retention.due_for_destruction(branch.archive, actor, today=today)
    ]


# --- reading everything back ---------------------------------------------------------------------


def _pages(data: bytes, key: bytes, *, page_size: int = 4096) -> list[bytes]:
    """Every page of an SQLCipher 4 file decrypted with its raw key (AES-256-CBC per page).

    The IV sits at the start of the page's reserved tail; its size is found on
    page 1, whose first 16 bytes are the salt and whose decrypted header must
    name the page size.
    """
    for reserve in (48, 64, 80):
        if _decrypt(data[:page_size], key, reserve, first=True)[:2] == page_size.to_bytes(2, "big"):
            break
    else:
        raise AssertionError("page 1 does not decrypt with this key")
    return [
        _decrypt(data[i : i + page_size], key, reserve, first=i == 0)
        for i in range(0, len(data) - page_size + 1, page_size)
    ]


def _decrypt(page: bytes, key: bytes, reserve: int, *, first: bool) -> bytes:
    size = len(page)
    iv = page[size - reserve : size - reserve + 16]
    body = page[16 if first else 0 : size - reserve]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def _wal_pages(
    data: bytes, key: bytes, reserve_probe: bytes, *, page_size: int = 4096
) -> list[bytes]:
    """The pages held in a WAL file's frames (32-byte file header, 24-byte frame headers)."""
    pages = []
    offset = 32
    reserve = next(
        r
        for r in (48, 64, 80)
        if _decrypt(reserve_probe[:page_size], key, r, first=True)[:2]
        == page_size.to_bytes(2, "big")
    )
    while offset + 24 + page_size <= len(data):
        number = int.from_bytes(data[offset : offset + 4], "big")
        page = data[offset + 24 : offset + 24 + page_size]
        pages.append(_decrypt(page, key, reserve, first=number == 1))
        offset += 24 + page_size
    return pages


def _needles(*texts: str) -> list[bytes]:
    found = []
    for text in texts:
        found += [text.encode("utf-8"), text.encode("utf-16-le")]
    return found


def scan_folder(root: Path, keys: dict[str, bytes], *texts: str) -> list[str]:
    """Where in the archive folder any of ``texts`` can still be found (file and page)."""
    needles = _needles(*texts)
    hits = []
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        name = path.name
        base = name.split("-", 1)[0] if path.parent.name == PRE_MIGRATION_DIR else name
        which = "vault" if base.startswith("vault") else "main"
        if name.endswith(".db") and len(data) >= 4096:
            pages = _pages(data, keys[which])
        elif name.endswith(".db-wal") and len(data) > 32:
            db = path.with_name(name[: -len("-wal")])
            pages = _wal_pages(data, keys[which], db.read_bytes())
        else:
            pages = [data]  # header, lock, ledger, -shm: plain files
        for number, page in enumerate(pages, start=1):
            for needle in needles:
                if needle in page:
                    hits.append(f"{path.relative_to(root)} page {number}")
    return hits


def scan_tables(path: Path, key: bytes, *texts: str) -> list[str]:
    """Every value of every table (FTS shadow tables included) that holds one of ``texts``."""
    needles = _needles(*texts)
    conn = raw_connect(path, key)
    hits = []
    try:
        tables = [
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        assert tables
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    blob = value.encode("utf-8") if isinstance(value, str) else value
                    if isinstance(blob, bytes) and any(n in blob for n in needles):
                        hits.append(table)
    finally:
        conn.close()
    return hits


def freelist(path: Path, key: bytes) -> int:
    conn = raw_connect(path, key)
    try:
        return int(conn.execute("PRAGMA freelist_count").fetchone()[0])
    finally:
        conn.close()


# --- the retention rules ---------------------------------------------------------------------------


RULES = """version = 1
name = "测试规则"

[[rules]]
key = "aml"
label = "反洗钱"
categories = ["individual", "organisation"]
years = 10
basis = "反洗钱法"

[methods]
paper = ["粉碎"]
disk = ["消磁", "物理销毁"]
electronic = ["安全删除"]
"""


def test_the_shipped_rules_load_and_the_longest_period_wins() -> None:
    rules = retention.current_rules()
    assert rules.version >= 1
    assert rules.methods["paper"][0] == "粉碎"
    assert set(rules.methods["disk"]) == {"消磁", "物理销毁"}
    aml = rules.minimum_years("individual")
    assert aml >= 5
    assert rules.period("individual", aml + 20) == (aml + 20, "档案填写的保管期限")
    years, source = rules.period("individual", 1)
    assert years == aml and source != "档案填写的保管期限"


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        (('years = 10\nbasis = "反洗钱法"', 'years = 0\nbasis = "反洗钱法"'), 8, "years"),
        (('categories = ["individual", "organisation"]', 'categories = ["farmer"]'), 7, "farmer"),
        (('label = "反洗钱"', 'lable = "反洗钱"'), 6, "lable"),
        (('disk = ["消磁", "物理销毁"]', 'floppy = ["消磁"]'), 13, "floppy"),
        (('name = "测试规则"', 'name = "测试规则'), 2, "TOML"),
        (('key = "aml"', 'key = "AML"'), 5, "key"),
    ],
)
def test_a_broken_rules_file_names_its_line(
    tmp_path: Path, change: tuple[str, str], line: int, words: str
) -> None:
    assert RULES.count(change[0]) == 1
    path = tmp_path / "retention.toml"
    path.write_text(RULES.replace(*change), "utf-8")
    with pytest.raises(retention.RetentionError) as caught:
        retention.load_rules(path)
    assert caught.value.line == line
    assert words in caught.value.message
    assert "retention.toml" in caught.value.message


def test_a_missing_method_and_a_duplicate_rule_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "retention.toml"
    path.write_text(RULES.replace('electronic = ["安全删除"]\n', ""), "utf-8")
    with pytest.raises(retention.RetentionError, match="electronic"):
        retention.load_rules(path)
    rule = RULES[RULES.index("[[rules]]") : RULES.index("[methods]")]
    path.write_text(RULES.replace("[methods]", rule + "[methods]"), "utf-8")
    with pytest.raises(retention.RetentionError, match="重复") as caught:
        retention.load_rules(path)
    assert caught.value.line == 12


def test_retention_dates() -> None:
    assert retention.add_years(date(2024, 2, 29), 10) == date(2034, 2, 28)
    rules = retention.parse_rules(RULES)
    closed = datetime(2010, 6, 1)
    day, years, _ = retention.due_on(rules, "individual", 5, "closed", closed, datetime(2012, 1, 1))
    assert (day, years) == (date(2020, 6, 1), 10)  # the AML minimum beats the archive's own 5
    day, years, _ = retention.due_on(rules, "special", 3, "filed", None, datetime(2012, 1, 1))
    assert (day, years) == (date(2015, 1, 1), 3)  # no rule for 特殊类: its own period


# --- the due list ----------------------------------------------------------------------------------


def test_the_due_list_follows_the_rules(branch: Branch, people: dict[str, Actor]) -> None:
    manager, manager2 = people["manager"], people["manager2"]
    old = _filed(branch, manager, farmer(NAME, ID_NUMBER))
    fresh = _filed(branch, manager, farmer("钱未满", resident_id(seq="111")))
    closed_short = _filed(
        branch, manager, farmer("孙早销", resident_id(seq="222"), retention_years=5)
    )
    closed_long = _filed(
        branch, manager, farmer("李久销", resident_id(seq="333"), retention_years=5)
    )
    others = _filed(branch, manager2, farmer("周他人", resident_id(seq="444")))
    draft = create(branch, manager, farmer("吴草稿", resident_id(seq="555"))).id
    _set(branch, old, updated_at=LONG_AGO, created_at=LONG_AGO)
    _set(branch, others, updated_at=LONG_AGO, created_at=LONG_AGO)
    _set(branch, draft, updated_at=LONG_AGO, created_at=LONG_AGO)
    aml = retention.current_rules().minimum_years("individual")
    # closed long enough for the AML minimum, though the archive's own 5 years ran out earlier
    _set(
        branch,
        closed_short,
        status="closed",
        closed_at=datetime.combine(retention.add_years(TODAY, -(aml - 1)), datetime.min.time()),
    )
    _set(
        branch,
        closed_long,
        status="closed",
        closed_at=datetime.combine(retention.add_years(TODAY, -aml), datetime.min.time()),
    )

    assert _due_ids(branch, manager) == sorted([old, closed_long])
    assert _due_ids(branch, manager2) == [others]  # a manager lists their own
    everyone = [old, closed_long, others]
    assert sorted(_due_ids(branch, people["keeper"])) == sorted(everyone)
    assert sorted(_due_ids(branch, people["director"])) == sorted(everyone)
    line = next(
        x
        for x in retention.due_for_destruction(branch.archive, manager, today=TODAY)
        if x.customer_id == old
    )
    assert line.title_masked == "褚*禄" and line.retention_years == 30
    assert line.due_on == date(2020, 3, 1) and line.carriers_text == "纸质 1"
    assert NAME not in repr(line)
    # the day before its period ends, the closed archive is not due yet
    assert closed_long not in _due_ids(branch, manager, today=TODAY - timedelta(days=1))
    assert fresh not in _due_ids(branch, manager, today=TODAY)
    with pytest.raises(NotPermitted):
        retention.due_for_destruction(branch.archive, people["staff"])


# --- request, approval, carrying out ---------------------------------------------------------------


def _old_customer_with_history(branch: Branch, manager: Actor, director: Actor) -> int:
    """A filed archive with an approved modification (name in its payload and filed change)
    and a supporting file that quotes the ID number; then aged past its retention."""
    cid = _filed(
        branch,
        manager,
        farmer(
            NAME,
            ID_NUMBER,
            carriers=[
                {"kind": "纸质", "cabinet": "A1", "box": "12", "note": f"{NAME}的贷款卷"},
                {"kind": "电子", "note": "扫描件"},
            ],
        ),
    )
    before = customers.open_customer(branch.archive, manager, cid).data
    # a scan of some size: deleting it frees pages that later writes do not all reuse
    scan = "".join(f"% {RENAMED} {ID_NUMBER} 第{n}行\n" for n in range(6000))
    pdf = f"%PDF-1.4\n{scan}%%EOF\n".encode()
    ref = modification.propose(
        branch.archive,
        manager,
        cid,
        dict(before, name=RENAMED),
        note="客户改名",
        files=[attachments.NewAttachment("户口本.pdf", pdf)],
    )
    assert _sign(branch, ref.id, "director").state == "applied"
    _set(branch, cid, updated_at=LONG_AGO, created_at=LONG_AGO)
    return cid


def test_request_approve_and_carry_out_leaves_nothing_but_the_tombstone(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager, director = people["manager"], people["director"]
    cid = _old_customer_with_history(branch, manager, director)
    kept = _filed(branch, manager, farmer("冯留存", resident_id(seq="777")))
    archive_no = _row(branch, cid).archive_no
    # a copy kept before a schema upgrade still holds the customer
    checkpoint(branch.archive.engine)
    copies = branch.root / PRE_MIGRATION_DIR
    copies.mkdir(exist_ok=True)
    shutil.copy2(branch.root / "main.db", copies / "main-m0006-20260101T000000Z.db")

    ref = destruction.propose(
        branch.archive,
        manager,
        [DestructionItem(cid, {"paper": "粉碎", "electronic": "安全删除"})],
        note="保管期满",
    )
    assert ref.serial.startswith("XH-") and ref.state == "submitted"
    with pytest.raises(Conflict, match=ref.serial):  # not twice
        destruction.propose(branch.archive, manager, [DestructionItem(cid, {})])
    with pytest.raises(Conflict, match="批准"):  # not before the approval
        destruction.carry_out(
            branch.archive, manager, ref.id, executors=["赵师傅"], witnesses=["钱会计", "孙出纳"]
        )
    detail = requests.open_request(branch.archive, director, ref.id)
    assert detail.can_decide and detail.line.kind_label == "销毁申请"
    assert [a["archive_no"] for a in destruction.payload_archives(detail.payload)] == [archive_no]
    assert _sign(branch, ref.id, "director").state == "approved"
    assert [a.serial for a in destruction.approved_requests(branch.archive, manager)] == [
        ref.serial
    ]
    assert destruction.approved_requests(branch.archive, people["manager2"]) == []
    with pytest.raises(NotPermitted):  # neither the requester nor the customer's manager
        destruction.carry_out(
            branch.archive,
            people["manager2"],
            ref.id,
            executors=["赵师傅"],
            witnesses=["钱会计", "孙出纳"],
        )
    with pytest.raises(InvalidInput, match="两名监销人"):
        destruction.carry_out(
            branch.archive, manager, ref.id, executors=["赵师傅"], witnesses=["钱会计"]
        )
    with pytest.raises(InvalidInput, match="重复"):
        destruction.carry_out(
            branch.archive, manager, ref.id, executors=["赵师傅"], witnesses=["钱会计", "钱会计"]
        )
    with pytest.raises(InvalidInput, match="既是"):
        destruction.carry_out(
            branch.archive, manager, ref.id, executors=["赵师傅"], witnesses=["赵师傅", "钱会计"]
        )
    assert _row(branch, cid).status == "filed"  # the refusals changed nothing

    done = destruction.carry_out(
        branch.archive,
        manager,
        ref.id,
        executors=["赵师傅"],
        witnesses=["钱会计", "孙出纳"],
    )
    assert done.archive_nos == (archive_no,) and done.vacuumed
    assert done.register_nos[0].startswith("QC-") and done.removed_copies == 1

    # the tombstone: catalogue line without content, status 已销毁
    row = _row(branch, cid)
    assert row.status == "destroyed" and row.archive_no == archive_no
    assert (row.name, row.identity_no, row.phone, row.address, row.content) == (None,) * 5
    assert row.name_masked == "" and row.category == "individual"
    assert row.created_at == LONG_AGO
    line = customers.catalogue_page(
        branch.archive, manager, filters=customers.CatalogueFilter(status="destroyed")
    )
    assert [(x.archive_no, x.status_label, x.display_name) for x in line] == [
        (archive_no, "已销毁", "")
    ]
    # still found by its archive number, by nothing else
    found = customers.catalogue_page(
        branch.archive, manager, filters=customers.CatalogueFilter(query=archive_no)
    )
    assert [x.id for x in found] == [cid]
    for query in (RENAMED, ID_NUMBER, "褚"):
        hits = customers.catalogue_page(
            branch.archive, manager, filters=customers.CatalogueFilter(query=query)
        )
        assert cid not in [x.id for x in hits]

    # the register line, kept for good
    [entry] = destruction.register_lines(branch.archive, director)
    assert entry.archive_no == archive_no and entry.title_masked == "褚*福"
    assert entry.year == 1990 and entry.retention_years == 30
    assert entry.carriers == "纸质 1、电子 1" and entry.quantity == 2
    assert entry.method == "纸质:粉碎;电子:安全删除"
    assert entry.approver_name == "用户director" and entry.request_serial == ref.serial
    assert entry.executors == "赵师傅" and entry.witnesses == "钱会计、孙出纳"
    with branch.archive.unit_of_work() as uow, pytest.raises(sa.exc.DBAPIError):
        uow.session.execute(sa.delete(DestructionRecord))
        uow.session.flush()
    with branch.archive.unit_of_work() as uow:
        assert uow.session.scalar(sa.select(sa.func.count()).select_from(DestructionRecord)) == 1
        changes = uow.session.scalars(
            sa.select(CustomerVersion.changes).where(CustomerVersion.customer_id == cid)
        ).all()
        assert changes == [""]
        modification_request = uow.session.scalar(
            sa.select(Request).where(Request.kind == "modification", Request.customer_id == cid)
        )
        assert modification_request is not None and modification_request.payload == ""
        modification_id = modification_request.id
        assert uow.session.scalar(sa.select(sa.func.count()).select_from(RequestAttachment)) == 0
        request = uow.session.get(Request, ref.id)
        assert request is not None and request.state == "applied"
    # every signature still verifies (the signed hashes are kept)
    assert integrity.verify(branch.archive, branch.admin).sound
    # opening the archive says it was destroyed; its requests show their record, not content
    with pytest.raises(Conflict) as gone:
        customers.open_customer(branch.archive, manager, cid)
    assert "已按制度第18条销毁" in str(gone.value)
    detail = requests.open_request(branch.archive, manager, modification_id)
    assert "已随所涉档案一并销毁" in detail.note and detail.changes == []
    assert all(line.valid for line in detail.history)

    # nothing readable is left: every table, every page, every file
    keys = keys_of(branch.root, "keeper", PASSWORDS["keeper"])
    main = branch.root / "main.db"
    assert freelist(main, keys.main_key) == 0
    assert scan_tables(main, keys.main_key, NAME, RENAMED, ID_NUMBER) == []
    # the scans do find a customer still kept, in the table and in the index's segments
    assert {"customers", "customer_fts_data"} <= set(scan_tables(main, keys.main_key, "冯留存"))
    assert (
        scan_folder(
            branch.root,
            {"main": keys.main_key, "vault": keys.vault_key},  # type: ignore[dict-item]
            NAME,
            RENAMED,
            ID_NUMBER,
        )
        == []
    )
    assert scan_folder(branch.root, {"main": keys.main_key, "vault": keys.vault_key}, "冯留存")
    assert not list(copies.iterdir())
    assert kept in [x.id for x in customers.catalogue_page(branch.archive, manager)]

    actions = [e.action for e in events(branch)]
    for action in ("customer.destroy", "request.apply", "archive.vacuum", "archive.copies_removed"):
        assert action in actions
    assert actions.index("customer.destroy") < actions.index("archive.vacuum")
    text = " ".join(e.details for e in events(branch))
    assert NAME not in text and ID_NUMBER not in text and "赵师傅" not in text


def test_the_requester_cannot_approve_and_others_cannot_ask(
    branch: Branch, people: dict[str, Actor]
) -> None:
    boss = branch.add_user("boss", [Role.MANAGER, Role.DIRECTOR])
    cid = _filed(branch, boss, farmer(NAME, ID_NUMBER))
    theirs = _filed(branch, people["manager2"], farmer("周他人", resident_id(seq="444")))
    _set(branch, cid, updated_at=LONG_AGO, created_at=LONG_AGO)
    _set(branch, theirs, updated_at=LONG_AGO, created_at=LONG_AGO)
    with pytest.raises(NotPermitted):
        destruction.propose(branch.archive, people["staff"], [DestructionItem(cid, {})])
    with pytest.raises(NotPermitted):  # a manager asks for their own customers only
        destruction.propose(branch.archive, people["manager"], [DestructionItem(theirs, {})])
    with pytest.raises(InvalidInput, match="只能按"):
        destruction.propose(branch.archive, boss, [DestructionItem(cid, {"paper": "卖废纸"})])
    ref = destruction.propose(branch.archive, boss, [DestructionItem(cid, {})])
    with pytest.raises(SeparationOfDuties):
        _sign(branch, ref.id, "boss")
    with pytest.raises(NotEligible):
        _sign(branch, ref.id, "manager2")
    assert [s.login for s in signing.signers(branch.archive, ref.id)] == ["director"]
    assert _sign(branch, ref.id, "director", "reject", "尚有未结贷款").state == "rejected"
    assert _row(branch, cid).status == "filed"
    with pytest.raises(Conflict):
        destruction.carry_out(
            branch.archive, boss, ref.id, executors="赵师傅", witnesses="钱会计、孙出纳"
        )


def test_an_archive_still_in_retention_or_under_another_request_is_refused(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager = people["manager"]
    fresh = _filed(branch, manager, farmer("钱未满", resident_id(seq="111")))
    with pytest.raises(Conflict, match="未满"):
        destruction.propose(branch.archive, manager, [DestructionItem(fresh, {})])
    busy = _filed(branch, manager, farmer(NAME, ID_NUMBER))
    before = customers.open_customer(branch.archive, manager, busy).data
    pending = modification.propose(
        branch.archive, manager, busy, dict(before, mobile="13900000000")
    )
    _set(branch, busy, updated_at=LONG_AGO, created_at=LONG_AGO)
    line = next(
        x for x in retention.due_for_destruction(branch.archive, manager) if x.customer_id == busy
    )
    assert line.blocked_by == pending.serial
    with pytest.raises(Conflict, match=pending.serial):
        destruction.propose(branch.archive, manager, [DestructionItem(busy, {})])
    requests.withdraw(branch.archive, manager, pending.id, "不改了")
    ref = destruction.propose(branch.archive, manager, [DestructionItem(busy, {})])
    assert ref.state == "submitted"


def test_secret_tier_needs_the_custodian_and_leaves_nothing_in_the_vault(
    branch: Branch, people: dict[str, Actor]
) -> None:
    manager, keeper = people["manager"], people["keeper"]
    cid = _filed(branch, manager, farmer(SECRET_NAME, SECRET_ID, tier="机密"), custodian=keeper)
    _set(branch, cid, updated_at=LONG_AGO, created_at=LONG_AGO)
    archive_no = _row(branch, cid).archive_no
    keys = keys_of(branch.root, "keeper", PASSWORDS["keeper"])
    assert keys.vault_key is not None
    branch.archive.close_vault()
    assert scan_folder(branch.root, {"main": keys.main_key, "vault": keys.vault_key}, SECRET_ID)

    [line] = retention.due_for_destruction(branch.archive, keeper)
    assert line.needs_custodian and line.title_masked == ""
    ref = destruction.propose(branch.archive, keeper, [DestructionItem(cid, {"paper": "粉碎"})])
    assert _sign(branch, ref.id, "director").state == "approved"
    with pytest.raises(CustodianRequired):
        destruction.carry_out(
            branch.archive, manager, ref.id, executors=["赵师傅"], witnesses=["钱会计", "孙出纳"]
        )
    with pytest.raises(CustodianRequired):  # a manager is no custodian
        destruction.carry_out(
            branch.archive,
            manager,
            ref.id,
            executors=["赵师傅"],
            witnesses=["钱会计", "孙出纳"],
            custodian=manager,
        )
    assert _row(branch, cid).status == "filed"
    done = destruction.carry_out(
        branch.archive,
        manager,
        ref.id,
        executors=["赵师傅"],
        witnesses=["钱会计", "孙出纳"],
        custodian=keeper,
    )
    assert done.vacuumed and done.archive_nos == (archive_no,)
    [entry] = destruction.register_lines(branch.archive, people["director"])
    assert entry.custodian_name == keeper.display_name and entry.tier_label == "机密"
    assert entry.title_masked == ""
    destroy = [e for e in events(branch, "customer.destroy")]
    assert '"custodian":"keeper"' in destroy[-1].details

    vault = branch.root / "vault.db"
    assert freelist(vault, keys.vault_key) == 0
    assert scan_tables(vault, keys.vault_key, SECRET_NAME, SECRET_ID) == []
    assert scan_tables(branch.root / "main.db", keys.main_key, SECRET_NAME, SECRET_ID) == []
    assert (
        scan_folder(
            branch.root,
            {"main": keys.main_key, "vault": keys.vault_key},
            SECRET_NAME,
            SECRET_ID,
        )
        == []
    )


def test_the_register_prints(branch: Branch, people: dict[str, Actor]) -> None:
    manager = people["manager"]
    cid = _filed(branch, manager, farmer(NAME, ID_NUMBER))
    _set(branch, cid, updated_at=LONG_AGO, created_at=LONG_AGO)
    ref = destruction.propose(branch.archive, manager, [DestructionItem(cid, {})])
    _sign(branch, ref.id, "director")
    destruction.carry_out(
        branch.archive, manager, ref.id, executors="赵师傅", witnesses="钱会计,孙出纳"
    )
    data = destruction.register_pdf(branch.archive, people["director"])
    reader = PdfReader(io.BytesIO(data))
    text = "".join(page.extract_text() for page in reader.pages)
    for words in ("客户信息销毁清册", _row(branch, cid).archive_no, "褚*禄", "赵师傅", "孙出纳"):
        assert words in text
    assert NAME not in text
    assert reader.metadata is not None and reader.metadata.title == "客户信息销毁清册"
    destruction.record_register_output(branch.archive, people["director"], "print", count=1)
    assert events(branch, "destruction.register_print")
    with pytest.raises(NotPermitted):
        destruction.register_lines(branch.archive, people["staff"])
    assert destruction.register_years(branch.archive, manager) == [date.today().year]
    assert approvals.kind_label("destruction") == "销毁申请"
