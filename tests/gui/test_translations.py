"""The English build: every source string is translated, and English appears only when asked.

The program's own strings are Chinese; resources/i18n/custarchive_en.ts holds
their English (``make translations`` refreshes it and compiles the .qm).
Running lupdate on the current sources into a temporary file shows what the
.ts must contain, so a new string without a translation fails here by name.
Chinese stays the default whatever the system locale says.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

import app.__main__ as entry
from app import APP_TITLE
from app import settings as app_settings
from app.models.customer import CARRIER_KINDS, CATEGORY_LABELS, STATUS_LABELS, TIER_LABELS
from app.security.audit import EVENT_LABELS
from app.security.roles import ROLE_LABELS, Role
from app.views import labels
from app.views.login_dialog import LoginDialog
from app.workflows.accounts import UserSummary
from tests.conftest import Branch

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
TS_EN = I18N / "custarchive_en.ts"
QM_EN = I18N / "custarchive_en.qm"
#: the files ``make translations`` reads (keep in step with the Makefile)
SOURCES = [*sorted((ROOT / "app" / "views").glob("*.py")), ROOT / "app" / "__main__.py"]

PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
#: a mnemonic marker: "&" followed by a character other than "&" (which is a literal "&&")
MNEMONIC = re.compile(r"&(?!&)")

Key = tuple[str, str, str]  # context, source, disambiguation


def _tool(name: str) -> str | None:
    """The venv's Qt tool beside this interpreter, else one on PATH."""
    beside = shutil.which(name, path=str(Path(sys.executable).parent))
    return beside or shutil.which(name)


def _messages(ts: Path) -> dict[Key, ET.Element]:
    result: dict[Key, ET.Element] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            result[key] = message
    return result


def _translation(message: ET.Element) -> tuple[list[str], str]:
    """The translated texts (one per plural form for a %n message) and the translation's type."""
    element = message.find("translation")
    if element is None:
        return [], "missing"
    forms = [form.text or "" for form in element.iter("numerusform")]
    return forms or [element.text or ""], element.get("type", "")


def _finished(texts: list[str]) -> bool:
    return bool(texts) and all(text.strip() for text in texts)


def _describe(key: Key) -> str:
    context, source, comment = key
    return f"[{context}] {source!r}" + (f" ({comment})" if comment else "")


# --- the .ts file ------------------------------------------------------------------------------


def test_ts_file_has_no_unfinished_messages() -> None:
    assert TS_EN.is_file(), f"{TS_EN} is missing: run `make translations`"
    problems = []
    for key, message in _messages(TS_EN).items():
        texts, kind = _translation(message)
        if kind in ("vanished", "obsolete"):
            problems.append(f"{_describe(key)}: {kind} (run `make translations`)")
        elif kind or not _finished(texts):
            problems.append(f"{_describe(key)}: not translated")
    assert not problems, "custarchive_en.ts:\n" + "\n".join(problems)


def test_translations_keep_placeholders_and_mnemonics() -> None:
    problems = []
    for key, message in _messages(TS_EN).items():
        source = key[1]
        texts, _ = _translation(message)
        for text in texts:
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
                problems.append(f"{_describe(key)}: placeholders differ in {text!r}")
            if len(MNEMONIC.findall(source.replace("&&", ""))) != len(
                MNEMONIC.findall(text.replace("&&", ""))
            ):
                problems.append(f"{_describe(key)}: mnemonic (&) lost or added in {text!r}")
    assert not problems, "\n".join(problems)


