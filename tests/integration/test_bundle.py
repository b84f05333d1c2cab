"""The frozen program (dist/custarchive/, built by ``make bundle``) run as a workstation runs
it: no Python and no venv on the path, an empty environment, another working folder.

``make test`` does not build the bundle (that takes a minute or two), so without one these
tests skip and say why. .ci/run builds the bundle after ``make test`` and runs this file
with CUSTARCHIVE_REQUIRE_BUNDLE=1, which turns the skip into a failure: the assertions
live here, once, and CI shows them as tests.

The second half checks that the self-test the bundle is judged by is honest: it fails
when what it claims to check is broken, names the step that broke, and leaves nothing
behind. Those run in-process on every ``make test``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app import __version__, cli
from app.security.kdf import TEST_KDF
from app.workflows import consultation_print, customers
from tests.conftest import make_archive

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "custarchive"
EXE = ".exe" if sys.platform == "win32" else ""
CLI = BUNDLE / f"custarchive-cli{EXE}"
GUI = BUNDLE / f"custarchive{EXE}"
REQUIRE_ENV = "CUSTARCHIVE_REQUIRE_BUNDLE"


def newest_source() -> float:
    """When the code or data that go into the bundle last changed."""
    sources = [*(ROOT / "app").rglob("*.py"), *(ROOT / "resources").rglob("*.*")]
    sources += [ROOT / "installer" / "custarchive.spec", ROOT / "installer" / "launcher.py"]
    return max(path.stat().st_mtime for path in sources if path.is_file())


@pytest.fixture
def bundle() -> Path:
    """The bundle, if there is one built from the current sources: an older one would test
    old code (and refuse archives made by newer migrations)."""
    problem = None
    if not CLI.is_file():
        problem = f"no bundle at {BUNDLE}: run `make bundle` first (CI does)"
    elif CLI.stat().st_mtime < newest_source():
        problem = f"the bundle at {BUNDLE} is older than the sources: run `make bundle` again"
    if problem is not None:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{REQUIRE_ENV}=1 but {problem}")
        pytest.skip(problem)
    return BUNDLE


def bare_env(home: Path, **extra: str) -> dict[str, str]:
    """What a fresh workstation account has: a home and a temp folder. PATH is an empty
    folder, so nothing (no python, no ldconfig) can be found there; on Windows the
    system folder stays, as it always is."""
    empty = home / "empty-bin"
    empty.mkdir(exist_ok=True)
    env = {
        "PATH": str(empty),
        "HOME": str(home),
        "TMPDIR": str(home / "tmp"),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        **extra,
    }
    if sys.platform == "win32":
        system_root = os.environ.get("SYSTEMROOT", r"C:\Windows")
        env.update(
            SYSTEMROOT=system_root,
            PATH=str(Path(system_root) / "System32"),
            USERPROFILE=str(home),
            LOCALAPPDATA=str(home / "AppData" / "Local"),
            APPDATA=str(home / "AppData" / "Roaming"),
            TEMP=str(home / "tmp"),
            TMP=str(home / "tmp"),
        )
    (home / "tmp").mkdir(exist_ok=True)
    return env


def run_frozen(
    exe: Path, *args: str, home: Path, timeout: int = 300
) -> subprocess.CompletedProcess:
    work = home / "elsewhere"
    work.mkdir(exist_ok=True)
    return subprocess.run(
        [str(exe), *args],
        cwd=work,
        env=bare_env(home),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def test_bundle_command_line_reports_the_projects_version(bundle: Path, tmp_path: Path) -> None:
    result = run_frozen(CLI, "--version", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"custarchive {__version__}"


@pytest.mark.skipif(sys.platform == "win32", reason="the Windows GUI executable has no console")
def test_bundle_gui_executable_reports_the_version_too(bundle: Path, tmp_path: Path) -> None:
    result = run_frozen(GUI, "--version", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"custarchive {__version__}"


def test_bundle_selftest_passes_and_leaves_nothing_behind(bundle: Path, tmp_path: Path) -> None:
    result = run_frozen(CLI, "selftest", home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "自检通过" in result.stdout
    assert "Traceback" not in result.stderr
    assert list((tmp_path / "tmp").iterdir()) == []  # the temporary archive is gone
    assert list((tmp_path / "elsewhere").iterdir()) == []  # nothing written where it ran


def test_bundle_refusal_is_an_exit_code_with_a_message(bundle: Path, tmp_path: Path) -> None:
    """A command the bundle refuses exits non-zero with a message: the CI check can fail."""
    result = run_frozen(
        CLI, "verify", "--archive", str(tmp_path / "none"), "--as", "x", home=tmp_path
    )
    assert result.returncode == cli.EXIT_ERROR
    assert result.stderr.strip()
    assert "Traceback" not in result.stderr


def start_gui(home: Path, *args: str) -> subprocess.Popen[str]:
    env = bare_env(
        home,
        CUSTARCHIVE_CONFIG_DIR=str(home / "config"),
        CUSTARCHIVE_LOG_DIR=str(home / "log"),
    )
    return subprocess.Popen(
        [str(GUI), *args],
        cwd=home,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(process: subprocess.Popen[str], path: Path, what: str) -> None:
    deadline = time.monotonic() + 120
    while not path.exists():
        if process.poll() is not None:
            pytest.fail(f"the program ended ({process.returncode}): {process.communicate()[1]}")
        assert time.monotonic() < deadline, f"the program did not get as far as {what}"
        time.sleep(0.2)


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        process.kill()
        process.communicate(timeout=30)


def test_bundle_gui_starts_and_waits_for_the_first_archive(
    bundle: Path, tmp_path: Path, processes: list[subprocess.Popen[str]]
) -> None:
    """The windows start: every view module imported (they are imported before the log is
    opened), the Qt platform plugin loaded, and the program still up, waiting in the
    first-run wizard (no archive remembered yet), a few seconds later."""
    process = start_gui(tmp_path)
    processes.append(process)
    wait_for(process, tmp_path / "log" / "custarchive.log", "its log")
    time.sleep(3)
    assert process.poll() is None, process.communicate()[1]
    assert not (tmp_path / "config" / "settings.json").exists()  # nothing chosen yet


def test_bundle_gui_opens_an_existing_archive_given_on_the_command_line(
    bundle: Path, tmp_path: Path, processes: list[subprocess.Popen[str]]
) -> None:
    """``custarchive --archive DIR``: the frozen program opens the archive (SQLCipher, the
    migrations read from the bundle) and remembers it before showing the login."""
    root = tmp_path / "archive"
    make_archive(root).close()
    process = start_gui(tmp_path, "--archive", str(root))
    processes.append(process)
    settings = tmp_path / "config" / "settings.json"
    wait_for(process, settings, "opening the archive")
    assert json.loads(settings.read_text("utf-8"))["last_archive"] == str(root)
    time.sleep(2)
    assert process.poll() is None, process.communicate()[1]


def test_the_command_without_a_command_hands_its_options_to_the_windows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import app.__main__

    seen: list[object] = []
    monkeypatch.setattr(app.__main__, "main", lambda argv=None: seen.append(argv) or 0)
    assert cli.main(["--archive", "D:/档案"]) == 0
    assert seen == [["--archive", "D:/档案"]]


# --- the self-test itself: honest, in-process -----------------------------------------------


@pytest.fixture
def selftest(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Self-tests run fast (the test KDF) in a temp folder of their own."""
    monkeypatch.setattr(cli, "DEFAULT_KDF", TEST_KDF)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def test_selftest_passes_and_removes_its_archive(
    selftest: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["selftest"]) == cli.EXIT_OK
    assert "自检通过" in capsys.readouterr().out
    assert list(selftest.iterdir()) == []


