"""Schema migrations: models match them, old archives are upgraded on open (with an
encrypted copy kept first), a failing migration changes nothing, a newer schema is refused."""

from __future__ import annotations

import json
import shutil
import textwrap
from contextlib import closing
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from app.errors import ArchiveTooNew, MigrationFailed
from app.models import AuditEvent, Base, VaultBase
from app.security import keyslots
from app.security.roles import Role
from app.storage import migrate
from app.storage.archive import Archive
from app.storage.database import checkpoint, open_engine, raw_connect
from app.workflows import accounts, auth, integrity
from tests.conftest import ADMIN, CUSTODIAN, PASSWORDS, Branch, make_archive
from tests.integration.helpers import audit_rows, digest, keys_of

SQLITE_MAGIC = b"SQLite format 3\x00"
MARKER = "迁移标记李四丰"


def _new_db(path: Path, which: str, target: str = "head") -> tuple[sa.Engine, bytes]:
    key = keyslots.new_archive_key()
    engine = open_engine(path, key, create=True)
    migrate.upgrade(engine, which, path, target=target)
    return engine, key


def _triggers(engine: sa.Engine) -> set[str]:
    with engine.connect() as conn:
        return set(
            conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").scalars()
        )


def _tables(engine: sa.Engine) -> set[str]:
    with engine.connect() as conn:
        return set(
            conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'").scalars()
        )


def _downgrade(engine: sa.Engine, which: str, target: str) -> None:
    cfg = migrate._config(which, None)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, target)


# --- models and migrations agree ---------------------------------------------------------


def _not_fts(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """The search index customer_fts (FTS5) and its shadow tables have no ORM class."""
    return not (type_ == "table" and (name or "").startswith("customer_fts"))


@pytest.mark.parametrize(
    ("which", "metadata"), [("main", Base.metadata), ("vault", VaultBase.metadata)]
)
def test_models_match_the_migrated_schema(
    tmp_path: Path, which: str, metadata: sa.MetaData
) -> None:
    engine, _ = _new_db(tmp_path / f"{which}.db", which)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(
                    conn, opts={"compare_type": True, "include_object": _not_fts}
                ),
                metadata,
            )
        assert diff == [], f"models and migrations of {which} differ: {diff}"
        assert migrate.current_revision(engine) == migrate.head_revision(which)
    finally:
        engine.dispose()


MAIN_HEAD = migrate.head_revision("main")


def test_heads_are_single_and_known() -> None:
    assert MAIN_HEAD.startswith("m")
    assert migrate.head_revision("vault") == "v0001"


APPEND_ONLY = {
    "audit_events_no_update",
    "audit_events_no_delete",
    "approval_decisions_no_update",
    "approval_decisions_no_delete",
    "destruction_register_no_update",
    "destruction_register_no_delete",
    "inspections_closed_no_update",
    "inspections_no_delete",
}
#: m0011 copied the statistics columns from the content with triggers; m0012 dropped them
#: (the program writes the columns with the content)
STATISTICS_TRIGGERS: set[str] = set()


def test_every_migration_goes_down_and_up_again(tmp_path: Path) -> None:
    path = tmp_path / "main.db"
    engine, _ = _new_db(path, "main")
    try:
        assert _triggers(engine) == APPEND_ONLY | STATISTICS_TRIGGERS
        _downgrade(engine, "main", "base")
        assert _tables(engine) == {"alembic_version"}
        assert migrate.upgrade(engine, "main", path) is True
        assert _triggers(engine) == APPEND_ONLY | STATISTICS_TRIGGERS
        assert migrate.upgrade(engine, "main", path) is False  # nothing left to do
    finally:
        engine.dispose()


def test_upgrade_to_an_older_target(tmp_path: Path) -> None:
    path = tmp_path / "main.db"
    engine, _ = _new_db(path, "main", target="m0001")
    try:
        assert migrate.current_revision(engine) == "m0001"
        assert _triggers(engine) == set()
        assert not (tmp_path / migrate.PRE_MIGRATION_DIR).exists()  # a new file: nothing to keep
        assert migrate.upgrade(engine, "main", path) is True
        assert migrate.current_revision(engine) == MAIN_HEAD
        copies = list((tmp_path / migrate.PRE_MIGRATION_DIR).iterdir())
        assert len(copies) == 1 and copies[0].name.startswith("main-m0001-")
    finally:
        engine.dispose()


# --- an archive written by an older version -----------------------------------------------


