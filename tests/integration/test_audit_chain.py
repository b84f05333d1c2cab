"""The audit chain against someone holding the database key and an SQL prompt.

The attacker first drops the append-only triggers (as anyone with the key
can), then edits, deletes or reorders rows with raw SQL. ``verify`` must name
the event concerned each time.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import re

import pytest
import sqlalchemy as sa

from app.security import audit
from app.security.audit import ChainProblem
from app.storage.archive import Archive
from app.workflows import integrity
from tests.conftest import Branch
from tests.integration.helpers import audit_rows, last_seq

EVENTS = 12


@pytest.fixture
def chain(branch: Branch) -> Branch:
    """The branch with a dozen events after the ones creation and login wrote."""
    with branch.archive.unit_of_work() as uow:
        for i in range(EVENTS):
            uow.audit(
                "admin", "session.lock", target_type="user", target_id="admin", details={"i": i}
            )
        uow.commit()
    return branch


def _sql(archive: Archive, *statements: str, **params: object) -> None:
    with archive.engine.begin() as conn:
        for statement in statements:
            conn.execute(sa.text(statement), params)


def _drop_triggers(archive: Archive) -> None:
    _sql(
        archive,
        "DROP TRIGGER audit_events_no_update",
        "DROP TRIGGER audit_events_no_delete",
    )


def _problems(archive: Archive) -> list[ChainProblem]:
    with archive.unit_of_work() as uow:
        return audit.verify(uow.session, audit.load_key(uow.session))


def _report_problems(branch: Branch) -> list[str]:
    report = integrity.verify(branch.archive, branch.admin)
    assert not report.sound
    return report.problems


def test_untouched_chain_is_sound(chain: Branch) -> None:
    assert _problems(chain.archive) == []
    report = integrity.verify(chain.archive, chain.admin)
    assert report.sound, report.problems
    seq = last_seq(chain.archive)
    assert report.chain_length == seq - 1  # the verify event itself came after the count
    assert re.fullmatch(r"[0-9a-f]{64}", report.chain_head)
    # verifying is itself an event, and the chain stays sound
    assert audit_rows(chain.archive)[-1].action == "archive.verify"
    assert _problems(chain.archive) == []


def test_update_and_delete_are_refused_while_the_triggers_stand(chain: Branch) -> None:
    before = [(r.seq, r.details, r.hash) for r in audit_rows(chain.archive)]
    with pytest.raises(sa.exc.DBAPIError, match="append-only"):
        _sql(chain.archive, "UPDATE audit_events SET details = '{}' WHERE seq = 3")
    with pytest.raises(sa.exc.DBAPIError, match="append-only"):
        _sql(chain.archive, "DELETE FROM audit_events WHERE seq = 3")
    with pytest.raises(sa.exc.DBAPIError, match="append-only"):
        _sql(chain.archive, "DELETE FROM audit_events")
    assert [(r.seq, r.details, r.hash) for r in audit_rows(chain.archive)] == before
    assert _problems(chain.archive) == []


def test_edited_details_name_the_event(chain: Branch) -> None:
    _drop_triggers(chain.archive)
    _sql(chain.archive, "UPDATE audit_events SET details = :d WHERE seq = 8", d='{"i":99}')
    problems = _problems(chain.archive)
    assert [(p.seq, "内容已被改动" in p.message) for p in problems] == [(8, True)]
    text = str(problems[0])
    assert text.startswith("审计日志第 8 条")
    assert "锁定屏幕" in text  # the event is named in the interface's words
    assert any("第 8 条" in p and "改动" in p for p in _report_problems(chain))


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("actor", "keeper"),
        ("action", "login.success"),
        ("target_id", "keeper"),
        ("occurred_at", "2020-01-01 00:00:00.000000"),
    ],
)
def test_every_column_is_covered(chain: Branch, column: str, value: str) -> None:
    _drop_triggers(chain.archive)
    _sql(chain.archive, f"UPDATE audit_events SET {column} = :v WHERE seq = 6", v=value)
    assert [p.seq for p in _problems(chain.archive)] == [6]


def test_recomputed_hash_without_the_key_is_caught_at_the_next_link(chain: Branch) -> None:
    """Editing a row and putting a plain SHA-256 in its hash breaks the next row's link."""
    _drop_triggers(chain.archive)
    _sql(
        chain.archive,
        "UPDATE audit_events SET details = :d, hash = :h WHERE seq = 7",
        d='{"i":99}',
        h="ab" * 32,
    )
    seqs = {p.seq for p in _problems(chain.archive)}
    assert {7, 8} <= seqs


def test_deleted_middle_row_names_the_gap(chain: Branch) -> None:
    _drop_triggers(chain.archive)
    _sql(chain.archive, "DELETE FROM audit_events WHERE seq = 9")
    problems = _problems(chain.archive)
    assert ChainProblem(9, "缺失(第 9 条已被删除)") in problems
    assert any(p.seq == 10 and "链接不符" in p.message for p in problems)
    assert any("第 9 条" in p and "删除" in p for p in _report_problems(chain))


def test_deleted_range_names_the_whole_gap(chain: Branch) -> None:
    _drop_triggers(chain.archive)
    _sql(chain.archive, "DELETE FROM audit_events WHERE seq BETWEEN 5 AND 8")
    problems = _problems(chain.archive)
    assert problems[0].seq == 5
    assert "5–8" in problems[0].message
    assert any(p.seq == 9 for p in problems)


