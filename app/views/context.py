"""The open archive and the person at the keyboard, shared by every window.

Pages hold a reference to this object instead of an actor, so that after a
switch of user or a password change every page sees the new person at once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.storage.archive import Archive
from app.workflows.auth import Actor


class SessionContext(QObject):
    #: emitted with the new Actor after login, switch user or a change to one's account
    actor_changed = Signal(object)
    #: emitted when the screen locks (True) or unlocks (False)
    locked_changed = Signal(bool)

    def __init__(self, archive: Archive, actor: Actor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._archive = archive
        self._actor = actor
        self._locked = False

    @property
    def archive(self) -> Archive:
        return self._archive

    @property
    def actor(self) -> Actor:
        return self._actor

    @property
    def locked(self) -> bool:
        return self._locked

    def set_actor(self, actor: Actor) -> None:
        self._actor = actor
        self.actor_changed.emit(actor)

    def set_locked(self, locked: bool) -> None:
        if locked != self._locked:
            self._locked = locked
            self.locked_changed.emit(locked)
