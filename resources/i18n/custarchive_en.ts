<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AccountPage</name>
    <message>
        <location filename="../../app/views/first_run_wizard.py" line="+163"/>
        <source>小写字母开头,例如 zhangsan</source>
        <translation>Starts with a lowercase letter, e.g. zhangsan</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>登录名(&amp;L):</source>
        <translation>&amp;Login name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名(&amp;M):</source>
        <translation>Full na&amp;me:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码(&amp;P):</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认密码(&amp;R):</source>
        <translation>Confi&amp;rm password:</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>请填写姓名。</source>
        <translation>Please enter the full name.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>两次输入的密码不一致,请重新输入。</source>
        <translation>The two passwords do not match. Please enter them again.</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../app/views/add_user_dialog.py" line="+42"/>
        <source>新增用户</source>
        <extracomment>called with the typed account and roles; True when the account was created</extracomment>
        <translation>Add user</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>小写字母开头,如 zhangsan</source>
        <translation>Starts with a lowercase letter, e.g. zhangsan</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>角色(可多选)</source>
        <translation>Roles (more than one may be chosen)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>授予保密专管员角色须由一名保密专管员本人到场输入密码确认。</source>
        <translation>Granting the Custodian role must be confirmed by a Custodian in person, who types their own password.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>初始密码至少 10 个字符,须含字母和数字,不能包含登录名。请当面告知本人;本人首次登录时必须修改。</source>
        <translation>The initial password must be at least 10 characters long, contain both letters and digits, and must not contain the login name. Tell it to the person face to face; they must change it at their first login.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>登录名</source>
        <translation>Login name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>初始密码</source>
        <translation>Initial password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认密码</source>
        <translation>Confirm password</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>两次输入的初始密码不一致,请重新输入。</source>
        <translation>The two initial passwords do not match. Please enter them again.</translation>
    </message>
</context>
<context>
    <name>AreaPlaceholder</name>
    <message>
        <location filename="../../app/views/area_placeholder.py" line="+26"/>
        <source>依据:《客户信息管理操作制度》{articles}</source>
        <translation>Basis: Customer Information Management Procedures, {articles}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>此功能将在后续版本中提供。</source>
        <translation>This function will be provided in a later version.</translation>
    </message>
</context>
<context>
    <name>AuditLogModel</name>
    <message>
        <location filename="../../app/views/audit_log_model.py" line="+45"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+10"/>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>档案库</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
</context>
<context>
    <name>AuditLogPage</name>
    <message>
        <location filename="../../app/views/audit_log_page.py" line="+49"/>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>您没有查看审计日志的权限。</source>
        <translation>You do not have permission to view the audit log.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>重新校验</source>
        <translation>Check again</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>全部用户</source>
        <translation>All users</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>全部操作</source>
        <translation>All actions</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>共 {n} 条</source>
        <translation>{n} entries</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>审计链完整:已校验 {n} 条记录,链尾 {head}…</source>
        <translation>Audit chain intact: {n} entries checked, chain end {head}…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>审计链异常:发现 {n} 处问题,审计日志可能已被改动。请按制度立即报告,并保留现场。</source>
        <translation>Audit chain broken: {n} problems found; the audit log may have been tampered with. Report this at once as the procedures require, and leave everything as it is.</translation>
    </message>
</context>
<context>
    <name>BranchPage</name>
    <message>
        <location filename="../../app/views/first_run_wizard.py" line="-83"/>
        <source>信用社(网点)</source>
        <translation>Credit cooperative (branch)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>填写本档案所属的信用社或网点,将显示在窗口标题和打印的表格上。</source>
        <translation>Enter the credit cooperative or branch this archive belongs to. It is shown in the window title and on printed forms.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>例如:涟源市某某信用社</source>
        <translation>e.g. Lianyuan XX Credit Cooperative</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>联社编定的网点代码</source>
        <translation>Branch code assigned by the Union</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>信用社/网点名称(&amp;N):</source>
        <translation>Cooperative or branch na&amp;me:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网点代码(&amp;C):</source>
        <translation>Branch &amp;code:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>请填写信用社(网点)名称。</source>
        <translation>Please enter the name of the credit cooperative (branch).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请填写网点代码。</source>
        <translation>Please enter the branch code.</translation>
    </message>
</context>
<context>
    <name>CatalogueModel</name>
    <message>
        <location filename="../../app/views/catalogue_model.py" line="+53"/>
        <source>档案编号</source>
        <extracomment>the workflow&apos;s order keys, by column the number of matching lines changed (after a new query)</extracomment>
        <translation>Archive no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>子类</source>
        <translation>Subcategory</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客户名称</source>
        <translation>Customer name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密级</source>
        <translation>Classification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>管户客户经理</source>
        <translation>Responsible account manager</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完整度</source>
        <translation>Completeness</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>检索备注</source>
        <translation>Search notes</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>只显示目录信息;查阅客户信息须提出查阅申请</source>
        <translation>Catalogue information only; consulting customer information requires a consultation request</translation>
    </message>
