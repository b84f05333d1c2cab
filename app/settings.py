"""This workstation's preferences for one Windows account (not the archive's data).

Kept as a small JSON file outside the archive, because they are needed before
any archive is open (where the archive is) and because they hold nothing
confidential: a folder path, a number of minutes, and logins with the date
each last acknowledged the confidentiality notice. No Qt here, so the command
line can read and write the same file.

A damaged or hand-edited file never stops the program: unreadable values fall
back to their defaults, and out-of-range numbers are clamped.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import platformdirs

from app import APP_NAME
from app.storage.atomic import write_atomic

#: tests (and portable installs) point this at their own folder
CONFIG_DIR_ENV = "CUSTARCHIVE_CONFIG_DIR"
SETTINGS_FILE = "settings.json"

IDLE_LOCK_MIN = 1
IDLE_LOCK_MAX = 30
IDLE_LOCK_DEFAULT = 5

#: remind the administrator when the last backup is this many days old (issue 7)
BACKUP_REMINDER_MIN = 1
BACKUP_REMINDER_MAX = 90
BACKUP_REMINDER_DEFAULT = 7

#: the interface language: the program's own Chinese unless "en" (English build) is asked for
DEFAULT_LANGUAGE = "zh_CN"


def config_dir() -> Path:
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_archive_dir() -> Path:
    """Where a first archive is proposed: the account's own data folder, not the program's."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "archive"


def clamp_idle_minutes(value: object) -> int:
    """1..30 minutes; anything unreadable becomes the default (a lock must always exist)."""
    if isinstance(value, bool):
        return IDLE_LOCK_DEFAULT
    try:
        minutes = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        return IDLE_LOCK_DEFAULT
    return max(IDLE_LOCK_MIN, min(IDLE_LOCK_MAX, minutes))


def clamp_backup_reminder_days(value: object) -> int:
    """1..90 days; anything unreadable becomes the default (the reminder never switches off)."""
    if isinstance(value, bool):
        return BACKUP_REMINDER_DEFAULT
    try:
        days = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        return BACKUP_REMINDER_DEFAULT
    return max(BACKUP_REMINDER_MIN, min(BACKUP_REMINDER_MAX, days))


def normalise_language(value: object) -> str:
    """A language code as stored or typed: en, en_US or EN-gb give "en"; any Chinese code,
    an empty value or anything unreadable gives the default "zh_CN"."""
    if not isinstance(value, str):
        return DEFAULT_LANGUAGE
    code = value.strip().replace("-", "_").split(".")[0]
    if not code or code.lower().startswith("zh"):
        return DEFAULT_LANGUAGE
    language = code.split("_")[0].lower()
    return language if language.isascii() and language.isalpha() else DEFAULT_LANGUAGE


@dataclass
class Settings:
    last_archive: Path | None = None
    idle_lock_minutes: int = IDLE_LOCK_DEFAULT
    #: login -> ISO date on which that person last acknowledged the confidentiality notice
    notice_acknowledged: dict[str, str] = field(default_factory=dict)
    #: "zh_CN" or "en"; the CUSTARCHIVE_LANG environment variable overrides it (app.__main__)
    language: str = DEFAULT_LANGUAGE
    #: days after the last backup before the administrator is reminded
    backup_reminder_days: int = BACKUP_REMINDER_DEFAULT

    def __post_init__(self) -> None:
        self.idle_lock_minutes = clamp_idle_minutes(self.idle_lock_minutes)
        self.backup_reminder_days = clamp_backup_reminder_days(self.backup_reminder_days)
        self.language = normalise_language(self.language)

    @property
    def idle_lock_ms(self) -> int:
        return self.idle_lock_minutes * 60_000

    def archive_folder(self) -> Path:
        return self.last_archive or default_archive_dir()

    def notice_due(self, login: str, today: date | None = None) -> bool:
        """The notice is shown once per login per calendar day (policy articles 13, 15 and 19)."""
        today = today or date.today()
        return self.notice_acknowledged.get(login) != today.isoformat()

    def acknowledge_notice(self, login: str, today: date | None = None) -> None:
        self.notice_acknowledged[login] = (today or date.today()).isoformat()

    # --- the file ------------------------------------------------------------------------

    def to_json(self) -> dict[str, object]:
        return {
            "last_archive": str(self.last_archive) if self.last_archive else None,
            "idle_lock_minutes": self.idle_lock_minutes,
            "notice_acknowledged": dict(sorted(self.notice_acknowledged.items())),
            "language": self.language,
            "backup_reminder_days": self.backup_reminder_days,
        }

    @classmethod
    def from_json(cls, data: object) -> Settings:
        if not isinstance(data, dict):
            return cls()
        last = data.get("last_archive")
        notices = data.get("notice_acknowledged")
        return cls(
            last_archive=Path(last) if isinstance(last, str) and last else None,
            idle_lock_minutes=clamp_idle_minutes(data.get("idle_lock_minutes", IDLE_LOCK_DEFAULT)),
            notice_acknowledged=(
                {str(k): str(v) for k, v in notices.items() if isinstance(v, str)}
                if isinstance(notices, dict)
                else {}
            ),
            language=normalise_language(data.get("language", DEFAULT_LANGUAGE)),
            backup_reminder_days=clamp_backup_reminder_days(
                data.get("backup_reminder_days", BACKUP_REMINDER_DEFAULT)
            ),
        )


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


def load() -> Settings:
    try:
        data = json.loads(settings_path().read_text("utf-8"))
    except (OSError, ValueError):
        return Settings()
    return Settings.from_json(data)


def save(settings: Settings) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(settings.to_json(), ensure_ascii=False, indent=1)
    write_atomic(path, text.encode("utf-8"))
