"""Two programs on one archive, and a window that keeps answering while it works.

- A second program instance (the command line, a separate process) is refused
  while this one holds the archive, with the Chinese message, and nothing it
  tried is written; once this one closes, the same command runs.
  (tests/integration/test_archive_lifecycle.py covers Archive.open itself.)
- The import dialog runs a 10,000-row check and import on its worker thread; a
  QTimer firing every 10 ms on the GUI thread measures the event loop's worst
  gap while the job runs: it must stay under 100 ms (the issue's figure). Only
  the time the job runs is measured; the figure is printed with the others.
  The measurement runs in a fresh program (a child process), as a person
  starts it.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from openpyxl import Workbook
from PySide6.QtCore import QTimer

from app.models import AuditEvent, Customer
from app.security.roles import Role
from app.settings import CONFIG_DIR_ENV
from app.views import garbage_collector, import_dialog
from app.views.context import SessionContext
from app.views.import_dialog import ImportDialog
from app.workflows import customer_import as ci
from tests.conftest import ADMIN, PASSWORDS, Branch
from tests.integration.helpers import REPO, child_env
from tests.integration.test_customers import resident_id
from tests.integration.test_import import person
from tests.reliability import figures

ROWS = 10_000
WORST_GAP_MS = 100


def _cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        cwd=REPO,
        env=child_env(),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_second_instance_is_refused_then_runs_once_the_first_closes(branch: Branch) -> None:
    def events() -> int:
        with branch.archive.unit_of_work() as uow:
            return int(uow.session.scalar(sa.select(sa.func.count(AuditEvent.seq))) or 0)

    before = events()
    args = ("verify", "--archive", str(branch.root), "--as", "admin", "--password-stdin")
    refused = _cli(*args, stdin=ADMIN[2] + "\n")
    assert refused.returncode == 2, refused.stderr
    assert "已在另一个程序窗口中打开" in refused.stderr, refused.stderr
    assert "Traceback" not in refused.stderr
    assert events() == before  # the refused instance wrote nothing
    branch.archive.close()
    done = _cli(*args, stdin=ADMIN[2] + "\n")
    assert done.returncode == 0, done.stderr
    figures.record("concurrency: second instance refused", 1, 1, "instances")
    branch.reopen()


# --- the window stays responsive during a 10,000-row import -----------------------------------


def _workbook(path: Path, rows: int) -> Path:
    headers = list(person(0))
    book = Workbook(write_only=True)
    sheet = book.create_sheet("客户")
    sheet.append(headers)
    for n in range(rows):
        born = date(1950, 1, 1) + timedelta(days=n)  # one birthday each: no two IDs alike
        row = person(
            n,
            出生日期=born.isoformat(),
            证件号码=resident_id(born.strftime("%Y%m%d"), f"{n % 1000:03d}"),
        )
        sheet.append([row[h] for h in headers])
    book.save(path)
    return path


class GapMeter:
    """The GUI thread's worst gap between 10 ms timer ticks while ``busy()`` holds."""

    def __init__(self, busy: Any) -> None:
        self._busy = busy
        self._last: float | None = None
        self.worst = 0.0
        self.ticks = 0
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        if not self._busy():
            self._last = None  # a gap only counts while the job runs
            return
        if self._last is not None:
            self.worst = max(self.worst, now - self._last)
            self.ticks += 1
        self._last = now


