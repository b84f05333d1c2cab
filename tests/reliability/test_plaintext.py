"""Nothing readable outside the encrypted files: a marker written through every path is
searched for in every file of the folder (WAL, staged rekey copies, pre-migration
copies, lockout ledger, header) in UTF-8, UTF-16-LE and GBK, and in the process's
own output and logs."""

from __future__ import annotations

import logging
import tempfile
from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader
from sqlalchemy.orm import Session

from app import logging_setup
from app.errors import UnknownUser, WrongPassword
from app.models import Customer, VaultRecord
from app.security import keyslots
from app.security.roles import Role
from app.settings import CONFIG_DIR_ENV
from app.storage import migrate
from app.storage.archive import Archive
from app.storage.database import checkpoint, open_engine
from app.workflows import (
    accounts,
    auth,
    consultation,
    consultation_print,
    copying,
    customer_import,
    customers,
    destruction,
    integrity,
    keys,
    modification,
    signing,
)
from app.workflows import backup as bk
from app.workflows.destruction import DestructionItem
from tests.conftest import ADMIN, CUSTODIAN, PASSWORDS, Branch
from tests.integration.helpers import keys_of
from tests.integration.test_customers import farmer, resident_id
from tests.reliability import figures

MARKER = "标记张三丰XYZ"
PARTS = (MARKER, "张三丰", "标记张三丰")
ENCODINGS = ("utf-8", "utf-16-le", "gbk")
ID_NUMBER = "430181199001011234"  # an ID-card-shaped number, ASCII in every encoding


def _needles() -> list[tuple[str, bytes]]:
    found = [(f"{text!r}/{enc}", text.encode(enc)) for text in PARTS for enc in ENCODINGS]
    found += [(f"{ID_NUMBER}/{enc}", ID_NUMBER.encode(enc)) for enc in ENCODINGS]
    return found


def _leaks(folder: Path) -> list[str]:
    """Every (file, needle) where the marker shows, over every file below ``folder``."""
    hits = []
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert files
    for path in files:
        data = path.read_bytes()
        for name, needle in _needles():
            if needle in data:
                hits.append(f"{path.relative_to(folder)}: {name}")
    return hits


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def test_marker_never_leaves_the_encrypted_files(
    branch: Branch,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    temp_before = set(Path(tempfile.gettempdir()).iterdir())
    root = branch.root
    archive = branch.archive

    # 1. customer-like data through every writing path
    accounts.add_user(
        archive,
        branch.admin,
        accounts.NewAccount(
            "zhangsan", MARKER, "Chushi2026abc", department=MARKER, phone=ID_NUMBER
        ),
        [Role.MANAGER],
    )
    with archive.unit_of_work() as uow:
        uow.audit("admin", "session.lock", details={"note": MARKER, "id": ID_NUMBER})
        uow.commit()
    keeper = branch.login("keeper")
    with Session(archive.vault_engine(keeper.keys)) as session:
        session.add(
            VaultRecord(
                record_ref="R00001",
                tier="绝密",
                content=f"{MARKER} {ID_NUMBER}".encode() + MARKER.encode("gbk"),
            )
        )
        session.commit()

    # 2. a name typed into the login field, wrong passwords: the ledger must stay clean
    with pytest.raises(UnknownUser):
        auth.authenticate(archive, MARKER, "Whatever2026")
    with pytest.raises(UnknownUser):
        auth.authenticate(archive, ID_NUMBER, "Whatever2026")

    # scan while open: the WAL holds the fresh pages
    assert (root / "main.db-wal").exists()
    assert _leaks(root) == []

    # 3. a rekey stopped half-way leaves staged copies
    real = Archive._finish_rekey

    class Stop(BaseException):
        pass

    def stop(self: Archive, unlocked: keyslots.UnlockedSlot) -> bytes:
        raise Stop()

    monkeypatch.setattr(Archive, "_finish_rekey", stop)
    with pytest.raises(Stop):
        keys.rekey(archive, keeper)
    monkeypatch.setattr(Archive, "_finish_rekey", real)
    archive._lock.release()
    assert {"main.db.rekey", "vault.db.rekey"} <= _files(root)
    assert _leaks(root) == []

    # 4. roll forward; failures before anyone is in go to lockout.json
    archive = branch.archive = Archive.open(root)
    with pytest.raises(WrongPassword):
        auth.authenticate(archive, "zhangsan", ID_NUMBER + "x")
    with pytest.raises(UnknownUser):
        auth.authenticate(archive, MARKER, "Whatever2026")
    assert (root / "lockout.json").exists()
    keeper = auth.authenticate(archive, "keeper", CUSTODIAN[2])
    assert integrity.verify(archive, keeper).sound
    assert _leaks(root) == []

    # 5. a pre-migration copy: take main.db back one revision and open again
    archive.close()
    key = keys_of(root, "admin", ADMIN[2]).main_key
    engine = open_engine(root / "main.db", key)
    try:
        cfg = migrate._config("main", None)
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "m0001")
        checkpoint(engine)
    finally:
        engine.dispose()
    archive = branch.archive = Archive.open(root)
    branch.admin = auth.authenticate(archive, "admin", ADMIN[2])
    assert any(name.startswith("pre-migration/main-m0001-") for name in _files(root))
    assert _leaks(root) == []

    # 6. closed: every file at rest
    archive.close()
    assert _leaks(root) == []
    assert _leaks(root.parent) == [], "something was written beside the archive"
    branch.archive = Archive.open(root)

    # nothing of it in our own output, logs or new temporary files
    out, err = capfd.readouterr()
    for text in (out, err, caplog.text):
        assert MARKER not in text and "张三丰" not in text and ID_NUMBER not in text
    new_temp = [p for p in set(Path(tempfile.gettempdir()).iterdir()) - temp_before if p.is_file()]
    for path in new_temp:
        data = path.read_bytes()
        for name, needle in _needles():
            assert needle not in data, f"{path}: {name}"


