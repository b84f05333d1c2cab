"""登记簿: the branch's registers side by side, one tab each.

Each register is its own page module; this page only lists them with the
action that shows each one, so a register appears exactly for the people the
permission matrix lets keep or read it. A new register adds its entry in
``_tabs``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from app.security.permissions import Action
from app.views.context import SessionContext

CONTEXT = "RegistersPage"


@dataclass(frozen=True)
class RegisterTab:
    title: str
    guards: tuple[Action, ...]
    factory: Callable[[SessionContext, QWidget], QWidget]


def _tabs() -> list[RegisterTab]:
    """The registers, imported here so that a register module stays a plain page module."""
    tabs: list[RegisterTab] = []
    from app.views.checkout_register_page import CheckoutRegisterPage
    from app.views.reconciliation_page import ReconciliationPage

    tabs.append(RegisterTab("出入登记", (Action.CHECKOUT_RECORD,), CheckoutRegisterPage))
    tabs.append(RegisterTab("帐实核对", (Action.RECONCILIATION_PERFORM,), ReconciliationPage))
    from app.views.external_register_page import ExternalRegisterPage
    from app.views.transfer_register_page import TransferRegisterPage

    tabs.append(RegisterTab("收发传递登记", (Action.TRANSFER_RECORD,), TransferRegisterPage))
    tabs.append(
        RegisterTab(
            "对外提供登记",
            (
                Action.EXTERNAL_REQUEST,
                Action.EXTERNAL_APPROVE_MANAGER,
                Action.EXTERNAL_APPROVE_DIRECTOR,
            ),
            ExternalRegisterPage,
        )
    )
    from app.views.destruction_register_page import DestructionRegisterPage

    tabs.append(
        RegisterTab(
            "销毁清册",
            (Action.DESTRUCTION_REQUEST, Action.DESTRUCTION_APPROVE, Action.INSPECTION_VIEW),
            DestructionRegisterPage,
        )
    )
    return tabs


def guards() -> tuple[Action, ...]:
    """Every action that shows some register: the main window's entry appears for these."""
    return tuple(dict.fromkeys(action for tab in _tabs() for action in tab.guards))


class RegistersPage(QWidget):
    def __init__(self, ctx: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.tabs = QTabWidget()
        actor = ctx.actor
        for tab in _tabs():
            if any(actor.may(action) for action in tab.guards):
                title = QCoreApplication.translate(CONTEXT, tab.title)
                self.tabs.addTab(tab.factory(ctx, self.tabs), title)
        layout = QVBoxLayout(self)
        if self.tabs.count():
            layout.addWidget(self.tabs)
        else:
            layout.addWidget(QLabel(self.tr("您没有可查看的登记簿。")))


#: the tab titles, for lupdate (the tabs are created from data)
_TITLES = (
    QT_TRANSLATE_NOOP("RegistersPage", "出入登记"),
    QT_TRANSLATE_NOOP("RegistersPage", "帐实核对"),
    QT_TRANSLATE_NOOP("RegistersPage", "收发传递登记"),
    QT_TRANSLATE_NOOP("RegistersPage", "对外提供登记"),
    QT_TRANSLATE_NOOP("RegistersPage", "销毁清册"),
)
