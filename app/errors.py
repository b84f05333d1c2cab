"""Domain exceptions, each carrying the message a person at the counter reads.

Every layer raises these; the views and the command line turn them into a
dialog or a line on stderr in one place each. Messages never contain customer
data: they may name a login, a file name or a number, nothing a customer told
the branch.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any


class AppError(Exception):
    """Base of everything a person may be shown. ``str()`` is the Chinese message."""

    #: exit code of the command line for this kind of failure
    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- the archive on disk -------------------------------------------------------------


class ArchiveError(AppError):
    """The archive folder cannot be used as it is."""


class ArchiveNotFound(ArchiveError):
    def __init__(self, path: str, missing: str) -> None:
        super().__init__(
            f"在“{path}”找不到档案文件 {missing}。请确认选择的是档案文件夹;"
            "如文件已丢失,请从备份恢复。"
        )
        self.missing = missing


class ArchiveExists(ArchiveError):
    def __init__(self, path: str) -> None:
        super().__init__(f"“{path}”中已有档案,不能在此处新建。请选择一个空文件夹。")


class ArchiveDamaged(ArchiveError):
    def __init__(self, what: str) -> None:
        super().__init__(
            f"档案已损坏或被改动:{what}。档案未作任何修改;请联系系统管理员从备份恢复。"
        )
        self.what = what


class ArchiveTooNew(ArchiveError):
    def __init__(self, found: object, supported: object) -> None:
        super().__init__(
            f"此档案由更新版本的程序创建(格式 {found},本程序支持到 {supported})。"
            "请安装最新版本的程序后再打开;档案未作任何修改。"
        )


class ArchiveInUse(ArchiveError):
    def __init__(self, path: str) -> None:
        super().__init__(
            f"档案“{path}”已在另一个程序窗口中打开。请先关闭那个窗口,同一档案同时只能打开一次。"
        )


class MigrationFailed(ArchiveError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            f"档案结构升级失败({detail})。档案已保持升级前的状态,可继续用旧版本程序打开;"
            "请将此信息报告系统管理员。"
        )


class StorageFull(ArchiveError):
    def __init__(self) -> None:
        super().__init__("磁盘空间不足或文件无法写入,本次操作未保存。请释放磁盘空间后重试。")


# --- people and passwords ------------------------------------------------------------


class AuthError(AppError):
    """Authentication failed; nothing was opened."""


class UnknownUser(AuthError):
    def __init__(self, login: str) -> None:
        super().__init__(f"没有名为“{login}”的用户。请检查登录名,或联系系统管理员。")


class WrongPassword(AuthError):
    def __init__(self, remaining: int) -> None:
        if remaining > 0:
            text = f"密码错误。再错 {remaining} 次,此登录名将被锁定 15 分钟。"
        else:
            text = "密码错误。此登录名已被锁定 15 分钟。"
        super().__init__(text)
        self.remaining = remaining


class LoginLocked(AuthError):
    def __init__(self, until: datetime) -> None:
        local = until.astimezone().strftime("%H:%M")
        super().__init__(f"密码连续输错 5 次,此登录名已锁定,请于 {local} 后再试。")
        self.until = until


class AccountDisabled(AuthError):
    def __init__(self, login: str) -> None:
        super().__init__(f"用户“{login}”已停用。如需恢复,请联系系统管理员。")


class PasswordChangeRequired(AuthError):
    def __init__(self, login: str) -> None:
        super().__init__(
            f"用户“{login}”须先修改初始密码才能进行其他操作。"
            "请在登录后修改密码,或使用命令 custarchive passwd。"
        )


class PasswordRejected(AppError):
    """A new password does not meet the rules."""


# --- rules of the policy ---------------------------------------------------------------


class NotPermitted(AppError):
    def __init__(self, action_label: str) -> None:
        super().__init__(f"您没有“{action_label}”的权限。如确有工作需要,请按制度提出申请。")


class NotEligible(NotPermitted):
    """This person holds the role but may not decide this particular step (and why)."""

    def __init__(self, why: str) -> None:
        AppError.__init__(self, why)


class SeparationOfDuties(AppError):
    """The same person may not hold two sides of one decision."""


class InvalidInput(AppError):
    """A value typed by a person is not acceptable; the message says which and why."""


class NothingChanged(InvalidInput):
    def __init__(self) -> None:
        super().__init__("与现有档案相比没有任何改动,无需提出修改申请。")


class Conflict(AppError):
    """The action conflicts with the current state (last custodian, duplicate login...)."""


# --- customer archives ------------------------------------------------------------------


class FormRejected(InvalidInput):
    """Values that can never be saved; ``problems`` says which field (and row) and why.

    Each problem is an ``app.template.validation.Problem`` (key, message, row,
    column); the form shows each one at its field. The message lists them too,
    for the command line.
    """

    def __init__(self, problems: list[Any], labels: dict[str, str] | None = None) -> None:
        labels = labels or {}
        lines = []
        for problem in problems:
            where = labels.get(problem.key, problem.key)
            if getattr(problem, "row", None) is not None:
                where += f" 第 {problem.row + 1} 行"
            lines.append(f"· {where}:{problem.message}")
        super().__init__(f"有 {len(problems)} 处填写需要更正,未保存:\n" + "\n".join(lines))
        self.problems = list(problems)


class DuplicateCustomer(Conflict):
    """The same resident ID or credit code already has an archive: never a second copy."""

    def __init__(self, archive_no: str) -> None:
        super().__init__(
            f"此证件号码已建有客户档案,档案编号 {archive_no}。"
            "同一客户不能重复建档;请在目录中按档案编号查找该档案。"
        )
        self.archive_no = archive_no


class ConsultationRequired(NotPermitted):
    """Customer content opens only for its own manager; everyone else applies (arts. 13-14)."""

    def __init__(self, archive_no: str) -> None:
        AppError.__init__(
            self,
            f"档案 {archive_no} 的客户信息只有其管户客户经理可以查看。"
            "如因工作需要查阅,请提出查阅申请(制度第13、14条),经客户经理审核、单位负责人签字后查阅。",
        )
        self.archive_no = archive_no


class CustodianRequired(AppError):
    """Secret-tier content is in the vault: a custodian must authenticate in person (art. 16)."""

    def __init__(self) -> None:
        super().__init__(
            "“机密”“绝密”档案的内容单独存放于保密库,须由保密专管员本人到场输入密码后才能开启。"
        )


class CopyRequired(NotPermitted):
    """Content leaves the archive only under an approved copy request or grant (art. 17.1)."""

    def __init__(self, archive_numbers: list[str], form_label: str) -> None:
        shown = "、".join(archive_numbers[:5]) + (
            f" 等 {len(archive_numbers)} 户" if len(archive_numbers) > 5 else ""
        )
        AppError.__init__(
            self,
            f"档案 {shown} 没有正在生效的“{form_label}”许可,不能{form_label}。"
            "复制、摘录、导出或打印客户信息,须先提出复制摘录申请,"
            "经主任或管户客户经理批准(制度第17条第1款);或依据“复制”“摘抄”方式的查阅授权。",
        )
        self.archive_numbers = archive_numbers
