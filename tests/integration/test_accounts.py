"""Accounts: who may hand over the vault key, the last custodian and the last admin,
resets and revocations, and the audit event each change writes."""

from __future__ import annotations

from contextlib import closing

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.errors import (
    AccountDisabled,
    Conflict,
    InvalidInput,
    LoginLocked,
    NotPermitted,
    PasswordRejected,
    SeparationOfDuties,
    UnknownUser,
    WrongPassword,
)
from app.models import User, UserKey, VaultRecord
from app.security.roles import Role
from app.storage.database import raw_connect
from app.workflows import accounts, auth
from app.workflows.accounts import NewAccount
from app.workflows.auth import Actor
from tests.conftest import ADMIN, CUSTODIAN, PASSWORDS, Branch
from tests.integration.helpers import audit_actions, audit_rows, details, last_seq, snapshot


def _keeper(branch: Branch) -> Actor:
    """The custodian, present and typing her own password at the admin's desk."""
    return accounts.authenticate_in_person(branch.archive, "keeper", CUSTODIAN[2])


def _user(branch: Branch, login: str) -> User:
    with branch.archive.unit_of_work() as uow:
        user = uow.session.scalar(sa.select(User).where(User.login == login))
        assert user is not None
        _ = list(user.keys), list(user.roles)
        uow.session.expunge_all()
        return user


def _keys(branch: Branch, login: str) -> list[UserKey]:
    return list(_user(branch, login).keys)


def _second_custodian(branch: Branch, login: str = "keeper2") -> Actor:
    accounts.add_user(
        branch.archive,
        branch.admin,
        NewAccount(login, "保密员丙", "Chushi2026kp2"),
        [Role.CUSTODIAN],
        custodian=_keeper(branch),
    )
    first = auth.authenticate(branch.archive, login, "Chushi2026kp2")
    PASSWORDS[login] = "Baomi2026kp2"
    return accounts.change_own_password(branch.archive, first, "Chushi2026kp2", "Baomi2026kp2")


# --- the custodian role hands over the vault key ----------------------------------------------


def test_custodian_role_needs_a_custodian_present(branch: Branch) -> None:
    manager = branch.add_user("manager", [Role.MANAGER])
    before = snapshot(branch.root)
    seq = last_seq(branch.archive)
    for present in (None, manager, branch.admin):
        with pytest.raises(SeparationOfDuties) as info:
            accounts.add_user(
                branch.archive,
                branch.admin,
                NewAccount("keeper2", "保密员丙", "Chushi2026kp2"),
                [Role.CUSTODIAN],
                custodian=present,
            )
        assert "保密专管员本人到场" in str(info.value)
    assert branch.archive.header.slot("keeper2") is None
    assert last_seq(branch.archive) == seq
    after = snapshot(branch.root)
    assert after["archive.json"] == before["archive.json"]


def test_new_custodian_slot_holds_the_vault_key(branch: Branch) -> None:
    keeper = _keeper(branch)
    with Session(branch.archive.vault_engine(keeper.keys)) as session:
        session.add(VaultRecord(record_ref="R1", tier="机密", content=b"x" * 10))
        session.commit()
    seq = last_seq(branch.archive)
    summary = accounts.add_user(
        branch.archive,
        branch.admin,
        NewAccount("keeper2", "保密员丙", "Chushi2026kp2"),
        [Role.CUSTODIAN],
        custodian=keeper,
    )
    assert summary.roles == frozenset({Role.CUSTODIAN})
    assert summary.must_change_password
    slot = branch.archive.header.slot("keeper2")
    assert slot is not None and slot.holds_vault
    assert audit_actions(branch.archive, seq) == [
        ("admin", "user.create", "keeper2"),
        ("keeper", "custodian.grant", "keeper2"),
    ]

    # the new custodian opens the vault with her own slot, after a restart too
    archive = branch.reopen()
    newcomer = auth.authenticate(archive, "keeper2", "Chushi2026kp2")
    assert newcomer.keys.vault_key == keeper.keys.vault_key
    with Session(archive.vault_engine(newcomer.keys)) as session:
        assert session.scalar(sa.select(VaultRecord.record_ref)) == "R1"
    archive.close_vault()
    with closing(raw_connect(branch.root / "vault.db", newcomer.keys.vault_key)) as conn:  # type: ignore[arg-type]
        assert conn.execute("SELECT count(*) FROM vault_records").fetchone() == (1,)
    branch.admin = auth.authenticate(archive, "admin", ADMIN[2])


