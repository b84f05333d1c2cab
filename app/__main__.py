"""Starting the desktop program: ``python -m app [--archive DIR] [--version]``.

Qt is imported inside the functions, so that importing this module (the
command line does, to start the GUI) costs nothing and opens nothing.

The composition root. Nothing is opened at import time; ``main()`` finds the
archive (or creates the first one with the wizard), takes the person through
login, a forced password change if due, and the day's confidentiality notice,
then hands the open archive and the person to the main window. The archive is
closed on the way out, however the program ends.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from app import APP_NAME, APP_TITLE, __version__, logging_setup
from app import settings as app_settings
from app.errors import AppError, ArchiveNotFound, StorageFull
from app.resources import resource_path
from app.storage.archive import Archive, is_archive
from app.storage.header import HEADER_FILE

log = logging.getLogger(__name__)

ORGANIZATION = "涟源市信用合作联社"
#: CUSTARCHIVE_LANG=en asks for the English build; it overrides the ``language`` setting
LANGUAGE_ENV = "CUSTARCHIVE_LANG"

# Kept referenced for the life of the program: Qt does not own installed translators.
_translators: list[object] = []
#: the application's display name as set by main() and by install_translators
_titles: set[str] = {APP_TITLE}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m app", description=APP_TITLE)
    parser.add_argument("--archive", type=Path, help="档案文件夹(默认为上次使用的文件夹)")
    parser.add_argument("--version", action="store_true", help="显示版本号后退出")
    return parser.parse_args(argv)


def chosen_language() -> str:
    """The interface language: Chinese unless asked otherwise.

    Asked by the environment (CUSTARCHIVE_LANG) first, then by the workstation's
    ``language`` setting. Never by the system locale: a Chinese bank workstation may
    well run an English Windows, and the program must stay Chinese there.
    """
    requested = os.environ.get(LANGUAGE_ENV, "").strip()
    if not requested:
        requested = app_settings.load().language
    return app_settings.normalise_language(requested)


def install_translators(app: object) -> None:
    """Our translation (resources/i18n) if a language other than Chinese is chosen, and
    Qt's own strings (buttons of standard dialogs) in the same language.

    The program's source strings are Chinese, so Chinese needs no translation of ours;
    a language whose .qm is missing falls back to Chinese. Calling this again replaces
    the translators it installed before.
    """
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

    for old in _translators:
        QCoreApplication.removeTranslator(old)  # type: ignore[arg-type]
        old.deleteLater()  # type: ignore[attr-defined]
    _translators.clear()

    language = chosen_language()
    qt_locale = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    if language != app_settings.DEFAULT_LANGUAGE:
        ours = QTranslator(app)  # type: ignore[arg-type]
        if ours.load(QLocale(language), APP_NAME, "_", str(resource_path("i18n"))):
            _install(app, ours)
            qt_locale = QLocale(language)
        else:
            log.warning(
                "no translation for %s in %s; staying Chinese", language, resource_path("i18n")
            )
    qt = QTranslator(app)  # type: ignore[arg-type]
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(qt_locale, "qtbase", "_", qt_dir):
        _install(app, qt)

    # main() names the application before translating; Windows shows the name in title bars.
    from app.views.labels import app_title

    if getattr(app, "applicationDisplayName", lambda: None)() in _titles:
        _titles.add(app_title())
        app.setApplicationDisplayName(app_title())  # type: ignore[attr-defined]


def _install(app: object, translator: object) -> None:
    app.installTranslator(translator)  # type: ignore[attr-defined]
    _translators.append(translator)


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """A defect shows the generic apology; the exception text (which may quote data) is not
    printed, only its type and place are logged (app.views.messages.error_text)."""
    from app.views.messages import show_error

    with contextlib.suppress(Exception):
        show_error(None, exc.with_traceback(tb))


def _remember(settings: app_settings.Settings, folder: Path) -> None:
    settings.last_archive = folder
    with contextlib.suppress(OSError, StorageFull):
        app_settings.save(settings)


def _needs_creation(folder: Path) -> bool:
    """No archive yet: the folder is missing or empty (anything else is opened or explained)."""
    return not folder.exists() or (folder.is_dir() and not any(folder.iterdir()))


def open_archive(
    folder: Path, settings: app_settings.Settings, *, remembered: bool
) -> Archive | None:
    """The archive to work with, or None if the person chose to quit.

    A remembered folder that has gone missing is reported, not replaced by a
    new empty archive: the drive may simply not be connected.
    """
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QDialog, QFileDialog

    from app.views.first_run_wizard import FirstRunWizard
    from app.views.messages import show_error

    while True:
        if not remembered and _needs_creation(folder):
            wizard = FirstRunWizard(folder)
            if wizard.exec() == QDialog.DialogCode.Accepted and wizard.archive is not None:
                _remember(settings, wizard.folder)
                return wizard.archive
            return None
        try:
            if not is_archive(folder):
                raise ArchiveNotFound(str(folder), HEADER_FILE)
            archive = Archive.open(folder)
        except AppError as exc:
            show_error(None, exc, QCoreApplication.translate("main", "无法打开档案"))
            chosen = QFileDialog.getExistingDirectory(
                None,
                QCoreApplication.translate("main", "选择档案文件夹(取消则退出程序)"),
                str(folder),
            )
            if not chosen:
                return None
            folder, remembered = Path(chosen), False
            continue
        _remember(settings, folder)
        return archive


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.version:
        print(f"{APP_NAME} {__version__}")
        return 0

    from PySide6.QtWidgets import QApplication, QDialog

    from app.views import garbage_collector
    from app.views.context import SessionContext
    from app.views.idle_lock import IdleLock
    from app.views.login_dialog import LoginDialog, complete_login
    from app.views.main_window import MainWindow
    from app.workflows import auth

    logging_setup.configure()
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(ORGANIZATION)
    garbage_collector.install()  # collections on this (the GUI) thread only
    install_translators(app)
    sys.excepthook = _excepthook

    settings = app_settings.load()
    remembered = args.archive is None and settings.last_archive is not None
    folder = args.archive or settings.archive_folder()
    archive = open_archive(folder.expanduser().absolute(), settings, remembered=remembered)
    if archive is None:
        return 0
    try:
        login = LoginDialog(archive)
        if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
            return 0
        actor = complete_login(archive, login.actor, settings)
        if actor is None:
            with contextlib.suppress(Exception):
                auth.record_session_event(archive, login.actor, "session.logout")
            return 0
        ctx = SessionContext(archive, actor)
        lock = IdleLock(ctx, settings)
        window = MainWindow(ctx, lock)
        window.show()
        return app.exec()
    finally:
        archive.close()


if __name__ == "__main__":
    sys.exit(main())
