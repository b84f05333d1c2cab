"""`custarchive form`: the consultation form as a PDF, as scripts use it.

Real subprocesses on a demo archive (production KDF). The application and its
two signatures are made in this process through the workflows (the command
line has no apply command yet); the commands under test run as children.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
import sqlalchemy as sa

from app.models import AuditEvent, Customer, User
from app.storage.archive import Archive
from app.workflows import auth, consultation, consultation_print, signing

PASSWORD = "Shifan2026demo"


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def as_user(login: str, *args: str, archive: Path) -> subprocess.CompletedProcess[str]:
    command, *rest = args
    return run(
        command,
        "--archive",
        str(archive),
        "--as",
        login,
        "--password-stdin",
        *rest,
        stdin=PASSWORD + "\n",
    )


@dataclass(frozen=True)
class Setup:
    root: Path
    serial: str
    numbers: list[str]
    names: list[str]


def pdf_text(path: Path) -> str:
    """The PDF's text without whitespace (wrapped cells compare equal)."""
    return "".join("".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages)


def form_events(root: Path) -> list[tuple[str, str]]:
    archive = Archive.open(root)
    try:
        auth.authenticate(archive, "director", PASSWORD)
        with archive.unit_of_work() as uow:
            rows = uow.session.execute(
                sa.select(AuditEvent.actor, AuditEvent.action)
                .where(AuditEvent.action.like("consultation.%"))
                .order_by(AuditEvent.seq)
            ).all()
    finally:
        archive.close()
    return [(r.actor, r.action) for r in rows]


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Setup:
    """A demo archive where staff1 applied for three of manager1's customers, not yet signed."""
    root = tmp_path_factory.mktemp("consult") / "archive"
    made = run(
        "demo",
        "--archive",
        str(root),
        "--customers",
        "12",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert made.returncode == 0, made.stderr
    archive = Archive.open(root)
    try:
        staff = auth.authenticate(archive, "staff1", PASSWORD)
        with archive.unit_of_work() as uow:
            rows = uow.session.execute(
                sa.select(Customer.id, Customer.archive_no, Customer.name)
                .join(User, User.id == Customer.manager_id)
                .where(User.login == "manager1", Customer.tier == "ordinary")
                .order_by(Customer.archive_no)
                .limit(3)
            ).all()
        assert len(rows) == 3
        ref = consultation.apply(
            archive,
            staff,
            [r.id for r in rows],
            purpose="农户小额信用贷款授信评级",
            reason="核对经营规模和还款记录",
            mode="阅览",
            days=3,
        )
    finally:
        archive.close()
    return Setup(root, ref.serial, [r.archive_no for r in rows], [str(r.name) for r in rows])


def sign_all(setup: Setup) -> None:
    """manager1 reviews, the director signs: the grant starts."""
    archive = Archive.open(setup.root)
    try:
        staff = auth.authenticate(archive, "staff1", PASSWORD)
        request_id = consultation_print.request_id_for(archive, staff, setup.serial)
        for login in ("manager1", "director"):
            signing.decide(archive, request_id, login, PASSWORD, "approve", "")
    finally:
        archive.close()


def test_usage_errors_ask_for_no_password(setup: Setup, tmp_path: Path) -> None:
    neither = run(
        "form", "--archive", str(setup.root), "--as", "staff1", "--out", str(tmp_path / "a.pdf")
    )
    assert neither.returncode == 2 and "--blank" in neither.stderr
    both = run(
        "form",
        "--archive",
        str(setup.root),
        "--as",
        "staff1",
        setup.serial,
        "--blank",
        "--out",
        str(tmp_path / "b.pdf"),
    )
    assert both.returncode == 2 and "不需要申请编号" in both.stderr
    nowhere = as_user(
        "staff1", "form", setup.serial, "--out", str(tmp_path / "no" / "c.pdf"), archive=setup.root
    )
    assert nowhere.returncode == 2 and "不存在" in nowhere.stderr
    assert not list(tmp_path.iterdir())


def test_the_form_and_the_search_before_and_after_the_signatures(
    setup: Setup, tmp_path: Path
) -> None:
    # without the grant the search shows the catalogue line only
    before = as_user("staff1", "search", setup.numbers[0], archive=setup.root)
    assert before.returncode == 0, before.stderr
    assert setup.names[0] not in before.stdout and "客户经理:王经理" in before.stdout

    pending = tmp_path / "pending"  # .pdf is added
    result = as_user("staff1", "form", setup.serial, "--out", str(pending), archive=setup.root)
    assert result.returncode == 0, result.stderr
    assert f"已生成查阅申请表 {setup.serial}" in result.stdout
    text = pdf_text(tmp_path / "pending.pdf")
    assert setup.serial in text and "状态：审批中" in text
    assert [n for n in setup.numbers if n not in text] == []
    assert [n for n in setup.names if n in text] == []

    sign_all(setup)
    signed = tmp_path / "signed.pdf"
    result = as_user(
        "manager1", "form", setup.serial.lower(), "--out", str(signed), archive=setup.root
    )
    assert result.returncode == 0, result.stderr
    text = pdf_text(signed)
    assert "状态：已批准" in text and "签名：李主任" in text and "校验：有效" in text
    assert [n for n in setup.names if n in text] == []

    # under the grant the search shows the name (the record opens for staff1 now)
    after = as_user("staff1", "search", setup.numbers[0], archive=setup.root)
    assert after.returncode == 0, after.stderr
    assert setup.names[0] in after.stdout

    # someone the application does not concern may not print it
    refused = as_user(
        "manager2", "form", setup.serial, "--out", str(tmp_path / "x.pdf"), archive=setup.root
    )
    assert refused.returncode == 2 and "打印此查阅申请表" in refused.stderr
    unknown = as_user(
        "staff1", "form", "CY-1999-000001", "--out", str(tmp_path / "y.pdf"), archive=setup.root
    )
    assert unknown.returncode == 2 and "找不到编号" in unknown.stderr
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "y.pdf").exists()
    assert form_events(setup.root).count(("staff1", "consultation.form_print")) == 1
    assert ("manager1", "consultation.form_print") in form_events(setup.root)


def test_the_blank_form(setup: Setup, tmp_path: Path) -> None:
    out = tmp_path / "blank.pdf"
    result = as_user("staff1", "form", "--blank", "--out", str(out), archive=setup.root)
    assert result.returncode == 0, result.stderr
    assert "已生成空白查阅申请表" in result.stdout
    text = pdf_text(out)
    assert "数码客户信息查阅申请表" in text and "涟源市示范信用社" in text
    assert "CY-" not in text
    assert ("staff1", "consultation.form_blank") in form_events(setup.root)
    admin = as_user(
        "admin", "form", "--blank", "--out", str(tmp_path / "a.pdf"), archive=setup.root
    )
    assert admin.returncode == 2 and not (tmp_path / "a.pdf").exists()