</context>
<context>
    <name>CataloguePage</name>
    <message>
        <location filename="../../app/views/catalogue_page.py" line="+61"/>
        <source>客户档案</source>
        <extracomment>how long typing must pause before the search runs</extracomment>
        <translation>Customer archives</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>您没有查看档案目录的权限。</source>
        <translation>You do not have permission to view the archive catalogue.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>只显示目录信息;查阅客户信息须提出查阅申请(制度第13、14条)</source>
        <translation>Catalogue information only; consulting customer information requires a consultation request (Articles 13 and 14 of the procedures)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>完整度 &lt;100%</source>
        <translation>Completeness &lt;100%</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>新建档案</source>
        <translation>New archive</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>从 Excel 导入(&amp;I)…</source>
        <translation>&amp;Import from Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出本人客户(&amp;E)…</source>
        <translation>&amp;Export my customers…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>子类</source>
        <translation>Subcategory</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客户经理</source>
        <translation>Account manager</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密级</source>
        <translation>Classification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>档案编号、姓名(部分或拼音)、证件号码、电话、地址</source>
        <translation>Archive no., name (part or pinyin), ID number, phone, address</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>按档案编号、完整姓名或完整证件号码查找</source>
        <translation>Find by archive no., full name or full ID number</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+22"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>共 {n} 户</source>
        <translation>{n} customers</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>档案 {no} 为“{tier}”,内容存放于保密库,须由保密专管员本人到场开启。</source>
        <translation>Archive {no} is &quot;{tier}&quot;; its content is kept in the vault and must be opened by a Custodian in person.</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../app/views/change_password_dialog.py" line="+55"/>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name}({login}),这是您第一次使用此账户(或密码刚被重置)。系统管理员设置的初始密码只能用于这一次登录:请现在设置只有您本人知道的新密码,设置后才能继续使用。如不修改,只能退出程序。</source>
        <translation>{name} ({login}), this is the first time you are using this account (or your password has just been reset). The initial password set by the system administrator is valid for this one login only: please set a new password now that only you know. You can continue once it is set; if you do not change it, you can only quit the program.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name}({login}),请输入当前密码和新密码。</source>
        <translation>{name} ({login}), please enter your current password and a new password.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>初始密码(&amp;C):</source>
        <translation>&amp;Initial password:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>当前密码(&amp;C):</source>
        <translation>&amp;Current password:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>新密码(&amp;N):</source>
        <translation>&amp;New password:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认新密码(&amp;R):</source>
        <translation>Confi&amp;rm new password:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>确定修改</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>退出程序</source>
        <translation>Quit program</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>两次输入的新密码不一致,请重新输入。</source>
        <translation>The two new passwords do not match. Please enter them again.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>未能修改密码</source>
        <translation>Password not changed</translation>
    </message>
</context>
<context>
    <name>ConfidentialityNoticeDialog</name>
    <message>
        <location filename="../../app/views/confidentiality_notice_dialog.py" line="+28"/>
        <source>客户信息保密提示</source>
        <translation>Customer information confidentiality notice</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name},使用前请阅读《客户信息管理操作制度》的保密规定:</source>
        <translation>{name}, before you start, please read the confidentiality rules of the Customer Information Management Procedures:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>第13条</source>
        <translation>Article 13</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>建立客户信息查阅权限制度,未经许可,任何人不得随意查阅客户信息。</source>
        <translation>Access to customer information is controlled by permissions: no one may consult customer information without authorization.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>第19条 三不准</source>
        <translation>Article 19: the three prohibitions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1、不准在私人交往和通信中泄露客户信息。
2、不准在公共场所谈论客户信息。
3、不准在普通电话、明码电报和私人通信中泄露客户信息。</source>
        <translation>1. Do not disclose customer information in private dealings or correspondence.
2. Do not discuss customer information in public places.
3. Do not disclose customer information over ordinary telephones, in plain-text telegrams or in private correspondence.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>您在本系统中的每一次查阅和操作都会记入审计日志。离开座位时请按 Ctrl+L 锁定屏幕。</source>
        <translation>Everything you view or do in this system is recorded in the audit log. Press Ctrl+L to lock the screen whenever you leave your desk.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>我已阅读并将遵守(&amp;A)</source>
        <translation>I have read these rules and &amp;agree to observe them</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>CustodianPage</name>
    <message>
        <location filename="../../app/views/first_run_wizard.py" line="+74"/>
        <source>第一位保密专管员</source>
        <translation>First Custodian</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请保密专管员本人到场,亲自填写此页。</source>
        <translation>The Custodian must be present and fill in this page personally.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>保密专管员专人管理“机密”“绝密”客户信息(制度第16条)。这些信息存放在单独加密的保密库中,保密库的密钥只保存在保密专管员的密钥中:系统管理员和其他人员都无法打开。
因此密码必须由保密专管员本人输入,不得告诉任何人(包括系统管理员)。如所有保密专管员都忘记密码,保密库中的信息将无法恢复;建议日后再增设一名保密专管员。</source>
        <translation>The Custodian is solely responsible for &quot;Secret&quot; and &quot;Top secret&quot; customer information (Article 16 of the procedures). This information is kept in a separately encrypted vault whose key is held only in the Custodians&apos; keys: neither the system administrator nor anyone else can open it.
