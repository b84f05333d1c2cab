"""Audit details read in Chinese: inspectors should not need to know the codes."""

from __future__ import annotations

from app.security.audit import describe_details


def test_roles_and_coded_values_are_named_in_chinese() -> None:
    assert describe_details({"roles": ["manager", "staff"]}) == "角色:客户经理、工作人员"
    assert describe_details({"reason": "wrong_password"}) == "原因:密码错误"
    assert describe_details({"purpose": "in_person"}) == "用途:本人到场确认"
    assert describe_details({"stage": "done", "vault": True}) == "阶段:完成;含保密库:是"


def test_unknown_keys_and_values_are_shown_as_they_are() -> None:
    assert describe_details({"reason": "something_new", "extra": 3}) == (
        "extra:3;原因:something_new"
    )
    assert describe_details({"roles": ["nobody"]}) == "角色:nobody"
    assert describe_details({}) == ""
