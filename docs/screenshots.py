"""Screenshots for the README, taken from the real windows on a real (virtual) screen.

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots.py

Needs Debian's xvfb, x11-apps (xwd) and imagemagick (/usr/bin/convert). Builds a throw-away archive in a temporary folder (demo people, production
KDF), then shows each window as a person would see it and saves a PNG of the
screen into docs/. Nothing here is part of the program.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from app import settings as app_settings
from app.__main__ import install_translators
from app.cli import DEMO_PASSWORD
from app.cli import main as cli_main
from app.storage.archive import Archive
from app.views.context import SessionContext
from app.views.first_run_wizard import FirstRunWizard
from app.views.idle_lock import IdleLock
from app.views.login_dialog import LoginDialog
from app.views.main_window import MainWindow
from app.workflows import auth

DOCS = Path(__file__).resolve().parent


def shoot(app: QApplication, widget: QWidget, name: str) -> None:
    """What the X server shows (not a re-render), cropped to the window.

    The capture runs inside the event loop, while Qt is serving the window;
    once the loop has returned, the X server shows nothing of it.
    """
    raw = Path(tempfile.mkdtemp()) / "screen"

    def capture() -> None:
        subprocess.run(["xwd", "-root", "-silent", "-out", f"{raw}.xwd"], check=True)
        app.exit(0)  # quit() would close every window (Qt 6)

    QTimer.singleShot(800, capture)
    app.exec()
    subprocess.run(["/usr/bin/convert", f"{raw}.xwd", f"{raw}.png"], check=True)
    # no window manager on Xvfb: ask where the window really is on the screen
    frame = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
    picture = QImage(f"{raw}.png").copy(frame)
    picture.save(str(DOCS / name))
    print("saved", DOCS / name, picture.width(), "x", picture.height())


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="custarchive-shots-"))
    os.environ["CUSTARCHIVE_CONFIG_DIR"] = str(work / "config")
    os.environ["CUSTARCHIVE_LOG_DIR"] = str(work / "logs")
    app = QApplication(sys.argv[:1])
    install_translators(app)

    wizard = FirstRunWizard(work / "new-archive")
    wizard.show()
    shoot(app, wizard, "first-run-wizard.png")
    wizard.next()
    wizard.branch_page.name_edit.setText("涟源市某某信用社")
    wizard.branch_page.code_edit.setText("LY-0101")
    wizard.next()
    page = wizard.admin_page
    page.login_edit.setText("guanli")
    page.name_edit.setText("张管理")
    page.password_edit.setText(DEMO_PASSWORD)
    page.confirm_edit.setText(DEMO_PASSWORD)
    wizard.next()
    wizard.custodian_page.login_edit.setText("baomi")
    wizard.custodian_page.name_edit.setText("孙保密")
    shoot(app, wizard, "first-run-custodian.png")
    wizard.close()

    root = work / "demo"
    cli_main(["demo", "--archive", str(root)])
    archive = Archive.open(root)
    login = LoginDialog(archive, login="manager1")
    login.show()
    shoot(app, login, "login.png")
    login.close()

    settings = app_settings.load()
    for who, area, name in (
        ("manager1", "home", "main-window.png"),
        ("admin", "users", "user-management.png"),
        ("inspector", "audit", "audit-log.png"),
    ):
        actor = auth.authenticate(archive, who, DEMO_PASSWORD)
        ctx = SessionContext(archive, actor)
        lock = IdleLock(ctx, settings)
        window = MainWindow(ctx, lock)
        window.show()
        window.show_area(area)
        shoot(app, window, name)
        window.close()
        window.deleteLater()
    archive.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