def measure(root: Path, login: str, password: str, book: Path) -> dict[str, Any]:
    """In a fresh program: the import dialog checks and imports ``book`` while a 10 ms timer
    measures the event loop's worst gap. Returns the figures (run by the test in a child).

    A fresh process is the program as a person starts it, and keeps the measurement clear of
    the hundreds of windows earlier tests made in the test process.
    """
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from app.storage.archive import Archive
    from app.workflows import auth

    app = QApplication.instance() or QApplication([])
    collector = garbage_collector.install()  # as main() does
    archive = Archive.open(root)
    shown: list[str] = []
    import_dialog.show_info = lambda _w, text, *a: shown.append(str(text))  # type: ignore[assignment]
    import_dialog.show_error = lambda _w, exc, *a: shown.append(str(exc))  # type: ignore[assignment]
    ctx = SessionContext(archive, auth.authenticate(archive, login, password))
    dialog = ImportDialog(ctx)
    dialog.show()
    dialog.load_file(book)
    result: dict[str, Any] = {"category": dialog.category(), "worst": {}, "steps": []}

    def wait_while_running() -> None:
        loop = QEventLoop()
        poll = QTimer()
        poll.setInterval(50)
        poll.timeout.connect(lambda: None if dialog.running else loop.quit())
        poll.start()
        loop.exec()
        poll.stop()

    meter = GapMeter(lambda: dialog.running)
    meter.timer.start()
    worst: dict[str, float] = result["worst"]
    # The check can run twice: a freeze the program causes shows in both runs, while one
    # hiccup of a shared CI machine (another process holding both cores) shows in one.
    # The import runs once (its rows are then in the archive).
    plan = (
        ("check", dialog.check_button),
        ("check", dialog.check_button),
        ("import", dialog.import_button),
    )
    for step, button in plan:
        if step in worst and worst[step] < WORST_GAP_MS:
            continue  # the first check was within the limit: no second run
        enabled = button.isEnabled()
        meter.worst, meter.ticks = 0.0, 0
        started = time.perf_counter()
        button.click()
        running = dialog.running
        wait_while_running()
        took = time.perf_counter() - started
        worst[step] = min(worst.get(step, float("inf")), meter.worst * 1000)
        report = dialog.last_report
        result["steps"].append(
            {
                "step": step,
                "enabled": enabled,
                "running": running,
                "ticks": meter.ticks,
                "took": took,
                "status": report.status if report is not None else None,
                "rows": report.rows if report is not None else None,
            }
        )
    meter.timer.stop()
    result["collector"] = [gc.isenabled(), collector.paused]
    with archive.unit_of_work() as uow:
        result["count"] = uow.session.scalar(sa.select(sa.func.count()).select_from(Customer))
    result["shown"] = shown
    dialog.close()
    archive.close()
    app.processEvents()
    return result


_CHILD = """
import json, sys
from pathlib import Path
from tests.reliability.test_concurrency import measure
print(json.dumps(measure(Path(sys.argv[1]), sys.argv[2], sys.argv[3], Path(sys.argv[4]))))
"""


def test_the_window_answers_within_100_ms_while_10000_rows_import(
    branch: Branch, tmp_path: Path
) -> None:
    book = _workbook(tmp_path / "big.xlsx", ROWS)
    branch.add_user("manager", [Role.MANAGER])
    branch.archive.close()
    env = child_env() | {"QT_QPA_PLATFORM": "offscreen", CONFIG_DIR_ENV: str(tmp_path / "config")}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _CHILD,
            str(branch.root),
            "manager",
            PASSWORDS["manager"],
            str(book),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    branch.reopen()
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["category"] == "individual"
    for step in result["steps"]:
        assert step["enabled"] and step["running"], step
        # the meter saw the job: ticks at least every 100 ms all the while
        assert step["ticks"] >= step["took"] / (WORST_GAP_MS / 1000) * 0.9, step
        if step["step"] == "check":
            assert step["status"] == ci.STATUS_CLEAN and step["rows"] == ROWS, step
    assert result["steps"][-1]["step"] == "import" and result["count"] == ROWS
    # collections stay on the GUI thread, and resume after the jobs
    assert result["collector"] == [False, False]
    worst = result["worst"]
    for step, ms in worst.items():
        figures.record(
            f"concurrency: worst GUI gap during the 10,000-row {step} (ms)",
            round(ms),
            WORST_GAP_MS,
            "ms (limit)",
        )
    assert all(ms < WORST_GAP_MS for ms in worst.values()), worst
