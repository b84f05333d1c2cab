"""Screenshots for the README, taken from the real windows on a real (virtual) screen.

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots.py [NAME ...]

With names (parts of file names, e.g. ``home-page``), only those screenshots are
saved (everything is still built, so that each window shows the same data).

Needs Debian's xvfb, x11-apps (xwd) and imagemagick (/usr/bin/convert). Builds a throw-away archive in a temporary folder (demo people, production
KDF), then shows each window as a person would see it and saves a PNG of the
screen into docs/. Nothing here is part of the program.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication, QWidget
from stdnum.cn import ric

from app import settings as app_settings
from app.__main__ import install_translators
from app.cli import DEMO_PASSWORD
from app.cli import _demo_customers as demo_customers
from app.cli import main as cli_main
from app.errors import Conflict
from app.models import CheckoutRecord
from app.storage.archive import Archive
from app.views.consultation_apply_dialog import ConsultationApplyDialog
from app.views.context import SessionContext
from app.views.copy_request_dialog import CopyRequestDialog
from app.views.customer_form_dialog import CustomerFormDialog
from app.views.first_run_wizard import FirstRunWizard
from app.views.idle_lock import IdleLock
from app.views.login_dialog import LoginDialog
from app.views.main_window import MainWindow
from app.views.request_view_dialog import RequestViewDialog
from app.views.restore_dialog import RestoreDialog
from app.views.signing_dialog import SigningDialog
from app.views.vault_page import VaultPage
from app.workflows import (
    auth,
    backup,
    checkout,
    consultation,
    copying,
    customers,
    modification,
    requests,
    signing,
    tier,
)
from app.workflows import update_submission as updates
from app.workflows.attachments import NewAttachment
from app.workflows.consultation import Profile
from app.workflows.customers import CatalogueFilter

DOCS = Path(__file__).resolve().parent
#: names asked for on the command line (``docs/screenshots.py home-page``): only those are
#: captured and saved; with none, every screenshot is taken
ONLY = [arg for arg in sys.argv[1:] if not arg.startswith("-")]


def wanted(name: str) -> bool:
    return not ONLY or any(part in name for part in ONLY)


def capture(app: QApplication, widget: QWidget) -> QImage:
    """What the X server shows (not a re-render), cropped to the window.

    The capture runs inside the event loop, while Qt is serving the window;
    once the loop has returned, the X server shows nothing of it.
    """
    raw = Path(tempfile.mkdtemp()) / "screen"

    def grab() -> None:
        subprocess.run(["xwd", "-root", "-silent", "-out", f"{raw}.xwd"], check=True)
        app.exit(0)  # quit() would close every window (Qt 6)

    QTimer.singleShot(800, grab)
    app.exec()
    subprocess.run(["/usr/bin/convert", f"{raw}.xwd", f"{raw}.png"], check=True)
    # no window manager on Xvfb: ask where the window really is on the screen
    frame = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
    return QImage(f"{raw}.png").copy(frame)


def save(picture: QImage, name: str) -> None:
    if not wanted(name):
        return
    picture.save(str(DOCS / name))
    print("saved", DOCS / name, picture.width(), "x", picture.height())


def shoot(app: QApplication, widget: QWidget, name: str) -> None:
    if wanted(name):
        save(capture(app, widget), name)


def shoot_over(app: QApplication, base: QWidget, top: QWidget, name: str) -> None:
    """A dialog over its window: the window as the X server shows it, the dialog laid on it.

    Without a window manager, Xvfb leaves a second window mapped over another
    unpainted (black) however long one waits; so the dialog's own rendering
    (QWidget.grab) is laid over the captured window where the dialog stands,
    with a thin frame where a window manager would draw one.
    """
    if not wanted(name):
        return
    below = capture(app, base)
    above = top.grab().toImage()
    at = top.mapToGlobal(QPoint(0, 0)) - base.mapToGlobal(QPoint(0, 0))
    painter = QPainter(below)
    painter.drawImage(at, above)
    painter.setPen(QColor("#5a5a5a"))
    painter.drawRect(QRect(at, above.size()).adjusted(-1, -1, 0, 0))
    painter.end()
    save(below, name)


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


def scan_png() -> bytes:
    """A made-up scan (grey card with a caption) as PNG bytes, to attach to a request."""
    image = QImage(640, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("#e9eef3"))
    painter = QPainter(image)
    painter.setPen(QColor("#345"))
    painter.setFont(QFont("Noto Sans CJK SC", 28))
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, "示例扫描件(虚构)")
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


PDF = b"%PDF-1.4\n% a made-up certificate for the screenshots\n%%EOF\n"


def approvals_shots(app: QApplication, archive: Archive, settings: app_settings.Settings) -> None:
    """The inbox, one request with its signed history, and the signing dialog over a request.

    Requests are made through the workflows as the demo people would: manager1 proposes
    changes of filed archives, staff1 reports a new phone number, the director signs one.
    """
    manager = auth.authenticate(archive, "manager1", DEMO_PASSWORD)
    staff = auth.authenticate(archive, "staff1", DEMO_PASSWORD)
    lines = customers.catalogue_page(archive, manager, limit=5)
    for line in lines:
        customers.file_customer(archive, manager, line.id)
    first, second, third, fourth = (line.id for line in lines[:4])

    def propose(customer_id: int, note: str, files: list[NewAttachment], **changes: object) -> int:
        data = customers.open_customer(archive, manager, customer_id).data
        return modification.propose(
            archive, manager, customer_id, dict(data, **changes), note=note, files=files
        ).id

    done = propose(
        first,
        "客户来柜面告知更换手机号码并已迁居,已核对身份证件和村委会证明。",
        [NewAttachment("身份证正反面.png", scan_png()), NewAttachment("村委会证明.pdf", PDF)],
        mobile="13907385566",
        village="桃花村",
        group_no="5组",
    )
    signing.decide(archive, done, "director", DEMO_PASSWORD, "approve", "已核实原件,同意修改。")
    pending = propose(
        second,
        "客户家庭人口和信用评定有变化,依据年度走访记录。",
        [NewAttachment("走访记录.png", scan_png())],
        household_size=5,
        credit_rating="优秀",
        mobile="13807389900",
    )
    propose(fourth, "客户更换联系电话。", [], mobile="13607381122")
    updates.submit(
        archive,
        staff,
        third,
        {"mobile": "13974381234"},
        note="客户来柜面办理业务时告知新的手机号码。",
        files=[NewAttachment("客户签字确认.png", scan_png())],
    )

    ctx = SessionContext(archive, auth.authenticate(archive, "director", DEMO_PASSWORD))
    lock = IdleLock(ctx, settings)
    window = MainWindow(ctx, lock)
    window.show()
    window.show_area("approvals")
    shoot(app, window, "approvals-inbox.png")
    window.close()
    window.deleteLater()

    # at the manager's desk: the approved change, then the director signing another
    ctx = SessionContext(archive, manager)
    lock = IdleLock(ctx, settings)
    window = MainWindow(ctx, lock)
    window.show()
    window.show_area("approvals")
    view = RequestViewDialog(ctx, requests.open_request(archive, manager, done), parent=window)
    view.show()
    shoot(app, view, "request-view.png")
    view.close()
    view = RequestViewDialog(ctx, requests.open_request(archive, manager, pending), parent=window)
    view.show()
    dialog = SigningDialog(ctx, view.detail, parent=view)
    dialog.signer_combo.setCurrentIndex(dialog.signer_combo.findData("director"))
    dialog.password_edit.setText(DEMO_PASSWORD)
    dialog.reason_edit.setPlainText("核实无误,同意修改。")
    dialog.show()
    dialog.move(view.geometry().center() - dialog.rect().center())
    shoot_over(app, view, dialog, "signing-dialog.png")
    dialog.password_edit.setText("")
    dialog.close()
    view.close()
    window.close()
    window.deleteLater()


def consultation_shots(
    app: QApplication, archive: Archive, settings: app_settings.Settings
) -> None:
    """The consultation area of a staff member, and the application dialog filled in over it.

    staff1 applies for manager1's filed customers: one application reviewed by
    manager1 and signed by the director (a grant in force), one still waiting
    for the manager's review.
    """
    manager = auth.authenticate(archive, "manager1", DEMO_PASSWORD)
    staff = auth.authenticate(archive, "staff1", DEMO_PASSWORD)
    profile = Profile("陈员工", "营业部", "综合柜员", "0738-8321234")
    lines = [
        line
        for line in customers.catalogue_page(
            archive, staff, filters=CatalogueFilter(manager_id=manager.user_id), limit=50
        )
        if line.status_label == customers.STATUS_LABELS["filed"]
    ]
    signed = consultation.apply(
        archive,
        staff,
        [lines[0].id, lines[1].id],
        purpose="春耕备耕农户小额信用贷款授信评级",
        reason="核对家庭成员、经营规模和历史还款记录,以评定信用等级。",
        mode="view",
        days=7,
        profile=profile,
    )
    signing.decide(archive, signed.id, "manager1", DEMO_PASSWORD, "approve", "同意查阅。")
    signing.decide(archive, signed.id, "director", DEMO_PASSWORD, "approve", "同意。")
    consultation.apply(
        archive,
        staff,
        [lines[2].id],
        purpose="客户来柜面办理贷款展期,核对担保情况",
        reason="客户申请贷款展期,需核对原担保人及抵押物登记情况。",
        mode="excerpt",
        days=3,
        profile=profile,
    )

    ctx = SessionContext(archive, staff)
    lock = IdleLock(ctx, settings)
    window = MainWindow(ctx, lock)
    window.show()
    window.show_area("consultation")
    shoot(app, window, "consultation-page.png")

    dialog = ConsultationApplyDialog(ctx, profile, line=lines[3], parent=window)
    dialog.add_line(lines[4])
    dialog.purpose_edit.setText("年度客户走访前了解客户基本情况")
    dialog.reason_edit.setPlainText("下月开展辖内农户走访,需了解这两户的家庭和经营情况。")
    dialog.mode_buttons["excerpt"].setChecked(True)
    dialog.days_spin.setValue(5)
    dialog.show()
    dialog.move(window.geometry().center() - dialog.rect().center())
    shoot_over(app, window, dialog, "consultation-apply.png")
    dialog.close()
    window.close()
    window.deleteLater()


def vault_shots(app: QApplication, archive: Archive, settings: app_settings.Settings) -> None:
    """The custodian's 保密库 page: records marked 机密/绝密, their openings and a grant.

    manager1 marks two filed archives secret with the custodian present and opens
    them; staff1 holds a consultation grant on one; the custodian then enters the page.
    """
    manager = auth.authenticate(archive, "manager1", DEMO_PASSWORD)
    staff = auth.authenticate(archive, "staff1", DEMO_PASSWORD)
    keeper = auth.authenticate(archive, "custodian", DEMO_PASSWORD)
    filed = customers.catalogue_page(
        archive, manager, filters=CatalogueFilter(status="filed", tier="ordinary"), limit=50
    )
    reasons = [
        ("secret", "客户为本地重点企业主,资产和经营信息涉及商业秘密。"),
        ("top_secret", "客户涉及司法机关协查事项,须按绝密管理。"),
    ]
    raised = []
    for line in reversed(filed):
        if len(raised) == len(reasons):
            break
        level, reason = reasons[len(raised)]
        try:
            raised.append(
                tier.raise_tier(archive, manager, line.id, level, custodian=keeper, reason=reason)
            )
        except Conflict:
            continue  # a change of it is waiting for approval
    extra = customers.create_customer(
        archive,
        manager,
        category="individual",
        subtype="farmer",
        data=dict(farmer(9, "上官守正", "男", "19620811", "桥头河镇", "新塘村"), tier="机密"),
        custodian=keeper,
    )
    customers.file_customer(archive, manager, extra.id, custodian=keeper)
    for ref in (*raised, raised[0]):
        customers.open_customer(archive, manager, ref.id, custodian=keeper)
    grant = consultation.apply(
        archive,
        staff,
        [raised[0].id],
        purpose="大额授信尽职调查",
        reason="核对客户资产、经营和担保情况。",
        mode="view",
        days=3,
        profile=Profile("陈员工", "营业部", "综合柜员", "0738-8321234"),
    )
    signing.decide(archive, grant.id, "manager1", DEMO_PASSWORD, "approve", "同意查阅。")
    signing.decide(archive, grant.id, "director", DEMO_PASSWORD, "approve", "同意。")
    customers.open_customer(archive, staff, raised[0].id, custodian=keeper)

    ctx = SessionContext(archive, keeper)
    lock = IdleLock(ctx, settings)
    window = MainWindow(ctx, lock)
    window.show()
    page = window.findChild(VaultPage)
    assert page is not None
    page.set_custodian(keeper)  # confirmed in person (the page would ask on entering)
    window.show_area("vault")
    shoot(app, window, "vault-page.png")
    window.close()
    window.deleteLater()


def copy_shots(app: QApplication, archive: Archive, settings: app_settings.Settings) -> None:
    """复制摘录: staff1's copy permit page, the request form over it, and the watermarked PDF.

    staff1 asks for two of manager1's customers (name, village, mobile; Excel,
    PDF and the clipboard), manager1 approves; the PDF made under that permit
    is rendered to PNG as a person would see it printed.
    """
    staff = auth.authenticate(archive, "staff1", DEMO_PASSWORD)
    manager = auth.authenticate(archive, "manager1", DEMO_PASSWORD)
    lines = [
        line
        for line in customers.catalogue_page(
            archive,
            staff,
            filters=CatalogueFilter(manager_id=manager.user_id, tier="ordinary"),
            limit=50,
        )
        if line.status_label == customers.STATUS_LABELS["filed"]
    ]
    ids = [lines[0].id, lines[1].id]
    ref = copying.apply(
        archive,
        staff,
        ids,
        field_keys=["name", "township", "village", "mobile"],
        forms=["clipboard", "excel", "pdf"],
        purpose="报送县联社授信审查材料",
        days=3,
    )
    signing.decide(archive, ref.id, "manager1", DEMO_PASSWORD, "approve", "同意。")
    ctx = SessionContext(archive, staff)
    lock = IdleLock(ctx, settings)
    window = MainWindow(ctx, lock)
    window.show()
    window.show_area("copy")
    shoot(app, window, "copy-page.png")
    dialog = CopyRequestDialog(ctx, window, archive_numbers=[lines[2].archive_no], forms=["print"])
    dialog.picker.set_checked({"name", "household_size", "credit_rating"})
    dialog.purpose_edit.setText("贷后检查材料归档")
    dialog.show()
    dialog.move(window.geometry().center() - dialog.rect().center())
    shoot_over(app, window, dialog, "copy-request.png")
    dialog.close()
    window.close()
    window.deleteLater()
    if wanted("copy-export.png"):
        produced = copying.produce_pdf(archive, staff, ids, "pdf")
        document = pdfium.PdfDocument(produced.data)
        page = document[0].render(scale=1.6).to_pil()
        target = DOCS / "copy-export.png"
        page.save(str(target))
        document.close()
        print("saved", target, page.width, "x", page.height)


def home_shots(app: QApplication, archive: Archive, settings: app_settings.Settings) -> None:
    """manager1's 首页 after the shots above: decisions, requests, an overdue carrier, drafts.

    One of manager1's paper files is lent to manager1 and, as if a week had
    passed, its day is moved back (demo only: the program never backdates).
    """
    manager = auth.authenticate(archive, "manager1", DEMO_PASSWORD)
    # two drafts not yet complete: household members and carrier not collected, no phone
    first = farmer(10, "黄小明", "男", "19900312", "荷塘镇", "金石村")
    del first["household_members"], first["carriers"]
    second = farmer(11, "谢春梅", "女", "19830905", "蓝田街道", "光明村")
    del second["mobile"]
    for data in (first, second):
        customers.create_customer(
            archive, manager, category="individual", subtype="farmer", data=data
        )
    filed = customers.catalogue_page(
        archive, manager, filters=CatalogueFilter(status="filed", tier="ordinary"), limit=50
    )
    for line in filed:
        found = checkout.find_archive(archive, manager, line.archive_no)
        paper = [c for c in found.carriers if c.kind == "paper" and not c.is_out]
        if paper:
            lent = checkout.check_out(
                archive,
                manager,
                paper[0].carrier_id,
                borrower_id=manager.user_id,
                purpose="贷款审查",
                due_on=checkout.local_today(),
            )
            break
    with archive.unit_of_work() as uow:
        row = uow.session.get(CheckoutRecord, lent.id)
        assert row is not None
        row.due_on = checkout.local_today() - timedelta(days=2)
        uow.commit()

    ctx = SessionContext(archive, manager)
    lock = IdleLock(ctx, settings)
    window = MainWindow(ctx, lock)
    window.show()
    window.show_area("home")
    shoot(app, window, "home-page.png")
    window.close()
    window.deleteLater()


def statistics_shots(app: QApplication, archive: Archive, settings: app_settings.Settings) -> None:
    """统计 for the director: the credit ratings of 农户 by village, table and bars.

    A branch's statistics need a branch's worth of archives: 600 fictional ones
    are added first (the demo's own generator), so this runs after every other shot.
    """
    if not wanted("statistics.png"):
        return
    demo_customers(archive, DEMO_PASSWORD, 600, 5)
    director = auth.authenticate(archive, "director", DEMO_PASSWORD)
    ctx = SessionContext(archive, director)
    window = MainWindow(ctx, IdleLock(ctx, settings))
    window.show()
    page = window.show_area("statistics")
    combo = page.statistic_combo  # type: ignore[attr-defined]
    combo.setCurrentIndex(combo.findData("village_rating"))
    # with a name filter the earlier windows were closed without an event loop: let them go
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    window.raise_()
    shoot(app, window, "statistics.png")
    window.close()
    window.deleteLater()


def restore_shots(app: QApplication, archive: Archive, work: Path) -> None:
    """The wizard on a new workstation, restoring the demo archive from its backup."""
    if not wanted("restore-dialog.png"):
        return
    admin = auth.authenticate(archive, "admin", DEMO_PASSWORD)
    source = work / "网点备份-20261128.custbak"
    backup.create_backup(archive, admin, source)
    wizard = FirstRunWizard(work / "new-workstation" / "客户档案")
    wizard.show()
    dialog = RestoreDialog(wizard.folder, wizard)
    dialog.show()
    dialog.load_file(source)
    dialog.login_edit.setText("admin")
    dialog.password_edit.setText(DEMO_PASSWORD)
    shoot_over(app, wizard, dialog, "restore-dialog.png")
    dialog.close()
    wizard.close()


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
    restore_shots(app, archive, work)
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
    approvals_shots(app, archive, settings)
    consultation_shots(app, archive, settings)
    vault_shots(app, archive, settings)
    copy_shots(app, archive, settings)
    home_shots(app, archive, settings)
    statistics_shots(app, archive, settings)  # last: it adds 600 demo archives
    archive.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
