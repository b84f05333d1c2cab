"""The consultation form for the print preview: bytes in memory, the print event when it leaves.

form_pdf and blank_form_pdf make the PDF for the screen and write nothing;
record_output and record_blank_output write the print event when the preview
prints or saves it, for whoever may see the request, and nobody else.
"""

from __future__ import annotations

import io
import json

import pypdf
import pytest
import sqlalchemy as sa

from app.errors import InvalidInput, NotPermitted
from app.models import AuditEvent
from app.security.roles import Role
from app.workflows import consultation_print
from app.workflows.auth import Actor
from tests.conftest import Branch
from tests.integration.test_consultation import apply, filed, row_of


@pytest.fixture
def people(branch: Branch) -> dict[str, Actor]:
    return {
        "manager": branch.add_user("manager", [Role.MANAGER]),
        "director": branch.add_user("director", [Role.DIRECTOR, Role.UNIT_HEAD]),
        "staff": branch.add_user("staff", [Role.STAFF]),
    }


def details(branch: Branch, action: str) -> list[dict[str, object]]:
    with branch.archive.unit_of_work() as uow:
        rows = uow.session.scalars(
            sa.select(AuditEvent.details)
            .where(AuditEvent.action == action)
            .order_by(AuditEvent.seq)
        )
        return [json.loads(d) for d in rows]


def test_the_preview_is_the_form_and_only_its_output_is_recorded(
    branch: Branch, people: dict[str, Actor]
) -> None:
    customer_id = filed(branch, people["manager"])
    ref = apply(branch, people["staff"], [customer_id])
    data = consultation_print.form_pdf(branch.archive, people["staff"], ref.id)
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert ref.serial in text and row_of(branch, customer_id).archive_no in text
    assert details(branch, "consultation.form_print") == []  # looked at, not printed

    # the reviewing manager may print it too (they may see the request)
    consultation_print.record_output(branch.archive, people["staff"], ref.id, "save")
    consultation_print.record_output(branch.archive, people["manager"], ref.id, "print")
    assert details(branch, "consultation.form_print") == [
        {"serial": ref.serial, "count": 1, "output": "save"},
        {"serial": ref.serial, "count": 1, "output": "print"},
    ]


def test_output_is_refused_to_others_and_for_unknown_ways(
    branch: Branch, people: dict[str, Actor]
) -> None:
    customer_id = filed(branch, people["manager"])
    ref = apply(branch, people["staff"], [customer_id])
    other = branch.add_user("clerk", [Role.STAFF])
    with pytest.raises(NotPermitted):
        consultation_print.form_pdf(branch.archive, other, ref.id)
    with pytest.raises(NotPermitted):
        consultation_print.record_output(branch.archive, other, ref.id, "print")
    with pytest.raises(InvalidInput, match="输出方式"):
        consultation_print.record_output(branch.archive, people["staff"], ref.id, "fax")
    assert details(branch, "consultation.form_print") == []


def test_the_blank_form_in_memory_and_its_output(branch: Branch, people: dict[str, Actor]) -> None:
    data = consultation_print.blank_form_pdf(branch.archive, people["staff"])
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) >= 1
    assert details(branch, "consultation.form_blank") == []
    consultation_print.record_blank_output(branch.archive, people["staff"], "print")
    assert details(branch, "consultation.form_blank") == [
        {"count": consultation_print.BLANK_ROWS, "output": "print"}
    ]
    with pytest.raises(InvalidInput):
        consultation_print.blank_form_pdf(branch.archive, people["staff"], rows=0)
    with pytest.raises(InvalidInput):
        consultation_print.record_blank_output(branch.archive, people["staff"], "email")
