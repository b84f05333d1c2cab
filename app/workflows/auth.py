"""Who is at the keyboard: login, in-person authentication, lock, switch user.

Every success and failure is an audit event. A failure before any key is open
is queued in the lockout ledger and moved into the chain by the next
successful login, with its original time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from app.errors import (
    AccountDisabled,
    LoginLocked,
    PasswordChangeRequired,
    UnknownUser,
    WrongPassword,
)
from app.models import AuditEvent, User
from app.models.base import utcnow
from app.security.keyslots import SlotPasswordMismatch, UnlockedSlot
from app.security.lockout import LockoutLedger
from app.security.permissions import Action, allowed, require
from app.security.roles import Role, parse_roles
from app.storage.archive import Archive
from app.storage.uow import UnitOfWork


@dataclass(frozen=True)
class Actor:
    """A person authenticated at this moment, with their keys open."""

    user_id: int
    login: str
    display_name: str
    roles: frozenset[Role]
    must_change_password: bool
    keys: UnlockedSlot = field(repr=False, compare=False)

    def may(self, action: Action) -> bool:
        return allowed(self.roles, action)

    def require(self, action: Action) -> None:
        if self.must_change_password and action is not Action.PASSWORD_CHANGE_OWN:
            raise PasswordChangeRequired(self.login)
        require(self.roles, action)

    @property
    def role_labels(self) -> str:
        return "、".join(r.label for r in sorted(self.roles, key=list(Role).index))


def ledger(archive: Archive) -> LockoutLedger:
    return LockoutLedger(archive.paths.root)


def _user_row(uow: UnitOfWork, login: str) -> User | None:
    return uow.session.scalar(sa.select(User).where(User.login == login))


def _actor_from(user: User, keys: UnlockedSlot) -> Actor:
    return Actor(
        user_id=user.id,
        login=user.login,
        display_name=user.display_name,
        roles=parse_roles(user.role_names),
        must_change_password=user.must_change_password,
        keys=keys,
    )


def _drain_pending(archive: Archive, uow: UnitOfWork) -> int:
    pending = ledger(archive).pending()
    for failure in pending:
        action = "login.locked" if failure.reason == "locked" else "login.failure"
        uow.audit(
            failure.login,
            action,
            target_type="user",
            target_id=failure.login,
            details={"reason": failure.reason, "at": failure.at.isoformat(timespec="seconds")},
        )
    return len(pending)


def authenticate(archive: Archive, login: str, password: str, *, purpose: str = "login") -> Actor:
    """Check a password and return the person; ``purpose`` is 'login', 'unlock' or 'in_person'.

    Raises UnknownUser, LoginLocked, WrongPassword, AccountDisabled (and archive errors).
    """
    book = ledger(archive)
    locked = book.locked_until(login)
    if locked is not None:
        raise LoginLocked(locked)
    if archive.header.slot(login) is None:
        _fail(archive, book, "", "unknown_user", counts=False)
        raise UnknownUser(login)
    try:
        keys = archive.open_slot(login, password)
    except SlotPasswordMismatch:
        remaining = _fail(archive, book, login, "wrong_password", counts=True)
        raise WrongPassword(remaining) from None

    with archive.unit_of_work() as uow:
        user = _user_row(uow, login)
        if user is None or user.status == "revoked":
            raise UnknownUser(login)
        if user.status != "active":
            uow.audit(
                login,
                "login.failure",
                target_type="user",
                target_id=login,
                details={"reason": "disabled", "purpose": purpose},
            )
            uow.commit()
            raise AccountDisabled(login)
        drained = _drain_pending(archive, uow)
        for db_file, before, after in archive.take_schema_changes():
            uow.audit(
                login,
                "archive.migrate",
                target_type="archive",
                target_id=db_file,
                details={"from": before, "to": after},
            )
        action = {"login": "login.success", "unlock": "session.unlock"}.get(
            purpose, "auth.in_person"
        )
        uow.audit(login, action, target_type="user", target_id=login, details={"purpose": purpose})
        if purpose == "login":
            user.last_login_at = utcnow()
        actor = _actor_from(user, keys)
        uow.commit()
    book.record_success(login)
    if drained:
        book.clear_pending(drained)
    return actor


def _fail(archive: Archive, book: LockoutLedger, login: str, reason: str, *, counts: bool) -> int:
    """Record a failure now when the chain is open, else queue it for the next login."""
    if archive.is_unlocked:
        remaining = book.record_failure(login, reason, queue=False) if counts else 0
        with archive.unit_of_work() as uow:
            uow.audit(
                login,
                "login.failure",
                target_type="user",
                target_id=login,
                details={"reason": reason},
            )
            if counts and remaining == 0:
                uow.audit(login, "login.locked", target_type="user", target_id=login)
            uow.commit()
        return remaining
    if counts:
        return book.record_failure(login, reason, queue=True)
    book.queue_event(login, reason)
    return 0


def record_wrong_password(archive: Archive, login: str) -> int:
    """A wrong password typed anywhere (re-authentication, password change) counts too."""
    return _fail(archive, ledger(archive), login, "wrong_password", counts=True)


def record_session_event(archive: Archive, actor: Actor, action: str) -> None:
    """Lock, switch and logout: events with no other change."""
    with archive.unit_of_work() as uow:
        uow.audit(actor.login, action, target_type="user", target_id=actor.login)
        uow.commit()


def authorize(archive: Archive, actor: Actor, action: Action) -> Actor:
    """Check ``action`` against the account as it is now, not as it was at login.

    A person disabled, revoked or stripped of a role while still logged in (the
    admin acts at the same desk, or from the command line) loses the right at
    their next action, not at their next login.
    """
    live = refresh(archive, actor)
    live.require(action)
    return live


def refresh(archive: Archive, actor: Actor) -> Actor:
    """The same person with their account as it is now (roles, flags)."""
    with archive.unit_of_work() as uow:
        user = _user_row(uow, actor.login)
        if user is None or user.status == "revoked":
            raise UnknownUser(actor.login)
        if user.status != "active":
            raise AccountDisabled(actor.login)
        return _actor_from(user, actor.keys)


def previous_login_at(archive: Archive, actor: Actor) -> datetime | None:
    """When this person last logged in before the current session (naive UTC), or None.

    The home page shows it so that a login the person did not make stands out.
    Read from the audit chain, because ``users.last_login_at`` already holds
    the current login by the time anyone can ask.
    """
    with archive.unit_of_work() as uow:
        times = uow.session.scalars(
            sa.select(AuditEvent.occurred_at)
            .where(AuditEvent.actor == actor.login, AuditEvent.action == "login.success")
            .order_by(AuditEvent.seq.desc())
            .limit(2)
        ).all()
    return times[1] if len(times) > 1 else None
