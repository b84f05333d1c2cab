"""The command line: the same workflows as the windows, for scripts, tests and the admin.

Passwords never come from arguments (they would stay in shell history and
process lists): from a prompt, or with ``--password-stdin`` one per line in
the order the command asks, the acting user's first. Exit codes: 0 done,
1 ``verify`` found problems or ``import`` refused the file (nothing written),
2 usage, authentication or archive errors, 70 an unexpected defect (reported
without details that could hold data).
"""

from __future__ import annotations

import argparse
import getpass
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from app import APP_TITLE, __version__
from app.errors import AppError, InvalidInput
from app.security.kdf import DEFAULT_KDF
from app.security.roles import ROLE_LABELS, Role
from app.storage.archive import Archive, is_archive
from app.template import current_template
from app.workflows import (
    accounts,
    auth,
    backup,
    consultation_print,
    copying,
    customer_import,
    customers,
    demo_data,
    integrity,
    keys,
    requests,
)
from app.workflows.auth import Actor

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR, EXIT_DEFECT = 0, 1, 2, 70


class Passwords:
    """Where passwords come from: standard input (one per line) or an interactive prompt."""

    def __init__(self, from_stdin: bool) -> None:
        self._lines: Iterator[str] | None = (
            iter(sys.stdin.read().splitlines()) if from_stdin else None
        )

    def ask(self, prompt: str, *, confirm: bool = False) -> str:
        if self._lines is not None:
            try:
                return next(self._lines)
            except StopIteration:
                raise InvalidInput(f"标准输入中的密码不够:缺少“{prompt}”。") from None
        if not sys.stdin.isatty():
            raise InvalidInput("没有可用的终端输入密码;脚本中请使用 --password-stdin。")
        first = getpass.getpass(f"{prompt}:")
        if confirm and getpass.getpass(f"再次输入{prompt}:") != first:
            raise InvalidInput("两次输入的密码不一致。")
        return first


def _out(text: str) -> None:
    print(text, flush=True)


@contextmanager
def _session(args: argparse.Namespace, pw: Passwords) -> Iterator[tuple[Archive, Actor]]:
    archive = Archive.open(Path(args.archive))
    try:
        actor = auth.authenticate(archive, args.as_login, pw.ask(f"用户 {args.as_login} 的密码"))
        yield archive, actor
    finally:
        archive.close()


def cmd_init(args: argparse.Namespace, pw: Passwords) -> int:
    admin_pw = pw.ask(f"系统管理员 {args.admin} 的密码", confirm=True)
    custodian_pw = pw.ask(f"保密专管员 {args.custodian} 的密码", confirm=True)
    archive = accounts.create_archive(
        Path(args.archive),
        branch_name=args.branch,
        branch_code=args.branch_code,
        admin=accounts.NewAccount(args.admin, args.admin_name or args.admin, admin_pw),
        custodian=accounts.NewAccount(
            args.custodian, args.custodian_name or args.custodian, custodian_pw
        ),
        kdf=DEFAULT_KDF,
    )
    archive.close()
    _out(f"已在 {args.archive} 建立档案库({args.branch})。")
    return EXIT_OK


def cmd_user_add(args: argparse.Namespace, pw: Passwords) -> int:
    roles = frozenset(Role(r) for r in args.role)
    with _session(args, pw) as (archive, actor):
        custodian = None
        if args.custodian:
            custodian = accounts.authenticate_in_person(
                archive, args.custodian, pw.ask(f"保密专管员 {args.custodian} 的密码")
            )
        initial = pw.ask(f"新用户 {args.login} 的初始密码", confirm=True)
        accounts.add_user(
            archive,
            actor,
            accounts.NewAccount(
                args.login,
                args.name or args.login,
                initial,
                department=args.department,
                position=args.position,
                phone=args.phone,
            ),
            roles,
            custodian=custodian,
        )
    labels = "、".join(ROLE_LABELS[r] for r in sorted(roles, key=list(Role).index))
    _out(f"已新增用户 {args.login}({labels}),首次登录时须修改初始密码。")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace, pw: Passwords) -> int:
    with _session(args, pw) as (archive, actor):
        report = integrity.verify(archive, actor)
    for line in report.checked:
        _out(f"已检查:{line}")
    _out(f"审计链头:{report.chain_length}:{report.chain_head}")
    if report.sound:
        _out("校验通过:未发现任何问题。")
        return EXIT_OK
    for problem in report.problems:
        print(f"问题:{problem}", file=sys.stderr)
    print(f"校验发现 {len(report.problems)} 个问题。", file=sys.stderr)
    return EXIT_PROBLEMS


