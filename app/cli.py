"""The command line: the same workflows as the windows, for scripts, tests and the admin.

Passwords never come from arguments (they would stay in shell history and
process lists): from a prompt, or with ``--password-stdin`` one per line in
the order the command asks, the acting user's first. Exit codes: 0 done,
1 ``verify`` found problems, 2 usage, authentication or archive errors,
70 an unexpected defect (reported without details that could hold data).
"""

from __future__ import annotations

import argparse
import getpass
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from app import APP_TITLE, __version__
from app.errors import AppError, InvalidInput
from app.security.kdf import DEFAULT_KDF
from app.security.roles import ROLE_LABELS, Role
from app.storage.archive import Archive
from app.workflows import accounts, auth, integrity, keys
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


def cmd_selftest(args: argparse.Namespace, pw: Passwords) -> int:
    """Create, write, reopen, verify and remove a temporary archive."""
    folder = Path(tempfile.mkdtemp(prefix="custarchive-selftest-"))
    try:
        password = "Selftest2026x"
        archive = accounts.create_archive(
            folder / "archive",
            branch_name="自检",
            branch_code="SELFTEST",
            admin=accounts.NewAccount("selfadmin", "自检管理员", password),
            custodian=accounts.NewAccount("selfkeeper", "自检保密员", password),
            kdf=DEFAULT_KDF,
        )
        archive.close()
        archive = Archive.open(folder / "archive")
        try:
            keeper = auth.authenticate(archive, "selfkeeper", password)
            report = integrity.verify(archive, keeper)
        finally:
            archive.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if not report.sound:
        for problem in report.problems:
            print(f"问题:{problem}", file=sys.stderr)
        return EXIT_PROBLEMS
    _out(f"自检通过({__version__}):建立、加密、重新打开与校验均正常。")
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="custarchive", description=f"{APP_TITLE}。不带子命令时启动图形界面。"
    )
    parser.add_argument("--version", action="version", version=f"custarchive {__version__}")
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
    p = add("demo", cmd_demo, "建立一个供试用的示范档案库")
    p.add_argument("--archive", required=True, metavar="目录")
    add("selftest", cmd_selftest, "自检:建立、校验并删除一个临时档案库")
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