The password must therefore be typed by the Custodian personally and must not be told to anyone (including the system administrator). If every Custodian forgets their password, the information in the vault cannot be recovered; it is advisable to appoint a second Custodian later.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>保密专管员与系统管理员必须是两个不同的账户(不同的人),请换一个登录名。</source>
        <translation>The Custodian and the system administrator must be two different accounts (two different people). Please choose another login name.</translation>
    </message>
</context>
<context>
    <name>CustomerFormDialog</name>
    <message>
        <location filename="../../app/views/customer_form_dialog.py" line="+142"/>
        <source>自动计算</source>
        <extracomment>the data of a combo&apos;s &quot;(未填)&quot; entry. Never None: PySide6 6.12 drops a reference to None each time an item&apos;s None data is read back (currentData), which in the end crashes the interpreter.</extracomment>
        <translation>Calculated automatically</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+7"/>
        <source>(未填)</source>
        <translation>(Not filled in)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+153"/>
        <source>添加行</source>
        <translation>Add row</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>删除行</source>
        <translation>Delete row</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>“{label}”最多 {n} 行。</source>
        <extracomment>the cells now marked as wrong, (row, column) -&gt; message</extracomment>
        <translation>&quot;{label}&quot; can have at most {n} rows.</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>新建客户档案</source>
        <extracomment>what was saved last (None until the first save)</extracomment>
        <translation>New customer archive</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>修改档案草稿 {no}</source>
        <translation>Edit archive draft {no}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>客户类别 *</source>
        <translation>Customer category *</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>子类 *</source>
        <translation>Subcategory *</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>档案编号在保存时自动生成</source>
        <translation>The archive no. is assigned automatically when you save</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>档案编号 {no} · {category} · {subtype} · {status}</source>
        <translation>Archive no. {no} · {category} · {subtype} · {status}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>完整度 %p%</source>
        <translation>Completeness %p%</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>保存草稿</source>
        <translation>Save draft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存并归档</source>
        <translation>Save and file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>填写完整(完整度 100%)后归档,归档后的修改须经主任批准</source>
        <translation>Files the archive once it is complete (Completeness 100%); after filing, changes require the Director&apos;s approval</translation>
    </message>
    <message>
        <location line="+164"/>
        <source>第 {n} 行:{message}</source>
        <translation>Row {n}: {message}</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>有 {n} 处需要更正,未保存。</source>
        <translation>Not saved: {n} entries need correcting.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>“{tier}”档案的内容存入保密库,须由保密专管员本人到场输入密码确认。</source>
        <translation>The content of a &quot;{tier}&quot; archive is stored in the vault, so a Custodian must confirm in person by typing their own password.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>保密专管员未确认,未保存。</source>
        <translation>Not confirmed by a Custodian; not saved.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>与已有档案 {no} 重复,未保存。</source>
        <translation>Duplicates existing archive {no}; not saved.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>档案编号 {no}</source>
        <translation>Archive no. {no}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>已保存为草稿(档案编号 {no}),尚不能归档。</source>
        <translation>Saved as a draft (archive no. {no}); it cannot be filed yet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>尚不能归档</source>
        <translation>Cannot be filed yet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>档案 {no} 已保存并归档。</source>
        <translation>Archive {no} has been saved and filed.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已保存草稿,档案编号 {no}(完整度 {p}%)。</source>
        <translation>Draft saved as archive no. {no} (completeness {p}%).</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>表单中已填写的内容尚未保存,确定放弃吗?</source>
        <translation>What you have entered in the form has not been saved. Discard it?</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>放弃填写</source>
        <translation>Discard entries</translation>
    </message>
</context>
<context>
    <name>CustomerViewDialog</name>
    <message>
        <location filename="../../app/views/customer_view_dialog.py" line="+84"/>
        <source>修改</source>
        <extracomment>the archive was changed here (completed or filed): the catalogue should refresh</extracomment>
        <translation>Edit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>归档</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>草稿可由管户客户经理直接修改;归档后的修改须经主任批准</source>
        <translation>The responsible account manager can edit a draft directly; after filing, changes require the Director&apos;s approval</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>客户档案 {no}({status})</source>
        <translation>Customer archive {no} ({status})</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>目录信息</source>
        <translation>Catalogue information</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>第 {v} 版</source>
        <translation>Version {v}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(现行第 {v} 版)</source>
        <translation> (current version: {v})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>档案编号</source>
        <translation>Archive no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密级</source>
        <translation>Classification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>管户客户经理</source>
        <translation>Responsible account manager</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完整度</source>
        <translation>Completeness</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>检索备注</source>
        <translation>Search notes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>分类模板</source>
        <translation>Classification template</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>建档时间</source>
        <translation>Date created</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>按新版模板还需补充:</source>
        <translation>Still needed under the new template: </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>尚需填写:</source>
        <translation>Still to be filled in: </translation>
    </message>
    <message>
        <location line="+41"/>
        <source>载体及存放位置</source>
        <translation>Media and storage locations</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>载体种类</source>
        <translation>Medium</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>存放位置</source>
        <translation>Storage location</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>备注</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>将档案 {no} 归档?归档后的修改须报主任批准(制度第10条)。</source>
        <translation>File archive {no}? After filing, changes require the Director&apos;s approval (Article 10 of the procedures).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>尚不能归档</source>
        <translation>Cannot be filed yet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>档案 {no} 已归档。</source>
        <translation>Archive {no} has been filed.</translation>
    </message>
