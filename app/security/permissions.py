"""The permission matrix: every action the policy names, and the roles that may take it.

Default deny: an action not listed for a role is refused. This table is the
only place a role is checked against an action; workflows call
:func:`require`, views ask :func:`allowed` to decide what to show. Holding a
role is necessary, not always sufficient: a workflow adds the conditions of
the moment (own customer, approved grant, separation of duties, a custodian
present in person).

The system administrator holds no action on customer content (the admin
manages accounts and backups only); a test keeps it so.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from app.errors import NotPermitted
from app.security.roles import Role


class Action(StrEnum):
    # accounts, keys and the archive itself
    USER_MANAGE = "user.manage"
    USER_REVOKE = "user.revoke"
    CUSTODIAN_GRANT = "custodian.grant"
    ARCHIVE_REKEY = "archive.rekey"
    ARCHIVE_VERIFY = "archive.verify"
    BACKUP_CREATE = "backup.create"
    BACKUP_RESTORE = "backup.restore"
    SETTINGS_EDIT = "settings.edit"
    PASSWORD_CHANGE_OWN = "password.change_own"
    AUDIT_VIEW = "audit.view"
    HOME_VIEW = "home.view"
    # customer archives (articles 4-8)
    CATALOGUE_VIEW = "catalogue.view"
    CUSTOMER_CREATE = "customer.create"
    CUSTOMER_VIEW_OWN = "customer.view_own"
    CUSTOMER_VIEW_GRANTED = "customer.view_granted"
    CUSTOMER_IMPORT = "customer.import"
    CARRIER_REGISTER = "carrier.register"
    # updates and modifications (articles 9-10)
    UPDATE_SUBMIT = "update.submit"
    UPDATE_DECIDE = "update.decide"
    MODIFICATION_DRAFT = "modification.draft"
    MODIFICATION_APPROVE = "modification.approve"
    # safekeeping (articles 11-12)
    INSPECTION_PERFORM = "inspection.perform"
    INSPECTION_SIGN = "inspection.sign"
    INSPECTION_VIEW = "inspection.view"
    CHECKOUT_RECORD = "checkout.record"
    RECONCILIATION_PERFORM = "reconciliation.perform"
    LABEL_PRINT = "label.print"
    # consultation (articles 13-14)
    CONSULTATION_APPLY = "consultation.apply"
    CONSULTATION_REVIEW = "consultation.review"
    CONSULTATION_SIGN = "consultation.sign"
    CONSULTATION_FORM_PRINT = "consultation.form_print"
    # secret tier (article 16)
    TIER_RAISE = "tier.raise"
    TIER_LOWER_APPROVE = "tier.lower_approve"
    VAULT_ACCESS = "vault.access"
    # copies, transfers, outside parties (article 17)
    COPY_REQUEST = "copy.request"
    COPY_APPROVE = "copy.approve"
    CONTENT_EXPORT = "content.export"
    TRANSFER_RECORD = "transfer.record"
    EXTERNAL_REQUEST = "external.request"
    EXTERNAL_APPROVE_MANAGER = "external.approve_manager"
    EXTERNAL_APPROVE_DIRECTOR = "external.approve_director"
    # destruction (article 18)
    RETENTION_REVISE = "retention.revise"
    DESTRUCTION_REQUEST = "destruction.request"
    DESTRUCTION_APPROVE = "destruction.approve"
    # leaks (article 20)
    INCIDENT_REPORT = "incident.report"
    INCIDENT_HANDLE = "incident.handle"
    # statistics and the template (articles 5, 22)
    STATISTICS_VIEW = "statistics.view"
    STATISTICS_EXPORT = "statistics.export"
    #: the branch's tables by manager, village ...; without it a manager sees their own and totals
    STATISTICS_VIEW_BRANCH = "statistics.view_branch"
    TEMPLATE_REVISE = "template.revise"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


A, M, D, U, C, S, I, W = (
    Role.ADMIN,
    Role.MANAGER,
    Role.DIRECTOR,
    Role.UNIT_HEAD,
    Role.CUSTODIAN,
    Role.SERVICE_HEAD,
    Role.INSPECTOR,
    Role.STAFF,
)
#: everyone who works with customer information (all but the administrator)
_CONTENT_ROLES = frozenset({M, D, U, C, S, I, W})
_EVERYONE = frozenset(Role)

MATRIX: dict[Action, frozenset[Role]] = {
    Action.USER_MANAGE: frozenset({A}),
    Action.USER_REVOKE: frozenset({A}),
    Action.CUSTODIAN_GRANT: frozenset({C}),
    Action.ARCHIVE_REKEY: frozenset({A, C}),
    Action.ARCHIVE_VERIFY: frozenset({A, D, C, S, I}),
    Action.BACKUP_CREATE: frozenset({A}),
    Action.BACKUP_RESTORE: frozenset({A}),
    Action.SETTINGS_EDIT: frozenset({A}),
    Action.PASSWORD_CHANGE_OWN: _EVERYONE,
    Action.AUDIT_VIEW: frozenset({S, I}),
    Action.HOME_VIEW: _EVERYONE,
    Action.CATALOGUE_VIEW: _CONTENT_ROLES,
    Action.CUSTOMER_CREATE: frozenset({M}),
    Action.CUSTOMER_VIEW_OWN: frozenset({M}),
    Action.CUSTOMER_VIEW_GRANTED: _CONTENT_ROLES,
    Action.CUSTOMER_IMPORT: frozenset({M}),
    Action.CARRIER_REGISTER: frozenset({M, C}),
    Action.UPDATE_SUBMIT: _CONTENT_ROLES,
    Action.UPDATE_DECIDE: frozenset({M}),
    Action.MODIFICATION_DRAFT: frozenset({M}),
    Action.MODIFICATION_APPROVE: frozenset({D}),
    Action.INSPECTION_PERFORM: frozenset({I}),
    # the inspector signs by submitting (INSPECTION_PERFORM); this is the director's signature
    Action.INSPECTION_SIGN: frozenset({D}),
    Action.INSPECTION_VIEW: frozenset({D, I, S}),
    Action.CHECKOUT_RECORD: frozenset({M, C}),
    Action.RECONCILIATION_PERFORM: frozenset({C, I}),
    Action.LABEL_PRINT: frozenset({M, C}),
    Action.CONSULTATION_APPLY: _CONTENT_ROLES,
    Action.CONSULTATION_REVIEW: frozenset({M}),
    Action.CONSULTATION_SIGN: frozenset({U}),
    Action.CONSULTATION_FORM_PRINT: _CONTENT_ROLES,
    Action.TIER_RAISE: frozenset({M}),
    Action.TIER_LOWER_APPROVE: frozenset({D}),
    Action.VAULT_ACCESS: frozenset({C}),
    Action.COPY_REQUEST: _CONTENT_ROLES,
    Action.COPY_APPROVE: frozenset({D, M}),
    Action.CONTENT_EXPORT: _CONTENT_ROLES,
    Action.TRANSFER_RECORD: frozenset({M, C, W}),
    Action.EXTERNAL_REQUEST: frozenset({M, W}),
    Action.EXTERNAL_APPROVE_MANAGER: frozenset({M}),
    Action.EXTERNAL_APPROVE_DIRECTOR: frozenset({D}),
    Action.RETENTION_REVISE: frozenset({S}),
    Action.DESTRUCTION_REQUEST: frozenset({M, C}),
    Action.DESTRUCTION_APPROVE: frozenset({D}),
    Action.INCIDENT_REPORT: _EVERYONE,
    Action.INCIDENT_HANDLE: frozenset({S}),
    Action.STATISTICS_VIEW: frozenset({D, M, S, I}),
    Action.STATISTICS_EXPORT: frozenset({D, M, S, I}),
    Action.STATISTICS_VIEW_BRANCH: frozenset({D, S, I}),
    Action.TEMPLATE_REVISE: frozenset({S}),
}

#: actions that reveal or move customer content; the administrator holds none of them
CONTENT_ACTIONS: frozenset[Action] = frozenset(
    {
        Action.CATALOGUE_VIEW,
        Action.CUSTOMER_CREATE,
        Action.CUSTOMER_VIEW_OWN,
        Action.CUSTOMER_VIEW_GRANTED,
        Action.CUSTOMER_IMPORT,
        Action.UPDATE_SUBMIT,
        Action.UPDATE_DECIDE,
        Action.MODIFICATION_DRAFT,
        Action.MODIFICATION_APPROVE,
        Action.CONSULTATION_APPLY,
        Action.CONSULTATION_REVIEW,
        Action.CONSULTATION_SIGN,
        Action.TIER_RAISE,
        Action.TIER_LOWER_APPROVE,
        Action.VAULT_ACCESS,
        Action.COPY_REQUEST,
        Action.COPY_APPROVE,
        Action.CONTENT_EXPORT,
        Action.EXTERNAL_REQUEST,
        Action.EXTERNAL_APPROVE_MANAGER,
        Action.EXTERNAL_APPROVE_DIRECTOR,
        Action.DESTRUCTION_REQUEST,
        Action.DESTRUCTION_APPROVE,
        Action.STATISTICS_VIEW,
        Action.STATISTICS_EXPORT,
        Action.STATISTICS_VIEW_BRANCH,
    }
)

ACTION_LABELS: dict[Action, str] = {
    Action.USER_MANAGE: "管理用户账户",
    Action.USER_REVOKE: "注销用户",
    Action.CUSTODIAN_GRANT: "授予或撤销保密专管员",
    Action.ARCHIVE_REKEY: "更换档案密钥",
    Action.ARCHIVE_VERIFY: "校验档案完整性",
    Action.BACKUP_CREATE: "备份档案",
    Action.BACKUP_RESTORE: "从备份恢复",
    Action.SETTINGS_EDIT: "修改系统设置",
    Action.PASSWORD_CHANGE_OWN: "修改本人密码",
    Action.AUDIT_VIEW: "查看审计日志",
    Action.HOME_VIEW: "查看首页",
    Action.CATALOGUE_VIEW: "查看档案目录",
    Action.CUSTOMER_CREATE: "建立客户档案",
    Action.CUSTOMER_VIEW_OWN: "查看本人管户的客户档案",
    Action.CUSTOMER_VIEW_GRANTED: "凭查阅授权查看客户档案",
    Action.CUSTOMER_IMPORT: "导入客户档案",
    Action.CARRIER_REGISTER: "登记档案载体",
    Action.UPDATE_SUBMIT: "提交信息更新申请",
    Action.UPDATE_DECIDE: "审批信息更新申请",
    Action.MODIFICATION_DRAFT: "提出档案修改",
    Action.MODIFICATION_APPROVE: "审批档案修改",
    Action.INSPECTION_PERFORM: "进行年度检查",
    Action.INSPECTION_SIGN: "签署年度检查记录",
    Action.INSPECTION_VIEW: "查看年度检查记录",
    Action.CHECKOUT_RECORD: "登记档案出入",
    Action.RECONCILIATION_PERFORM: "进行帐实核对",
    Action.LABEL_PRINT: "打印档案标签",
    Action.CONSULTATION_APPLY: "提出查阅申请",
    Action.CONSULTATION_REVIEW: "审核查阅申请",
    Action.CONSULTATION_SIGN: "签批查阅申请",
    Action.CONSULTATION_FORM_PRINT: "打印查阅申请表",
    Action.TIER_RAISE: "标定机密/绝密",
    Action.TIER_LOWER_APPROVE: "批准降低密级",
    Action.VAULT_ACCESS: "开启保密库",
    Action.COPY_REQUEST: "提出复制摘抄申请",
    Action.COPY_APPROVE: "批准复制摘抄",
    Action.CONTENT_EXPORT: "复制、导出或打印客户信息",
    Action.TRANSFER_RECORD: "登记收发传递",
    Action.EXTERNAL_REQUEST: "提出对外提供申请",
    Action.EXTERNAL_APPROVE_MANAGER: "对外提供(客户经理审批)",
    Action.EXTERNAL_APPROVE_DIRECTOR: "对外提供(主任审批)",
    Action.RETENTION_REVISE: "修订保管期限规则",
    Action.DESTRUCTION_REQUEST: "提出销毁申请",
    Action.DESTRUCTION_APPROVE: "批准销毁",
    Action.INCIDENT_REPORT: "报告泄露事件",
    Action.INCIDENT_HANDLE: "处理泄露事件",
    Action.STATISTICS_VIEW: "查看统计",
    Action.STATISTICS_EXPORT: "导出统计表",
    Action.STATISTICS_VIEW_BRANCH: "查看全网点分项统计",
    Action.TEMPLATE_REVISE: "修订分类模板",
}


def allowed(roles: Iterable[Role], action: Action) -> bool:
    permitted = MATRIX.get(action, frozenset())
    return any(role in permitted for role in roles)


def require(roles: Iterable[Role], action: Action) -> None:
    if not allowed(roles, action):
        raise NotPermitted(action.label)