@pytest.fixture
def old_archive(branch: Branch) -> Branch:
    """The branch's archive with main.db taken back to m0001, as an older program left it."""
    branch.add_user("manager", [Role.MANAGER])
    accounts.update_profile(
        branch.archive,
        branch.admin,
        "manager",
        display_name=MARKER,
        department="信贷部",
        position="客户经理",
        phone="",
    )
    branch.archive.close()
    key = keys_of(branch.root, "admin", ADMIN[2]).main_key
    engine = open_engine(branch.root / "main.db", key)
    try:
        _downgrade(engine, "main", "m0001")
        assert migrate.current_revision(engine) == "m0001"
        checkpoint(engine)
    finally:
        engine.dispose()
    branch.archive = Archive.open(branch.root)
    return branch


def test_old_archive_is_upgraded_on_open_with_its_rows_intact(old_archive: Branch) -> None:
    root = old_archive.root
    key = keys_of(root, "admin", ADMIN[2]).main_key
    with closing(raw_connect(root / "main.db", key)) as conn:
        users_before = conn.execute("SELECT login, display_name FROM users ORDER BY id").fetchall()
        events_before = conn.execute("SELECT seq, hash FROM audit_events ORDER BY seq").fetchall()
    assert len(events_before) > 5

    archive = old_archive.archive
    keeper = auth.authenticate(archive, "keeper", CUSTODIAN[2])
    assert migrate.current_revision(archive.engine) == MAIN_HEAD
    assert _triggers(archive.engine) == APPEND_ONLY | STATISTICS_TRIGGERS
    with archive.engine.connect() as conn:
        assert conn.exec_driver_sql(
            "SELECT login, display_name FROM users ORDER BY id"
        ).fetchall() == [tuple(r) for r in users_before]
    rows = audit_rows(archive)
    assert [(r.seq, r.hash) for r in rows[: len(events_before)]] == [
        tuple(r) for r in events_before
    ]
    report = integrity.verify(archive, keeper)
    assert report.sound, report.problems
    for login in ("admin", "manager"):
        auth.authenticate(archive, login, PASSWORDS[login])


def test_pre_migration_copy_is_kept_encrypted(old_archive: Branch) -> None:
    root = old_archive.root
    auth.authenticate(old_archive.archive, "admin", ADMIN[2])
    folder = root / migrate.PRE_MIGRATION_DIR
    copies = sorted(folder.iterdir())
    assert [c.name.split("-")[:2] for c in copies] == [["main", "m0001"]], copies
    copy = copies[0]
    raw = copy.read_bytes()
    assert not raw.startswith(SQLITE_MAGIC), "the copy is a plain SQLite file"
    for encoding in ("utf-8", "utf-16-le", "gbk"):
        assert MARKER.encode(encoding) not in raw
        assert "manager".encode(encoding) not in raw
    # it is the archive as it was, readable with the archive's key
    key = keys_of(root, "admin", ADMIN[2]).main_key
    with closing(raw_connect(copy, key)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("m0001",)]
        assert (MARKER,) in conn.execute("SELECT display_name FROM users").fetchall()
    # the vault was current: no copy of it
    assert not any(c.name.startswith("vault") for c in copies)
    # opening again changes nothing more
    old_archive.reopen()
    auth.authenticate(old_archive.archive, "admin", ADMIN[2])
    assert sorted(folder.iterdir()) == copies


# --- a migration that fails ----------------------------------------------------------------

_BROKEN = textwrap.dedent(
    '''
    """Half of a change, then a failure.

    Revision ID: m9999
    Revises: {head}
    """
    import sqlalchemy as sa
    from alembic import op

    revision = "m9999"
    down_revision = "{head}"
    branch_labels = None
    depends_on = None


    def upgrade():
        op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
        op.add_column("users", sa.Column("nickname", sa.String(32), nullable=True))
        op.execute("UPDATE users SET display_name = 'changed'")
        op.execute("INSERT INTO no_such_table VALUES (1)")


    def downgrade():
        pass
    '''
)


