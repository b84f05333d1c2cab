"""Staff accounts: setting up an archive, adding, changing, resetting, revoking.

Each action is one transaction with its audit event. Where a key slot changes
too, the header and the database are ordered so that a crash between them
always errs towards refusing a login, never towards granting one: a new slot
is written before its account row commits (a slot without an active row opens
nothing), and a revocation commits before the slot is removed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from app.errors import (
    Conflict,
    InvalidInput,
    LoginLocked,
    SeparationOfDuties,
    UnknownUser,
    WrongPassword,
)
from app.models import User, UserKey, UserRole
from app.models.base import utcnow
from app.security import keyslots
from app.security.kdf import KdfParams
from app.security.keyslots import SlotPasswordMismatch
from app.security.passwords import check_login, check_password
from app.security.permissions import Action
from app.security.roles import Role
from app.storage.archive import Archive
from app.storage.uow import UnitOfWork
from app.workflows.auth import (
    Actor,
    authenticate,
    authorize,
    ledger,
    record_wrong_password,
)


@dataclass(frozen=True)
class NewAccount:
    login: str
    display_name: str
    password: str
    department: str = ""
    position: str = ""
    phone: str = ""


@dataclass(frozen=True)
class UserSummary:
    login: str
    display_name: str
    department: str
    position: str
    phone: str
    roles: frozenset[Role]
    status: str
    must_change_password: bool
    last_login_at: datetime | None

    @property
    def status_label(self) -> str:
        return {"active": "正常", "disabled": "已停用", "revoked": "已注销"}.get(
            self.status, self.status
        )


def _check_account(account: NewAccount) -> None:
    check_login(account.login)
    if not account.display_name.strip():
        raise InvalidInput("请填写姓名。")
    if len(account.display_name) > 64:
        raise InvalidInput("姓名过长(最多 64 个字)。")
    check_password(account.password, account.login)


def check_new_account(account: NewAccount) -> None:
    """The checks :func:`add_user` makes first, for a form to run before a custodian is called over."""
    _check_account(account)


def check_new_password(login: str, password: str) -> None:
    """The rule :func:`reset_password` applies, for a form to check before anyone else is involved."""
    check_password(password, login)


def _add_row(
    uow: UnitOfWork, account: NewAccount, roles: Iterable[Role], public: bytes, *, must_change: bool
) -> User:
    user = User(
        login=account.login,
        display_name=account.display_name.strip(),
        department=account.department.strip(),
        position=account.position.strip(),
        phone=account.phone.strip(),
        status="active",
        must_change_password=must_change,
        password_changed_at=None if must_change else utcnow(),
    )
    user.roles = [UserRole(role=str(r)) for r in sorted(set(roles))]
    user.keys = [UserKey(ed25519_public=public)]
    uow.session.add(user)
    uow.session.flush()
    return user


def create_archive(
    root: Path,
    *,
    branch_name: str,
    branch_code: str,
    admin: NewAccount,
    custodian: NewAccount,
    kdf: KdfParams,
) -> Archive:
    """A new archive with its administrator and first custodian (both set their own passwords)."""
    if not branch_name.strip():
        raise InvalidInput("请填写信用社(网点)名称。")
    if len(branch_name) > 64 or len(branch_code) > 32:
        raise InvalidInput("信用社名称最多 64 个字,网点代码最多 32 个字符。")
    _check_account(admin)
    _check_account(custodian)
    if admin.login == custodian.login:
        raise SeparationOfDuties("系统管理员与保密专管员必须是两个不同的账户(不同的人)。")
    archive, unlocked = Archive.create(
        root,
        branch_name=branch_name.strip(),
        branch_code=branch_code.strip(),
        kdf=kdf,
        first_slots=[
            (admin.login, admin.password, False),
            (custodian.login, custodian.password, True),
        ],
    )
    try:
        with archive.unit_of_work() as uow:
            uow.audit(
                admin.login,
                "archive.create",
                target_type="archive",
                target_id=archive.archive_id,
                details={"branch_code": branch_code.strip()},
            )
            for account, roles in ((admin, [Role.ADMIN]), (custodian, [Role.CUSTODIAN])):
                user = _add_row(
                    uow, account, roles, unlocked[account.login].ed25519_public, must_change=False
                )
                uow.audit(
                    admin.login,
                    "user.create",
                    target_type="user",
                    target_id=user.login,
                    details={"roles": [str(r) for r in roles]},
                )
            uow.commit()
    except BaseException:
        archive.close()
        raise
    return archive


def _summary(user: User) -> UserSummary:
    return UserSummary(
        login=user.login,
        display_name=user.display_name,
        department=user.department,
        position=user.position,
        phone=user.phone,
        roles=frozenset(Role(r) for r in user.role_names),
        status=user.status,
        must_change_password=user.must_change_password,
        last_login_at=user.last_login_at,
    )


def list_users(
    archive: Archive, actor: Actor, *, include_revoked: bool = False
) -> list[UserSummary]:
    authorize(archive, actor, Action.USER_MANAGE)
    with archive.unit_of_work() as uow:
        stmt = sa.select(User).order_by(User.login)
        if not include_revoked:
            stmt = stmt.where(User.status != "revoked")
        return [_summary(u) for u in uow.session.scalars(stmt)]


def login_choices(archive: Archive) -> list[str]:
    """Logins offered at the login dialog (from the header: no key needed)."""
    return sorted(archive.header.logins)


def _get(uow: UnitOfWork, login: str) -> User:
    user = uow.session.scalar(sa.select(User).where(User.login == login))
    if user is None or user.status == "revoked":
        raise UnknownUser(login)
    return user


def _custodian_count(uow: UnitOfWork, excluding: str | None = None) -> int:
    stmt = (
        sa.select(sa.func.count())
        .select_from(User)
        .join(UserRole)
        .where(UserRole.role == Role.CUSTODIAN.value, User.status == "active")
    )
    if excluding:
        stmt = stmt.where(User.login != excluding)
    return int(uow.session.scalar(stmt) or 0)


def _admin_count(uow: UnitOfWork, excluding: str) -> int:
    stmt = (
        sa.select(sa.func.count())
        .select_from(User)
        .join(UserRole)
        .where(UserRole.role == Role.ADMIN.value, User.status == "active", User.login != excluding)
    )
    return int(uow.session.scalar(stmt) or 0)


def _require_custodian_in_person(custodian: Actor | None) -> Actor:
    """The person who hands over the vault key: allowed by the matrix and holding the key."""
    if (
        custodian is None
        or not custodian.may(Action.CUSTODIAN_GRANT)
        or custodian.keys.vault_key is None
    ):
        raise SeparationOfDuties("此操作须由一名保密专管员本人到场输入密码确认。")
    return custodian


def add_user(
    archive: Archive,
    actor: Actor,
    account: NewAccount,
    roles: Iterable[Role],
    *,
    custodian: Actor | None = None,
) -> UserSummary:
    """A new account with an initial password that must be changed at first login.

    The custodian role can only be given with a custodian present (``custodian``),
    because it hands over the vault key.
    """
    authorize(archive, actor, Action.USER_MANAGE)
    roles = frozenset(roles)
    if not roles:
        raise InvalidInput("请至少选择一个角色。")
    _check_account(account)
    vault_key = None
    if Role.CUSTODIAN in roles:
        vault_key = _require_custodian_in_person(custodian).keys.vault_key
    if archive.header.slot(account.login) is not None:
        raise Conflict(f"登录名“{account.login}”已被使用,请换一个。")
    with archive.unit_of_work() as uow:
        if uow.session.scalar(sa.select(User.id).where(User.login == account.login)):
            raise Conflict(f"登录名“{account.login}”曾被使用(含已注销账户),请换一个。")
        slot = archive.new_slot(account.login, account.password, vault_key=vault_key)
        user = _add_row(uow, account, roles, slot.ed25519_public, must_change=True)
        uow.audit(
            actor.login,
            "user.create",
            target_type="user",
            target_id=account.login,
            details={"roles": sorted(str(r) for r in roles)},
        )
        if vault_key is not None:
            uow.audit(
                custodian.login,
                "custodian.grant",
                target_type="user",  # type: ignore[union-attr]
                target_id=account.login,
            )
        archive.save_header(archive.header.with_slot(slot))
        uow.commit()
        return _summary(user)


def update_profile(
    archive: Archive,
    actor: Actor,
    login: str,
    *,
    display_name: str,
    department: str,
    position: str,
    phone: str,
) -> None:
    authorize(archive, actor, Action.USER_MANAGE)
    if not display_name.strip():
        raise InvalidInput("请填写姓名。")
    with archive.unit_of_work() as uow:
        user = _get(uow, login)
        user.display_name, user.department = display_name.strip(), department.strip()
        user.position, user.phone = position.strip(), phone.strip()
        uow.audit(actor.login, "user.update", target_type="user", target_id=login)
        uow.commit()


def set_roles(archive: Archive, actor: Actor, login: str, roles: Iterable[Role]) -> None:
    """Change roles other than custodian (that one has its own in-person procedure)."""
    authorize(archive, actor, Action.USER_MANAGE)
    wanted = frozenset(roles)
    with archive.unit_of_work() as uow:
        user = _get(uow, login)
        current = frozenset(Role(r) for r in user.role_names)
        if (Role.CUSTODIAN in wanted) != (Role.CUSTODIAN in current):
            raise SeparationOfDuties(
                "保密专管员角色须由保密专管员本人到场授予或撤销,请使用“授予/撤销保密专管员”。"
            )
        if not wanted:
            raise InvalidInput("请至少保留一个角色。")
        if Role.ADMIN in current and Role.ADMIN not in wanted and not _admin_count(uow, login):
            raise Conflict("不能撤销最后一名系统管理员的角色。")
        user.roles = [UserRole(role=str(r)) for r in sorted(wanted)]
        uow.audit(
            actor.login,
            "user.roles",
            target_type="user",
            target_id=login,
            details={"before": sorted(map(str, current)), "after": sorted(map(str, wanted))},
        )
        uow.commit()


def set_disabled(archive: Archive, actor: Actor, login: str, disabled: bool) -> None:
    authorize(archive, actor, Action.USER_MANAGE)
    if login == actor.login:
        raise Conflict("不能停用自己的账户。")
    with archive.unit_of_work() as uow:
        user = _get(uow, login)
        roles = user.role_names
        if disabled and Role.CUSTODIAN.value in roles and not _custodian_count(uow, login):
            raise Conflict("不能停用唯一的保密专管员,否则保密库将无人能开启。请先增设保密专管员。")
        if disabled and Role.ADMIN.value in roles and not _admin_count(uow, login):
            raise Conflict("不能停用最后一名系统管理员。")
        user.status = "disabled" if disabled else "active"
        uow.audit(
            actor.login,
            "user.disable" if disabled else "user.enable",
            target_type="user",
            target_id=login,
        )
        uow.commit()


def reset_password(
    archive: Archive, actor: Actor, login: str, new_password: str, *, custodian: Actor | None = None
) -> None:
    """A forgotten password: new keys under an initial password, changed at next login.

    The user's old signing key stays on record (signatures already made still
    verify). A custodian's reset needs another custodian present to hand the
    vault key to the new slot; the only custodian cannot be reset at all.
    """
    authorize(archive, actor, Action.USER_MANAGE)
    check_password(new_password, login)
    if login == actor.login:
        raise Conflict("不能重置自己的密码,请使用“修改密码”。")
    with archive.unit_of_work() as uow:
        user = _get(uow, login)
        vault_key = None
        if Role.CUSTODIAN.value in user.role_names:
            if not _custodian_count(uow, login):
                raise Conflict(
                    "唯一的保密专管员的密码无法重置(保密库密钥只在其本人手中)。"
                    "请先增设第二名保密专管员。"
                )
            helper = _require_custodian_in_person(custodian)
            if helper.login == login:
                raise SeparationOfDuties("须由另一名保密专管员到场确认。")
            vault_key = helper.keys.vault_key
        slot = archive.new_slot(login, new_password, vault_key=vault_key)
        now = utcnow()
        for key in user.keys:
            if key.valid_to is None:
                key.valid_to = now
        user.keys.append(UserKey(ed25519_public=slot.ed25519_public, valid_from=now))
        user.must_change_password = True
        uow.audit(actor.login, "user.reset_password", target_type="user", target_id=login)
        archive.save_header(archive.header.with_slot(slot))
        uow.commit()


def change_own_password(archive: Archive, actor: Actor, current: str, new: str) -> Actor:
    """Re-wrap one's own slot under a new password (keys and signatures unchanged)."""
    authorize(archive, actor, Action.PASSWORD_CHANGE_OWN)
    slot = archive.slot(actor.login)
    locked = ledger(archive).locked_until(actor.login)
    if locked is not None:
        raise LoginLocked(locked)
    try:
        unlocked = keyslots.open_slot(archive.archive_id, slot, current)
    except SlotPasswordMismatch:
        raise WrongPassword(record_wrong_password(archive, actor.login)) from None
    if new == current:
        raise InvalidInput("新密码不能与当前密码相同。")
    check_password(new, actor.login)
    with archive.unit_of_work() as uow:
        user = _get(uow, actor.login)
        user.must_change_password = False
        user.password_changed_at = utcnow()
        uow.audit(actor.login, "user.password_change", target_type="user", target_id=actor.login)
        archive.save_header(
            archive.header.with_slot(
                keyslots.rewrap(archive.archive_id, slot, unlocked, new, archive.header.kdf)
            )
        )
        uow.commit()
    return Actor(
        user_id=actor.user_id,
        login=actor.login,
        display_name=actor.display_name,
        roles=actor.roles,
        must_change_password=False,
        keys=actor.keys,
    )


