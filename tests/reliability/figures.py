"""The reliability suite's figures: what was tried and what held, printed at the end of the run.

Tests call :func:`record`; tests/reliability/conftest.py prints the table in
pytest's terminal summary (so `make test` and `make reliability-long` show it)
and keeps it in pytest's cache when the cache is on.
``scale(short, long)`` picks a test's size: the short form runs in CI, the long
form with RUN_SLOW=1.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

LONG = os.environ.get("RUN_SLOW") == "1"


def scale(short: int, long: int) -> int:
    """How many rounds/cases: ``long`` with RUN_SLOW=1, ``short`` otherwise."""
    return long if LONG else short


@dataclass
class Figure:
    what: str
    held: int
    tried: int
    unit: str


#: in the order recorded; one line per (what), later records of the same line add up
FIGURES: dict[str, Figure] = {}


def record(what: str, held: int, tried: int, unit: str) -> None:
    """``held`` of ``tried`` ``unit`` (kills survived, flips detected, cases without a crash)."""
    figure = FIGURES.get(what)
    if figure is None:
        FIGURES[what] = Figure(what, held, tried, unit)
    else:
        figure.held += held
        figure.tried += tried


def lines() -> list[str]:
    width = max((len(f.what) for f in FIGURES.values()), default=0)
    return [f"{f.what:<{width}}  {f.held:>6} / {f.tried:<6} {f.unit}" for f in FIGURES.values()]
