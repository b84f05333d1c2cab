"""The people of the policy, as roles a user may hold (several at once)."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    DIRECTOR = "director"
    UNIT_HEAD = "unit_head"
    CUSTODIAN = "custodian"
    SERVICE_HEAD = "service_head"
    INSPECTOR = "inspector"
    STAFF = "staff"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.ADMIN: "系统管理员",
    Role.MANAGER: "客户经理",
    Role.DIRECTOR: "主任",
    Role.UNIT_HEAD: "单位负责人",
    Role.CUSTODIAN: "保密专管员",
    Role.SERVICE_HEAD: "客户服务管理部主管",
    Role.INSPECTOR: "检查人员",
    Role.STAFF: "工作人员",
}


def parse_roles(names: object) -> frozenset[Role]:
    """Roles from stored or typed names; unknown names are an error, never ignored."""
    if isinstance(names, str):
        names = [names]
    result: set[Role] = set()
    for name in names:  # type: ignore[attr-defined]
        try:
            result.add(Role(name))
        except ValueError:
            raise ValueError(f"unknown role {name!r}") from None
    return frozenset(result)
