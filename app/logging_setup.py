"""The program's own log: what happened to the program, never what a customer said.

Records carry event codes, exception types and places; messages that quote
input are not logged anywhere. The folder comes from platformdirs (or
CUSTARCHIVE_LOG_DIR), rotated so it never grows without bound.
"""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs

from app import APP_NAME


def log_dir() -> Path:
    override = os.environ.get("CUSTARCHIVE_LOG_DIR")
    return (
        Path(override) if override else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    )


def configure(level: int = logging.INFO) -> Path | None:
    """Send the root logger to a rotating file; returns its path (None if unwritable)."""
    folder = log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            folder / f"{APP_NAME}.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(handler)
    return folder / f"{APP_NAME}.log"