def revoke_user(archive: Archive, actor: Actor, login: str) -> None:
    """Remove the account's slot for good; its history stays. Rekey afterwards."""
    authorize(archive, actor, Action.USER_REVOKE)
    if login == actor.login:
        raise Conflict("不能注销自己的账户。")
    with archive.unit_of_work() as uow:
        user = _get(uow, login)
        if Role.CUSTODIAN.value in user.role_names and not _custodian_count(uow, login):
            raise Conflict("不能注销唯一的保密专管员,否则保密库将无人能开启。请先增设保密专管员。")
        if Role.ADMIN.value in user.role_names and not _admin_count(uow, login):
            raise Conflict("不能注销最后一名系统管理员。")
        user.status = "revoked"
        now = utcnow()
        for key in user.keys:
            if key.valid_to is None:
                key.valid_to = now
        uow.audit(actor.login, "user.revoke", target_type="user", target_id=login)
        uow.commit()
    archive.save_header(archive.header.without_slot(login))


def grant_custodian(archive: Archive, actor: Actor, login: str, custodian: Actor) -> None:
    """Give an existing user the custodian role: a custodian, present, hands over the vault key."""
    authorize(archive, actor, Action.USER_MANAGE)
    holder = _require_custodian_in_person(custodian)
    with archive.unit_of_work() as uow:
        user = _get(uow, login)
        if user.status != "active":
            raise Conflict("只能授予正常状态的用户。")
        if Role.CUSTODIAN.value in user.role_names:
            raise Conflict(f"“{login}”已是保密专管员。")
        user.roles.append(UserRole(role=Role.CUSTODIAN.value))
        uow.audit(
            holder.login,
            "custodian.grant",
            target_type="user",
            target_id=login,
            details={"requested_by": actor.login},
        )
        slot = keyslots.with_vault(archive.archive_id, archive.slot(login), holder.keys.vault_key)
        archive.save_header(archive.header.with_slot(slot))
        uow.commit()


