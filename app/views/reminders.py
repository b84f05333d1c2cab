"""What waits for this person, as lines to read: the inbox repeats the home page's reminders.

Carriers they hold past their day (a custodian: every overdue carrier,
article 12), transfers they answer for (article 17), and for the department
head new leak reports (article 20). What belongs in them, and their words,
come from one place, :func:`app.workflows.dashboard.reminders`, which also
fills the home page's 逾期未还 and 事件与检查 sections.
"""

from __future__ import annotations

from app.views.context import SessionContext
from app.views.messages import error_text
from app.workflows import dashboard

#: the mark before each line (the same on the home page)
MARK = "⚠ "


def reminder_lines(ctx: SessionContext) -> list[str]:
    """Overdue items and, for the department head, leak reports not yet opened."""
    try:
        found = dashboard.reminders(ctx.archive, ctx.actor)
    except Exception as exc:
        return [error_text(exc)]
    return [MARK + item.text for item in found]
