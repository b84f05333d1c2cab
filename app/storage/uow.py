"""Unit of work: one transaction per user action, with its audit events inside it.

Nothing is written unless ``commit()`` is called; leaving the block any other
way rolls back. SQLite's damage and disk-full errors become messages here, in
one place, so no workflow needs to know about them.
"""

from __future__ import annotations

from types import TracebackType

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.security import audit
from app.storage.database import engine_lock, translate_db_errors


class UnitOfWork:
    def __init__(self, engine: sa.Engine, audit_key: bytes, db_name: str = "main.db") -> None:
        self._engine = engine
        self._audit_key = audit_key
        self._db_name = db_name
        self._committed = False
        self.session: Session

    def __enter__(self) -> UnitOfWork:
        engine_lock(self._engine).acquire()
        self.session = Session(self._engine, expire_on_commit=False, autoflush=True)
        self._committed = False
        return self

    def audit(
        self,
        actor: str,
        action: str,
        *,
        target_type: str = "",
        target_id: str | int = "",
        details: dict[str, object] | None = None,
    ) -> None:
        with translate_db_errors(self._db_name):
            audit.append(
                self.session,
                self._audit_key,
                actor,
                action,
                target_type=target_type,
                target_id=target_id,
                details=details,
            )

    def commit(self) -> None:
        with translate_db_errors(self._db_name):
            self.session.commit()
        self._committed = True

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if not self._committed:
                self.session.rollback()
            self.session.close()
        finally:
            engine_lock(self._engine).release()
        if exc is not None and isinstance(exc, sa.exc.DBAPIError):
            with translate_db_errors(self._db_name):
                raise exc