def test_every_source_string_is_translated(tmp_path: Path) -> None:
    lupdate = _tool("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate not found (beside the Python interpreter or on PATH)")
    fresh = tmp_path / "custarchive_en.ts"
    done = subprocess.run(
        [lupdate, "-no-obsolete", *map(str, SOURCES), "-ts", str(fresh)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    wanted = _messages(fresh)
    assert len(wanted) > 100, "lupdate found suspiciously few strings"
    have = _messages(TS_EN)
    problems = []
    for key in wanted:
        if key not in have:
            problems.append(f"{_describe(key)}: not in custarchive_en.ts")
            continue
        texts, kind = _translation(have[key])
        if kind or not _finished(texts):
            problems.append(f"{_describe(key)}: not translated")
    assert not problems, (
        "run `make translations` and translate in resources/i18n/custarchive_en.ts:\n"
        + "\n".join(problems)
    )


def test_compiled_qm_matches_the_ts(tmp_path: Path) -> None:
    lrelease = _tool("pyside6-lrelease")
    if lrelease is None:
        pytest.skip("pyside6-lrelease not found (beside the Python interpreter or on PATH)")
    compiled = tmp_path / "custarchive_en.qm"
    done = subprocess.run(
        [lrelease, str(TS_EN), "-qm", str(compiled)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert QM_EN.is_file(), f"{QM_EN} is missing: run `make translations`"
    assert compiled.read_bytes() == QM_EN.read_bytes(), "the .qm is stale: run `make translations`"


def test_words_from_other_layers_are_marked_for_translation() -> None:
    """app.views.labels repeats the domain's words for lupdate; nothing may be left out."""
    assert labels.APP_TITLE_SOURCE == APP_TITLE
    assert set(ROLE_LABELS.values()) <= set(labels.ROLE_WORDS)
    assert set(EVENT_LABELS.values()) <= set(labels.EVENT_WORDS)
    states = {
        UserSummary.status_label.fget(SimpleNamespace(status=s))  # type: ignore[attr-defined]
        for s in ("active", "disabled", "revoked")
    }
    assert states <= set(labels.STATUS_WORDS)
    archive_words = {
        *CATEGORY_LABELS.values(),
        *TIER_LABELS.values(),
        *STATUS_LABELS.values(),
        *CARRIER_KINDS.values(),
    }
    assert archive_words <= set(labels.ARCHIVE_WORDS)


# --- choosing the language ------------------------------------------------------------------------


@pytest.fixture
def translators(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Whatever install_translators installs is removed again, so other tests stay Chinese."""
    app = QApplication.instance()
    assert app is not None
    display_name = app.applicationDisplayName()
    monkeypatch.delenv(entry.LANGUAGE_ENV, raising=False)
    yield
    for translator in entry._translators:
        QCoreApplication.removeTranslator(translator)  # type: ignore[arg-type]
    entry._translators.clear()
    app.setApplicationDisplayName(display_name)


def _login_dialog(qtbot, branch: Branch) -> LoginDialog:
    dialog = LoginDialog(branch.archive)
    qtbot.addWidget(dialog)
    return dialog


def test_english_when_asked(
    qtbot, branch: Branch, translators: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(entry.LANGUAGE_ENV, "en")
    entry.install_translators(QApplication.instance())
    dialog = _login_dialog(qtbot, branch)
    assert dialog.windowTitle() == "Log in - Customer Information Archive"
    assert dialog.login_button.text() == "&Log in"
    assert dialog.quit_button.text() == "&Quit"
    assert labels.roles_text([Role.DIRECTOR, Role.CUSTODIAN]) == "Director, Custodian"


def test_chinese_by_default(qtbot, branch: Branch, translators: None) -> None:
    entry.install_translators(QApplication.instance())
    dialog = _login_dialog(qtbot, branch)
    assert dialog.windowTitle() == f"登录 - {APP_TITLE}"
    assert dialog.login_button.text() == "登录(&L)"
    assert dialog.quit_button.text() == "退出(&Q)"
    assert labels.roles_text([Role.DIRECTOR, Role.CUSTODIAN]) == "主任、保密专管员"


def test_english_system_locale_does_not_switch(
    qtbot, branch: Branch, translators: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.setenv(variable, "en_US.UTF-8")
    assert entry.chosen_language() == "zh_CN"
    entry.install_translators(QApplication.instance())
    assert _login_dialog(qtbot, branch).login_button.text() == "登录(&L)"


def test_language_setting_and_environment(
    qtbot, branch: Branch, translators: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    app_settings.save(app_settings.Settings(language="en"))
    assert app_settings.load().language == "en"
    entry.install_translators(QApplication.instance())
    assert _login_dialog(qtbot, branch).login_button.text() == "&Log in"
    # the environment wins over the setting, and calling again replaces the translators
    monkeypatch.setenv(entry.LANGUAGE_ENV, "zh_CN")
    entry.install_translators(QApplication.instance())
    assert _login_dialog(qtbot, branch).login_button.text() == "登录(&L)"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("en", "en"),
        ("en_US", "en"),
        ("EN-gb", "en"),
        ("en_US.UTF-8", "en"),
        ("zh_CN", "zh_CN"),
        ("zh", "zh_CN"),
        ("", "zh_CN"),
        (None, "zh_CN"),
        (5, "zh_CN"),
        ("英文", "zh_CN"),
    ],
)
def test_language_values_are_normalised(value: object, expected: str) -> None:
    assert app_settings.normalise_language(value) == expected