def revoke_custodian(archive: Archive, actor: Actor, login: str, custodian: Actor) -> None:
    """Take the custodian role away (never from the last one)."""
    authorize(archive, actor, Action.USER_MANAGE)
    holder = _require_custodian_in_person(custodian)
    with archive.unit_of_work() as uow:
        user = _get(uow, login)
        if Role.CUSTODIAN.value not in user.role_names:
            raise Conflict(f"“{login}”不是保密专管员。")
        if not _custodian_count(uow, login):
            raise Conflict("不能撤销最后一名保密专管员。")
        if len(user.roles) == 1:
            raise InvalidInput("撤销后该用户将没有任何角色,请先为其添加其他角色。")
        user.roles = [r for r in user.roles if r.role != Role.CUSTODIAN.value]
        uow.audit(
            holder.login,
            "custodian.revoke",
            target_type="user",
            target_id=login,
            details={"requested_by": actor.login},
        )
        uow.commit()
    archive.save_header(
        archive.header.with_slot(keyslots.with_vault(archive.archive_id, archive.slot(login), None))
    )


def authenticate_in_person(
    archive: Archive, login: str, password: str, *, role: Role | None = None
) -> Actor:
    """A second person types their own password at this desk (director, custodian).

    With ``role``, that person must hold it: a step that needs a custodian is
    refused at once, before anything is attempted, if someone else signs.
    """
    actor = authenticate(archive, login, password, purpose="in_person")
    if role is not None and role not in actor.roles:
        raise SeparationOfDuties(f"“{login}”不是{role.label},不能确认此操作。")
    return actor
