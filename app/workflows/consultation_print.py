"""Printing the 数码客户信息查阅申请表 (policy 第14条 and its form) for the paper file.

The filled form is what the unit head may sign by hand and what an inspector
finds in the binder years later; it carries the application, each decision
with the fingerprint of the key that signed it and whether that signature
verifies now, and the SHA-256 of the application's content. It names
customers by their catalogue line only (archive number, category, tier and
the masked name), never their content, so anyone who may see the request
may print it: the applicant, the managers and the unit head who decide it,
and holders of CONSULTATION_FORM_PRINT who may see it (requests.may_see).

A print is a disclosure on paper, so each one is an audit event
("consultation.form_print", "consultation.form_blank"). The PDF is made in
memory and written out only after its event is committed: a form never
leaves the program without its trace.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path
from typing import BinaryIO

import sqlalchemy as sa

from app.errors import InvalidInput, NotPermitted
from app.models import Customer, Request, User
from app.models.base import utcnow
from app.printing.consultation_form import (
    MANAGER_STEP,
    UNIT_HEAD_STEP,
    ConsultationForm,
    FormCustomer,
    FormSignature,
    render_blank_form,
    render_form,
)
from app.security.permissions import Action
from app.storage.archive import Archive
from app.storage.atomic import write_atomic
from app.storage.uow import UnitOfWork
from app.workflows import approvals, consultation, requests
from app.workflows.approvals import State
from app.workflows.auth import Actor, authorize, refresh

#: rows of the blank form's customer table
BLANK_ROWS = 8
_STEP_TITLES = {"manager_review": MANAGER_STEP, "unit_head": UNIT_HEAD_STEP}


def local(moment: datetime) -> datetime:
    """A stored moment (naive UTC) as the branch's wall clock reads it (naive local)."""
    return moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def _day(moment: datetime | None) -> date | None:
    return local(moment).date() if moment is not None else None


def _load(uow: UnitOfWork, live: Actor, request_id: int) -> Request:
    request = uow.session.get(Request, request_id)
    if request is None or request.kind != consultation.KIND:
        raise InvalidInput("找不到此查阅申请,请刷新后重试。")
    if not requests.may_see(uow, live, request):
        raise NotPermitted("打印此查阅申请表")
    return request


def request_id_for(archive: Archive, actor: Actor, serial: str) -> int:
    """The id of the consultation numbered ``serial`` (CY-2026-000123), if the person may see it."""
    live = refresh(archive, actor)
    text = (serial or "").strip().upper()
    with archive.unit_of_work() as uow:
        request = uow.session.scalar(sa.select(Request).where(Request.serial == text))
        if request is None or request.kind != consultation.KIND:
            raise InvalidInput(f"找不到编号为“{text}”的查阅申请。请核对编号(例如 CY-2026-000123)。")
        return _load(uow, live, request.id).id


def _signatures(
    uow: UnitOfWork, archive: Archive, request: Request
) -> tuple[tuple[FormSignature, ...], FormSignature | None]:
    """Each manager's review (signed, or awaited while it is their turn) and the unit head's."""
    proc = consultation.PROCEDURE
    lines = approvals.decision_lines(uow.session, archive.archive_id, proc, request)
    reviews: list[FormSignature] = []
    head: FormSignature | None = None
    decided: set[int] = set()
    for decision, line in zip(request.decisions, lines, strict=True):
        signature = FormSignature(
            step=_STEP_TITLES.get(decision.step_key, line.step_label),
            decision=line.decision_label,
            opinion=line.reason,
            signer=line.signer_name,
            signed_at=local(line.signed_at),
            fingerprint=line.fingerprint,
            valid=line.valid,
        )
        if decision.step_key == "unit_head":
            head = signature
        else:
            reviews.append(signature)
            decided.add(decision.signer_id)
    if request.state == State.SUBMITTED and request.step == 0:
        awaited = approvals.step_owners(request) - decided
        names = approvals.pairs(
            uow.session, sa.select(User.id, User.display_name).where(User.id.in_(awaited))
        )
        for user_id in sorted(awaited, key=lambda i: names.get(i, "")):
            reviews.append(
                FormSignature(
                    step=MANAGER_STEP,
                    decision="",
                    opinion="",
                    signer=names.get(user_id, ""),
                    signed_at=None,
                    fingerprint="",
                    valid=None,
                )
            )
    return tuple(reviews), head


def _form(uow: UnitOfWork, archive: Archive, live: Actor, request: Request) -> ConsultationForm:
    app = consultation.application(consultation.payload_of(request))
    masked = approvals.pairs(
        uow.session,
        sa.select(Customer.id, Customer.name_masked).where(
            Customer.id.in_([c.id for c in app.customers])
        ),
    )
    reviews, head = _signatures(uow, archive, request)
    applied = request.submitted_at or request.created_at
    return ConsultationForm(
        branch_name=archive.header.branch_name,
        serial=request.serial,
        applied_on=local(applied).date(),
        applicant_name=app.profile.name,
        department=app.profile.department,
        position=app.profile.position,
        phone=app.profile.phone,
        customers=tuple(
            FormCustomer(
                archive_no=c.archive_no,
                category=c.category_label,
                subtype=c.subtype_label,
                tier=c.tier_label,
                # secret tier has no masked name in the catalogue: nothing to print
                masked_name=masked.get(c.id) or "—",
            )
            for c in app.customers
        ),
        purpose=app.purpose,
        reason=app.reason,
        mode=app.mode_label,
        period_start=_day(request.valid_from),
        period_end=_day(request.valid_until),
        state=approvals.STATE_LABELS.get(request.state, request.state),
        manager_reviews=reviews,
        unit_head=head,
        content_hash=request.content_hash,
        printed_by=live.display_name,
        printed_at=local(utcnow()),
    )


