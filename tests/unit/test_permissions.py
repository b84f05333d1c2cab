"""The permission matrix, cell by cell, against a grid written out here by hand.

The grid below is the policy as read from the regulation, kept independent of
``app.security.permissions.MATRIX``: a change to either one without the other
fails and names the cell. Letters:

    A 系统管理员  M 客户经理  D 主任  U 单位负责人
    C 保密专管员  S 客户服务管理部主管  I 检查人员  W 工作人员
"""

from __future__ import annotations

import re

import pytest

from app.errors import AppError, NotPermitted
from app.security import permissions
from app.security.permissions import (
    ACTION_LABELS,
    CONTENT_ACTIONS,
    MATRIX,
    Action,
    allowed,
    require,
)
from app.security.roles import ROLE_LABELS, Role, parse_roles

LETTERS: dict[str, Role] = {
    "A": Role.ADMIN,
    "M": Role.MANAGER,
    "D": Role.DIRECTOR,
    "U": Role.UNIT_HEAD,
    "C": Role.CUSTODIAN,
    "S": Role.SERVICE_HEAD,
    "I": Role.INSPECTOR,
    "W": Role.STAFF,
}

# action                      roles allowed (every other role is denied)
EXPECTED_GRID = """
user.manage                   A
user.revoke                   A
custodian.grant               C
archive.rekey                 A C
archive.verify                A D C S I
backup.create                 A
backup.restore                A
settings.edit                 A
password.change_own           A M D U C S I W
audit.view                    S I
home.view                     A M D U C S I W
catalogue.view                M D U C S I W
customer.create               M
customer.view_own             M
customer.view_granted         M D U C S I W
customer.import               M
carrier.register              M C
update.submit                 M D U C S I W
update.decide                 M
modification.draft            M
modification.approve          D
inspection.perform            I
inspection.sign               D
inspection.view               D S I
checkout.record               M C
reconciliation.perform        C I
label.print                   M C
consultation.apply            M D U C S I W
consultation.review           M
consultation.sign             U
consultation.form_print       M D U C S I W
tier.raise                    M
tier.lower_approve            D
vault.access                  C
copy.request                  M D U C S I W
copy.approve                  M D
content.export                M D U C S I W
transfer.record               M C W
external.request              M W
external.approve_manager      M
external.approve_director     D
retention.revise              S
destruction.request           M C
destruction.approve           D
incident.report               A M D U C S I W
incident.handle               S
statistics.view               M D S I
statistics.export             M D S I
statistics.view_branch        D S I
template.revise               S
"""


def _parse_grid(text: str) -> dict[str, frozenset[Role]]:
    grid: dict[str, frozenset[Role]] = {}
    for line in text.strip().splitlines():
        name, *letters = line.split()
        assert name not in grid, f"grid lists {name} twice"
        grid[name] = frozenset(LETTERS[letter] for letter in letters)
    return grid


EXPECTED = _parse_grid(EXPECTED_GRID)
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_grid_names_every_action_exactly_once() -> None:
    assert set(EXPECTED) == {a.value for a in Action}, (
        "grid and Action enum differ: "
        f"only in grid {sorted(set(EXPECTED) - {a.value for a in Action})}, "
        f"only in enum {sorted({a.value for a in Action} - set(EXPECTED))}"
    )


@pytest.mark.parametrize("action", list(Action), ids=lambda a: a.value)
def test_every_cell_of_the_matrix(action: Action) -> None:
    wrong = []
    for role in Role:
        expected = role in EXPECTED[action.value]
        actual = allowed([role], action)
        if expected != actual:
            wrong.append(
                f"({action.value}, {role.value} {ROLE_LABELS[role]}): "
                f"expected {'allow' if expected else 'deny'}, "
                f"matrix says {'allow' if actual else 'deny'}"
            )
    assert not wrong, "permission cells differ from the policy grid:\n" + "\n".join(wrong)


def test_the_whole_grid_cell_count() -> None:
    """Walks all action x role cells in one go so a summary of every wrong cell is shown."""
    cells = 0
    wrong = []
    for action in Action:
        for role in Role:
            cells += 1
            if (role in EXPECTED[action.value]) != (role in MATRIX[action]):
                wrong.append(f"{action.value}/{role.value}")
    assert cells == len(Action) * len(Role) == 50 * 8
    assert wrong == []


