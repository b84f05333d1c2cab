"""Words that reach the views from outside them, shown through Qt's translation.

The program's title (app.APP_TITLE), the role titles (app.security.roles), the
account states (app.workflows.accounts), the names of audit events
(app.security.audit), the approval engine's kinds, states and steps
(app.workflows.approvals and its procedures), the registers' words (modes,
delivery forms, transfer kinds and states, incident states, conditions) and the
annual inspection's words (app.workflows.inspection) are Chinese constants of the
layers below, which the command line prints as they are. Qt's translation tools only
see literal strings, so each of those words is repeated here inside QT_TRANSLATE_NOOP;
tests/gui/test_translations.py checks that the lists stay complete. The
views show them through these functions, never the constants directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.security.roles import Role

CONTEXT = "labels"

APP_TITLE_SOURCE = str(QT_TRANSLATE_NOOP("labels", "客户信息档案系统"))

ROLE_WORDS = (
    QT_TRANSLATE_NOOP("labels", "系统管理员"),
    QT_TRANSLATE_NOOP("labels", "客户经理"),
    QT_TRANSLATE_NOOP("labels", "主任"),
    QT_TRANSLATE_NOOP("labels", "单位负责人"),
    QT_TRANSLATE_NOOP("labels", "保密专管员"),
    QT_TRANSLATE_NOOP("labels", "客户服务管理部主管"),
    QT_TRANSLATE_NOOP("labels", "检查人员"),
    QT_TRANSLATE_NOOP("labels", "工作人员"),
)

STATUS_WORDS = (
    QT_TRANSLATE_NOOP("labels", "正常"),
    QT_TRANSLATE_NOOP("labels", "已停用"),
    QT_TRANSLATE_NOOP("labels", "已注销"),
)

#: customer categories, tiers, archive states and carrier kinds (app.models.customer);
#: sub-type names come from the classification template, a data file of their own
ARCHIVE_WORDS = (
    QT_TRANSLATE_NOOP("labels", "个人客户"),
    QT_TRANSLATE_NOOP("labels", "单位客户"),
    QT_TRANSLATE_NOOP("labels", "特殊类客户"),
    QT_TRANSLATE_NOOP("labels", "普通"),
    QT_TRANSLATE_NOOP("labels", "机密"),
    QT_TRANSLATE_NOOP("labels", "绝密"),
    QT_TRANSLATE_NOOP("labels", "草稿"),
    QT_TRANSLATE_NOOP("labels", "在册"),
    QT_TRANSLATE_NOOP("labels", "已销户"),
    QT_TRANSLATE_NOOP("labels", "已销毁"),
    QT_TRANSLATE_NOOP("labels", "纸质"),
    QT_TRANSLATE_NOOP("labels", "磁盘"),
    QT_TRANSLATE_NOOP("labels", "电子"),
)

EVENT_WORDS = (
    QT_TRANSLATE_NOOP("labels", "建立档案库"),
    QT_TRANSLATE_NOOP("labels", "档案结构升级"),
    QT_TRANSLATE_NOOP("labels", "更换档案密钥"),
    QT_TRANSLATE_NOOP("labels", "校验档案完整性"),
    QT_TRANSLATE_NOOP("labels", "备份档案"),
    QT_TRANSLATE_NOOP("labels", "从备份恢复"),
    QT_TRANSLATE_NOOP("labels", "登录成功"),
    QT_TRANSLATE_NOOP("labels", "登录失败"),
    QT_TRANSLATE_NOOP("labels", "登录名被锁定"),
    QT_TRANSLATE_NOOP("labels", "锁定屏幕"),
    QT_TRANSLATE_NOOP("labels", "解除锁定"),
    QT_TRANSLATE_NOOP("labels", "切换用户"),
    QT_TRANSLATE_NOOP("labels", "退出登录"),
    QT_TRANSLATE_NOOP("labels", "新建用户"),
    QT_TRANSLATE_NOOP("labels", "修改用户信息"),
    QT_TRANSLATE_NOOP("labels", "修改用户角色"),
    QT_TRANSLATE_NOOP("labels", "停用用户"),
    QT_TRANSLATE_NOOP("labels", "启用用户"),
    QT_TRANSLATE_NOOP("labels", "重置用户密码"),
    QT_TRANSLATE_NOOP("labels", "注销用户"),
    QT_TRANSLATE_NOOP("labels", "修改本人密码"),
    QT_TRANSLATE_NOOP("labels", "授予保密专管员"),
    QT_TRANSLATE_NOOP("labels", "撤销保密专管员"),
    QT_TRANSLATE_NOOP("labels", "本人到场验证"),
    QT_TRANSLATE_NOOP("labels", "查看审计日志"),
    QT_TRANSLATE_NOOP("labels", "校验审计链"),
    QT_TRANSLATE_NOOP("labels", "建立客户档案"),
    QT_TRANSLATE_NOOP("labels", "修改档案草稿"),
    QT_TRANSLATE_NOOP("labels", "档案归档"),
    QT_TRANSLATE_NOOP("labels", "查看客户信息"),
    QT_TRANSLATE_NOOP("labels", "查看客户信息被拒绝"),
    QT_TRANSLATE_NOOP("labels", "检索档案目录"),
    QT_TRANSLATE_NOOP("labels", "批量导入客户档案"),
    QT_TRANSLATE_NOOP("labels", "导出本人客户档案"),
    QT_TRANSLATE_NOOP("labels", "查看档案修改记录"),
    QT_TRANSLATE_NOOP("labels", "提交申请"),
    QT_TRANSLATE_NOOP("labels", "审批同意"),
    QT_TRANSLATE_NOOP("labels", "审批同意(终审)"),
    QT_TRANSLATE_NOOP("labels", "审批驳回"),
    QT_TRANSLATE_NOOP("labels", "撤回申请"),
    QT_TRANSLATE_NOOP("labels", "按最新档案刷新申请"),
    QT_TRANSLATE_NOOP("labels", "执行并备案"),
    QT_TRANSLATE_NOOP("labels", "授权到期"),
    QT_TRANSLATE_NOOP("labels", "提前结束授权"),
    QT_TRANSLATE_NOOP("labels", "查看申请"),
    QT_TRANSLATE_NOOP("labels", "查看申请附件"),
    QT_TRANSLATE_NOOP("labels", "销毁客户档案"),
    QT_TRANSLATE_NOOP("labels", "清理数据库空闲页"),
    QT_TRANSLATE_NOOP("labels", "删除迁移前副本"),
    QT_TRANSLATE_NOOP("labels", "打印销毁清册"),
    QT_TRANSLATE_NOOP("labels", "报告泄露事件"),
    QT_TRANSLATE_NOOP("labels", "查看泄露事件"),
    QT_TRANSLATE_NOOP("labels", "记录泄露事件处理"),
    QT_TRANSLATE_NOOP("labels", "泄露事件结案"),
    QT_TRANSLATE_NOOP("labels", "登记收发传递"),
    QT_TRANSLATE_NOOP("labels", "登记收发传递归还"),
    QT_TRANSLATE_NOOP("labels", "生成对外提供文件"),
    QT_TRANSLATE_NOOP("labels", "输出对外提供文件"),
    QT_TRANSLATE_NOOP("labels", "登记借出档案载体"),
    QT_TRANSLATE_NOOP("labels", "登记归还档案载体"),
    QT_TRANSLATE_NOOP("labels", "打印档案标签"),
    QT_TRANSLATE_NOOP("labels", "帐实核对"),
    QT_TRANSLATE_NOOP("labels", "打印帐实核对报告"),
    QT_TRANSLATE_NOOP("labels", "打印查阅申请表"),
    QT_TRANSLATE_NOOP("labels", "打印空白查阅申请表"),
    QT_TRANSLATE_NOOP("labels", "开始年度检查"),
    QT_TRANSLATE_NOOP("labels", "刷新年度检查结果"),
    QT_TRANSLATE_NOOP("labels", "填写年度检查清单"),
    QT_TRANSLATE_NOOP("labels", "提交年度检查记录"),
    QT_TRANSLATE_NOOP("labels", "打印年度检查报告"),
    QT_TRANSLATE_NOOP("labels", "标定密级"),
    QT_TRANSLATE_NOOP("labels", "降低密级"),
    QT_TRANSLATE_NOOP("labels", "查看保密库概况"),
    QT_TRANSLATE_NOOP("labels", "复制、导出或打印客户信息"),
    QT_TRANSLATE_NOOP("labels", "打印或另存复制件"),
    QT_TRANSLATE_NOOP("labels", "复制客户信息被拒绝"),
    QT_TRANSLATE_NOOP("labels", "查看统计"),
    QT_TRANSLATE_NOOP("labels", "打印统计报表"),
    QT_TRANSLATE_NOOP("labels", "导出统计表"),
)

#: the approval engine's words (app.workflows.approvals and the procedures): request
#: kinds, states, steps, what remains, decisions, attachment types, empty values
APPROVAL_WORDS = (
    QT_TRANSLATE_NOOP("labels", "档案修改申请"),
    QT_TRANSLATE_NOOP("labels", "查阅申请"),
    QT_TRANSLATE_NOOP("labels", "对外提供申请"),
    QT_TRANSLATE_NOOP("labels", "销毁申请"),
    QT_TRANSLATE_NOOP("labels", "信息更新申请"),
    QT_TRANSLATE_NOOP("labels", "降低密级申请"),
    QT_TRANSLATE_NOOP("labels", "年度检查记录"),
    QT_TRANSLATE_NOOP("labels", "复制摘录申请"),
    QT_TRANSLATE_NOOP("labels", "草稿"),
    QT_TRANSLATE_NOOP("labels", "审批中"),
    QT_TRANSLATE_NOOP("labels", "已批准"),
    QT_TRANSLATE_NOOP("labels", "已驳回"),
    QT_TRANSLATE_NOOP("labels", "已撤回"),
    QT_TRANSLATE_NOOP("labels", "已执行"),
    QT_TRANSLATE_NOOP("labels", "已结束"),
    QT_TRANSLATE_NOOP("labels", "主任审批"),
    QT_TRANSLATE_NOOP("labels", "客户经理审核"),
    QT_TRANSLATE_NOOP("labels", "单位负责人签批"),
    QT_TRANSLATE_NOOP("labels", "客户经理审批"),
    QT_TRANSLATE_NOOP("labels", "管户客户经理受理"),
    QT_TRANSLATE_NOOP("labels", "主任签署"),
    QT_TRANSLATE_NOOP("labels", "主任或管户客户经理审批"),
    QT_TRANSLATE_NOOP("labels", "待提交"),
    QT_TRANSLATE_NOOP("labels", "待执行"),
    QT_TRANSLATE_NOOP("labels", "同意"),
    QT_TRANSLATE_NOOP("labels", "不同意"),
    QT_TRANSLATE_NOOP("labels", "PDF"),
    QT_TRANSLATE_NOOP("labels", "JPEG 图片"),
    QT_TRANSLATE_NOOP("labels", "PNG 图片"),
    QT_TRANSLATE_NOOP("labels", "(空)"),
    QT_TRANSLATE_NOOP("labels", "是"),
    QT_TRANSLATE_NOOP("labels", "否"),
)

#: the registers' words: consultation modes (app.workflows.consultation), delivery forms
#: (app.workflows.external_provision), transfer kinds (app.models.outflow) and states
#: (app.workflows.transfers), incident states (app.models.incident), return conditions
#: (app.models.safekeeping)
REGISTER_WORDS = (
    QT_TRANSLATE_NOOP("labels", "阅览"),
    QT_TRANSLATE_NOOP("labels", "摘抄"),
    QT_TRANSLATE_NOOP("labels", "复制"),
    QT_TRANSLATE_NOOP("labels", "纸质"),
    QT_TRANSLATE_NOOP("labels", "电子文件"),
    QT_TRANSLATE_NOOP("labels", "当面查阅"),
    QT_TRANSLATE_NOOP("labels", "发出"),
    QT_TRANSLATE_NOOP("labels", "收到"),
    QT_TRANSLATE_NOOP("labels", "传递"),
    QT_TRANSLATE_NOOP("labels", "外出携带"),
    QT_TRANSLATE_NOOP("labels", "未归还"),
    QT_TRANSLATE_NOOP("labels", "逾期未归还"),
    QT_TRANSLATE_NOOP("labels", "已归还"),
    QT_TRANSLATE_NOOP("labels", "无须归还"),
    QT_TRANSLATE_NOOP("labels", "处理中"),
    QT_TRANSLATE_NOOP("labels", "已结案"),
    QT_TRANSLATE_NOOP("labels", "完好"),
    QT_TRANSLATE_NOOP("labels", "破损"),
    QT_TRANSLATE_NOOP("labels", "缺页缺件"),
    QT_TRANSLATE_NOOP("labels", "其他"),
)


#: the annual inspection's words (app.workflows.inspection): severities (正常 through
#: severity_text), checklist results, the record's states, the inspector's signature, the
#: findings' titles and the checklist
INSPECTION_WORDS = (
    QT_TRANSLATE_NOOP("labels", "需关注"),
    QT_TRANSLATE_NOOP("labels", "问题"),
    QT_TRANSLATE_NOOP("labels", "符合"),
    QT_TRANSLATE_NOOP("labels", "不符合"),
    QT_TRANSLATE_NOOP("labels", "未检查"),
    QT_TRANSLATE_NOOP("labels", "检查中"),
    QT_TRANSLATE_NOOP("labels", "待主任签署"),
    QT_TRANSLATE_NOOP("labels", "已签署"),
    QT_TRANSLATE_NOOP("labels", "检查人员"),
    QT_TRANSLATE_NOOP("labels", "提交"),
    QT_TRANSLATE_NOOP("labels", "在册档案填写不完整"),
    QT_TRANSLATE_NOOP("labels", "按旧版分类模板填写的在册档案"),
    QT_TRANSLATE_NOOP("labels", "保管期限已满尚未销毁的档案"),
    QT_TRANSLATE_NOOP("labels", "逾期未归还的档案载体"),
    QT_TRANSLATE_NOOP("labels", "逾期未归还的收发传递"),
    QT_TRANSLATE_NOOP("labels", "已过期仍标为已批准的查阅授权"),
    QT_TRANSLATE_NOOP("labels", "超过30天未办结的申请"),
    QT_TRANSLATE_NOOP("labels", "无效的电子签名"),
    QT_TRANSLATE_NOOP("labels", "审计日志链校验"),
    QT_TRANSLATE_NOOP("labels", "在岗保密专管员"),
    QT_TRANSLATE_NOOP("labels", "90天以上未使用的账户"),
    QT_TRANSLATE_NOOP("labels", "最近一次帐实核对"),
    QT_TRANSLATE_NOOP("labels", "未结案的泄露事件"),
    QT_TRANSLATE_NOOP(
        "labels", "客户信息载体(纸张、磁盘)质量良好、耐久,便于长期保管,无破损、霉变、受潮"
    ),
    QT_TRANSLATE_NOOP("labels", "书写使用碳素墨水、蓝黑墨水等耐久不褪色材料,未使用圆珠笔、铅笔"),
    QT_TRANSLATE_NOOP("labels", "档案存放场所和柜架防火、防潮、防盗,柜门上锁,钥匙专人保管"),
    QT_TRANSLATE_NOOP("labels", "抽查的客户档案纸质材料齐全,与系统登记的载体和存放位置一致"),
    QT_TRANSLATE_NOOP("labels", "“机密”“绝密”档案单独存放、专人管理,检索备注栏已标明密级"),
    QT_TRANSLATE_NOOP("labels", "纸质查阅申请表填写完整,客户经理审核、单位负责人签字齐全"),
    QT_TRANSLATE_NOOP(
        "labels", "复制、摘抄经批准;收发、传递和外出携带有指定人员负责并采取安全措施"
    ),
    QT_TRANSLATE_NOOP("labels", "失去保存价值的信息按规定审批销毁,未当作废纸出售"),
    QT_TRANSLATE_NOOP("labels", "工作人员知悉并遵守保密制度和“三不准”(抽问不少于两人)"),
    QT_TRANSLATE_NOOP("labels", "工作人员知道发现泄露时立即补救并报告客户服务管理部主管"),
)


def label_text(word: str) -> str:
    """One of the words above in the chosen language (an unknown word is shown as it is)."""
    return QCoreApplication.translate(CONTEXT, word)


def severity_text(word: str) -> str:
    """A finding's severity (app.workflows.inspection.SEVERITIES): 正常 there is not an account's."""
    if word == "正常":
        return QCoreApplication.translate("labels", "正常", "a finding's severity")
    return label_text(word)


def app_title() -> str:
    return QCoreApplication.translate(CONTEXT, APP_TITLE_SOURCE)


def role_text(role: Role) -> str:
    return label_text(role.label)


def roles_text(roles: Iterable[Role]) -> str:
    """Several role titles in the policy's order, joined as the language writes a list."""
    separator = QCoreApplication.translate("labels", "、", "between role titles")
    return separator.join(role_text(r) for r in sorted(roles, key=list(Role).index))


def local_time(moment: datetime | None, *, seconds: bool = False) -> str:
    """A stored moment (naive UTC, see app.models.base.utcnow) as the branch's clock shows it."""
    if moment is None:
        return ""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone().strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