def form_for(archive: Archive, actor: Actor, request_id: int) -> ConsultationForm:
    """The filled form's values (for a preview); printing it is :func:`print_form`."""
    live = authorize(archive, actor, Action.CONSULTATION_FORM_PRINT)
    consultation.expire_due(archive)
    with archive.unit_of_work() as uow:
        return _form(uow, archive, live, _load(uow, live, request_id))


def _write(out: Path | BinaryIO, data: bytes) -> None:
    if isinstance(out, Path):
        write_atomic(out, data)
    else:
        out.write(data)


def print_form(archive: Archive, actor: Actor, request_id: int, out: Path | BinaryIO) -> str:
    """Write the filled form as a PDF to ``out``; returns the serial. Audited before writing."""
    live = authorize(archive, actor, Action.CONSULTATION_FORM_PRINT)
    consultation.expire_due(archive)
    with archive.unit_of_work() as uow:
        request = _load(uow, live, request_id)
        form = _form(uow, archive, live, request)
        buffer = io.BytesIO()
        render_form(form, buffer)
        uow.audit(
            live.login,
            "consultation.form_print",
            target_type="request",
            target_id=request.serial,
            details={"serial": request.serial, "count": len(form.customers)},
        )
        uow.commit()
    _write(out, buffer.getvalue())
    return form.serial


def print_blank_form(
    archive: Archive, actor: Actor, out: Path | BinaryIO, *, rows: int = BLANK_ROWS
) -> None:
    """Write the empty form (for applying on paper) as a PDF to ``out``; audited."""
    live = authorize(archive, actor, Action.CONSULTATION_FORM_PRINT)
    if not 1 <= rows <= consultation.MAX_CUSTOMERS:
        raise InvalidInput(f"空白表的客户行数须为 1 至 {consultation.MAX_CUSTOMERS}。")
    buffer = io.BytesIO()
    render_blank_form(
        buffer,
        branch_name=archive.header.branch_name,
        printed_by=live.display_name,
        printed_at=local(utcnow()),
        rows=rows,
    )
    with archive.unit_of_work() as uow:
        uow.audit(
            live.login,
            "consultation.form_blank",
            target_type="request",
            details={"count": rows},
        )
        uow.commit()
    _write(out, buffer.getvalue())


# --- the preview: the PDF in memory, recorded when it leaves the program ------------------------

#: how a previewed form leaves the program (the audit detail "output")
OUTPUTS = ("print", "save")


def form_pdf(archive: Archive, actor: Actor, request_id: int) -> bytes:
    """The filled form as PDF bytes for the print preview (checked as :func:`print_form` is).

    Shown on screen only: nothing has left the program yet, so the print event
    is written by :func:`record_output` when the preview prints or saves it.
    """
    live = authorize(archive, actor, Action.CONSULTATION_FORM_PRINT)
    consultation.expire_due(archive)
    with archive.unit_of_work() as uow:
        form = _form(uow, archive, live, _load(uow, live, request_id))
    buffer = io.BytesIO()
    render_form(form, buffer)
    return buffer.getvalue()


def _check_output(how: str) -> None:
    if how not in OUTPUTS:
        raise InvalidInput("未知的输出方式。")


def record_output(archive: Archive, actor: Actor, request_id: int, how: str) -> None:
    """The previewed form was printed ("print") or saved as a file ("save"): its print event."""
    live = authorize(archive, actor, Action.CONSULTATION_FORM_PRINT)
    _check_output(how)
    with archive.unit_of_work() as uow:
        request = _load(uow, live, request_id)
        count = len(consultation.payload_of(request).get("customers") or [])
        uow.audit(
            live.login,
            "consultation.form_print",
            target_type="request",
            target_id=request.serial,
            details={"serial": request.serial, "count": count, "output": how},
        )
        uow.commit()


def blank_form_pdf(archive: Archive, actor: Actor, *, rows: int = BLANK_ROWS) -> bytes:
    """The empty form as PDF bytes for the preview; :func:`record_blank_output` when it leaves."""
    live = authorize(archive, actor, Action.CONSULTATION_FORM_PRINT)
    if not 1 <= rows <= consultation.MAX_CUSTOMERS:
        raise InvalidInput(f"空白表的客户行数须为 1 至 {consultation.MAX_CUSTOMERS}。")
    buffer = io.BytesIO()
    render_blank_form(
        buffer,
        branch_name=archive.header.branch_name,
        printed_by=live.display_name,
        printed_at=local(utcnow()),
        rows=rows,
    )
    return buffer.getvalue()


def record_blank_output(
    archive: Archive, actor: Actor, how: str, *, rows: int = BLANK_ROWS
) -> None:
    """The previewed blank form was printed or saved: its print event."""
    live = authorize(archive, actor, Action.CONSULTATION_FORM_PRINT)
    _check_output(how)
    with archive.unit_of_work() as uow:
        uow.audit(
            live.login,
            "consultation.form_blank",
            target_type="request",
            details={"count": rows, "output": how},
        )
        uow.commit()