@pytest.fixture
def broken_scripts(tmp_path: Path) -> Path:
    scripts = tmp_path / "migrations"
    shutil.copytree(
        migrate.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    (scripts / "main" / "versions" / "m9999_broken.py").write_text(
        _BROKEN.replace("{head}", MAIN_HEAD), "utf-8"
    )
    return scripts


def _schema(engine: sa.Engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]


def test_failing_migration_leaves_the_previous_revision(
    branch: Branch, broken_scripts: Path
) -> None:
    branch.archive.close()
    key = keys_of(branch.root, "admin", ADMIN[2]).main_key
    db = branch.root / "main.db"
    engine = open_engine(db, key)
    try:
        schema = _schema(engine)
        with engine.connect() as conn:
            names = conn.exec_driver_sql("SELECT display_name FROM users").fetchall()
        with pytest.raises(MigrationFailed) as info:
            migrate.upgrade(engine, "main", db, script_location=broken_scripts / "main")
        message = str(info.value)
        assert "升级失败" in message and "升级前的状态" in message
        assert migrate.current_revision(engine) == MAIN_HEAD
        assert _schema(engine) == schema
        assert "half_done" not in _tables(engine)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT display_name FROM users").fetchall() == names
    finally:
        engine.dispose()
    branch.archive = Archive.open(branch.root)
    keeper = auth.authenticate(branch.archive, "keeper", CUSTODIAN[2])
    assert integrity.verify(branch.archive, keeper).sound


def test_failing_migration_at_open(
    branch: Branch, broken_scripts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = branch.reopen()
    main_before = digest(branch.root / "main.db")
    monkeypatch.setattr(migrate, "MIGRATIONS", broken_scripts)
    with pytest.raises(MigrationFailed):
        auth.authenticate(archive, "admin", ADMIN[2])
    assert not archive.is_unlocked
    archive.close()
    assert digest(branch.root / "main.db") == main_before
    copies = list((branch.root / migrate.PRE_MIGRATION_DIR).iterdir())
    assert len(copies) == 1 and copies[0].name.startswith(f"main-{MAIN_HEAD}-")

    monkeypatch.undo()  # the older program still opens it
    archive = branch.reopen()
    keeper = auth.authenticate(archive, "keeper", CUSTODIAN[2])
    assert migrate.current_revision(archive.engine) == MAIN_HEAD
    assert integrity.verify(archive, keeper).sound


# --- a newer schema ------------------------------------------------------------------------


def test_unknown_newer_revision_is_too_new(branch: Branch) -> None:
    branch.archive.close()
    key = keys_of(branch.root, "admin", ADMIN[2]).main_key
    with closing(raw_connect(branch.root / "main.db", key)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'm0099'")
    main_before = digest(branch.root / "main.db")
    archive = branch.reopen()
    with pytest.raises(ArchiveTooNew) as info:
        auth.authenticate(archive, "admin", ADMIN[2])
    assert "main:m0099" in str(info.value)
    assert "最新版本" in str(info.value)
    assert not archive.is_unlocked
    archive.close()
    assert not (branch.root / migrate.PRE_MIGRATION_DIR).exists()
    assert digest(branch.root / "main.db") == main_before


def test_unknown_newer_vault_revision_is_too_new(branch: Branch) -> None:
    keeper = branch.login("keeper")
    vault_key = keeper.keys.vault_key
    assert vault_key is not None
    branch.archive.close()
    with closing(raw_connect(branch.root / "vault.db", vault_key)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'v0099'")
    archive = branch.reopen()
    keeper = auth.authenticate(archive, "keeper", CUSTODIAN[2])
    with pytest.raises(ArchiveTooNew, match="vault:v0099"):
        archive.vault_engine(keeper.keys)


def test_an_upgrade_at_open_is_recorded_in_the_audit_chain(archive_root: Path) -> None:
    """Who opened the archive when its schema changed, and from which revision to which."""

    make_archive(archive_root).close()
    archive = Archive.open(archive_root)
    auth.authenticate(archive, ADMIN[0], ADMIN[2])
    with archive.engine.begin() as conn:
        cfg = migrate._config("main", None)
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "m0001")
    archive.close()

    archive = Archive.open(archive_root)
    try:
        auth.authenticate(archive, ADMIN[0], ADMIN[2])
        with archive.unit_of_work() as uow:
            events = [
                (e.actor, e.target_id, json.loads(e.details))
                for e in uow.session.scalars(
                    sa.select(AuditEvent).where(AuditEvent.action == "archive.migrate")
                )
            ]
        assert events == [(ADMIN[0], "main.db", {"from": "m0001", "to": MAIN_HEAD})]
        assert archive.take_schema_changes() == []
    finally:
        archive.close()


def test_stale_rekey_copies_are_removed_at_open(archive_root: Path) -> None:
    """A rekey that died before staging its keys leaves copies nobody can ever use."""

    make_archive(archive_root).close()
    stale = archive_root / "main.db.rekey"
    stale.write_bytes(b"\0" * 4096)
    archive = Archive.open(archive_root)
    try:
        auth.authenticate(archive, ADMIN[0], ADMIN[2])
        assert not stale.exists()
    finally:
        archive.close()