def cmd_passwd(args: argparse.Namespace, pw: Passwords) -> int:
    archive = Archive.open(Path(args.archive))
    try:
        current = pw.ask(f"用户 {args.as_login} 的当前密码")
        actor = auth.authenticate(archive, args.as_login, current)
        new = pw.ask("新密码", confirm=True)
        accounts.change_own_password(archive, actor, current, new)
    finally:
        archive.close()
    _out("密码已修改。")
    return EXIT_OK


def cmd_rekey(args: argparse.Namespace, pw: Passwords) -> int:
    with _session(args, pw) as (archive, actor):
        _, vault = keys.rekey(archive, actor)
    _out(
        "已更换档案主密钥" + ("和保密库密钥" if vault else "(保密库密钥须由保密专管员更换)") + "。"
    )
    return EXIT_OK


def cmd_backup(args: argparse.Namespace, pw: Passwords) -> int:
    """The whole archive as one file (administrator); the file is never left half-written."""
    with _session(args, pw) as (archive, actor):
        report = backup.create_backup(archive, actor, Path(args.out), overwrite=args.overwrite)
    _out(f"已备份到 {report.path}({report.size / 1_048_576:.1f} MB,用时 {report.seconds:.1f} 秒)。")
    _out(f"审计链头:{report.chain_seq}:{report.chain_hash}")
    _out(f"备份文件 SHA-256:{report.sha256}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, pw: Passwords) -> int:
    """Replace DIR with a backup once all of it checks out; an archive in DIR is moved aside."""
    password = pw.ask(f"用户 {args.as_login} 的密码(备份当时的密码)")
    report = backup.restore_backup(Path(args.source), Path(args.archive), args.as_login, password)
    info = report.info
    _out(f"已从备份恢复档案:{report.target}({info.branch_name})")
    _out(
        f"备份时间:{info.created_at.astimezone():%Y-%m-%d %H:%M},备份人:{info.created_by},"
        f"审计链头:{info.chain_seq}:{info.chain_hash}"
    )
    if report.replaced is not None:
        _out(f"原档案文件夹已改名保留:{report.replaced}")
    if not report.vault_checked:
        _out("保密库已按备份校验值核对;其内容请保密专管员登录后用 custarchive verify 校验。")
    return EXIT_OK


DEMO_ADMIN = ("admin", "张管理")
DEMO_CUSTODIAN = ("custodian", "孙保密")
DEMO_PEOPLE: list[tuple[str, str, list[Role]]] = [
    ("manager1", "王经理", [Role.MANAGER]),
    ("manager2", "刘经理", [Role.MANAGER]),
    ("director", "李主任", [Role.DIRECTOR, Role.UNIT_HEAD]),
    ("staff1", "陈员工", [Role.STAFF]),
    ("service", "周主管", [Role.SERVICE_HEAD]),
    ("inspector", "赵检查", [Role.INSPECTOR]),
]
#: printed at the end when no password comes from standard input; demo archives only
DEMO_PASSWORD = "Demo2026pass"


def cmd_demo(args: argparse.Namespace, pw: Passwords) -> int:
    """An archive to try the program with: the demo staff, one password, no forced change."""
    password = pw.ask("示范账户的统一密码") if args.password_stdin else DEMO_PASSWORD
    root = Path(args.archive)
    archive = accounts.create_archive(
        root,
        branch_name="涟源市示范信用社",
        branch_code="DEMO",
        admin=accounts.NewAccount(*DEMO_ADMIN, password),
        custodian=accounts.NewAccount(*DEMO_CUSTODIAN, password),
        kdf=DEFAULT_KDF,
    )
    try:
        admin = auth.authenticate(archive, DEMO_ADMIN[0], password)
        for login, name, roles in DEMO_PEOPLE:
            initial = "Initial2026x" if password != "Initial2026x" else "Initial2026y"
            accounts.add_user(archive, admin, accounts.NewAccount(login, name, initial), roles)
            person = auth.authenticate(archive, login, initial)
            accounts.change_own_password(archive, person, initial, password)
        if args.customers > 0:
            _demo_customers(archive, password, args.customers, args.seed)
    finally:
        archive.close()
    _out(f"示范档案已建立:{root}")
    for login, name, roles in [
        (*DEMO_ADMIN, [Role.ADMIN]),
        (*DEMO_CUSTODIAN, [Role.CUSTODIAN]),
        *DEMO_PEOPLE,
    ]:
        _out(f"  {login:10s} {name}  {'、'.join(r.label for r in roles)}")
    if not args.password_stdin:
        _out(f"所有示范账户的密码均为 {password}(仅供试用,切勿用于真实数据)。")
    return EXIT_OK


#: the demo customers' managers (customers alternate between them)
DEMO_MANAGERS = ("manager1", "manager2")
#: customers per import transaction when building a demo archive (bounds the memory used)
DEMO_BATCH = 10_000


def _demo_customers(archive: Archive, password: str, count: int, seed: int) -> None:
    """``count`` fictional customers through the import path, spread over the two managers."""
    started = time.perf_counter()
    managers = [auth.authenticate(archive, login, password) for login in DEMO_MANAGERS]
    totals: dict[str, int] = {}
    filed = 0
    batch: list[demo_data.DemoCustomer] = []

    def flush() -> None:
        nonlocal filed
        groups: dict[tuple[int, str], list[tuple[str, dict[str, object]]]] = {}
        for i, customer in enumerate(batch):
            groups.setdefault((i % len(managers), customer.category), []).append(
                (customer.subtype, customer.data)
            )
        for (who, category), records in sorted(groups.items()):
            report = customer_import.import_records(
                archive, managers[who], category=category, records=records, source="demo"
            )
            if report.status != customer_import.STATUS_IMPORTED:
                lines = "\n".join(str(p) for p in report.problems[:10])
                raise RuntimeError(f"demo data refused ({category}):\n{lines}")
            totals[report.category_label] = totals.get(report.category_label, 0) + report.imported
            filed += report.filed
        batch.clear()

    for customer in demo_data.iter_generate(count, seed):
        batch.append(customer)
        if len(batch) >= DEMO_BATCH:
            flush()
    flush()
    made = "、".join(f"{label} {n}" for label, n in totals.items())
    _out(
        f"已建立示范客户档案 {count} 份({made};在册 {filed}、草稿 {count - filed}),"
        f"分属 {'、'.join(DEMO_MANAGERS)},用时 {time.perf_counter() - started:.1f} 秒。"
    )


def _search_line(line: customers.CatalogueLine) -> str:
    kind = f"{line.category_label}/{line.subtype_label}"
    if line.can_open and line.tier == "ordinary" and line.display_name:
        return f"{line.archive_no}  {kind}  {line.display_name}"
    parts = [line.archive_no, kind, line.display_name or "—"]
    if line.tier != "ordinary":
        parts.append(f"【{line.tier_label}】")
    parts.append(f"客户经理:{line.manager_name}")
    return "  ".join(parts)


def cmd_search(args: argparse.Namespace, pw: Passwords) -> int:
    """One line per hit; content (the full name) only where the user may see it."""
    if args.limit < 1:
        raise InvalidInput("--limit 须为正整数。")
    with _session(args, pw) as (archive, actor):
        lines = customers.catalogue_page(
            archive,
            actor,
            filters=customers.CatalogueFilter(query=args.query),
            limit=args.limit,
        )
    for line in lines:
        _out(_search_line(line))
    if not lines:
        _out("没有找到符合条件的客户。")
    return EXIT_OK


def cmd_requests(args: argparse.Namespace, pw: Passwords) -> int:
    """One line per request: serial, kind, state, next step (catalogue lines only, no content)."""
    with _session(args, pw) as (archive, actor):
        lines = requests.listing(archive, actor, pending_only=args.pending)
    for line in lines:
        waiting = "(待您审批)" if line.for_me else ""
        step = f"下一步:{line.next_step}" if line.next_step else "已办结"
        _out(
            f"{line.serial}\t{line.kind_label}\t{line.state_label}\t{step}{waiting}\t"
            f"{line.subject}\t申请人:{line.requester_name}\t{line.created_at:%Y-%m-%d %H:%M}"
        )
    if not lines:
        _out("没有待办的申请。" if args.pending else "没有与您有关的申请。")
    return EXIT_OK


def _pdf_path(value: str) -> Path:
    path = Path(value)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    if not path.parent.is_dir():
        raise InvalidInput(f"文件夹“{path.parent}”不存在,请先建立或另选保存位置。")
    return path


def cmd_form(args: argparse.Namespace, pw: Passwords) -> int:
    """The 查阅申请表 as a PDF: an application by its serial, or the blank form (--blank)."""
    if args.blank and args.serial:
        raise InvalidInput("打印空白表不需要申请编号:请去掉编号,或去掉 --blank 打印该申请。")
    if not args.blank and not args.serial:
        raise InvalidInput("请给出查阅申请的编号(例如 CY-2026-000123),或用 --blank 打印空白表。")
    out = _pdf_path(args.out)
    with _session(args, pw) as (archive, actor):
        if args.blank:
            consultation_print.print_blank_form(archive, actor, out)
            _out(f"已生成空白查阅申请表:{out}")
            return EXIT_OK
        request_id = consultation_print.request_id_for(archive, actor, args.serial)
        serial = consultation_print.print_form(archive, actor, request_id, out)
    _out(f"已生成查阅申请表 {serial}:{out}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace, pw: Passwords) -> int:
    """Customer content to a file, only under a permit in force (article 17.1).

    The same rule as the program's: an approved copy request naming the
    customers and the form (Excel or PDF), or a consultation grant in 复制
    mode for a PDF. The file is watermarked and the export recorded; without
    a permit nothing is written and the refusal is recorded.
    """
    suffix = Path(args.out).suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise InvalidInput("导出文件须为 .xlsx(Excel)或 .pdf(PDF),请改正文件名。")
    with _session(args, pw) as (archive, actor):
        ids = copying.customer_ids_for(
            archive, actor, serial=args.request or "", archive_numbers=args.customer or ()
        )
        if suffix == ".xlsx":
            produced = copying.export_excel(archive, actor, ids, Path(args.out))
            out = produced.path
        else:
            out = _pdf_path(args.out)
            produced = copying.produce_pdf(archive, actor, ids, "pdf")
            copying.save_pdf(produced.data, out)
    _out(
        f"已导出 {produced.customers} 户客户的信息到 {out}"
        f"(带水印,依据 {'、'.join(produced.serials)})。用毕请及时删除,不得外传。"
    )
    return EXIT_OK


def _category_arg(value: str | None) -> str | None:
    if value is None:
        return None
    aliases = {
        "个人": "individual",
        "个人客户": "individual",
        "单位": "organisation",
        "单位客户": "organisation",
        "特殊类": "special",
        "特殊": "special",
        "特殊类客户": "special",
        "organization": "organisation",
    }
    return aliases.get(value.strip(), value.strip())


def cmd_import(args: argparse.Namespace, pw: Passwords) -> int:
    """Check (and unless --dry-run, import) a filled workbook; the report goes to stdout."""
    path = Path(args.file)
    mapping = customer_import.load_mapping(args.mapping) if args.mapping else None
    category = _category_arg(args.category)
    if category is None:
        sheet = customer_import.read_workbook(path, header_only=True)
        headers = list(sheet.headers)
        if mapping:
            headers += [v for v in mapping.values() if v]
        category = customer_import.guess_category(headers)
        if category is None:
            raise InvalidInput(
                "无法从列标题判断客户类别,请用 --category 指定(individual 个人、"
                "organisation 单位、special 特殊类)。"
            )
    with _session(args, pw) as (archive, actor):
        run = customer_import.dry_run if args.dry_run else customer_import.import_customers
        report = run(archive, actor, path, category=category, subtype=args.subtype, mapping=mapping)
    for line in report.lines():
        _out(line)
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def cmd_import_template(args: argparse.Namespace, pw: Passwords) -> int:
    """The blank workbook: the template's labels only, so no login is asked for."""
    root = Path(args.archive)
    if not is_archive(root):
        raise InvalidInput(f"“{root}”不是档案文件夹(找不到 archive.json)。")
    category = _category_arg(args.category) or ""
    written = customer_import.write_import_template(category, Path(args.out))
    template = current_template()
    label = template.category(category).label
    _out(f"已生成{label}导入表:{written}(分类模板第 {template.version} 版)。")
    return EXIT_OK


#: the self-test's people (fictional, in a temporary archive) share this password
SELFTEST_PASSWORD = "Selftest2026x"


def cmd_selftest(args: argparse.Namespace, pw: Passwords) -> int:
    """What an installation needs, tried on a temporary archive that is removed afterwards.

    Creates an archive (SQLCipher, the key derivation, the migrations), adds a
    customer manager who files one fictional customer (the template, the ID-number
    checks, the pinyin index), checks that no file of the archive holds that
    customer's name, ID number or mobile in plain form, reopens the archive, reads
    the customer back and finds it by name and by ID number, renders the blank
    consultation form in memory (reportlab, the Chinese font), verifies the
    archive and removes the folder. The customer is demo data, never a real one.
    """
    folder = Path(tempfile.mkdtemp(prefix="custarchive-selftest-"))
    root = folder / "archive"
    password = SELFTEST_PASSWORD
    initial = "Initial2026x"
    problems: list[str] = []
    step = "建立档案库"
    try:
        archive = accounts.create_archive(
            root,
            branch_name="自检",
            branch_code="SELFTEST",
            admin=accounts.NewAccount("selfadmin", "自检管理员", password),
            custodian=accounts.NewAccount("selfkeeper", "自检保密员", password),
            kdf=DEFAULT_KDF,
        )
        try:
            step = "新增客户经理"
            admin = auth.authenticate(archive, "selfadmin", password)
            accounts.add_user(
                archive,
                admin,
                accounts.NewAccount("selfmanager", "自检客户经理", initial),
                frozenset({Role.MANAGER}),
            )
            manager = auth.authenticate(archive, "selfmanager", initial)
            accounts.change_own_password(archive, manager, initial, password)
            step = "建立客户档案"
            manager = auth.authenticate(archive, "selfmanager", password)
            sample = demo_data.generate(1, seed=2026)[0]
            ref = customers.create_customer(
                archive, manager, category=sample.category, subtype=sample.subtype, data=sample.data
            )
        finally:
            archive.close()
        step = "检查档案文件已加密"
        plain = [
            str(sample.data[key]).encode()
            for key in ("name", "id_number", "mobile")
            if sample.data.get(key)
        ]
        for path in sorted(root.rglob("*")):
            if path.is_file() and any(text in path.read_bytes() for text in plain):
                problems.append(f"档案文件 {path.name} 中有未加密的客户信息。")
        step = "重新打开档案库"
        archive = Archive.open(root)
        try:
            manager = auth.authenticate(archive, "selfmanager", password)
            step = "读取客户档案"
            content = customers.open_customer(archive, manager, ref.id)
            for key in ("name", "id_number", "mobile"):
                if content.data.get(key) != sample.data.get(key):
                    problems.append(f"读回的客户档案与写入的不一致({key})。")
            step = "检索客户"
            for key, label in (("name", "姓名"), ("id_number", "证件号码")):
                hits = customers.catalogue_page(
                    archive, manager, filters=customers.CatalogueFilter(query=sample.data[key])
                )
                if ref.id not in {hit.id for hit in hits}:
                    problems.append(f"按{label}检索找不到自检客户。")
            step = "生成 PDF"
            if not consultation_print.blank_form_pdf(archive, manager).startswith(b"%PDF-"):
                problems.append("生成的空白查阅申请表不是 PDF。")
            step = "校验档案库"
            keeper = auth.authenticate(archive, "selfkeeper", password)
            report = integrity.verify(archive, keeper)
            problems.extend(report.problems)
        finally:
            archive.close()
    except Exception:
        print(f"自检未通过:{step}时出错。", file=sys.stderr)
        raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if folder.exists():
        problems.append(f"临时档案文件夹未能删除:{folder}")
    if problems:
        for problem in problems:
            print(f"问题:{problem}", file=sys.stderr)
        print(f"自检发现 {len(problems)} 个问题。", file=sys.stderr)
        return EXIT_PROBLEMS
    _out(
        f"自检通过({__version__}):建立加密档案库、写入并读回客户档案、检索、"
        "生成 PDF、校验与删除均正常。"
    )
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="custarchive", description=f"{APP_TITLE}。不带子命令时启动图形界面。"
    )
    parser.add_argument("--version", action="version", version=f"custarchive {__version__}")
    # without a command the windows start (app.__main__), which take this option too
    parser.add_argument(
        "--archive", metavar="目录", help="不带子命令时:图形界面打开的档案文件夹(默认为上次使用的)"
    )
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="从标准输入读取密码,每行一个,按命令询问的顺序(操作人的密码在先)",
    )
    sub = parser.add_subparsers(dest="command", metavar="命令")

    def add(name: str, func: Callable[..., int], help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        p.add_argument(
            "--password-stdin",
            action="store_true",
            default=argparse.SUPPRESS,
            help="从标准输入读取密码(每行一个)",
        )
        return p

    def archive_as(p: argparse.ArgumentParser) -> None:
        p.add_argument("--archive", required=True, metavar="目录", help="档案文件夹")
        p.add_argument("--as", dest="as_login", required=True, metavar="登录名", help="操作人")

    p = add("init", cmd_init, "建立新的档案库(系统管理员与第一名保密专管员)")
    p.add_argument("--archive", required=True, metavar="目录")
    p.add_argument("--branch", required=True, metavar="名称", help="信用社(网点)名称")
    p.add_argument("--branch-code", default="", metavar="代码", help="网点代码")
    p.add_argument("--admin", required=True, metavar="登录名")
    p.add_argument("--admin-name", default="", metavar="姓名")
    p.add_argument("--custodian", required=True, metavar="登录名")
    p.add_argument("--custodian-name", default="", metavar="姓名")

    user = sub.add_parser("user", help="用户管理").add_subparsers(
        dest="user_command", metavar="子命令", required=True
    )
    p = user.add_parser("add", help="新增用户", description="新增用户(初始密码须在首次登录时修改)")
    p.set_defaults(func=cmd_user_add)
    p.add_argument("--password-stdin", action="store_true", default=argparse.SUPPRESS)
    archive_as(p)
    p.add_argument("login", metavar="新登录名")
    p.add_argument(
        "--role",
        action="append",
        required=True,
        choices=[r.value for r in Role],
        help="角色,可重复:" + ",".join(f"{r.value}={r.label}" for r in Role),
    )
    p.add_argument("--name", default="", metavar="姓名")
    p.add_argument("--department", default="", metavar="部门")
    p.add_argument("--position", default="", metavar="职务")
    p.add_argument("--phone", default="", metavar="电话")
    p.add_argument(
        "--custodian",
        default="",
        metavar="登录名",
        help="授予保密专管员角色时,到场确认的保密专管员",
    )

    archive_as(add("verify", cmd_verify, "校验档案头、两个数据库与审计链的完整性"))
    archive_as(add("passwd", cmd_passwd, "修改本人密码(先输入当前密码,再输入新密码)"))
    archive_as(add("rekey", cmd_rekey, "更换档案密钥并重新封装给每个用户"))
    p = add("backup", cmd_backup, "备份整个档案到一个文件(系统管理员;数据库保持加密)")
    archive_as(p)
    p.add_argument("--out", required=True, metavar="文件", help="备份文件,建议存到另一个磁盘或U盘")
    p.add_argument("--overwrite", action="store_true", help="同名文件已存在时覆盖")
    p = add("restore", cmd_restore, "从备份恢复档案:先完整校验备份,原档案文件夹改名保留")
    archive_as(p)
    p.add_argument("--from", dest="source", required=True, metavar="文件", help="备份文件")
    p = add("demo", cmd_demo, "建立一个供试用的示范档案库")
    p.add_argument("--archive", required=True, metavar="目录")
    p.add_argument(
        "--customers",
        type=int,
        default=0,
        metavar="N",
        help="同时建立 N 份虚构的客户档案(各类别、各子类,分属 manager1 和 manager2)",
    )
    p.add_argument(
        "--seed", type=int, default=1, metavar="S", help="随机种子(相同种子得到相同数据)"
    )

    p = add("search", cmd_search, "检索客户:每个结果一行(无权查看内容的只显示目录行)")
    archive_as(p)
    p.add_argument("query", metavar="检索词", help="档案编号、姓名、证件号码、电话、地址或拼音")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="最多显示 N 条(默认 50)")

    p = add("requests", cmd_requests, "列出与您有关的申请:编号、类别、状态和下一步")
    archive_as(p)
    p.add_argument("--pending", action="store_true", help="只列出尚未办结(草稿或审批中)的申请")

    p = add("form", cmd_form, "打印数码客户信息查阅申请表(PDF):按申请编号,或空白表")
    archive_as(p)
    p.add_argument("serial", nargs="?", default="", metavar="申请编号", help="例如 CY-2026-000123")
    p.add_argument("--blank", action="store_true", help="打印空白表(供书面填写),不需要申请编号")
    p.add_argument("--out", required=True, metavar="文件.pdf", help="保存的 PDF 文件")

    p = add("export", cmd_export, "导出客户信息(须有经批准的复制摘录申请;文件带水印并记入审计)")
    archive_as(p)
    p.add_argument("--request", metavar="申请编号", help="复制摘录申请编号,导出其所列客户")
    p.add_argument("--customer", action="append", metavar="档案编号", help="导出此档案(可重复)")
    p.add_argument("--out", required=True, metavar="文件", help=".xlsx(Excel)或 .pdf")

    p = add("import", cmd_import, "从 Excel(.xlsx)导入客户名单:先检查,无误才整批导入")
    archive_as(p)
    p.add_argument("file", metavar="文件.xlsx")
    p.add_argument(
        "--mapping",
        metavar="映射文件",
        help='列对照(JSON):{"列标题": "字段代码或名称"};按导入表填写的无需此项',
    )
    p.add_argument(
        "--category",
        choices=["individual", "organisation", "special"],
        help="客户类别(不指定时按列标题判断)",
    )
    p.add_argument("--subtype", metavar="子类", help="“子类”列留空的行按此子类导入(代码或名称)")
    p.add_argument(
        "--dry-run", action="store_true", help="只检查并列出问题,不导入(无问题时退出码 0)"
    )

    p = add(
        "import-template",
        cmd_import_template,
        "生成某类客户的空白导入表(只含分类模板的列标题,不含客户信息,无需登录)",
    )
    p.add_argument("--archive", required=True, metavar="目录", help="档案文件夹")
    p.add_argument("--category", required=True, choices=["individual", "organisation", "special"])
    p.add_argument("--out", required=True, metavar="文件.xlsx")
    add("selftest", cmd_selftest, "自检:在临时档案库中写入、读回、检索、校验,然后删除它")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if getattr(args, "func", None) is None:
        from app.__main__ import main as gui_main

        return gui_main(list(argv) if argv is not None else None)
    try:
        return int(args.func(args, Passwords(args.password_stdin)))
    except AppError as exc:
        print(exc.message, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # a defect: say so without quoting anything
        print(
            f"程序发生意外错误({type(exc).__name__}),操作未完成。请联系系统管理员。",
            file=sys.stderr,
        )
        return EXIT_DEFECT


if __name__ == "__main__":
    sys.exit(main())
