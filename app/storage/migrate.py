"""Schema migrations (Alembic), applied when an archive is opened.

Before anything changes the database files are copied, still encrypted, into
``pre-migration/``; the upgrade itself runs in one transaction, so a failure
rolls back and the archive stays exactly as it was.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.errors import ArchiveTooNew, MigrationFailed
from app.storage.database import checkpoint, engine_lock, translate_db_errors

#: Alembic reads these as files. In a PyInstaller bundle ``__file__`` is
#: ``sys._MEIPASS/app/storage/migrate.pyc``, and installer/custarchive.spec copies the
#: scripts to ``sys._MEIPASS/app/storage/migrations``: the same path works frozen.
MIGRATIONS = Path(__file__).parent / "migrations"
PRE_MIGRATION_DIR = "pre-migration"


def _config(which: str, script_location: Path | None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(script_location or MIGRATIONS / which))
    return cfg


def head_revision(which: str, script_location: Path | None = None) -> str:
    head = ScriptDirectory.from_config(_config(which, script_location)).get_current_head()
    assert head is not None
    return head


def current_revision(engine: sa.Engine) -> str | None:
    with engine_lock(engine), engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(
    engine: sa.Engine,
    which: str,
    db_file: Path,
    *,
    target: str = "head",
    script_location: Path | None = None,
) -> bool:
    """Bring the database to ``target``; returns whether anything was applied."""
    cfg = _config(which, script_location)
    script = ScriptDirectory.from_config(cfg)
    with translate_db_errors(db_file.name):
        current = current_revision(engine)
    wanted = script.get_current_head() if target == "head" else target
    if current == wanted:
        return False
    if current is not None:
        try:
            script.get_revision(current)
        except Exception:
            raise ArchiveTooNew(f"{which}:{current}", f"{which}:{wanted}") from None
    if current is not None:
        _copy_before_migration(engine, db_file, current)
    with engine_lock(engine):
        try:
            with engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, target)
        except Exception as exc:
            raise MigrationFailed(type(exc).__name__) from exc
    return True


def _copy_before_migration(engine: sa.Engine, db_file: Path, revision: str) -> Path:
    checkpoint(engine)
    folder = db_file.parent / PRE_MIGRATION_DIR
    folder.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    dest = folder / f"{db_file.stem}-{revision}-{stamp}{db_file.suffix}"
    shutil.copy2(db_file, dest)
    return dest