</context>
<context>
    <name>EditUserDialog</name>
    <message>
        <location filename="../../app/views/edit_user_dialog.py" line="+53"/>
        <source>修改用户信息和角色</source>
        <extracomment>called with what the form holds; True when saved</extracomment>
        <translation>Edit user details and roles</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>保密专管员角色须由保密专管员本人到场授予或撤销,请使用用户管理页的“授予保密专管员”“撤销保密专管员”。</source>
        <translation>The Custodian role can only be granted or revoked with a Custodian present in person. Use &quot;Grant Custodian&quot; or &quot;Revoke Custodian&quot; on the user management page.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>登录名</source>
        <translation>Login name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../app/views/first_run_wizard.py" line="+11"/>
        <source>请检查填写的内容</source>
        <translation>Please check your entries</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>新建客户信息档案</source>
        <translation>New customer information archive</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt; 上一步(&amp;B)</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下一步(&amp;N) &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>建立档案(&amp;F)</source>
        <translation>&amp;Create archive</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>系统管理员</source>
        <translation>System administrator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请系统管理员本人填写此页。</source>
        <translation>The system administrator must fill in this page personally.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>系统管理员负责建立和管理用户账户、备份档案,但不能查看任何客户信息。其他人员的账户由系统管理员在程序中建立。</source>
        <translation>The system administrator creates and manages user accounts and backs up the archive, but cannot view any customer information. Accounts for other staff are created by the system administrator in the program.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>无法在“{path}”中建立档案({reason})。请选择一个本人有写入权限的文件夹。</source>
        <translation>Cannot create the archive in &quot;{path}&quot; ({reason}). Please choose a folder you are allowed to write to.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>未能建立档案</source>
        <translation>Archive not created</translation>
    </message>
</context>
<context>
    <name>FolderPage</name>
    <message>
        <location line="-280"/>
        <source>档案存放位置</source>
        <translation>Archive location</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>选择本机上保存加密档案的文件夹。</source>
        <translation>Choose the folder on this computer where the encrypted archive will be kept.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>浏览(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>档案文件夹(&amp;F):</source>
        <translation>Archive &amp;folder:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>档案是一个文件夹,其中的客户信息全部加密保存。请选择一个空文件夹,或填写一个尚不存在的文件夹(程序会自动建立)。请选择本机硬盘上的位置,不要选择U盘或网络共享文件夹;建立后请由系统管理员定期备份。</source>
        <translation>The archive is a folder in which all customer information is stored encrypted. Choose an empty folder, or enter a folder that does not exist yet (the program will create it). Choose a location on this computer&apos;s hard disk, not a USB drive or a network share; once created, the system administrator should back it up regularly.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>选择档案文件夹</source>
        <translation>Choose archive folder</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>请填写或选择档案文件夹。</source>
        <translation>Please enter or choose the archive folder.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>请填写完整的文件夹路径(例如 D:\客户档案),或点“浏览”选择。</source>
        <translation>Please enter the full folder path (for example D:\CustomerArchive), or click &quot;Browse&quot; to choose one.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“{path}”是一个文件,不是文件夹。</source>
        <translation>&quot;{path}&quot; is a file, not a folder.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>“{path}”不是空文件夹。为免档案与其他文件混在一起,请选择一个空文件夹,或填写一个新文件夹的名称。</source>
        <translation>&quot;{path}&quot; is not an empty folder. So that the archive is not mixed with other files, choose an empty folder or enter the name of a new one.</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../app/views/home_page.py" line="+39"/>
        <source>角色:</source>
        <translation>Roles:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>信用社(网点):</source>
        <translation>Credit cooperative (branch):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上次登录:</source>
        <translation>Last login:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>保密提示
· 未经许可,任何人不得随意查阅客户信息(第13条)。
· 不准在私人交往和通信中、公共场所、普通电话、明码电报和私人通信中泄露或谈论客户信息(第19条 三不准)。
· 发现客户信息已经泄露或可能泄露时,应立即采取补救措施,并及时报告客户服务管理部主管(第20条)。
· 离开座位时请按 Ctrl+L 锁定屏幕。</source>
        <translation>Confidentiality reminder
· No one may consult customer information without authorization (Article 13).
· Do not disclose or discuss customer information in private dealings or correspondence, in public places, over ordinary telephones or in plain-text telegrams (Article 19, the three prohibitions).
· If customer information has been or may have been disclosed, take remedial action at once and promptly inform the Head of customer service management (Article 20).
· Press Ctrl+L to lock the screen whenever you leave your desk.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{name},您好</source>
        <translation>Hello, {name}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name}(网点代码 {code})</source>
        <translation>{name} (branch code {code})</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>这是您第一次登录本系统。</source>
        <translation>This is your first login to this system.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{time}(如不是您本人登录,请立即修改密码并报告客户服务管理部主管)</source>
        <translation>{time} (if this was not you, change your password at once and inform the Head of customer service management)</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <location filename="../../app/views/idle_lock.py" line="+227"/>
        <source>已锁定 - {title}</source>
        <extracomment>the session is over (quit from the lock, or a switch the new person declined)</extracomment>
        <translation>Locked - {title}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../app/views/import_dialog.py" line="+86"/>
        <source>导入客户名单(Excel)</source>
        <extracomment>emitted with the ImportReport after a successful import (the catalogue refreshes)</extracomment>
        <translation>Import customer list (Excel)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>请选择已填好的 .xlsx 文件</source>
        <translation>Choose a completed .xlsx file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>选择文件(&amp;F)…</source>
        <translation>Choose &amp;file…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>空白导入表(&amp;B)…</source>
        <translation>&amp;Blank import sheet…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存所选类别的空白导入表,按列标题填写后再导入</source>
        <translation>Save a blank import sheet for the selected category; fill it in under the column headings, then import it</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客户类别</source>
        <translation>Customer category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>默认子类</source>
        <translation>Default subcategory</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>表中的列</source>
        <translation>Column in the sheet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>对应的项目</source>
        <translation>Corresponding field</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>列对照</source>
        <translation>Column mapping</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>检查发现的问题</source>
        <translation>Problems found by the check</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>选择文件后,先点“检查”;全部问题改正后才能导入。导入是整批进行的。</source>
        <translation>After choosing the file, click &quot;Check&quot; first; you can import only once every problem has been corrected. The whole file is imported as one batch.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>检查(&amp;C)</source>
        <translation>&amp;Check</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>导入(&amp;I)</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消(&amp;X)</source>
        <translation>Ca&amp;ncel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>列对照(按导入表填写的会自动对应;不需要的列选“忽略”)</source>
        <translation>Column mapping (columns filled in as in the import sheet are matched automatically; set columns you do not need to &quot;Ignore&quot;)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>检查结果</source>
        <translation>Check results</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>选择客户名单</source>
        <translation>Choose customer list</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+64"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>无法读取文件</source>
        <translation>Cannot read the file</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>按“子类”列</source>
        <translation>From the &quot;子类&quot; (Subcategory) column</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>(忽略)</source>
        <translation>(Ignore)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{label}导入表.xlsx</source>
        <translation>{label} import sheet.xlsx</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>保存空白导入表</source>
        <translation>Save blank import sheet</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>已保存空白导入表:{path}</source>
        <translation>Blank import sheet saved: {path}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>正在取消,已处理的内容将全部撤销……</source>
        <translation>Cancelling; everything processed so far will be undone…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>正在检查……</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>正在导入……</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>操作未完成。</source>
        <translation>The operation was not completed.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>导入完成</source>
        <translation>Import complete</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>(整个文件)</source>
        <translation>(whole file)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>这些列在分类模板中没有对应项目,不会导入。</source>
        <translation>These columns have no corresponding field in the classification template and will not be imported.</translation>
    </message>
