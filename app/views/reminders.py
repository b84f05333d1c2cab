"""What waits for this person, as lines to read: the home page and the inbox both show them.

Carriers they hold past their day (a custodian: every overdue carrier,
article 12), transfers they answer for (article 17), and for the department
head new leak reports (article 20). The words keep the home page's
translation context, where they were first written.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.views.context import SessionContext
from app.views.messages import error_text
from app.workflows import checkout, incidents, transfers

CONTEXT = "HomePage"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _overdue(ctx: SessionContext) -> list[str]:
    archive, actor = ctx.archive, ctx.actor
    lines = [
        _tr("⚠ 档案 {no} 的载体({holder}借出)应于 {due} 归还,已逾期。").format(
            no=item.archive_no, holder=item.borrower_name, due=item.due_on.isoformat()
        )
        for item in checkout.overdue_for(archive, actor)
    ]
    lines += [
        _tr("⚠ 由您负责的收发传递“{item}”尚未归还,已逾期。").format(item=moved.item)
        for moved in transfers.overdue_for(archive, actor)
    ]
    return lines


def reminder_lines(ctx: SessionContext) -> list[str]:
    """Overdue items and, for the department head, leak reports not yet opened."""
    try:
        lines = _overdue(ctx)
        lines += [
            _tr("⚠ 新的泄露事件报告 {serial}:{summary}(请到“事件报告”处理)").format(
                serial=incident.serial, summary=incident.summary
            )
            for incident in incidents.unseen_for(ctx.archive, ctx.actor)
        ]
    except Exception as exc:
        return [error_text(exc)]
    return lines