def test_other_slots_never_hold_the_vault_key(branch: Branch) -> None:
    manager = branch.add_user("manager", [Role.MANAGER])
    assert manager.keys.vault_key is None
    assert not branch.archive.header.slot("manager").holds_vault  # type: ignore[union-attr]
    with pytest.raises(PermissionError):
        branch.archive.vault_engine(manager.keys)
    with pytest.raises(SeparationOfDuties):
        accounts.set_roles(branch.archive, branch.admin, "manager", [Role.MANAGER, Role.CUSTODIAN])


def test_grant_and_revoke_custodian(branch: Branch) -> None:
    branch.add_user("manager", [Role.MANAGER])
    keeper = _keeper(branch)
    seq = last_seq(branch.archive)
    accounts.grant_custodian(branch.archive, branch.admin, "manager", keeper)
    assert branch.archive.header.slot("manager").holds_vault  # type: ignore[union-attr]
    manager = branch.login("manager")
    assert manager.roles == frozenset({Role.MANAGER, Role.CUSTODIAN})
    assert manager.keys.vault_key == keeper.keys.vault_key
    with pytest.raises(Conflict, match="已是保密专管员"):
        accounts.grant_custodian(branch.archive, branch.admin, "manager", keeper)

    accounts.revoke_custodian(branch.archive, branch.admin, "manager", keeper)
    assert not branch.archive.header.slot("manager").holds_vault  # type: ignore[union-attr]
    manager = branch.login("manager")
    assert manager.roles == frozenset({Role.MANAGER})
    assert manager.keys.vault_key is None
    rows = [r for r in audit_rows(branch.archive, seq) if r.action.startswith("custodian.")]
    assert [(r.actor, r.action, r.target_id, details(r)) for r in rows] == [
        ("keeper", "custodian.grant", "manager", {"requested_by": "admin"}),
        ("keeper", "custodian.revoke", "manager", {"requested_by": "admin"}),
    ]


# --- the last custodian, the last admin -------------------------------------------------------


def test_last_custodian_cannot_be_removed(branch: Branch) -> None:
    keeper = _keeper(branch)
    with pytest.raises(Conflict, match="唯一的保密专管员"):
        accounts.revoke_user(branch.archive, branch.admin, "keeper")
    with pytest.raises(Conflict, match="唯一的保密专管员"):
        accounts.set_disabled(branch.archive, branch.admin, "keeper", True)
    with pytest.raises(Conflict, match="最后一名保密专管员"):
        accounts.revoke_custodian(branch.archive, branch.admin, "keeper", keeper)
    with pytest.raises(Conflict, match="唯一的保密专管员的密码无法重置"):
        accounts.reset_password(branch.archive, branch.admin, "keeper", "Chongzhi2026a")
    assert branch.login("keeper").keys.vault_key is not None

    # with a second custodian, the first may go
    _second_custodian(branch)
    accounts.set_disabled(branch.archive, branch.admin, "keeper", True)
    with pytest.raises(Conflict, match="唯一的保密专管员"):
        accounts.revoke_user(branch.archive, branch.admin, "keeper2")


def test_last_admin_cannot_be_removed(branch: Branch) -> None:
    with pytest.raises(Conflict, match="不能注销自己"):
        accounts.revoke_user(branch.archive, branch.admin, "admin")
    with pytest.raises(Conflict, match="不能停用自己"):
        accounts.set_disabled(branch.archive, branch.admin, "admin", True)
    with pytest.raises(Conflict, match="最后一名系统管理员"):
        accounts.set_roles(branch.archive, branch.admin, "admin", [Role.MANAGER])

    # a second admin, still logged in after being disabled, can do nothing at all any more
    admin2 = branch.add_user("admin2", [Role.ADMIN])
    accounts.set_disabled(branch.archive, branch.admin, "admin2", True)
    with pytest.raises(AccountDisabled):
        accounts.set_disabled(branch.archive, admin2, "admin", True)
    with pytest.raises(AccountDisabled):
        accounts.revoke_user(branch.archive, admin2, "admin")
    assert branch.login("admin").roles == frozenset({Role.ADMIN})


def test_a_change_of_roles_applies_to_people_already_logged_in(branch: Branch) -> None:
    """Rights are checked against the account as it is now, not as it was at login."""
    admin2 = branch.add_user("admin2", [Role.ADMIN])
    assert [u.login for u in accounts.list_users(branch.archive, admin2)]
    accounts.set_roles(branch.archive, branch.admin, "admin2", [Role.STAFF])
    with pytest.raises(NotPermitted, match="管理用户账户"):
        accounts.list_users(branch.archive, admin2)
    accounts.revoke_user(branch.archive, branch.admin, "admin2")
    with pytest.raises(UnknownUser):
        accounts.list_users(branch.archive, admin2)


