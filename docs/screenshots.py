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
from stdnum.cn import ric

from app import settings as app_settings
from app.__main__ import install_translators
from app.cli import DEMO_PASSWORD
from app.cli import main as cli_main
from app.storage.archive import Archive
from app.views.context import SessionContext
from app.views.customer_form_dialog import CustomerFormDialog
from app.views.first_run_wizard import FirstRunWizard
from app.views.idle_lock import IdleLock
from app.views.login_dialog import LoginDialog
from app.views.main_window import MainWindow
from app.workflows import auth, customers

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


PEOPLE = [
    ("张三丰", "男", "19800101", "桥头河镇", "石门村"),
    ("李秀英", "女", "19750612", "杨市镇", "白石村"),
    ("王建国", "男", "19690305", "伏口镇", "西冲村"),
    ("刘芳", "女", "19880921", "七星街镇", "锦峰村"),
    ("陈志强", "男", "19920417", "湄江镇", "塞海村"),
    ("欧阳娜娜", "女", "19850730", "龙塘镇", "陈家村"),
    ("赵磊", "男", "19780114", "安平镇", "安平村"),
]


def resident_id(birth: str, seq: int) -> str:
    body = f"431382{birth}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


def farmer(i: int, name: str, gender: str, birth: str, town: str, village: str) -> dict:
    """A fictional 农户 as a customer manager fills it in (valid check digits)."""
    return {
        "name": name,
        "gender": gender,
        "ethnicity": "汉族",
        "birth_date": f"{birth[:4]}-{birth[4:6]}-{birth[6:]}",
        "id_type": "居民身份证",
        "id_number": resident_id(birth, 100 + i),
        "mobile": f"13807{381200 + i:06d}",
        "township": town,
        "village": village,
        "group_no": f"{i + 1}组",
        "household_size": 4,
        "credit_rating": "较好",
        "household_members": [
            {"relation": "户主", "name": name, "gender": gender},
            {"relation": "配偶", "name": "某某", "gender": "女" if gender == "男" else "男"},
        ],
        "assets": [
            {"kind": "房产", "quantity": 1, "value": "180000"},
            {"kind": "农机具", "quantity": 2, "value": "26000"},
            {"kind": "存款", "value": "35000.50"},
        ],
        "operations": [{"kind": "种植", "last_year_net": "42000", "expected_net": "45000"}],
        "expenses": [{"kind": "生活", "amount": "18000"}, {"kind": "学费", "amount": "6000"}],
        "tier": "普通",
        "retention_years": 30,
        "carriers": [{"kind": "纸质", "cabinet": "A1", "box": f"{12 + i}", "folder": "3"}],
    }


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

    manager = auth.authenticate(archive, "manager1", DEMO_PASSWORD)
    for i, person in enumerate(PEOPLE):
        customers.create_customer(
            archive, manager, category="individual", subtype="farmer", data=farmer(i, *person)
        )
    settings = app_settings.load()
    for who, area, name in (
        ("manager1", "home", "main-window.png"),
        ("manager1", "catalogue", "catalogue.png"),
        ("director", "catalogue", "catalogue-director.png"),
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
    ctx = SessionContext(archive, manager)
    first = customers.catalogue_page(archive, manager, limit=1)[0]
    content = customers.open_customer(archive, manager, first.id)
    form = CustomerFormDialog(ctx, content=content)
    form.show()
    shoot(app, form, "customer-form.png")
    form.close()
    archive.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
