"""`custarchive export`: the command line lets content out only under a permit (article 17.1).

Real subprocesses on a demo archive: refused (nothing written, the refusal
recorded) before the copy request is approved; after it, the Excel file and
the PDF carry the request's serial in their watermark.
"""

from __future__ import annotations

from pathlib import Path

import pypdf
import sqlalchemy as sa
from openpyxl import load_workbook

from app.models import AuditEvent, Customer, User
from app.storage.archive import Archive
from app.workflows import auth, copying, signing
from tests.integration.test_cli_consultation import PASSWORD, as_user, run


def _events(root: Path) -> list[str]:
    archive = Archive.open(root)
    try:
        auth.authenticate(archive, "director", PASSWORD)
        with archive.unit_of_work() as uow:
            return list(
                uow.session.scalars(
                    sa.select(AuditEvent.action)
                    .where(AuditEvent.action.like("copy.%"))
                    .order_by(AuditEvent.seq)
                )
            )
    finally:
        archive.close()


def test_export_is_refused_without_a_permit_and_watermarked_with_one(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    made = run(
        "demo",
        "--archive",
        str(root),
        "--customers",
        "6",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert made.returncode == 0, made.stderr
    archive = Archive.open(root)
    try:
        auth.authenticate(archive, "director", PASSWORD)
        with archive.unit_of_work() as uow:
            rows = uow.session.execute(
                sa.select(Customer.id, Customer.archive_no, Customer.name)
                .join(User, User.id == Customer.manager_id)
                .where(
                    User.login == "manager1",
                    Customer.tier == "ordinary",
                    Customer.status == "filed",
                )
                .order_by(Customer.archive_no)
                .limit(2)
            ).all()
    finally:
        archive.close()
    assert len(rows) == 2
    out = tmp_path / "复制件.xlsx"

    refused = as_user(
        "staff1", "export", "--customer", rows[0].archive_no, "--out", str(out), archive=root
    )
    assert refused.returncode != 0 and "复制摘录申请" in refused.stderr
    assert not out.exists()
    assert _events(root) == ["copy.refused"]

    archive = Archive.open(root)
    try:
        staff = auth.authenticate(archive, "staff1", PASSWORD)
        ref = copying.apply(
            archive,
            staff,
            [r.id for r in rows],
            field_keys=["name"],
            forms=["excel", "pdf"],
            purpose="报送县联社授信审查材料",
        )
        signing.decide(archive, ref.id, "manager1", PASSWORD, "approve", "")
    finally:
        archive.close()

    done = as_user("staff1", "export", "--request", ref.serial, "--out", str(out), archive=root)
    assert done.returncode == 0, done.stderr
    assert ref.serial in done.stdout
    cells = [str(c) for row in load_workbook(out).active.iter_rows(values_only=True) for c in row]
    assert ref.serial in cells[0] and str(rows[0].name) in cells and str(rows[1].name) in cells

    pdf = tmp_path / "复制件.pdf"
    done = as_user(
        "staff1", "export", "--customer", rows[1].archive_no, "--out", str(pdf), archive=root
    )
    assert done.returncode == 0, done.stderr
    text = "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    assert ref.serial in text and str(rows[1].name) in text
    assert _events(root) == ["copy.refused", "copy.produce", "copy.produce"]

    # another person's request is not theirs to use
    other = as_user(
        "manager2",
        "export",
        "--request",
        ref.serial,
        "--out",
        str(tmp_path / "b.xlsx"),
        archive=root,
    )
    assert other.returncode != 0 and "没有您提出的" in other.stderr
    assert not (tmp_path / "b.xlsx").exists()