def test_every_action_has_a_matrix_entry_and_a_label() -> None:
    assert set(MATRIX) == set(Action)
    assert set(ACTION_LABELS) == set(Action)
    for action in Action:
        label = ACTION_LABELS[action]
        assert label == action.label
        assert CJK.search(label), f"label of {action.value} is not Chinese: {label!r}"
    assert len(set(ACTION_LABELS.values())) == len(Action), "two actions share one label"


def test_matrix_holds_only_roles() -> None:
    for action, roles in MATRIX.items():
        assert roles <= set(Role), action
        assert isinstance(roles, frozenset), f"{action.value} is mutable"


def test_admin_holds_no_content_action() -> None:
    leaks = [a.value for a in CONTENT_ACTIONS if Role.ADMIN in MATRIX[a]]
    assert leaks == [], f"the administrator may touch customer content via {leaks}"
    for action in CONTENT_ACTIONS:
        assert not allowed([Role.ADMIN], action), action


def test_content_actions_cover_the_reading_and_moving_of_content() -> None:
    # a few that must be there whatever else changes
    for action in (
        Action.CUSTOMER_VIEW_OWN,
        Action.CUSTOMER_VIEW_GRANTED,
        Action.VAULT_ACCESS,
        Action.CONTENT_EXPORT,
        Action.CATALOGUE_VIEW,
    ):
        assert action in CONTENT_ACTIONS


def test_admin_exact_powers() -> None:
    admin_actions = {a.value for a in Action if allowed([Role.ADMIN], a)}
    assert admin_actions == {
        "user.manage",
        "user.revoke",
        "archive.rekey",
        "archive.verify",
        "backup.create",
        "backup.restore",
        "settings.edit",
        "password.change_own",
        "home.view",
        "incident.report",
    }


@pytest.mark.parametrize("roles", [[], (), frozenset(), set()], ids=["list", "tuple", "fs", "set"])
def test_no_roles_no_actions(roles: object) -> None:
    for action in Action:
        assert not allowed(roles, action), action  # type: ignore[arg-type]
        with pytest.raises(NotPermitted):
            require(roles, action)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["root", "superuser", "", "ADMIN", "系统管理员", "admin "])
def test_unknown_role_names_are_denied(name: str) -> None:
    for action in Action:
        assert not allowed([name], action), (name, action)  # type: ignore[list-item]


def test_unknown_role_names_are_refused_by_parse_roles() -> None:
    with pytest.raises(ValueError, match="root"):
        parse_roles(["manager", "root"])
    assert parse_roles("manager") == frozenset({Role.MANAGER})
    assert parse_roles(["custodian", "staff"]) == frozenset({Role.CUSTODIAN, Role.STAFF})


def test_default_deny_for_an_action_missing_from_the_matrix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reduced = dict(MATRIX)
    del reduced[Action.HOME_VIEW]
    monkeypatch.setattr(permissions, "MATRIX", reduced)
    for role in Role:
        assert not allowed([role], Action.HOME_VIEW)
    assert not allowed(list(Role), Action.HOME_VIEW)


def test_several_roles_combine() -> None:
    assert not allowed([Role.STAFF], Action.CUSTOMER_CREATE)
    assert allowed([Role.STAFF, Role.MANAGER], Action.CUSTOMER_CREATE)
    assert allowed({Role.ADMIN, Role.CUSTODIAN}, Action.VAULT_ACCESS)
    assert not allowed({Role.ADMIN, Role.INSPECTOR}, Action.VAULT_ACCESS)


def test_require_raises_not_permitted_with_the_chinese_label() -> None:
    with pytest.raises(NotPermitted) as info:
        require([Role.STAFF], Action.VAULT_ACCESS)
    message = str(info.value)
    assert isinstance(info.value, AppError)
    assert "开启保密库" in message
    assert "权限" in message
    assert info.value.message == message
    assert "vault.access" not in message


def test_require_passes_silently_when_allowed() -> None:
    assert require([Role.CUSTODIAN], Action.VAULT_ACCESS) is None
    assert require([Role.ADMIN], Action.USER_MANAGE) is None


@pytest.mark.parametrize(
    "action",
    [a for a in Action if EXPECTED[a.value] != frozenset(Role)],
    ids=lambda a: a.value,
)
def test_every_refusal_names_its_action(action: Action) -> None:
    denied = [r for r in Role if r not in EXPECTED[action.value]]
    with pytest.raises(NotPermitted, match=re.escape(ACTION_LABELS[action])):
        require([denied[0]], action)