# --- resets --------------------------------------------------------------------------------------


def test_reset_keeps_the_old_signing_key_on_record(branch: Branch) -> None:
    manager = branch.add_user("manager", [Role.MANAGER])
    old_public = manager.keys.ed25519_public
    seq = last_seq(branch.archive)
    with pytest.raises(PasswordRejected):
        accounts.reset_password(branch.archive, branch.admin, "manager", "weak")
    with pytest.raises(Conflict, match="不能重置自己的密码"):
        accounts.reset_password(branch.archive, branch.admin, "admin", "Chongzhi2026a")
    accounts.reset_password(branch.archive, branch.admin, "manager", "Chongzhi2026a")

    keys = _keys(branch, "manager")
    assert len(keys) == 2
    old, new = keys
    assert old.ed25519_public == old_public and old.valid_to is not None
    assert new.valid_to is None and new.valid_from == old.valid_to
    slot = branch.archive.header.slot("manager")
    assert slot is not None and slot.ed25519_public == new.ed25519_public != old_public

    with pytest.raises(WrongPassword):
        auth.authenticate(branch.archive, "manager", PASSWORDS["manager"])
    again = auth.authenticate(branch.archive, "manager", "Chongzhi2026a")
    assert again.must_change_password
    assert again.keys.main_key == branch.admin.keys.main_key
    assert ("admin", "user.reset_password", "manager") in audit_actions(branch.archive, seq)


def test_custodian_reset_needs_another_custodian(branch: Branch) -> None:
    keeper2 = _second_custodian(branch)
    vault_key = keeper2.keys.vault_key
    with pytest.raises(SeparationOfDuties, match="本人到场"):
        accounts.reset_password(branch.archive, branch.admin, "keeper2", "Chongzhi2026b")
    himself = accounts.authenticate_in_person(branch.archive, "keeper2", "Baomi2026kp2")
    with pytest.raises(SeparationOfDuties, match="另一名保密专管员"):
        accounts.reset_password(
            branch.archive, branch.admin, "keeper2", "Chongzhi2026b", custodian=himself
        )
    with pytest.raises(SeparationOfDuties):
        accounts.reset_password(
            branch.archive,
            branch.admin,
            "keeper2",
            "Chongzhi2026b",
            custodian=branch.add_user("manager", [Role.MANAGER]),
        )
    assert auth.authenticate(branch.archive, "keeper2", "Baomi2026kp2")  # unchanged so far

    accounts.reset_password(
        branch.archive, branch.admin, "keeper2", "Chongzhi2026b", custodian=_keeper(branch)
    )
    archive = branch.reopen()
    reset = auth.authenticate(archive, "keeper2", "Chongzhi2026b")
    assert reset.must_change_password
    assert reset.keys.vault_key == vault_key
    with pytest.raises(WrongPassword):
        auth.authenticate(archive, "keeper2", "Baomi2026kp2")
    branch.admin = auth.authenticate(archive, "admin", ADMIN[2])


# --- revocation ------------------------------------------------------------------------------------


def test_revoke_removes_the_slot_and_keeps_the_row(branch: Branch) -> None:
    branch.add_user("manager", [Role.MANAGER])
    accounts.revoke_user(branch.archive, branch.admin, "manager")
    assert branch.archive.header.slot("manager") is None
    user = _user(branch, "manager")
    assert user.status == "revoked"
    assert all(k.valid_to is not None for k in user.keys)
    assert "manager" not in [u.login for u in accounts.list_users(branch.archive, branch.admin)]
    listed = accounts.list_users(branch.archive, branch.admin, include_revoked=True)
    assert [u.status_label for u in listed if u.login == "manager"] == ["已注销"]
    with pytest.raises(UnknownUser):
        branch.login("manager")
    with pytest.raises(UnknownUser):
        accounts.revoke_user(branch.archive, branch.admin, "manager")
    with pytest.raises(Conflict, match="曾被使用"):
        accounts.add_user(
            branch.archive,
            branch.admin,
            NewAccount("manager", "新人", "Chushi2026new"),
            [Role.MANAGER],
        )
    archive = branch.reopen()
    with pytest.raises(UnknownUser):
        auth.authenticate(archive, "manager", PASSWORDS["manager"])
    branch.admin = auth.authenticate(archive, "admin", ADMIN[2])


# --- refusals write nothing; every change writes its event --------------------------------------


