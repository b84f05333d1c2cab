"""The branch's password and login rules, and that refusals say exactly what is missing."""

from __future__ import annotations

import pytest

from app.errors import AppError, InvalidInput, PasswordRejected
from app.security.passwords import MIN_LENGTH, check_login, check_password


@pytest.mark.parametrize(
    "password",
    ["Guanli2026x", "abcdefghi1", "1234567890a", "长密码也可以Abc12345", "A1" * 5],
)
def test_good_passwords_pass(password: str) -> None:
    assert check_password(password, "zhangsan") is None


@pytest.mark.parametrize(
    ("password", "needed"),
    [
        ("Abc123", f"至少 {MIN_LENGTH} 个字符"),
        ("abcdefghijk", "包含数字"),
        ("12345678901", "包含字母"),
        ("密码密码密码密码密码1", "包含字母"),  # Chinese characters are not the letters asked for
        ("xzhangsan2026", "不能包含登录名"),
        ("XZhangSan2026", "不能包含登录名"),
        (" Abcdefg2026", "首尾不能有空格"),
        ("Abcdefg2026 ", "首尾不能有空格"),
    ],
)
def test_each_rule_is_named(password: str, needed: str) -> None:
    with pytest.raises(PasswordRejected) as info:
        check_password(password, "zhangsan")
    message = str(info.value)
    assert isinstance(info.value, AppError)
    assert message.startswith("密码不符合要求")
    assert needed in message


def test_all_missing_rules_are_listed_at_once() -> None:
    with pytest.raises(PasswordRejected) as info:
        check_password("abc", "zhangsan")
    message = str(info.value)
    assert f"至少 {MIN_LENGTH} 个字符" in message
    assert "包含数字" in message
    assert "包含字母" not in message
    assert message.endswith("。")


def test_exactly_min_length_is_enough() -> None:
    check_password("a" * (MIN_LENGTH - 1) + "1", "zhangsan")
    with pytest.raises(PasswordRejected):
        check_password("a" * (MIN_LENGTH - 2) + "1", "zhangsan")


def test_empty_login_does_not_reject_everything() -> None:
    check_password("Abcdefg2026", "")


def test_the_password_is_never_echoed() -> None:
    with pytest.raises(PasswordRejected) as info:
        check_password("Mimi7secret", "mimi7secret")
    assert "Mimi7secret" not in str(info.value)


@pytest.mark.parametrize("login", ["zhangsan", "li.si", "wang-wu", "a1", "zhao_6", "x" * 32])
def test_good_logins(login: str) -> None:
    assert check_login(login) is None


@pytest.mark.parametrize(
    "login",
    ["", "a", "Zhangsan", "1abc", "zhang san", "张三", "x" * 33, "_abc", "abc!", "ab\n"],
)
def test_bad_logins_are_explained(login: str) -> None:
    with pytest.raises(InvalidInput) as info:
        check_login(login)
    message = str(info.value)
    assert "登录名" in message
    assert "小写英文字母开头" in message
    assert "例如" in message
