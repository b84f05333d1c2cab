"""The wrong-password ledger, on a real lockout.json, with the clock passed in."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.security.lockout import LOCK_DURATION, LOCKOUT_FILE, MAX_FAILURES, LockoutLedger

T0 = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)


@pytest.fixture
def book(tmp_path: Path) -> LockoutLedger:
    return LockoutLedger(tmp_path)


def _fail(book: LockoutLedger, n: int, *, at: datetime = T0, queue: bool = True) -> list[int]:
    return [
        book.record_failure("lisi", "wrong_password", queue=queue, now=at + timedelta(seconds=i))
        for i in range(n)
    ]


def test_policy_constants() -> None:
    assert MAX_FAILURES == 5
    assert timedelta(minutes=15) == LOCK_DURATION


def test_four_failures_count_down_without_locking(book: LockoutLedger) -> None:
    assert _fail(book, 4) == [4, 3, 2, 1]
    assert book.locked_until("lisi", now=T0 + timedelta(seconds=5)) is None


def test_fifth_failure_locks_for_fifteen_minutes(book: LockoutLedger) -> None:
    remaining = _fail(book, 5)
    assert remaining == [4, 3, 2, 1, 0]
    fifth = T0 + timedelta(seconds=4)
    until = book.locked_until("lisi", now=fifth)
    assert until == fifth + timedelta(minutes=15)
    assert book.locked_until("lisi", now=fifth + timedelta(minutes=14, seconds=59)) == until


def test_lock_expires(book: LockoutLedger) -> None:
    _fail(book, 5)
    fifth = T0 + timedelta(seconds=4)
    assert book.locked_until("lisi", now=fifth + timedelta(minutes=15)) is None
    assert book.locked_until("lisi", now=fifth + timedelta(hours=3)) is None


def test_after_expiry_the_count_starts_again(book: LockoutLedger) -> None:
    _fail(book, 5)
    later = T0 + timedelta(minutes=20)
    assert book.record_failure("lisi", "wrong_password", queue=False, now=later) == 4
    assert book.locked_until("lisi", now=later) is None


def test_success_resets_the_count(book: LockoutLedger) -> None:
    assert _fail(book, 3) == [4, 3, 2]
    book.record_success("lisi")
    assert _fail(book, 1, at=T0 + timedelta(minutes=1)) == [4]


def test_success_for_an_unknown_login_writes_nothing(book: LockoutLedger) -> None:
    book.record_success("nobody")
    assert not book.path.exists()


def test_logins_are_counted_separately(book: LockoutLedger) -> None:
    _fail(book, 5)
    assert book.record_failure("wangwu", "wrong_password", queue=False, now=T0) == 4
    assert book.locked_until("wangwu", now=T0) is None
    assert book.locked_until("lisi", now=T0 + timedelta(minutes=1)) is not None


def test_state_survives_a_new_ledger_object(tmp_path: Path) -> None:
    _fail(LockoutLedger(tmp_path), 5)
    again = LockoutLedger(tmp_path)
    assert again.locked_until("lisi", now=T0 + timedelta(minutes=1)) is not None
    assert len(again.pending()) == 6


def test_pending_queue_keeps_each_failure_and_the_lock(book: LockoutLedger) -> None:
    _fail(book, 5)
    pending = book.pending()
    assert [p.reason for p in pending] == ["wrong_password"] * 5 + ["locked"]
    assert {p.login for p in pending} == {"lisi"}
    assert [p.at for p in pending[:5]] == [T0 + timedelta(seconds=i) for i in range(5)]
    assert pending[5].at == T0 + timedelta(seconds=4)


def test_unqueued_failures_still_count_but_are_not_queued(book: LockoutLedger) -> None:
    assert _fail(book, 5, queue=False)[-1] == 0
    assert book.pending() == []
    assert book.locked_until("lisi", now=T0 + timedelta(seconds=5)) is not None


def test_queue_event_does_not_count(book: LockoutLedger) -> None:
    for _ in range(10):
        book.queue_event("", "unknown_user", now=T0)
    assert book.locked_until("", now=T0) is None
    assert len(book.pending()) == 10
    assert book.record_failure("lisi", "wrong_password", queue=False, now=T0) == 4


def test_clear_pending_removes_only_what_was_drained(book: LockoutLedger) -> None:
    _fail(book, 2)
    drained = len(book.pending())
    book.queue_event("", "unknown_user", now=T0 + timedelta(minutes=1))  # arrives meanwhile
    book.clear_pending(drained)
    rest = book.pending()
    assert [(p.login, p.reason) for p in rest] == [("", "unknown_user")]


def test_file_holds_logins_and_times_only(book: LockoutLedger) -> None:
    _fail(book, 5)
    data = json.loads(book.path.read_text("utf-8"))
    assert set(data) == {"logins", "pending"}
    assert set(data["logins"]) == {"lisi"}
    assert set(data["logins"]["lisi"]) == {"failures", "locked_until"}
    for entry in data["pending"]:
        assert set(entry) == {"login", "at", "reason"}
    assert book.path.name == LOCKOUT_FILE
    assert not book.path.with_name(LOCKOUT_FILE + ".tmp").exists()


@pytest.mark.parametrize("content", [b"", b"{not json", b"[1, 2]", b"\xff\xfe", b"null"])
def test_unreadable_file_is_treated_as_empty(book: LockoutLedger, content: bytes) -> None:
    book.path.write_bytes(content)
    assert book.locked_until("lisi", now=T0) is None
    assert book.pending() == []
    assert book.record_failure("lisi", "wrong_password", queue=True, now=T0) == 4
    assert len(book.pending()) == 1
