"""Reliability suite: prints its figures (kills survived, flips detected, cases tried) at the end.

The figures are also kept in pytest's cache (``.pytest_cache/v/reliability/figures``)
for whoever writes them up.
"""

from __future__ import annotations

import pytest

from tests.reliability import figures


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not figures.FIGURES:
        return
    form = "long form, RUN_SLOW=1" if figures.LONG else "short form; RUN_SLOW=1 for the long one"
    terminalreporter.write_sep("=", f"reliability figures ({form})")
    for line in figures.lines():
        terminalreporter.write_line(line)
    cache = getattr(terminalreporter.config, "cache", None)  # None with -p no:cacheprovider
    if cache is not None:
        cache.set(
            "reliability/figures",
            {"long": figures.LONG, "figures": [vars(f) for f in figures.FIGURES.values()]},
        )