@pytest.mark.parametrize(
    ("account", "roles", "error"),
    [
        (NewAccount("Bad Login", "某人", "Chushi2026abc"), [Role.STAFF], InvalidInput),
        (NewAccount("newbie", "某人", "short"), [Role.STAFF], PasswordRejected),
        (NewAccount("newbie", "  ", "Chushi2026abc"), [Role.STAFF], InvalidInput),
        (NewAccount("newbie", "某人", "Chushi2026abc"), [], InvalidInput),
        (NewAccount("keeper", "某人", "Chushi2026abc"), [Role.STAFF], Conflict),
    ],
)
def test_refused_additions_write_nothing(
    branch: Branch, account: NewAccount, roles: list[Role], error: type[Exception]
) -> None:
    seq = last_seq(branch.archive)
    header = (branch.root / "archive.json").read_bytes()
    with pytest.raises(error):
        accounts.add_user(branch.archive, branch.admin, account, roles)
    assert last_seq(branch.archive) == seq
    assert (branch.root / "archive.json").read_bytes() == header


def test_only_the_admin_manages_accounts(branch: Branch) -> None:
    manager = branch.add_user("manager", [Role.MANAGER])
    keeper = _keeper(branch)
    for actor in (manager, keeper):
        with pytest.raises(NotPermitted, match="管理用户账户"):
            accounts.add_user(
                branch.archive, actor, NewAccount("newbie", "某人", "Chushi2026abc"), [Role.STAFF]
            )
        with pytest.raises(NotPermitted, match="注销用户"):
            accounts.revoke_user(branch.archive, actor, "admin")
        with pytest.raises(NotPermitted):
            accounts.list_users(branch.archive, actor)


def test_every_account_change_is_audited_in_order(branch: Branch) -> None:
    seq = last_seq(branch.archive)
    a, m = branch.archive, branch.admin
    accounts.add_user(a, m, NewAccount("lisi", "李四", "Chushi2026lis"), [Role.STAFF])
    lisi = auth.authenticate(a, "lisi", "Chushi2026lis")
    accounts.change_own_password(a, lisi, "Chushi2026lis", "Xinmima2026ls")
    accounts.update_profile(
        a, m, "lisi", display_name="李四", department="营业部", position="柜员", phone="123"
    )
    accounts.set_roles(a, m, "lisi", [Role.STAFF, Role.MANAGER])
    accounts.set_disabled(a, m, "lisi", True)
    accounts.set_disabled(a, m, "lisi", False)
    accounts.reset_password(a, m, "lisi", "Chongzhi2026ls")
    keeper = _keeper(branch)
    accounts.grant_custodian(a, m, "lisi", keeper)
    accounts.revoke_custodian(a, m, "lisi", keeper)
    accounts.revoke_user(a, m, "lisi")
    assert audit_actions(a, seq) == [
        ("admin", "user.create", "lisi"),
        ("lisi", "login.success", "lisi"),
        ("lisi", "user.password_change", "lisi"),
        ("admin", "user.update", "lisi"),
        ("admin", "user.roles", "lisi"),
        ("admin", "user.disable", "lisi"),
        ("admin", "user.enable", "lisi"),
        ("admin", "user.reset_password", "lisi"),
        ("keeper", "auth.in_person", "keeper"),
        ("keeper", "custodian.grant", "lisi"),
        ("keeper", "custodian.revoke", "lisi"),
        ("admin", "user.revoke", "lisi"),
    ]
    roles_event = next(r for r in audit_rows(a, seq) if r.action == "user.roles")
    assert details(roles_event) == {"before": ["staff"], "after": ["manager", "staff"]}
    # details hold codes only: no name, department or phone
    for row in audit_rows(a, seq):
        for word in ("李四", "营业部", "柜员", "123"):
            assert word not in row.details, (row.action, row.details)


def test_password_change_cannot_be_used_to_keep_guessing(branch: Branch) -> None:
    """Wrong current passwords count towards the lock, and a locked login cannot try again."""
    manager = branch.add_user("manager", [Role.MANAGER])
    for _ in range(4):
        with pytest.raises(WrongPassword):
            accounts.change_own_password(branch.archive, manager, "Cuowu2026xx", "Xinde2026xyz")
    with pytest.raises(WrongPassword) as last:
        accounts.change_own_password(branch.archive, manager, "Cuowu2026xx", "Xinde2026xyz")
    assert last.value.remaining == 0
    with pytest.raises(LoginLocked):
        accounts.change_own_password(branch.archive, manager, PASSWORDS["manager"], "Xinde2026xyz")
    with pytest.raises(LoginLocked):
        auth.authenticate(branch.archive, "manager", PASSWORDS["manager"])