def test_encrypted_files_do_not_look_like_sqlite(branch: Branch) -> None:
    branch.archive.close()
    for name in ("main.db", "vault.db"):
        head = (branch.root / name).read_bytes()[:16]
        assert head != b"SQLite format 3\x00", f"{name} is not encrypted"
    header = (branch.root / "archive.json").read_text("utf-8")
    for word in ("系统管理员甲", "保密员乙"):  # display names live in main.db only
        assert word not in header


# --- a whole working day ----------------------------------------------------------------------

DAY_PEOPLE = {
    "欧阳明日": (resident_id("19720315", "235"), "13973801234"),
    "司马青衫": (resident_id("19810622", "417"), "13807389876"),
    "上官飞燕": (resident_id("19650908", "529"), "15873805555"),
}
RENAMED_PHONE = "18974381122"
LONG_AGO = datetime(1990, 3, 1, 9, 0)


def _day_needles() -> list[tuple[str, bytes]]:
    texts = [RENAMED_PHONE]
    for name, (id_number, phone) in DAY_PEOPLE.items():
        texts += [name, id_number, phone]
    return [(f"{t}/{enc}", t.encode(enc)) for t in texts for enc in ENCODINGS]


def _day_leaks(folder: Path) -> list[str]:
    hits = []
    for path in (p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        hits += [
            f"{path.relative_to(folder)}: {n}" for n, needle in _day_needles() if needle in data
        ]
    return hits


def test_a_scripted_day_leaves_no_plaintext(
    branch: Branch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Create, import, consult (apply, review, sign, open under the grant), print the form,
    modify, export, back up, destroy: then no file in the archive folder, the program's
    temp folder, its log folder or its settings folder holds a customer's name, ID number
    or phone in UTF-8, UTF-16 or GBK."""
    private_tmp, logs, config, out = (tmp_path / n for n in ("tmp", "logs", "config", "out"))
    for folder in (private_tmp, logs, config, out):
        folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(private_tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    monkeypatch.setenv("CUSTARCHIVE_LOG_DIR", str(logs))
    monkeypatch.setenv(CONFIG_DIR_ENV, str(config))
    root_logger = logging.getLogger()
    handlers, level = list(root_logger.handlers), root_logger.level
    log_file = logging_setup.configure(logging.DEBUG)
    assert log_file is not None and tempfile.gettempdir() == str(private_tmp)
    steps: list[str] = []
    try:
        _the_day(branch, out, steps)
    finally:
        for handler in root_logger.handlers:
            if handler not in handlers:
                handler.close()
                root_logger.removeHandler(handler)
        root_logger.setLevel(level)
    branch.archive.close()
    leaks = {
        "archive": _day_leaks(branch.root),
        "temp": _day_leaks(private_tmp),
        "logs": _day_leaks(logs),
        "settings": _day_leaks(config),
        "backup": [
            n for n, needle in _day_needles() if needle in (out / "day.custbak").read_bytes()
        ],
    }
    folders = (branch.root, private_tmp, logs, config)
    made = sum(1 for f in folders for p in f.rglob("*") if p.is_file()) + 1
    found = sum(len(v) for v in leaks.values())
    figures.record("plaintext: files scanned after a day, clean", made - found, made, "files")
    assert leaks == {k: [] for k in leaks}, leaks
    # the day really happened: the outputs the people asked for do hold the data
    form = PdfReader(out / "form.pdf").pages[0].extract_text()
    assert "数码客户信息查阅申请表" in form and "CY-" in form
    # the workbook the manager asked for does hold the data (and names its permit)
    exported = [
        str(c)
        for r in load_workbook(out / "export.xlsx").active.iter_rows(values_only=True)
        for c in r
    ]
    assert next(iter(DAY_PEOPLE)) in exported and any("FZ-" in c for c in exported)
    steps_done = {"create", "import", "consult", "print", "modify", "export", "backup", "destroy"}
    assert steps_done <= set(steps)
    branch.archive = Archive.open(branch.root)


def _the_day(branch: Branch, out: Path, steps: list[str]) -> None:
    archive = branch.archive
    manager = branch.add_user("manager", [Role.MANAGER])
    branch.add_user("director", [Role.DIRECTOR, Role.UNIT_HEAD])
    staff = branch.add_user("staff", [Role.STAFF])

    def sign(request_id: int, login: str) -> str:
        return signing.decide(archive, request_id, login, PASSWORDS[login], "approve").state

    names = list(DAY_PEOPLE)
    ids: dict[str, int] = {}
    for name in names[:2]:
        id_number, phone = DAY_PEOPLE[name]
        ref = customers.create_customer(
            archive,
            manager,
            category="individual",
            subtype="farmer",
            data=farmer(name, id_number, mobile=phone),
        )
        customers.file_customer(archive, manager, ref.id)
        ids[name] = ref.id
    steps.append("create")

    # the third arrives through an Excel import
    name = names[2]
    id_number, phone = DAY_PEOPLE[name]
    book = out / "import.xlsx"
    columns = {c.label: c for c in customer_import.import_columns("individual")}
    row = {"子类": "农户", "姓名": name, "证件类型": "居民身份证", "证件号码": id_number}
    row |= {"手机号码": phone, "密级": "普通", "保管期限(年)": 30, "载体种类": "纸质"}
    row |= {"乡镇(街道)": "桥头河镇", "村(社区)": "石门村"}
    wb = Workbook()
    ws = wb.active
    headers = [h for h in row if h in columns]
    ws.append(headers)
    ws.append([row[h] for h in headers])
    wb.save(book)
    report = customer_import.import_customers(archive, manager, book, category="individual")
    assert report.status == "imported", report.lines()
    steps.append("import")
    with archive.unit_of_work() as uow:
        ids[name] = uow.session.scalar(sa.select(Customer.id).where(Customer.name == name))

    # consultation: apply, the owner reviews, the unit head signs, opened under the grant
    ref = consultation.apply(
        archive,
        staff,
        [ids[names[0]]],
        purpose="农户小额信用贷款授信评级",
        reason="核对家庭成员与经营情况,评定信用等级。",
        mode="excerpt",
        days=3,
    )
    sign(ref.id, "manager")
    assert sign(ref.id, "director") == "approved"
    assert customers.open_customer(archive, staff, ids[names[0]]).data["name"] == names[0]
    steps.append("consult")
    consultation_print.print_form(archive, staff, ref.id, out / "form.pdf")
    consultation_print.form_pdf(archive, staff, ref.id)  # the preview, in memory
    steps.append("print")

    # a modification signed by the director
    before = customers.open_customer(archive, manager, ids[names[1]]).data
    change = modification.propose(
        archive, manager, ids[names[1]], dict(before, mobile=RENAMED_PHONE), note="客户告知"
    )
    assert sign(change.id, "director") == "applied"
    steps.append("modify")

    # an export (article 17.1): the manager asks, the director approves, the file is made
    permit = copying.apply(
        archive,
        manager,
        [ids[names[0]], ids[names[1]]],
        field_keys=["name", "id_number", "mobile", "village"],
        forms=["excel", "clipboard"],
        purpose="报送县联社授信审查材料",
    )
    assert sign(permit.id, "director") == "approved"
    copying.export_excel(archive, manager, [ids[names[0]], ids[names[1]]], out / "export.xlsx")
    copying.copy_text(archive, manager, ids[names[0]])  # the clipboard text, in memory only
    steps.append("export")

    bk.create_backup(archive, branch.admin, out / "day.custbak")
    steps.append("backup")

    # the modified customer's retention runs out; destroyed after approval
    with archive.unit_of_work() as uow:
        row_ = uow.session.get(Customer, ids[names[1]])
        assert row_ is not None
        row_.updated_at = row_.created_at = LONG_AGO
        uow.commit()
    request = destruction.propose(archive, manager, [DestructionItem(ids[names[1]], {})])
    assert sign(request.id, "director") == "approved"
    destruction.carry_out(
        archive, manager, request.id, executors=["赵师傅"], witnesses=["钱会计", "孙出纳"]
    )
    steps.append("destroy")
    assert integrity.verify(archive, branch.login("keeper")).sound