</context>
<context>
    <name>InPersonAuthDialog</name>
    <message>
        <location filename="../../app/views/in_person_auth_dialog.py" line="+54"/>
        <source>本人到场确认</source>
        <translation>In-person confirmation</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>由本人输入,他人请回避</source>
        <translation>To be typed by that person; others please look away</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>登录名</source>
        <translation>Login name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>须由{role}本人确认。</source>
        <translation>Must be confirmed in person by a {role}.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>请选择登录名并由本人输入密码。</source>
        <translation>Please choose the login name and have that person type their password.</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <location filename="../../app/views/lock_dialog.py" line="+57"/>
        <source>已锁定 - {title}</source>
        <extracomment>the same person typed their password (the Actor as it is now) another person logged in (their Actor); the previous session ends the person chose to leave the program instead of unlocking</extracomment>
        <translation>Locked - {title}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>屏幕已锁定</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{name}({login})已锁定屏幕。请输入密码解除锁定。</source>
        <translation>{name} ({login}) has locked the screen. Enter the password to unlock.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>密码(&amp;P):</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>解除锁定(&amp;U)</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>切换用户(&amp;S)…</source>
        <translation>&amp;Switch user…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退出程序(&amp;Q)</source>
        <translation>&amp;Quit program</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>由另一位用户登录。切换后,{name}未完成的操作将被取消,打开的窗口将被关闭。</source>
        <translation>Log in as another user. After the switch, {name}&apos;s unfinished work will be cancelled and their open windows closed.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>登录名(&amp;N):</source>
        <translation>Login &amp;name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码(&amp;W):</source>
        <translation>Pass&amp;word:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登录并切换(&amp;L)</source>
        <translation>&amp;Log in and switch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>返回(&amp;B)</source>
        <translation>&amp;Back</translation>
    </message>
    <message>
        <location line="+38"/>
        <location line="+15"/>
        <source>请输入密码。</source>
        <translation>Please enter the password.</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>请选择或输入登录名。</source>
        <translation>Please choose or enter a login name.</translation>
    </message>