def test_selftest_fails_when_the_customer_reads_back_wrong(
    selftest: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = customers.open_customer

    def garbled(*args: Any, **kwargs: Any) -> customers.CustomerContent:
        content = real(*args, **kwargs)
        content.data["name"] = "某某"
        return content

    monkeypatch.setattr(customers, "open_customer", garbled)
    assert cli.main(["selftest"]) == cli.EXIT_PROBLEMS
    err = capsys.readouterr().err
    assert "读回的客户档案与写入的不一致(name)" in err
    assert list(selftest.iterdir()) == []  # removed all the same


def test_selftest_fails_when_search_finds_nothing(
    selftest: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(customers, "catalogue_page", lambda *a, **k: [])
    assert cli.main(["selftest"]) == cli.EXIT_PROBLEMS
    err = capsys.readouterr().err
    assert "按姓名检索找不到自检客户" in err
    assert "按证件号码检索找不到自检客户" in err


def test_selftest_finds_customer_data_written_in_plain_form(
    selftest: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = customers.create_customer

    def leaky(archive: Any, actor: Any, **kwargs: Any) -> customers.CustomerRef:
        ref = real(archive, actor, **kwargs)
        (archive.paths.root / "leak.tmp").write_text(kwargs["data"]["id_number"], "utf-8")
        return ref

    monkeypatch.setattr(customers, "create_customer", leaky)
    assert cli.main(["selftest"]) == cli.EXIT_PROBLEMS
    assert "档案文件 leak.tmp 中有未加密的客户信息" in capsys.readouterr().err
    assert list(selftest.iterdir()) == []


def test_selftest_names_the_step_that_broke(
    selftest: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: Any, **kwargs: Any) -> bytes:
        raise RuntimeError("no font")

    monkeypatch.setattr(consultation_print, "blank_form_pdf", broken)
    assert cli.main(["selftest"]) == cli.EXIT_DEFECT
    err = capsys.readouterr().err
    assert "自检未通过:生成 PDF时出错" in err
    assert "no font" not in err  # a defect is reported by its type only
    assert list(selftest.iterdir()) == []