def test_swapped_rows_are_detected(chain: Branch) -> None:
    """Two rows exchange their contents (everything but the position): a reordering."""
    _drop_triggers(chain.archive)
    cols = "occurred_at, actor, action, target_type, target_id, details, prev_hash, hash"
    _sql(
        chain.archive,
        f"CREATE TEMP TABLE swap AS SELECT seq, {cols} FROM audit_events WHERE seq IN (4, 10)",
        "UPDATE audit_events SET "
        + ", ".join(
            f"{c} = (SELECT {c} FROM swap WHERE swap.seq = 14 - audit_events.seq)"
            for c in cols.split(", ")
        )
        + " WHERE seq IN (4, 10)",
        "DROP TABLE swap",
    )
    rows = {r.seq: r for r in audit_rows(chain.archive) if r.seq in (4, 10)}
    assert rows[4].details != rows[10].details or rows[4].action != rows[10].action
    seqs = {p.seq for p in _problems(chain.archive)}
    assert {4, 10} <= seqs, seqs


def test_swapped_positions_of_neighbours_are_detected(chain: Branch) -> None:
    _drop_triggers(chain.archive)
    _sql(
        chain.archive,
        "UPDATE audit_events SET seq = -1 WHERE seq = 6",
        "UPDATE audit_events SET seq = 6 WHERE seq = 7",
        "UPDATE audit_events SET seq = 7 WHERE seq = -1",
    )
    seqs = {p.seq for p in _problems(chain.archive)}
    assert {6, 7} <= seqs, seqs


def test_deleted_last_row_is_caught_by_the_chain_head(chain: Branch) -> None:
    seq = last_seq(chain.archive)
    _drop_triggers(chain.archive)
    _sql(chain.archive, "DELETE FROM audit_events WHERE seq = :s", s=seq)
    problems = _problems(chain.archive)
    assert len(problems) == 1, problems
    assert problems[0].seq == seq
    assert f"链尾应为第 {seq} 条,实际为第 {seq - 1} 条" in problems[0].message
    assert any("链尾" in p for p in _report_problems(chain))


def test_emptied_chain_is_caught_by_the_chain_head(chain: Branch) -> None:
    seq = last_seq(chain.archive)
    _drop_triggers(chain.archive)
    _sql(chain.archive, "DELETE FROM audit_events")
    problems = _problems(chain.archive)
    assert [p.seq for p in problems] == [seq]


def test_inserted_forged_row_is_detected(chain: Branch) -> None:
    """A row appended by hand after the head, with a made-up hash."""
    seq = last_seq(chain.archive)
    _sql(
        chain.archive,
        "INSERT INTO audit_events (seq, occurred_at, actor, action, target_type, target_id,"
        " details, prev_hash, hash) VALUES (:s, '2026-01-01 00:00:00.000000', 'keeper',"
        " 'login.success', 'user', 'keeper', '{}', :p, :h)",
        s=seq + 1,
        p="0" * 64,
        h="1" * 64,
    )
    seqs = {p.seq for p in _problems(chain.archive)}
    assert seq + 1 in seqs


def test_chain_survives_a_restart_and_keeps_growing(chain: Branch) -> None:
    chain.reopen()
    chain.admin = chain.login("admin")
    with chain.archive.unit_of_work() as uow:
        uow.audit("admin", "session.unlock")
        uow.commit()
    assert _problems(chain.archive) == []
    rows = audit_rows(chain.archive)
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    for previous, row in itertools.pairwise(rows):
        assert row.prev_hash == previous.hash


# --- verify reads stored rows, not ORM objects: the same bytes, the same verdicts ------------


def test_verify_hashes_the_bytes_chain_hash_hashed(chain: Branch) -> None:
    """The streaming walk's digest of each stored row is chain_hash of the same event."""
    key = _key(chain.archive)
    keyed = hmac.new(key, digestmod=hashlib.sha256)
    with chain.archive.engine.connect() as conn:
        stored = conn.exec_driver_sql(audit._CHAIN_SQL).all()
    events = audit_rows(chain.archive)
    assert len(stored) == len(events) > EVENTS
    for row, event in zip(stored, events, strict=True):
        assert audit._row_digest(keyed, tuple(row)) == audit.chain_hash(key, event.prev_hash, event)
        assert row[8] == event.hash


def _key(archive: Archive) -> bytes:
    with archive.unit_of_work() as uow:
        return audit.load_key(uow.session)


def test_a_date_stored_in_another_text_form_of_the_same_moment_still_verifies(
    chain: Branch,
) -> None:
    """What the ORM reads as the same datetime hashes the same (no false alarm)."""
    _drop_triggers(chain.archive)
    _sql(
        chain.archive,
        "UPDATE audit_events SET occurred_at = replace(occurred_at, ' ', 'T') WHERE seq = 5",
    )
    assert _problems(chain.archive) == []
    _sql(
        chain.archive,
        "UPDATE audit_events SET occurred_at = :v WHERE seq = 6",
        v="2020-01-01T00:00:00",
    )
    assert [p.seq for p in _problems(chain.archive)] == [6]


@pytest.mark.parametrize("value", ["not a date", "", "2020-01-01 00:00:00.000000 "])
def test_a_stored_date_that_is_not_the_one_hashed_is_named_not_raised(
    chain: Branch, value: str
) -> None:
    _drop_triggers(chain.archive)
    _sql(chain.archive, "UPDATE audit_events SET occurred_at = :v WHERE seq = 6", v=value)
    problems = _problems(chain.archive)
    assert [p.seq for p in problems] == [6]
    assert "改动" in problems[0].message