</context>
<context>
    <name>LockOverlay</name>
    <message>
        <location filename="../../app/views/idle_lock.py" line="-154"/>
        <source>屏幕已锁定
请在“解除锁定”窗口中输入密码</source>
        <extracomment>any of these counts as someone at the keyboard</extracomment>
        <translation>Screen locked
Enter the password in the &quot;Unlock&quot; window</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../app/views/login_dialog.py" line="+52"/>
        <source>登录 - {title}</source>
        <translation>Log in - {title}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>登录名(&amp;U):</source>
        <translation>Login &amp;name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码(&amp;P):</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>登录(&amp;L)</source>
        <translation>&amp;Log in</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>退出(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>请选择或输入登录名。</source>
        <translation>Please choose or enter a login name.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请输入密码。</source>
        <translation>Please enter the password.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/views/main_window.py" line="+81"/>
        <source>首页</source>
        <extracomment>the largest default size; smaller screens get what they have</extracomment>
        <translation>Home</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>客户档案</source>
        <translation>Customer archives</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第4至8条、第16条</source>
        <translation>Articles 4 to 8 and 16</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按联社分类模板建立和维护客户档案,登记档案载体和存放位置;“机密”“绝密”信息在目录中标明,内容单独存放于保密库。</source>
        <translation>Create and maintain customer archives using the Union&apos;s classification template, and register each record&apos;s medium and storage location. &quot;Secret&quot; and &quot;Top secret&quot; information is marked in the catalogue, and its content is kept separately in the vault.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>待办审批</source>
        <translation>Pending approvals</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第9、10、14、17、18条</source>
        <translation>Articles 9, 10, 14, 17 and 18</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>等待您审批或签字的信息更新申请、档案修改、查阅申请、复制摘抄申请、对外提供申请和销毁申请。</source>
        <translation>Information update requests, archive amendments, consultation requests, copy and extract requests, external disclosure requests and destruction requests awaiting your approval or signature.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>查阅申请</source>
        <translation>Consultation requests</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第13、14条</source>
        <translation>Articles 13 and 14</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>写明查阅的对象、目的、理由和查阅人概况,提出查阅申请;经客户经理审核、单位负责人签字后,在有效期内查阅;打印《数码客户信息查阅申请表》。</source>
        <translation>Submit a consultation request stating what is to be consulted, the purpose, the reason and who will consult it. After review by the Account manager and signature by the Unit head, consult the records within the validity period. Print the Digital Customer Information Consultation Request Form.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>登记簿</source>
        <translation>Registers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第12条、第17条</source>
        <translation>Articles 12 and 17</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>档案出入登记和帐实核对;收发、传递和外出携带登记。</source>
        <translation>Archive check-out and return register and reconciliation of records with holdings; register of receipt, dispatch, transfer and removal from the premises.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>年度检查</source>
        <translation>Annual inspection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第11条</source>
        <translation>Article 11</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>每年年初对客户信息保管状况进行全面检查,做好检查记录,打印检查报告。</source>
        <translation>At the beginning of each year, carry out a full inspection of how customer information is kept, record the findings and print the inspection report.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>事件报告</source>
        <translation>Incident reports</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第20条</source>
        <translation>Article 20</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发现客户信息已经泄露或者可能泄露时,在此报告并记录补救措施和处理结果。在此功能提供之前,请立即采取补救措施,并当面或书面报告客户服务管理部主管。</source>
        <translation>When customer information has been or may have been disclosed, report it here and record the remedial action and the outcome. Until this function is available, take remedial action at once and report to the Head of customer service management in person or in writing.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第5条</source>
        <translation>Article 5</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按联社的分类统计客户档案的数量和填写完整程度,并导出统计表。</source>
        <translation>Count customer archives by the Union&apos;s classification and measure how completely they are filled in, and export the statistics.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>用户管理</source>
        <translation>User management</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>{title} - {branch}</source>
        <translation>{title} - {branch}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>功能导航</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>档案:{path}</source>
        <translation>Archive: {path}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>锁定(&amp;L)</source>
        <translation>&amp;Lock</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>离开座位时锁定屏幕 (Ctrl+L)</source>
        <translation>Lock the screen when you leave your desk (Ctrl+L)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>切换用户(&amp;U)…</source>
        <translation>Switch &amp;user…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>修改密码(&amp;P)…</source>
        <translation>Change &amp;password…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>系统(&amp;S)</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>常用</source>
        <translation>Common tasks</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>密码已修改。</source>
        <translation>Password changed.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>用户:{name}({login})</source>
        <translation>User: {name} ({login})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>角色:{roles}</source>
        <translation>Roles: {roles}</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../app/views/reset_password_dialog.py" line="+34"/>
        <source>重置密码</source>
        <extracomment>called with the new password; True when the reset was done</extracomment>
        <translation>Reset password</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>为“{name}”({login})设置新的初始密码。</source>
        <translation>Set a new initial password for &quot;{name}&quot; ({login}).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>至少 10 个字符,须含字母和数字,不能包含登录名。请当面告知本人;本人下次登录时必须修改。原有签名仍然有效。</source>
        <translation>At least 10 characters, with both letters and digits, not containing the login name. Tell it to the person face to face; they must change it at their next login. Their existing signatures remain valid.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>新初始密码</source>
        <translation>New initial password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认密码</source>
        <translation>Confirm password</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>重置</source>
        <translation>Reset</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>两次输入的密码不一致,请重新输入。</source>
        <translation>The two passwords do not match. Please enter them again.</translation>
    </message>
</context>
<context>
    <name>UserManagementPage</name>
    <message>
        <location filename="../../app/views/user_management_page.py" line="+131"/>
        <source>用户管理</source>
        <translation>User management</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>您没有管理用户账户的权限。</source>
        <translation>You do not have permission to manage user accounts.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>显示已注销用户</source>
        <translation>Show revoked users</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已有用户被注销,尚未更换档案密钥。请尽快点击“更换档案密钥”。</source>
        <translation>A user has been revoked and the archive key has not been changed yet. Please click &quot;Change archive key&quot; as soon as possible.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>新增用户</source>
        <translation>Add user</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改信息/角色</source>
        <translation>Edit details/roles</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+97"/>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <location line="-96"/>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>授予保密专管员</source>
        <translation>Grant Custodian</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撤销保密专管员</source>
        <translation>Revoke Custodian</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>注销</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+311"/>
        <location line="+11"/>
        <location line="+18"/>
        <source>更换档案密钥</source>
        <translation>Change archive key</translation>
    </message>
    <message>
        <location line="-248"/>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <location line="+57"/>
        <location line="+107"/>
        <source>授予保密专管员需保密专管员本人确认(将交付保密库密钥)。</source>
        <translation>Granting the Custodian role must be confirmed by a Custodian in person (the vault key will be handed over).</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>已新增用户“{login}”。请当面告知初始密码,本人首次登录时须修改。</source>
        <translation>User &quot;{login}&quot; has been added. Tell them the initial password face to face; they must change it at their first login.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>停用用户“{name}”({login})?停用后其不能登录,直到重新启用。</source>
        <translation>Disable user &quot;{name}&quot; ({login})? They will not be able to log in until the account is enabled again.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>重置保密专管员的密码需另一名保密专管员本人确认(将交付保密库密钥)。</source>
        <translation>Resetting a Custodian&apos;s password must be confirmed in person by another Custodian (the vault key will be handed over).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>已重置“{login}”的密码。请当面告知新的初始密码,本人登录时须修改。</source>
        <translation>The password of &quot;{login}&quot; has been reset. Tell them the new initial password face to face; they must change it when they log in.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>授予“{name}”({login})保密专管员角色?其将持有保密库密钥,可开启机密、绝密档案。</source>
        <translation>Grant the Custodian role to &quot;{name}&quot; ({login})? They will hold the vault key and be able to open Secret and Top secret records.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>撤销“{name}”({login})的保密专管员角色?撤销后其不能再开启保密库。建议随后由保密专管员更换档案密钥。</source>
        <translation>Revoke the Custodian role from &quot;{name}&quot; ({login})? They will no longer be able to open the vault. A Custodian should change the archive key afterwards.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>撤销保密专管员需保密专管员本人确认。</source>
        <translation>Revoking the Custodian role must be confirmed by a Custodian in person.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>注销用户“{name}”({login})?注销后此账户永久不能登录,登录名不能再用;其历史记录保留。此操作不能撤销。</source>
        <translation>Revoke user &quot;{name}&quot; ({login})? The account will never be able to log in again and the login name cannot be reused; its history is kept. This cannot be undone.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>已注销用户“{login}”。为防止其用留存的旧密钥打开档案,应立即更换档案密钥。现在更换吗?</source>
        <translation>User &quot;{login}&quot; has been revoked. To stop them opening the archive with an old key they may have kept, the archive key should be changed at once. Change it now?</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>更换档案密钥将为全部用户重新封装新的密钥,期间请勿关闭程序。建议事先做好备份。现在开始吗?</source>
        <translation>Changing the archive key re-wraps a new key for every user; do not close the program while this runs. Making a backup first is recommended. Start now?</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>档案密钥和保密库密钥均已更换。</source>
        <translation>The archive key and the vault key have both been changed.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>档案密钥已更换。保密库密钥须由保密专管员登录后更换:如被注销或撤销的用户曾是保密专管员,请通知保密专管员尽快执行“更换档案密钥”。</source>
        <translation>The archive key has been changed. The vault key can only be changed by a Custodian once logged in: if a revoked user was a Custodian, ask a Custodian to run &quot;Change archive key&quot; as soon as possible.</translation>
    </message>
</context>
<context>
    <name>UserTableModel</name>
    <message>
        <location line="-448"/>
        <source>登录名</source>
        <translation>Login name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>须改密码</source>
        <translation>Must change password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>最后登录</source>
        <translation>Last login</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>从未登录</source>
        <translation>Never</translation>
    </message>
</context>
<context>
    <name>export_action</name>
    <message>
        <location filename="../../app/views/export_action.py" line="+29"/>
        <source>导出的 Excel 文件含有您管户客户的信息(不含机密、绝密档案),离开了本系统的加密保护。请只保存在本单位的电脑或专用存储设备上,用完及时删除,不得外传。继续导出吗?</source>
        <translation>The exported Excel file contains information on the customers you are responsible for (Secret and Top secret archives excluded) and is no longer protected by this system&apos;s encryption. Save it only on your unit&apos;s computers or dedicated storage devices, delete it promptly when you have finished with it, and do not pass it on to anyone. Continue with the export?</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+8"/>
        <source>导出本人客户档案</source>
        <translation>Export my customer archives</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>本人客户档案-{day}.xlsx</source>
        <translation>My customer archives-{day}.xlsx</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>导出未完成</source>
        <translation>Export not completed</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已导出 {count} 份客户档案到:
{path}</source>
        <translation>{count} customer archives exported to:
{path}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>导出完成</source>
        <translation>Export complete</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../app/views/labels.py" line="+22"/>
        <source>客户信息档案系统</source>
        <translation>Customer Information Archive</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>系统管理员</source>
        <translation>System administrator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客户经理</source>
        <translation>Account manager</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>主任</source>
        <translation>Director</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>单位负责人</source>
        <translation>Unit head</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保密专管员</source>
        <translation>Custodian</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客户服务管理部主管</source>
        <translation>Head of customer service management</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>检查人员</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作人员</source>
        <translation>Staff member</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已注销</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>个人客户</source>
        <extracomment>customer categories, tiers, archive states and carrier kinds (app.models.customer); sub-type names come from the classification template, a data file of their own</extracomment>
        <translation>Individual customers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>单位客户</source>
        <translation>Organisation customers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>特殊类客户</source>
        <translation>Special customers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>普通</source>
        <translation>Ordinary</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>机密</source>
        <translation>Secret</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>绝密</source>
        <translation>Top secret</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在册</source>
        <translation>Filed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已销户</source>
        <translation>Account closed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已销毁</source>
        <translation>Destroyed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>纸质</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>磁盘</source>
        <translation>Disk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>电子</source>
        <translation>Electronic</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>建立档案库</source>
        <translation>Archive created</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>档案结构升级</source>
        <translation>Archive structure upgraded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>更换档案密钥</source>
        <translation>Archive key changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>校验档案完整性</source>
        <translation>Archive integrity check</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登录成功</source>
        <translation>Login succeeded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登录失败</source>
        <translation>Login failed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登录名被锁定</source>
        <translation>Login name locked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>锁定屏幕</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>解除锁定</source>
        <translation>Screen unlocked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>切换用户</source>
        <translation>User switched</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退出登录</source>
        <translation>Logged out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新建用户</source>
        <translation>User created</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改用户信息</source>
        <translation>User details changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改用户角色</source>
        <translation>User roles changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>停用用户</source>
        <translation>User disabled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>启用用户</source>
        <translation>User enabled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重置用户密码</source>
        <translation>User password reset</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>注销用户</source>
        <translation>User revoked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改本人密码</source>
        <translation>Own password changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>授予保密专管员</source>
        <translation>Custodian role granted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撤销保密专管员</source>
        <translation>Custodian role revoked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本人到场验证</source>
        <translation>In-person verification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查看审计日志</source>
        <translation>Audit log viewed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>校验审计链</source>
        <translation>Audit chain checked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>批量导入客户档案</source>
        <translation>Customer archives imported in bulk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出本人客户档案</source>
        <translation>Own customer archives exported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>建立客户档案</source>
        <translation>Customer archive created</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改档案草稿</source>
        <translation>Archive draft edited</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>档案归档</source>
        <translation>Archive filed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查看客户信息</source>
        <translation>Customer information viewed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查看客户信息被拒绝</source>
        <translation>Customer information access refused</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>检索档案目录</source>
        <translation>Archive catalogue searched</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>、</source>
        <comment>between role titles</comment>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../app/__main__.py" line="+151"/>
        <source>无法打开档案</source>
        <extracomment>CUSTARCHIVE_LANG=en asks for the English build; it overrides the ``language`` setting the application&apos;s display name as set by main() and by install_translators</extracomment>
        <translation>Cannot open the archive</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>选择档案文件夹(取消则退出程序)</source>
        <translation>Choose the archive folder (Cancel quits the program)</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../app/views/messages.py" line="+27"/>
        <source>程序发生意外错误,本次操作未保存。请重试;如再次出现,请联系系统管理员。</source>
        <translation>An unexpected error occurred and this operation was not saved. Please try again; if it happens again, contact the system administrator.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>无法完成操作</source>
        <translation>Operation not completed</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>提示</source>
        <translation>Information</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>请确认</source>
        <translation>Please confirm</translation>
    </message>
</context>
<context>
    <name>passwords</name>
    <message>
        <location filename="../../app/views/change_password_dialog.py" line="-110"/>
        <source>密码要求:至少 {n} 个字符,须同时包含英文字母和数字,不能包含登录名,首尾不能有空格。请设置只有您本人知道的密码,不要写在纸上或告诉他人。</source>
        <translation>Password rules: at least {n} characters, containing both letters and digits, not containing the login name, and no spaces at the beginning or end. Choose a password that only you know; do not write it down or tell it to anyone.</translation>
    </message>
</context>
</TS>
