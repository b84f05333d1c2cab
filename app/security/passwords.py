"""The branch's password rules, checked before any key is wrapped."""

from __future__ import annotations

import re

from app.errors import InvalidInput, PasswordRejected

MIN_LENGTH = 10
LOGIN_PATTERN = re.compile(r"^[a-z][a-z0-9_.-]{1,31}$")


def check_password(password: str, login: str) -> None:
    """Raise :class:`PasswordRejected` saying exactly what is missing."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(f"至少 {MIN_LENGTH} 个字符")
    if not any(ch.isascii() and ch.isalpha() for ch in password):
        problems.append("包含字母")
    if not any(ch.isdigit() for ch in password):
        problems.append("包含数字")
    if login and login.lower() in password.lower():
        problems.append("不能包含登录名")
    if password != password.strip():
        problems.append("首尾不能有空格")
    if problems:
        raise PasswordRejected("密码不符合要求:须" + "、".join(problems) + "。")


def check_login(login: str) -> None:
    if not LOGIN_PATTERN.fullmatch(login):
        raise InvalidInput(
            f"登录名“{login}”不可用:须以小写英文字母开头,由 2–32 个小写字母、数字、"
            "下划线、点或短横线组成(例如 zhangsan)。"
        )
