"""Wrong-password lockout, kept across restarts.

A failed login cannot write to the encrypted database (no key was opened), so
failures are kept in ``lockout.json`` beside it: per login, the count of
consecutive failures and the lock's end; and a queue of failure events that
the next successful login moves into the audit chain with their original
times. The file holds logins and times only. Someone who can edit files on
the workstation can reset it; that person could also copy the archive and
guess offline, which is why the real protection is Argon2id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.storage.atomic import write_atomic

MAX_FAILURES = 5
LOCK_DURATION = timedelta(minutes=15)
LOCKOUT_FILE = "lockout.json"


@dataclass(frozen=True)
class PendingFailure:
    login: str
    at: datetime
    reason: str


class LockoutLedger:
    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCKOUT_FILE

    def _load(self) -> dict[str, dict]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
            if isinstance(data, dict):
                data.setdefault("logins", {})
                data.setdefault("pending", [])
                return data
        except (OSError, ValueError):
            pass
        return {"logins": {}, "pending": []}

    def _save(self, data: dict) -> None:
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))

    def locked_until(self, login: str, now: datetime | None = None) -> datetime | None:
        now = now or datetime.now(UTC)
        entry = self._load()["logins"].get(login)
        if not entry or not entry.get("locked_until"):
            return None
        until = datetime.fromisoformat(entry["locked_until"])
        return until if until > now else None

    def record_failure(
        self, login: str, reason: str, *, queue: bool, now: datetime | None = None
    ) -> int:
        """Count a failure; returns how many tries remain before the lock (0 = locked now)."""
        now = now or datetime.now(UTC)
        data = self._load()
        entry = data["logins"].setdefault(login, {"failures": 0, "locked_until": None})
        if entry.get("locked_until") and datetime.fromisoformat(entry["locked_until"]) <= now:
            entry["failures"], entry["locked_until"] = 0, None
        entry["failures"] = int(entry.get("failures", 0)) + 1
        remaining = max(MAX_FAILURES - entry["failures"], 0)
        if remaining == 0:
            entry["locked_until"] = (now + LOCK_DURATION).isoformat()
        if queue:
            data["pending"].append({"login": login, "at": now.isoformat(), "reason": reason})
            if remaining == 0:
                data["pending"].append({"login": login, "at": now.isoformat(), "reason": "locked"})
        self._save(data)
        return remaining

    def record_success(self, login: str) -> None:
        data = self._load()
        if login in data["logins"]:
            del data["logins"][login]
            self._save(data)

    def pending(self) -> list[PendingFailure]:
        return [
            PendingFailure(p["login"], datetime.fromisoformat(p["at"]), p["reason"])
            for p in self._load()["pending"]
        ]

    def clear_pending(self, count: int) -> None:
        data = self._load()
        data["pending"] = data["pending"][count:]
        self._save(data)

    def queue_event(self, login: str, reason: str, now: datetime | None = None) -> None:
        """Queue an audit event without counting towards any lock (e.g. unknown login)."""
        now = now or datetime.now(UTC)
        data = self._load()
        data["pending"].append({"login": login, "at": now.isoformat(), "reason": reason})
        self._save(data)
