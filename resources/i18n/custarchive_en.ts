<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AccountPage</name>
    <message>
        <location filename="../../app/views/first_run_wizard.py" line="+173"/>
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
    <name>ApprovalsPage</name>
    <message>
        <location filename="../../app/views/approvals_page.py" line="+165"/>
        <source>双击或按回车打开申请。审批须由签署人本人输入密码签署;当前登录的用户保持不变。</source>
        <extracomment>the number of requests waiting for this person changed (for the navigation entry)</extracomment>
        <translation>Double-click or press Enter to open a request. An approval must be signed by the signer in person with their own password; the logged-in user stays the same.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+11"/>
        <source>申请编号</source>
        <translation>Request no.</translation>
    </message>
    <message>
        <location line="-10"/>
        <location line="+11"/>
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="-10"/>
        <location line="+11"/>
        <source>所涉档案</source>
        <translation>Archives concerned</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>申请人</source>
        <translation>Requester</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <source>提出时间</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>待办步骤</source>
        <translation>Pending step</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下一步</source>
        <translation>Next step</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>没有等待您审批的申请。</source>
        <translation>No requests are waiting for your approval.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>您还没有提出过申请。</source>
        <translation>You have not submitted any requests yet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+65"/>
        <location line="+13"/>
        <source>待办审批</source>
        <translation>Pending approvals</translation>
    </message>
    <message>
        <location line="-77"/>
        <location line="+73"/>
        <source>我的申请</source>
        <translation>My requests</translation>
    </message>
    <message>
        <location line="-67"/>
        <source>打开(&amp;O)</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刷新列表(&amp;R)</source>
        <translation>&amp;Refresh list</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>待办审批 ({n})</source>
        <extracomment>carriers and transfers overdue in this person&apos;s hands (articles 12 and 17), and for the department head the leak reports not yet opened (article 20)</extracomment>
        <translation>Pending approvals ({n})</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>待办审批:{n} 件等待您审批</source>
        <translation>Pending approvals: {n} awaiting your approval</translation>
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
    <name>AttachmentPicker</name>
    <message>
        <location filename="../../app/views/attachment_viewer_dialog.py" line="+184"/>
        <source>添加(&amp;A)…</source>
        <extracomment>the list of files changed</extracomment>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>PDF、JPEG 或 PNG,每个不超过 {mb} MB,最多 {n} 个</source>
        <translation>PDF, JPEG or PNG, up to {mb} MB each, at most {n} files</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>选择证明材料</source>
        <translation>Choose supporting documents</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>证明材料 (*.pdf *.jpg *.jpeg *.png);;所有文件 (*)</source>
        <translation>Supporting documents (*.pdf *.jpg *.jpeg *.png);;All files (*)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>每份申请最多 {n} 个附件,请合并后再添加。</source>
        <translation>A request can have at most {n} attachments. Please combine files before adding them.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>不能添加此附件</source>
        <translation>Cannot add this attachment</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name}({kind},{size})</source>
        <translation>{name} ({kind}, {size})</translation>
    </message>
</context>
<context>
    <name>AttachmentViewerDialog</name>
    <message>
        <location line="-176"/>
        <source>附件:{name}</source>
        <translation>Attachment: {name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>类型和大小</source>
        <translation>Type and size</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>SHA-256 校验值:可与原件扫描文件的校验值核对</source>
        <translation>SHA-256 checksum: compare it with the checksum of the original scanned file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>适合窗口(&amp;F)</source>
        <translation>&amp;Fit to window</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>图片仅在本窗口中显示,不会另存到磁盘。</source>
        <translation>The image is shown only in this window and is not saved to disk.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>图片无法显示,文件可能已损坏。请核对 SHA-256 校验值。</source>
        <translation>The image cannot be shown; the file may be damaged. Please check the SHA-256 checksum.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本程序内暂不能显示 PDF 内容;打印预览功能提供后可在其中查看。为防止客户信息泄露,附件不会以解密形式保存到磁盘。如需核对,请将上面的校验值与原件扫描文件的校验值比对。</source>
        <translation>PDF content cannot be shown in this program yet; it will be viewable once print preview is available. To prevent disclosure of customer information, attachments are never saved to disk in decrypted form. To verify the file, compare the checksum above with that of the original scanned file.</translation>
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
        <location filename="../../app/views/audit_log_page.py" line="+50"/>
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
        <location line="+11"/>
        <source>校验审计链</source>
        <translation>Verify the audit chain</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正在逐条校验审计日志……</source>
        <translation>Verifying the audit log entry by entry…</translation>
    </message>
    <message>
        <location line="+9"/>
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
    <name>BarChart</name>
    <message>
        <location filename="../../app/views/bar_chart.py" line="+42"/>
        <source>统计图</source>
        <extracomment>None when the number is not shown what is written at the bar&apos;s end (&quot;12&quot;, &quot;&lt;3&quot;, &quot;*&quot;)</extracomment>
        <translation>Chart</translation>
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
        <location filename="../../app/views/catalogue_page.py" line="+68"/>
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
        <location line="+36"/>
        <source>新建档案</source>
        <translation>New archive</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+305"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="-304"/>
        <source>从 Excel 导入(&amp;I)…</source>
        <translation>&amp;Import from Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请导出本人客户(&amp;E)…</source>
        <translation>Request &amp;export of my customers…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>提交信息更新(&amp;U)…</source>
        <translation>Submit information &amp;update…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+194"/>
        <source>客户信息有变化时,提交给管户客户经理受理(制度第9条)</source>
        <translation>When a customer&apos;s information changes, submit it to the responsible account manager (Article 9 of the procedures)</translation>
    </message>
    <message>
        <location line="-192"/>
        <source>申请查阅(&amp;Q)…</source>
        <translation>Request &amp;consultation…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>查阅他人管户的客户信息须提出查阅申请,经审核、签批后查阅(制度第13、14条)</source>
        <translation>Consulting information on customers managed by others requires a consultation request, reviewed and signed off before consultation (Articles 13 and 14 of the procedures)</translation>
    </message>
    <message>
        <location line="+10"/>
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
        <location line="+95"/>
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
        <location line="+10"/>
        <source>本人管户的档案,请打开后点“修改…”提出修改,报主任审批</source>
        <translation>For archives you manage, open the archive and click &quot;Edit…&quot; to propose a change for the Director&apos;s approval</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>档案 {no} 为“{tier}”,内容存放于保密库,须由保密专管员本人到场开启。</source>
        <translation>Archive {no} is &quot;{tier}&quot;; its content is kept in the vault and must be opened by a Custodian in person.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>提交信息更新…</source>
        <translation>Submit information update…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>申请查阅…</source>
        <translation>Request consultation…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>申请复制摘录…</source>
        <translation>Request a copy or excerpt…</translation>
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
    <name>ChangesTable</name>
    <message>
        <location filename="../../app/views/request_view_dialog.py" line="+153"/>
        <source>项目</source>
        <translation>Field</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>原内容</source>
        <translation>Old content</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+16"/>
        <location line="+15"/>
        <source>新内容</source>
        <translation>New content</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>申请更新为</source>
        <translation>Requested update</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>原内容(将被替换)</source>
        <translation>Old content (to be replaced)</translation>
    </message>
</context>
<context>
    <name>CheckinDialog</name>
    <message>
        <location filename="../../app/views/checkin_dialog.py" line="+51"/>
        <location line="+49"/>
        <source>登记归还</source>
        <extracomment>the register line as returned (None until accepted)</extracomment>
        <translation>Check in</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>输入或扫描档案编号,按回车查找</source>
        <translation>Type or scan the archive no. and press Enter to find it</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+27"/>
        <source>档案编号</source>
        <translation>Archive no.</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>查找(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+20"/>
        <source>借出的载体</source>
        <translation>Medium checked out</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+18"/>
        <source>接收人</source>
        <translation>Received by</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+17"/>
        <source>归还状况</source>
        <translation>Condition on return</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>完好</source>
        <translation>Intact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>破损</source>
        <translation>Damaged</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺页缺件</source>
        <translation>Pages or items missing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>状况不是“完好”时必填,例如:缺第3页</source>
        <translation>Required when the condition is not &quot;Intact&quot;, e.g. page 3 missing</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>状况说明</source>
        <translation>Condition notes</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>请输入或扫描档案编号。</source>
        <translation>Please type or scan the archive no.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>此档案没有借出未还的载体。</source>
        <translation>This archive has no media checked out.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{number} {kind} {place}</source>
        <translation>{number} {kind} {place}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>借用人:{name};借出:{out};应还:{due}</source>
        <translation>Borrower: {name}; checked out: {out}; due: {due}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>;已逾期 {n} 天</source>
        <translation>; {n} days overdue</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name}({login})</source>
        <translation>{name} ({login})</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>请先输入或扫描档案编号,选择要归还的载体。</source>
        <translation>First type or scan the archive no. and choose the medium being returned.</translation>
    </message>
</context>
<context>
    <name>CheckoutDialog</name>
    <message>
        <location filename="../../app/views/checkout_dialog.py" line="+55"/>
        <location line="+56"/>
        <source>登记借出</source>
        <extracomment>the register line written (None until accepted)</extracomment>
        <translation>Check out</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>输入或扫描档案编号,按回车查找</source>
        <translation>Type or scan the archive no. and press Enter to find it</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+32"/>
        <source>档案编号</source>
        <translation>Archive no.</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>查找(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+111"/>
        <source>尚未选择档案。</source>
        <translation>No archive chosen yet.</translation>
    </message>
    <message>
        <location line="-108"/>
        <location line="+24"/>
        <source>载体</source>
        <translation>Medium</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+23"/>
        <source>借用人</source>
        <translation>Borrower</translation>
    </message>
    <message>
        <location line="-21"/>
        <location line="+22"/>
        <source>查阅授权</source>
        <translation>Consultation grant</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>借用人不是该档案的管户客户经理或保密专管员时,须关联其已批准的查阅申请。</source>
        <translation>If the borrower is neither the archive&apos;s responsible account manager nor a Custodian, their approved consultation request must be linked.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>例如:贷款审查、年度检查</source>
        <translation>e.g. loan review, annual inspection</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>借用事由</source>
        <translation>Reason for borrowing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应还日期</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>{name}({login})</source>
        <translation>{name} ({login})</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>请输入或扫描档案编号。</source>
        <translation>Please type or scan the archive no.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{number}  {category}  密级:{tier}  状态:{status}</source>
        <translation>{number}  {category}  Classification: {tier}  Status: {status}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{kind}  {place}</source>
        <translation>{kind}  {place}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(借出中:{name},应还 {due})</source>
        <translation> (checked out: {name}, due {due})</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>此档案的载体均已借出,须先登记归还才能再次借出。</source>
        <translation>All media of this archive are checked out; one must be checked in before it can be checked out again.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(不关联)</source>
        <translation>(Not linked)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{serial}(至 {end})</source>
        <translation>{serial} (until {end})</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>请先输入或扫描档案编号并查找。</source>
        <translation>First type or scan the archive no. and find it.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请选择要借出的载体。</source>
        <translation>Please choose the medium to check out.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请选择借用人。</source>
        <translation>Please choose the borrower.</translation>
    </message>
</context>
<context>
    <name>CheckoutRegisterPage</name>
    <message>
        <location filename="../../app/views/checkout_register_page.py" line="+158"/>
        <source>出入登记</source>
        <translation>Check-out register</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>纸质档案和磁盘每次离开存放位置都须登记借出,归还时登记归还(制度第12条)。双击借出中的一行登记归还。</source>
        <translation>Paper archives and disks must be checked out every time they leave their storage location, and checked in when they come back (Article 12 of the procedures). Double-click a checked-out line to check it in.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>只显示未归还的</source>
        <translation>Show only items not returned</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>登记借出(&amp;O)…</source>
        <translation>Check &amp;out…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记归还(&amp;I)…</source>
        <translation>Check &amp;in…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印标签(&amp;L)…</source>
        <translation>Print &amp;labels…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刷新列表(&amp;R)</source>
        <translation>&amp;Refresh list</translation>
    </message>
    <message>
        <location line="+50"/>
        <source> 等</source>
        <translation> etc.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>注意:有 {n} 件载体逾期未还({numbers}{more}),请催还。</source>
        <translation>Note: {n} media are overdue ({numbers}{more}). Please ask for their return.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>没有借出未还的载体。</source>
        <translation>No media are checked out.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>出入登记中还没有记录。</source>
        <translation>The check-out register has no entries yet.</translation>
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
    <name>ConsultationApplyDialog</name>
    <message>
        <location filename="../../app/views/consultation_apply_dialog.py" line="+114"/>
        <source>新建查阅申请</source>
        <extracomment>hits shown when a full name matches several customers where a workflow message belongs, by the words it uses (the first match wins) the customers on the application, in the order they were added the request made (None until submitted)</extracomment>
        <translation>New consultation request</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>查阅客户信息须经批准(制度第13条)。申请先由所涉客户的管户客户经理审核,再报单位负责人签批;批准后在申请的期限内只读查阅。</source>
        <translation>Consulting customer information requires approval (Article 13 of the procedures). The request is first reviewed by the responsible account managers of the customers concerned, then signed off by the Unit head; once approved, the records can be consulted read-only within the requested period.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>完整的档案编号、完整姓名或完整证件号码</source>
        <translation>Full archive no., full name or full ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查找客户</source>
        <translation>Find customer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>查找并加入(&amp;F)</source>
        <translation>&amp;Find and add</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>查找结果</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>加入所选(&amp;J)</source>
        <translation>Add selecte&amp;d</translation>
    </message>
    <message>
        <location line="+14"/>
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
        <source>子类</source>
        <translation>Subcategory</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密级</source>
        <translation>Classification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客户名称</source>
        <translation>Customer name</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>查阅的客户</source>
        <translation>Customers to consult</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>移出(&amp;M)</source>
        <translation>Re&amp;move</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把所选客户从申请中删去(Delete 键)</source>
        <translation>Remove the selected customers from the request (Delete key)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>查阅的客户 *</source>
        <translation>Customers to consult *</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>例如:春耕备耕农户小额信用贷款授信评级</source>
        <translation>e.g. credit rating of farmers for small spring-ploughing credit loans</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>说明为何须查阅这些客户的信息</source>
        <translation>Explain why the information on these customers must be consulted</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>查阅人概况</source>
        <translation>Consulting person</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>姓名 *</source>
        <translation>Full name *</translation>
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
        <source>联系电话</source>
        <translation>Contact phone</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>只看,不摘抄、不复制</source>
        <translation>View only; no extracts, no copies</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查阅期限(天)</source>
        <translation>Consultation period (days)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{low} 至 {high} 天,自单位负责人签批时起算</source>
        <translation>{low} to {high} days, counted from the Unit head&apos;s signature</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>查阅目的 *</source>
        <translation>Purpose *</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>查阅理由 *</source>
        <translation>Reason *</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>查阅方式 *</source>
        <translation>Consultation mode *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查阅期限 *</source>
        <translation>Consultation period *</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>提交(&amp;S)</source>
        <translation>&amp;Submit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>{no}  {category} · {subtype}  {tier}  {name}(客户经理 {manager})</source>
        <translation>{no}  {category} · {subtype}  {tier}  {name} (account manager {manager})</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>请输入要查阅的客户的完整档案编号、完整姓名或完整证件号码。</source>
        <translation>Please enter the full archive no., full name or full ID number of the customer to consult.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>找不到“{text}”。请输入完整的档案编号、完整姓名或完整证件号码(只输入一部分查不到)。</source>
        <translation>&quot;{text}&quot; not found. Please enter the full archive no., full name or full ID number (a partial entry finds nothing).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>找到 {n} 户,请选择要查阅的一户(回车或双击加入):</source>
        <translation>{n} customers found. Choose the one to consult (Enter or double-click to add):</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>档案 {no} 已在申请中。</source>
        <translation>Archive {no} is already in the request.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>一份申请最多列 {n} 户客户。请分批申请。</source>
        <translation>A request can list at most {n} customers. Please submit several requests.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>已选 {n} 户(最多 {max} 户)</source>
        <translation>{n} selected (at most {max})</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>查阅理由最多 {max} 字(现为 {n} 字),请精简。</source>
        <translation>The reason can be at most {max} characters (it is now {n}). Please shorten it.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>请至少加入一户要查阅的客户:输入完整档案编号、姓名或证件号码后按回车。</source>
        <translation>Please add at least one customer to consult: enter the full archive no., name or ID number and press Enter.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请填写查阅目的(例如:农户小额信用贷款授信评级)。</source>
        <translation>Please enter the purpose (e.g. credit rating of farmers for small credit loans).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请填写查阅理由,说明为何须查阅这些客户的信息。</source>
        <translation>Please enter the reason, explaining why the information on these customers must be consulted.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>查阅理由最多 {max} 字,请精简。</source>
        <translation>The reason can be at most {max} characters. Please shorten it.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请填写查阅人姓名。</source>
        <translation>Please enter the name of the consulting person.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请选择查阅方式。</source>
        <translation>Please choose the consultation mode.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>未提交:{text}</source>
        <translation>Not submitted: {text}</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>未提交</source>
        <translation>Not submitted</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>查阅申请 {serial} 已提交:先由所涉客户的管户客户经理审核,再报单位负责人签批。批准后可在“查阅申请”的“授权有效中”打开客户。</source>
        <translation>Consultation request {serial} has been submitted: it is first reviewed by the responsible account managers of the customers concerned, then signed off by the Unit head. Once approved, you can open the customers under &quot;Active grants&quot; in &quot;Consultation requests&quot;.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已提交</source>
        <translation>Submitted</translation>
    </message>
</context>
<context>
    <name>ConsultationDetailWidget</name>
    <message>
        <location filename="../../app/views/consultation_detail_widget.py" line="+40"/>
        <source>查阅人概况</source>
        <translation>Consulting person</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <source>联系电话</source>
        <translation>Contact phone</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>查阅事项</source>
        <translation>Consultation details</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>查阅目的</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查阅理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查阅方式</source>
        <translation>Consultation mode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查阅期限</source>
        <translation>Consultation period</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>档案编号</source>
        <translation>Archive no.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>子类</source>
        <translation>Subcategory</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>密级</source>
        <translation>Classification</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>{n} 天(自单位负责人签批时起算)</source>
        <translation>{n} days (counted from the Unit head&apos;s signature)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>查阅的客户(共 {n} 户)</source>
        <translation>Customers to consult ({n} in all)</translation>
    </message>
</context>
<context>
    <name>ConsultationPage</name>
    <message>
        <location filename="../../app/views/consultation_page.py" line="+90"/>
        <source>查阅申请</source>
        <extracomment>states in which the applicant may still take an application back fewer hours than this left: the time is shown in the warning colour the customer opened from a grant, while it is open (tests and the idle lock look)</extracomment>
        <translation>Consultation requests</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>查阅他人管户的客户信息须经批准:申请由所涉客户的管户客户经理审核,单位负责人签批后,在期限内只读查阅(制度第13、14条)。</source>
        <translation>Consulting information on customers managed by others requires approval: the request is reviewed by the responsible account managers of the customers concerned and, once signed off by the Unit head, the records can be consulted read-only within the period (Articles 13 and 14 of the procedures).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>新建申请(&amp;N)…</source>
        <translation>&amp;New request…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>空白申请表(&amp;B)…</source>
        <translation>&amp;Blank form…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印空白的《数码客户信息查阅申请表》,供手工填写</source>
        <translation>Print a blank Digital Customer Information Consultation Request Form to fill in by hand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刷新(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+38"/>
        <source>申请编号</source>
        <translation>Request no.</translation>
    </message>
    <message>
        <location line="-37"/>
        <location line="+39"/>
        <source>所涉档案</source>
        <translation>Archives concerned</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下一步</source>
        <translation>Next step</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提出时间</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+19"/>
        <location line="+126"/>
        <source>我的查阅申请</source>
        <translation>My consultation requests</translation>
    </message>
    <message>
        <location line="-140"/>
        <source>您还没有提出过查阅申请。</source>
        <translation>You have not submitted any consultation requests yet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打开(&amp;O)</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印申请表(&amp;P)…</source>
        <translation>&amp;Print request form…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撤回(&amp;W)…</source>
        <translation>&amp;Withdraw…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审批完成前可撤回;撤回的申请留档备查</source>
        <translation>A request can be withdrawn until approval is complete; withdrawn requests are kept on file</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>查阅方式</source>
        <translation>Consultation mode</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>剩余时间</source>
        <translation>Time remaining</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>生效的查阅授权</source>
        <translation>Active consultation grants</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>目前没有生效的查阅授权。</source>
        <translation>There are no active consultation grants at present.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>授权查阅的客户</source>
        <translation>Customers covered by the grant</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>可查阅的客户:</source>
        <translation>Customers you may consult:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>打开客户(&amp;C)…</source>
        <translation>Open &amp;customer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在授权期限内只读查阅所选客户</source>
        <translation>Consult the selected customer read-only within the grant period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提前结束(&amp;E)…</source>
        <translation>&amp;End early…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查阅已完成:结束此授权,此后不能再打开这些客户</source>
        <translation>Consultation finished: end this grant; these customers can no longer be opened afterwards</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+100"/>
        <source>授权有效中</source>
        <translation>Active grants</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>我的查阅申请({n})</source>
        <translation>My consultation requests ({n})</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>授权有效中({n})</source>
        <translation>Active grants ({n})</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>待办审批</source>
        <translation>Pending approvals</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>有 {n} 件查阅申请等待您审核或签批,请到{link}中办理。</source>
        <translation>{n} consultation requests are waiting for your review or sign-off; please handle them in {link}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>他人的查阅申请由您审核或签批时,会出现在{link}中。</source>
        <translation>Other people&apos;s consultation requests that you review or sign off appear in {link}.</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>查阅申请表 {serial}</source>
        <translation>Consultation request form {serial}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查阅申请表-{serial}.pdf</source>
        <translation>Consultation request form-{serial}.pdf</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>空白查阅申请表</source>
        <translation>Blank consultation request form</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查阅申请表-空白.pdf</source>
        <translation>Consultation request form-blank.pdf</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>撤回查阅申请</source>
        <translation>Withdraw consultation request</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撤回查阅申请 {serial} 的原因(将记入申请):</source>
        <translation>Reason for withdrawing consultation request {serial} (recorded in the request):</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>未撤回</source>
        <translation>Not withdrawn</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>提前结束查阅</source>
        <translation>End consultation early</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>提前结束查阅授权 {serial}:结束后不能再打开其中的客户。
请填写原因(例如:授信评级已完成):</source>
        <translation>End consultation grant {serial} early: afterwards its customers can no longer be opened.
Please enter the reason (e.g. credit rating completed):</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>未结束</source>
        <translation>Not ended</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>查阅授权 {serial} 已结束。</source>
        <translation>Consultation grant {serial} has ended.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>档案 {no} 为“机密”“绝密”档案,内容存放于保密库,须由保密专管员本人到场开启。</source>
        <translation>Archive {no} is a &quot;Secret&quot; or &quot;Top secret&quot; archive; its content is kept in the vault and must be opened by a Custodian in person.</translation>
    </message>
</context>
<context>
    <name>CopyItemsDialog</name>
    <message>
        <location filename="../../app/views/copy_items_dialog.py" line="+32"/>
        <source>复制/摘录 {no}</source>
        <translation>Copy/excerpt {no}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>勾选要复制到剪贴板的项目(全部勾选为复制,部分勾选为摘录)。只能复制许可所列的项目;复制的内容带有水印,30 秒后自动从剪贴板清除。</source>
        <translation>Tick the items to copy to the clipboard (all of them: a copy; some: an excerpt). Only items named in the permit can be copied; the copy carries a watermark and is cleared from the clipboard after 30 seconds.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>复制的项目</source>
        <translation>Items to copy</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>全选</source>
        <translation>Select all</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全不选</source>
        <translation>Select none</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CopyPage</name>
    <message>
        <location filename="../../app/views/copy_page.py" line="+42"/>
        <source>复制、摘录、导出或打印客户信息,须经主任或管户客户经理批准(制度第17条第1款)。批准后,在有效期内于此处制作;每份复制件带有申请编号、经办人和时间的水印,并记入审计日志。复制到剪贴板的内容 30 秒后自动清空。</source>
        <translation>Copying, excerpting, exporting or printing customer information needs the approval of the director or the responsible account manager (Article 17.1 of the procedures). Once approved, make the copies here within the validity period; every copy carries a watermark with the request number, the person who made it and the time, and is recorded in the audit log. Anything copied to the clipboard is cleared after 30 seconds.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>新建复制摘录申请…</source>
        <translation>New copy request…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>申请编号</source>
        <translation>Request no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客户</source>
        <translation>Customers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>复制方式</source>
        <translation>Forms of copy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>项目数</source>
        <translation>Items</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>正在生效的复制许可</source>
        <translation>Copy permits in force</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>目前没有正在生效的复制许可。</source>
        <translation>You have no copy permits in force.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>复制到剪贴板…</source>
        <translation>Copy to clipboard…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出 PDF…</source>
        <translation>Export to PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>我的复制许可(正在生效):</source>
        <translation>My copy permits (in force):</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>复制到剪贴板</source>
        <translation>Copy to clipboard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一次复制一户客户的信息。请选择档案编号:</source>
        <translation>One customer is copied at a time. Choose the archive number:</translation>
    </message>
</context>
<context>
    <name>CopyRequestDialog</name>
    <message>
        <location filename="../../app/views/copy_request_dialog.py" line="+55"/>
        <source>复制摘录申请</source>
        <extracomment>the submitted request, once 提交 succeeded</extracomment>
        <translation>Copy request</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>制度第17条:复制、摘录客户信息须经批准。本申请由主任或所涉客户的管户客户经理审批(申请人本人不能审批)。只勾选工作确实需要的项目;批准后在有效期内制作,每份复制件都带有申请编号、经办人和时间的水印。</source>
        <translation>Article 17: copying or excerpting customer information needs approval. This request is approved by the director or by the account manager responsible for the customers (never by the requester). Tick only the items the work really needs; once approved, make the copies within the validity period. Every copy carries a watermark with the request number, the person who made it and the time.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>复制哪些客户的信息</source>
        <translation>Customers to copy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>复制哪些项目</source>
        <translation>Items to copy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>列入本人全部客户</source>
        <translation>Add all my customers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>列入您管户的全部已归档客户(导出本人客户时使用)</source>
        <translation>Add all filed customers you are responsible for (to export your own customers)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>全选项目</source>
        <translation>Select all items</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>例如:报送县联社的授信审查材料</source>
        <translation>e.g. credit review documents for the county union</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>复制方式:</source>
        <translation>Forms of copy:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用途:</source>
        <translation>Purpose:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有效期(批准后):</source>
        <translation>Valid for (after approval):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
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
        <location filename="../../app/views/customer_form_dialog.py" line="+151"/>
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
        <location line="+117"/>
        <source>新建客户档案</source>
        <extracomment>what was saved last (None until the first save) modification mode: the request submitted (None until submitted)</extracomment>
        <translation>New customer archive</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>提出档案修改 {no}</source>
        <translation>Propose archive amendment {no}</translation>
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
        <location line="+14"/>
        <source>提交审批</source>
        <translation>Submit for approval</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>提交主任签署;批准前档案保持原样(制度第10条)</source>
        <translation>Submit for the Director&apos;s signature; the archive stays unchanged until approved (Article 10 of the procedures)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>写明修改的原因和依据,例如:客户来柜面告知新的手机号码,已核对身份证件。</source>
        <translation>State the reason for the change and its basis, e.g. the customer came to the counter with a new mobile number; ID document checked.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>修改说明和附件</source>
        <translation>Change note and attachments</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>修改说明</source>
        <translation>Change note</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>附件(证明材料)</source>
        <translation>Attachments (supporting documents)</translation>
    </message>
    <message>
        <location line="+173"/>
        <source>第 {n} 行:{message}</source>
        <translation>Row {n}: {message}</translation>
    </message>
    <message>
        <location line="+42"/>
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
        <location line="+33"/>
        <source>保密专管员未确认,未提交。</source>
        <translation>Not confirmed by a Custodian; not submitted.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>有 {n} 处需要更正,未提交。</source>
        <translation>Not submitted: {n} entries need correcting.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>与现有档案相比没有任何改动,未提交。</source>
        <translation>Nothing differs from the current archive; not submitted.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>未提交</source>
        <translation>Not submitted</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>修改申请 {serial} 已提交,须经主任签署同意后才会修改档案;在此之前档案保持原样。</source>
        <translation>Amendment request {serial} has been submitted. The archive is changed only once the Director signs their approval; until then it stays as it is.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已提交审批</source>
        <translation>Submitted for approval</translation>
    </message>
    <message>
        <location line="+16"/>
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
    <name>CustomerItemsPicker</name>
    <message>
        <location filename="../../app/views/customer_items_picker.py" line="+54"/>
        <source>完整的档案编号,如 LY-0101-G-2026-000001</source>
        <extracomment>a customer as the workflow offers it: id, archive_no, kind_label, tier_label, fields</extracomment>
        <translation>The full archive number, e.g. LY-0101-G-2026-000001</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>移除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>档案编号</source>
        <translation>Archive no.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>密级</source>
        <translation>Classification</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>先添加客户,再勾选项目。</source>
        <translation>Add customers first, then tick the items.</translation>
    </message>
</context>
<context>
    <name>CustomerViewDialog</name>
    <message>
        <location filename="../../app/views/customer_view_dialog.py" line="+106"/>
        <location line="+250"/>
        <source>修改</source>
        <extracomment>the grant mode under which the record may only be looked at (consultation.MODES) the archive was changed here (completed or filed): the catalogue should refresh opened under a grant to read only (阅览): no selecting, no copying</extracomment>
        <translation>Edit</translation>
    </message>
    <message>
        <location line="-249"/>
        <source>归档</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改记录</source>
        <translation>Change history</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>标定密级…</source>
        <translation>Raise classification…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请降低密级…</source>
        <translation>Request downgrade…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>复制/摘录(&amp;C)…</source>
        <translation>&amp;Copy/excerpt…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出 PDF…</source>
        <translation>Export to PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印(&amp;P)…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>须有经批准的复制摘录申请,或“复制”“摘抄”方式的查阅授权(制度第17条)</source>
        <translation>Needs an approved copy request, or a consultation grant in &quot;copy&quot; or &quot;excerpt&quot; mode (Article 17)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>草稿可由管户客户经理直接修改;归档后的修改须经主任批准</source>
        <translation>The responsible account manager can edit a draft directly; after filing, changes require the Director&apos;s approval</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>归档后每次经批准的修改:版本、申请人、批准人</source>
        <translation>Every approved change since filing: version, requester, approver</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>查看申请</source>
        <translation>View request</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>依据查阅授权 {serial} 查阅({mode}),有效期至 {until}。</source>
        <translation>Consulting under consultation grant {serial} ({mode}), valid until {until}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>只可阅览:不能选择、复制或修改档案内容。</source>
        <translation>View only: the archive content cannot be selected, copied or changed.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>只读:不能修改档案内容。</source>
        <translation>Read-only: the archive content cannot be changed.</translation>
    </message>
    <message>
        <location line="+7"/>
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
        <location line="+16"/>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>标定为“机密”或“绝密”:内容移入保密库,须由保密专管员到场(制度第16条)</source>
        <translation>Mark as &quot;Secret&quot; or &quot;Top secret&quot;: the content moves into the vault, with a Custodian present (Article 16 of the procedures)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>降低密级须报主任批准,批准时须由保密专管员到场(制度第16条)</source>
        <translation>Downgrading requires the Director&apos;s approval, with a Custodian present when it is approved (Article 16 of the procedures)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>提出修改,报主任签署同意后生效(制度第10条)</source>
        <translation>Propose a change; it takes effect once the Director signs their approval (Article 10 of the procedures)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>修改申请 &lt;a href=&quot;{link}&quot;&gt;{serial}&lt;/a&gt; 正在办理({state},{step})。批准前档案保持下面所示的内容。</source>
        <translation>Amendment request &lt;a href=&quot;{link}&quot;&gt;{serial}&lt;/a&gt; is in progress ({state}, {step}). Until it is approved, the archive keeps the content shown below.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>已有未办结的修改申请 {serial},请等待审批结果或先撤回。</source>
        <translation>Amendment request {serial} is still open. Please wait for its outcome or withdraw it first.</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>档案 {no} 已标定为“{tier}”,内容已移入保密库。</source>
        <translation>Archive {no} is now &quot;{tier}&quot;; its content has been moved into the vault.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>已提交降低密级申请 {serial},待主任审批。</source>
        <translation>Classification downgrade request {serial} has been submitted and is awaiting the Director&apos;s approval.</translation>
    </message>
    <message>
        <location line="+18"/>
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
    <name>DestructionDialog</name>
    <message>
        <location filename="../../app/views/destruction_dialog.py" line="+82"/>
        <source>档案销毁</source>
        <extracomment>a request was submitted or carried out (the register page reloads)</extracomment>
        <translation>Archive destruction</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>申请销毁</source>
        <translation>Request destruction</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+269"/>
        <location line="+20"/>
        <source>执行销毁</source>
        <translation>Carry out destruction</translation>
    </message>
    <message>
        <location line="-286"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>下列档案的保管期限已满(按联社保管期限规则计算)。勾选要销毁的档案,为每种载体选择销毁方式,提交主任审批。批准后再执行销毁(制度第18条)。</source>
        <translation>The retention period of the archives below has expired (under the Union&apos;s retention rules). Tick the archives to destroy, choose a destruction method for each kind of medium and submit for the Director&apos;s approval. Destruction is carried out after approval (Article 18 of the procedures).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>销毁</source>
        <translation>Destroy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>档案编号</source>
        <translation>Archive no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客户名称</source>
        <translation>Customer name</translation>
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
        <source>保管期限</source>
        <translation>Retention period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>到期日</source>
        <translation>Expiry date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>载体</source>
        <translation>Media</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>没有保管期限已满的档案。</source>
        <translation>No archives have reached the end of their retention period.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>销毁方式</source>
        <translation>Destruction method</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{kind}载体</source>
        <translation>{kind} media</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>说明(可不填),如:保管期满,经核实已无业务往来</source>
        <translation>Note (optional), e.g. retention period expired; no business relationship remains, verified</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>提交销毁申请(&amp;S)</source>
        <translation>&amp;Submit destruction request</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>经主任批准的销毁申请。按批准的方式销毁载体后,填写执行人和两名监销人,点“执行销毁”删除系统中的档案内容并登记销毁清册。“机密”“绝密”档案须由保密专管员到场确认。此操作不能撤销。</source>
        <translation>Destruction requests approved by the Director. After destroying the media by the approved methods, enter who carried it out and the two witnesses, then click &quot;Carry out destruction&quot; to delete the archive content from the system and record it in the destruction register. &quot;Secret&quot; and &quot;Top secret&quot; archives require a Custodian to confirm in person. This cannot be undone.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>申请编号</source>
        <translation>Request no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所涉档案</source>
        <translation>Archives concerned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请人</source>
        <translation>Requester</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>批准人</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>批准时间</source>
        <translation>Approved at</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>没有待执行的销毁申请。</source>
        <translation>No approved destruction requests are waiting to be carried out.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>销毁执行人姓名,多人用顿号分隔</source>
        <translation>Names of those carrying out the destruction; separate several with &quot;、&quot;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>执行人</source>
        <translation>Carried out by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>监销人一</source>
        <translation>First witness</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>监销人二</source>
        <translation>Second witness</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>执行销毁(&amp;E)…</source>
        <translation>Carry out d&amp;estruction…</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>已列入销毁申请 {serial}</source>
        <translation>Already in destruction request {serial}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>有未办结的申请 {serial}</source>
        <translation>Request {serial} is still open</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{n} 年</source>
        <translation>{n} years</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(无)</source>
        <translation>(None)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(含机密/绝密)</source>
        <translation>(includes Secret/Top secret)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>已选 {n} 份档案</source>
        <translation>{n} archives selected</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>销毁申请 {serial} 已提交,共 {n} 份档案,等待主任审批。</source>
        <translation>Destruction request {serial} has been submitted for {n} archives and is awaiting the Director&apos;s approval.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>执行销毁申请 {serial}:{n} 份档案的内容将从系统中永久删除,只保留目录中的销毁记录和销毁清册。此操作不能撤销。

请确认载体已按批准的方式销毁。</source>
        <translation>Carry out destruction request {serial}: the content of {n} archives will be permanently deleted from the system; only the destruction record in the catalogue and the destruction register will remain. This cannot be undone.

Please confirm that the media have been destroyed by the approved methods.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>销毁“机密”“绝密”档案须由保密专管员到场,开启保密库删除其内容。</source>
        <translation>Destroying &quot;Secret&quot; and &quot;Top secret&quot; archives requires a Custodian in person to open the vault and delete their content.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>正在删除档案内容并整理数据库,请勿关闭程序……</source>
        <translation>Deleting the archives&apos; content and compacting the database; do not close the program…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>已销毁 {n} 份档案,销毁清册编号 {first}{more}。</source>
        <translation>{n} archives destroyed; destruction register no. {first}{more}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> 等</source>
        <translation> etc.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>数据库整理未能完成(磁盘空间不足?):内容已删除,请释放空间后由系统管理员校验档案。</source>
        <translation>Database compaction could not be completed (out of disk space?): the content has been deleted. Please free up space and have the system administrator check the archive.</translation>
    </message>
</context>
<context>
    <name>DestructionRegisterPage</name>
    <message>
        <location filename="../../app/views/destruction_register_page.py" line="+45"/>
        <source>销毁清册永久保存:每份已销毁的档案一行,记载销毁方式、批准人、执行人和监销人(制度第18条)。档案的内容已删除,目录中只保留“已销毁”的记录。</source>
        <translation>The destruction register is kept permanently: one line for each destroyed archive, recording the destruction method, approver, who carried it out and the witnesses (Article 18 of the procedures). The archive content has been deleted; the catalogue keeps only a &quot;Destroyed&quot; entry.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>清册编号</source>
        <translation>Register no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>档案编号</source>
        <translation>Archive no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>题名</source>
        <translation>Title</translation>
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
        <source>保管期限</source>
        <translation>Retention period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>载体及数量</source>
        <translation>Media and quantity</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>销毁方式</source>
        <translation>Destruction method</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>批准人</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>执行人/监销人</source>
        <translation>Carried out by / witnesses</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>销毁时间</source>
        <translation>Destroyed at</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>销毁清册中还没有记录。</source>
        <translation>The destruction register has no entries yet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>申请/执行销毁(&amp;D)…</source>
        <translation>Request/carry out &amp;destruction…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>打印预览(&amp;P)…</source>
        <translation>&amp;Print preview…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{executors} / {witnesses}</source>
        <translation>{executors} / {witnesses}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(保密专管员 {name})</source>
        <translation> (Custodian {name})</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{n} 年</source>
        <translation>{n} years</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>销毁清册</source>
        <translation>Destruction register</translation>
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
    <name>ExternalProvisionDialog</name>
    <message>
        <location filename="../../app/views/external_provision_dialog.py" line="+41"/>
        <source>对外提供申请</source>
        <extracomment>the submitted application, once 提交 succeeded</extracomment>
        <translation>External disclosure request</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>制度第17条:在对外交往与合作中需要提供客户信息资料的,应当事先分别由客户经理、主任批准。只勾选对方确实需要的项目;批准后由申请人生成交付文件。</source>
        <translation>Article 17 of the procedures: where customer information must be provided in external dealings and cooperation, it must first be approved by the Account manager and then by the Director. Tick only the fields the recipient really needs; once approved, the requester generates the file to be delivered.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>提供哪些客户的信息</source>
        <translation>Customers whose information is provided</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提供哪些项目</source>
        <translation>Fields to provide</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>例如:涟源市人民法院</source>
        <translation>e.g. Lianyuan People&apos;s Court</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>对方经办人的姓名</source>
        <translation>Name of the recipient&apos;s contact person</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>法律条文,或协助查询通知书等文书的名称和文号</source>
        <translation>Legal provision, or the title and reference number of a document such as a notice of assistance in inquiry</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>接收单位:</source>
        <translation>Receiving organisation:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>接收人:</source>
        <translation>Recipient:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用途:</source>
        <translation>Purpose:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>法律依据:</source>
        <translation>Legal basis:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>交付方式:</source>
        <translation>Delivery form:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ExternalRegisterModel</name>
    <message>
        <location filename="../../app/views/external_register_page.py" line="+49"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>接收方</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用途</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客户(档案编号)</source>
        <translation>Customers (archive no.)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提供项目</source>
        <translation>Fields provided</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>交付方式</source>
        <translation>Delivery form</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请人</source>
        <translation>Requester</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审批</source>
        <translation>Approvals</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>生成</source>
        <translation>Generated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件校验值(SHA-256)</source>
        <translation>File checksum (SHA-256)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{who} {when}({pages} 页)</source>
        <translation>{who} {when} ({pages} pages)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>待生成</source>
        <translation>To be generated</translation>
    </message>
</context>
<context>
    <name>ExternalRegisterPage</name>
    <message>
        <location line="+49"/>
        <source>新申请…</source>
        <extracomment>the print preview while it is open (tests look at it)</extracomment>
        <translation>New request…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查看申请…</source>
        <translation>View request…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>生成交付文件…</source>
        <translation>Generate delivery file…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>对外提供客户信息须事先经客户经理、主任批准(制度第17条)。批准后由申请人生成交付文件,每份申请只生成一次,文件的校验值记入本登记。</source>
        <translation>Providing customer information externally requires prior approval by the Account manager and the Director (Article 17 of the procedures). Once approved, the requester generates the delivery file; each request produces one file only, and its checksum is recorded in this register.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>对外提供申请 {serial} 已提交,等待客户经理、主任审批。</source>
        <translation>External disclosure request {serial} has been submitted and is awaiting approval by the Account manager and the Director.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>保存交付文件</source>
        <translation>Save delivery file</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>交付文件已生成并记入对外提供登记:
{path}
共 {pages} 页,SHA-256:{digest}</source>
        <translation>The delivery file has been generated and recorded in the external disclosure register:
{path}
{pages} pages, SHA-256: {digest}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>对外提供 {serial}</source>
        <translation>External disclosure {serial}</translation>
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
        <location line="+45"/>
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
        <location line="-299"/>
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
        <location line="+4"/>
        <source>从备份恢复(&amp;R)…</source>
        <translation>&amp;Restore from a backup…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本机曾有档案并做过备份(例如更换硬盘或电脑后)?可直接从备份文件恢复。</source>
        <translation>Had an archive on this workstation and a backup of it (after a new disk or computer, say)? Restore it straight from the backup file.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>档案是一个文件夹,其中的客户信息全部加密保存。请选择一个空文件夹,或填写一个尚不存在的文件夹(程序会自动建立)。请选择本机硬盘上的位置,不要选择U盘或网络共享文件夹;建立后请由系统管理员定期备份。</source>
        <translation>The archive is a folder in which all customer information is stored encrypted. Choose an empty folder, or enter a folder that does not exist yet (the program will create it). Choose a location on this computer&apos;s hard disk, not a USB drive or a network share; once created, the system administrator should back it up regularly.</translation>
    </message>
    <message>
        <location line="+20"/>
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
        <location filename="../../app/views/home_page.py" line="+165"/>
        <source>目前没有需要您处理的事项。</source>
        <extracomment>a line was activated: the main window shows where it leads (a dashboard.Target) what needs this person, section by section (rebuilt on every refresh)</extracomment>
        <translation>Nothing needs your attention at the moment.</translation>
    </message>
    <message>
        <location line="+15"/>
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
        <location line="+45"/>
        <source>{name},您好</source>
        <translation>Hello, {name}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name}(网点代码 {code})</source>
        <translation>{name} (branch code {code})</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>这是您第一次登录本系统。</source>
        <translation>This is your first login to this system.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{time}(如不是您本人登录,请立即修改密码并报告客户服务管理部主管)</source>
        <translation>{time} (if this was not you, change your password at once and inform the Head of customer service management)</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>待我审批</source>
        <extracomment>the section titles and severity words, for lupdate (the workflow names them)</extracomment>
        <translation>Waiting for my decision</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>我的申请</source>
        <translation>My requests</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查阅授权</source>
        <translation>Grants and permits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>逾期未还</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>资料不全的档案</source>
        <translation>Incomplete archives</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事件与检查</source>
        <translation>Incidents and inspection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>注意</source>
        <translation>Attention</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <location filename="../../app/views/idle_lock.py" line="+228"/>
        <source>已锁定 - {title}</source>
        <extracomment>the session is over (quit from the lock, or a switch the new person declined)</extracomment>
        <translation>Locked - {title}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../app/views/import_dialog.py" line="+87"/>
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
        <location line="+22"/>
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
    <name>IncidentReportDialog</name>
    <message>
        <location filename="../../app/views/incident_report_dialog.py" line="+38"/>
        <source>报告客户信息泄露</source>
        <translation>Report a customer information disclosure</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>发现客户信息已经泄露或者可能泄露时,应立即采取补救措施并报告客户服务管理部主管(制度第20条)。提交后主管立即收到此报告。
请用档案编号指明所涉客户,不要填写客户姓名、证件号码等信息。</source>
        <translation>If customer information has been or may have been disclosed, take remedial action at once and report to the Head of customer service management (Article 20 of the procedures). The Head receives this report as soon as it is submitted.
Identify the customers concerned by archive no.; do not enter customer names, ID numbers or similar information.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>发生了什么:在何处、涉及哪些资料</source>
        <translation>What happened: where, and which materials are involved</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>如:纸质资料遗失、误发短信、电话中泄露</source>
        <translation>e.g. paper documents lost, text message sent to the wrong person, disclosed over the phone</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>档案编号,多个用顿号分隔;不清楚可不填</source>
        <translation>Archive numbers, separated by &quot;、&quot;; leave blank if unknown</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已经采取的补救措施,如:已收回资料、已通知客户</source>
        <translation>Remedial action already taken, e.g. documents recovered, customer informed</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>发现时间</source>
        <translation>Discovered at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发生了什么</source>
        <translation>What happened</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>泄露途径</source>
        <translation>How it was disclosed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所涉档案编号</source>
        <translation>Archive numbers concerned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已采取的补救措施</source>
        <translation>Remedial action taken</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>立即报告</source>
        <translation>Report now</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>已报告,事件编号 {serial}。客户服务管理部主管已收到此报告。</source>
        <translation>Reported as incident {serial}. The Head of customer service management has received the report.</translation>
    </message>
</context>
<context>
    <name>IncidentsPage</name>
    <message>
        <location filename="../../app/views/incidents_page.py" line="+58"/>
        <source>发现客户信息已经泄露或者可能泄露时,应立即采取补救措施并报告(制度第20条)。</source>
        <translation>If customer information has been or may have been disclosed, take remedial action at once and report it (Article 20 of the procedures).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>收到的泄露事件报告。请立即处理,记录处理情况,处理完毕后写明结论结案。</source>
        <translation>Disclosure incident reports received. Handle them at once, record what was done, and close each one with a written conclusion.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>报告泄露(&amp;R)…</source>
        <translation>&amp;Report a disclosure…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>处理中</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已结案</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>事件编号</source>
        <translation>Incident no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>报告人</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>报告时间</source>
        <translation>Reported at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发现时间</source>
        <translation>Discovered at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>情况</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>没有事件报告。</source>
        <translation>No incident reports.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>处理情况:做了什么、结果如何</source>
        <translation>Handling: what was done and with what result</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>记录处理情况</source>
        <translation>Record handling</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>结论:是否造成泄露、原因、整改措施</source>
        <translation>Conclusion: whether information was disclosed, the cause, corrective measures</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>结案</source>
        <translation>Close incident</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>处理</source>
        <translation>Handling</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>泄露事件:{n} 件处理中</source>
        <translation>Disclosure incidents: {n} open</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>泄露事件</source>
        <translation>Disclosure incidents</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>我报告的泄露事件</source>
        <translation>Disclosure incidents I reported</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> (新)</source>
        <translation> (new)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>&lt;p style=&apos;color:#555&apos;&gt;选择左侧的事件查看详情。&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#555&apos;&gt;Select an incident on the left to see its details.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;p&gt;&lt;b&gt;报告人:&lt;/b&gt;{who}&#x3000;&lt;b&gt;报告时间:&lt;/b&gt;{at}&lt;br/&gt;&lt;b&gt;发现时间:&lt;/b&gt;{found}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Reported by:&lt;/b&gt; {who}&#x3000;&lt;b&gt;Reported at:&lt;/b&gt; {at}&lt;br/&gt;&lt;b&gt;Discovered at:&lt;/b&gt; {found}&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;p&gt;&lt;b&gt;发生了什么&lt;/b&gt;&lt;br/&gt;{text}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;What happened&lt;/b&gt;&lt;br/&gt;{text}&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;p&gt;&lt;b&gt;泄露途径&lt;/b&gt;&lt;br/&gt;{text}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;How it was disclosed&lt;/b&gt;&lt;br/&gt;{text}&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;p&gt;&lt;b&gt;所涉档案&lt;/b&gt;&lt;br/&gt;{text}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Archives concerned&lt;/b&gt;&lt;br/&gt;{text}&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;p&gt;&lt;b&gt;已采取的补救措施&lt;/b&gt;&lt;br/&gt;{text}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Remedial action taken&lt;/b&gt;&lt;br/&gt;{text}&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;p&gt;&lt;b&gt;处理情况&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Handling&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&lt;p style=&apos;color:#555&apos;&gt;尚无处理记录。&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#555&apos;&gt;No handling recorded yet.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;p&gt;&lt;b&gt;结论&lt;/b&gt;({who},{at})&lt;br/&gt;{text}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Conclusion&lt;/b&gt; ({who}, {at})&lt;br/&gt;{text}&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>事件 {serial} 结案后不能再记录处理情况。确认结案?</source>
        <translation>Once incident {serial} is closed, no further handling can be recorded. Close it?</translation>
    </message>
</context>
<context>
    <name>InspectionPage</name>
    <message>
        <location filename="../../app/views/inspection_page.py" line="+83"/>
        <source>年度检查</source>
        <extracomment>result combo entries: (stored code, word shown)</extracomment>
        <translation>Annual inspection</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>每年年初对客户信息保管状况进行一次全面检查,做好检查记录(制度第11条)。自动检查结果由系统根据档案库生成,人工检查由检查人员逐项填写;检查人员提交签署后,由主任签署。</source>
        <translation>At the beginning of each year, carry out a full inspection of how customer information is kept and record it (Article 11 of the procedures). The automatic findings are generated by the system from the archive; the manual checks are filled in item by item by the Inspector. Once the Inspector has submitted and signed the record, the Director signs it.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+6"/>
        <source>检查年度</source>
        <translation>Inspection year</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>刷新检查结果(&amp;R)</source>
        <translation>&amp;Refresh findings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印报告(&amp;P)…</source>
        <translation>&amp;Print report…</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+29"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>检查项目</source>
        <translation>Check</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>数量</source>
        <translation>Count</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>情况说明</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+262"/>
        <source>选择上面的一项,查看所涉及的档案、申请或账户。</source>
        <translation>Select an item above to see the archives, requests or accounts concerned.</translation>
    </message>
    <message>
        <location line="-260"/>
        <source>编号 / 对象</source>
        <translation>No. / subject</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>情况</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>检查内容</source>
        <translation>What is checked</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>依据</source>
        <translation>Basis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>说明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>保存检查清单(&amp;S)</source>
        <translation>&amp;Save checklist</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>逐项检查后选择“符合”或“不符合”;不符合的须在说明中写明具体情况和整改要求。</source>
        <translation>Check each item, then choose &quot;Compliant&quot; or &quot;Non-compliant&quot;; for a non-compliant item, describe what was found and what must be corrected in the explanation.</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+48"/>
        <source>签署</source>
        <translation>Signing</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>姓名</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>意见</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签名指纹</source>
        <translation>Signature fingerprint</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>校验</source>
        <translation>Verification</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>由检查人员本人输入</source>
        <translation>To be typed by the Inspector personally</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>检查人员密码</source>
        <translation>Inspector&apos;s password</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>提交签署(&amp;T)</source>
        <translation>Submi&amp;t and sign</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>主任签署(&amp;D)…</source>
        <translation>&amp;Director&apos;s signature…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>提交即以您的密钥对检查结果、人工检查和当前审计日志链头作电子签名,提交后不能再修改,由主任签署。</source>
        <translation>Submitting applies an electronic signature with your key to the findings, the manual checks and the current end of the audit chain. The record can no longer be changed after submission; the Director then signs it.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>自动检查结果</source>
        <translation>Automatic findings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>人工检查</source>
        <translation>Manual checks</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>{year} 年度</source>
        <translation>{year}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>人工检查有未保存的修改,切换年度将放弃这些修改。是否继续?</source>
        <translation>The manual checks have unsaved changes; switching the year discards them. Continue?</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>尚未开始</source>
        <translation>Not started</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{year} 年度尚未开始检查。年度检查由检查人员开始。</source>
        <translation>The {year} inspection has not been started yet. The annual inspection is started by an Inspector.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>本年度检查记录已由主任签署,只能查看和打印。</source>
        <translation>This year&apos;s inspection record has been signed by the Director; it can only be viewed and printed.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已提交 {serial},等待主任签署;提交后不能再修改。</source>
        <translation>Submitted as {serial}, awaiting the Director&apos;s signature; it can no longer be changed.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>上次提交 {serial} 已退回:{reason}。请修改后重新提交。</source>
        <translation>The last submission {serial} was sent back: {reason}. Please revise it and submit again.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>检查中:发现问题 {p} 项,需关注 {a} 项;人工检查还有 {u} 项未填写。</source>
        <translation>In progress: {p} problems and {a} points needing attention found; {u} manual checks still to be filled in.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> 注意:有签名校验无效,记录可能被改动。</source>
        <translation> Note: a signature is invalid; the record may have been altered.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>检查结果生成于 {when}。</source>
        <translation>Findings generated at {when}.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>“{title}”没有涉及的记录。</source>
        <translation>&quot;{title}&quot;: no records concerned.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“{title}”共 {n} 项,以下列出前 {shown} 项:</source>
        <translation>&quot;{title}&quot;: {n} items, the first {shown} listed below:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>“{title}”共 {n} 项:</source>
        <translation>&quot;{title}&quot;: {n} items:</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>第 {n} 项结果</source>
        <translation>Result of item {n}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>不符合时写明情况和整改要求</source>
        <translation>If non-compliant, describe what was found and what must be corrected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第 {n} 项说明</source>
        <translation>Explanation of item {n}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{name}({login})</source>
        <translation>{name} ({login})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>无效(内容可能被改动)</source>
        <translation>Invalid (the content may have been altered)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>提交时审计日志链头:第 {seq} 条 {hash}
记录内容摘要:SHA-256 {digest}</source>
        <translation>End of the audit chain at submission: entry {seq} {hash}
Record content digest: SHA-256 {digest}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>提交签署时将记录当时的审计日志链头。</source>
        <translation>The end of the audit chain at that moment is recorded on submission.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>正在检查第 {done}/{total} 项……</source>
        <translation>Checking item {done} of {total}…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>刷新检查结果</source>
        <translation>Refresh the findings</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>请检查人员本人输入密码,以签名确认检查记录。</source>
        <translation>The Inspector must type their own password to sign and confirm the inspection record.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{year} 年度检查记录已签名提交({serial}),请主任签署。</source>
        <translation>The {year} inspection record has been signed and submitted ({serial}); it now needs the Director&apos;s signature.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>{year} 年度检查报告</source>
        <translation>Annual inspection report {year}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年度检查报告-{year}.pdf</source>
        <translation>Annual inspection report-{year}.pdf</translation>
    </message>
</context>
<context>
    <name>ItemLink</name>
    <message>
        <location filename="../../app/views/home_page.py" line="-223"/>
        <source>单击或按回车键前往处理</source>
        <extracomment>the severity tag&apos;s colours (the word is shown too: colour is never the only sign)</extracomment>
        <translation>Click or press Enter to go there</translation>
    </message>
</context>
<context>
    <name>LabelPrintDialog</name>
    <message>
        <location filename="../../app/views/label_print_dialog.py" line="+49"/>
        <source>打印档案标签</source>
        <extracomment>the last sheet made (None until previewed)</extracomment>
        <translation>Print archive labels</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>按档案编号</source>
        <translation>By archive no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>整个档案柜的全部载体</source>
        <translation>All media in a whole cabinet</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>每行一个档案编号,可扫描或粘贴</source>
        <translation>One archive no. per line; scan or paste them</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>档案编号</source>
        <translation>Archive no.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>柜号,例如 A1</source>
        <translation>Cabinet no., e.g. A1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>柜号</source>
        <translation>Cabinet no.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> 枚</source>
        <translation> labels</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>标签纸为 A4 每张 14 枚(2 列 × 7 行)。标签只印档案编号、类别、密级标识、载体和存放位置,不印客户信息。</source>
        <translation>Label sheets are A4 with 14 labels each (2 columns × 7 rows). Labels show only the archive no., category, classification mark, medium and storage location, never customer information.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>第一张已用</source>
        <translation>Already used on first sheet</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>预览并打印(&amp;P)…</source>
        <translation>&amp;Preview and print…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>档案标签({n} 枚)</source>
        <translation>Archive labels ({n})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>档案标签.pdf</source>
        <translation>Archive labels.pdf</translation>
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
        <location filename="../../app/views/main_window.py" line="+117"/>
        <source>首页</source>
        <extracomment>the largest default size; smaller screens get what they have how often the approvals entry counts what waits (one cheap query)</extracomment>
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
        <location line="+10"/>
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
        <location line="+10"/>
        <source>复制摘录</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第17条第1款</source>
        <translation>Article 17.1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>复制、摘录、导出或打印客户信息,须经主任或管户客户经理批准;批准后在有效期内制作带水印的复制件。</source>
        <translation>Copying, excerpting, exporting or printing customer information needs the approval of the director or the responsible account manager; once approved, watermarked copies are made within the validity period.</translation>
    </message>
    <message>
        <location line="+10"/>
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
        <location line="+6"/>
        <source>保密库</source>
        <translation>Vault</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第16条</source>
        <translation>Article 16</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“机密”“绝密”档案单独存放、专人管理:保密专管员本人到场开启,核对保密库内容、查看记录和有效的查阅授权。</source>
        <translation>&quot;Secret&quot; and &quot;Top secret&quot; archives are kept separately under a designated person: the Custodian opens the vault in person to check its content, the viewing records and the active consultation grants.</translation>
    </message>
    <message>
        <location line="+10"/>
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
        <location line="+8"/>
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
        <source>发现客户信息已经泄露或者可能泄露时,在此报告并记录补救措施和处理结果。</source>
        <translation>If customer information has been or may have been disclosed, report it here and record the remedial action and the outcome.</translation>
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
        <location line="+8"/>
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
        <location line="+23"/>
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
        <source>备份档案(&amp;B)…</source>
        <translation>&amp;Back up archive…</translation>
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
        <location line="+13"/>
        <source>报告泄露</source>
        <translation>Report a disclosure</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>发现客户信息已经泄露或者可能泄露时,立即报告客户服务管理部主管(第20条)</source>
        <translation>If customer information has been or may have been disclosed, report it at once to the Head of customer service management (Article 20)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>已报告泄露事件 {serial}。</source>
        <translation>Disclosure incident {serial} has been reported.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>密码已修改。</source>
        <translation>Password changed.</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>我的申请</source>
        <translation>My requests</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>待办审批 ({n})</source>
        <translation>Pending approvals ({n})</translation>
    </message>
    <message>
        <location line="+17"/>
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
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../app/views/pdf_preview_dialog.py" line="+86"/>
        <source>缩放</source>
        <translation>Zoom</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>共 %n 页</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>缩放:</source>
        <translation>Zoom:</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>第 %1 页</source>
        <translation>Page %1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ReconciliationDialog</name>
    <message>
        <location filename="../../app/views/reconciliation_dialog.py" line="+81"/>
        <source>帐实核对</source>
        <extracomment>a tint per kind of difference; the kind is always written out in its own column too the last comparison shown (None until 核对, or after the lines changed) the saved, signed stock-take (None until saved)</extracomment>
        <translation>Reconciliation</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>留空:全部</source>
        <translation>Leave blank: all</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>留空:整柜</source>
        <translation>Leave blank: whole cabinet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核对范围柜号</source>
        <translation>Cabinet no. to reconcile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核对范围盒号</source>
        <translation>Box no. to reconcile</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>清点位置柜号</source>
        <translation>Cabinet no. being counted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清点位置盒号</source>
        <translation>Box no. being counted</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>核对范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>柜</source>
        <translation>Cabinet</translation>
    </message>
    <message>
        <location line="-5"/>
        <location line="+7"/>
        <source>盒</source>
        <translation>Box</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>清点位置(新录入的编号记在此位置)</source>
        <translation>Counting location (newly entered numbers are recorded at this location)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>扫描档案标签条码,或输入档案编号后按回车</source>
        <translation>Scan the barcode on the archive label, or type the archive no. and press Enter</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <location line="+3"/>
        <location line="+23"/>
        <source>档案编号</source>
        <translation>Archive no.</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>清点位置</source>
        <translation>Counting location</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>删除所选行</source>
        <translation>Delete selected lines</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已录入</source>
        <translation>Entered</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+180"/>
        <source>录入完毕后按“核对”查看差异。</source>
        <translation>When all entries are made, click &quot;Reconcile&quot; to see the differences.</translation>
    </message>
    <message>
        <location line="-174"/>
        <source>差异类别</source>
        <translation>Difference</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>载体</source>
        <translation>Medium</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记位置</source>
        <translation>Registered location</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>实际位置</source>
        <translation>Actual location</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>说明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>核对结果</source>
        <translation>Reconciliation result</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>由核对人本人输入</source>
        <translation>To be typed by the checker personally</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核对人密码</source>
        <translation>Checker&apos;s password</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>核对(&amp;C)</source>
        <translation>&amp;Reconcile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存并签名(&amp;S)</source>
        <translation>&amp;Save and sign</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印报告(&amp;P)…</source>
        <translation>&amp;Print report…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>核对人 {name} 的密码</source>
        <translation>Password of checker {name}</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>(按核对范围)</source>
        <translation> (within the scope)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>共 {n} 条</source>
        <translation>{n} entries</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>缺失(应在架未找到)</source>
        <translation>Missing (should be on the shelf, not found)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在架但登记为借出</source>
        <translation>On the shelf but registered as checked out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无此档案</source>
        <translation>No such archive</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>存放位置不符</source>
        <translation>Wrong storage location</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>核对范围:{scope}。登记在架 {expected},实点 {found},相符 {matched};缺失 {missing},在架但登记为借出 {checked_out},无此档案 {unknown},存放位置不符 {misplaced};借出未还 {out}。</source>
        <translation>Scope: {scope}. Registered on the shelf {expected}, counted {found}, matching {matched}; missing {missing}, on the shelf but registered as checked out {checked_out}, no such archive {unknown}, wrong storage location {misplaced}; checked out and not returned {out}.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>重复录入 {n} 条(不计为差异)。</source>
        <translation>{n} duplicate entries (not counted as differences).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>✔ 帐实相符,未发现差异。</source>
        <translation>✔ Records match holdings; no differences found.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>✘ 帐实不符:共 {n} 处差异,见下表。</source>
        <translation>✘ Records do not match holdings: {n} differences, see the table below.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>还没有录入任何档案编号。请扫描或输入在架档案的编号后再保存。</source>
        <translation>No archive numbers have been entered yet. Scan or type the numbers of the archives on the shelf before saving.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请核对人本人输入密码,以签名确认核对结果。</source>
        <translation>The checker must type their own password to sign and confirm the reconciliation result.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>已保存并签名:{serial},{when},签名指纹 {fingerprint}。</source>
        <translation>Saved and signed: {serial}, {when}, signature fingerprint {fingerprint}.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>帐实核对报告 {serial}</source>
        <translation>Reconciliation report {serial}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>帐实核对报告-{serial}.pdf</source>
        <translation>Reconciliation report-{serial}.pdf</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>已录入 {n} 条尚未保存。关闭将放弃这些录入,确定关闭吗?</source>
        <translation>{n} entries have not been saved. Closing discards them. Close anyway?</translation>
    </message>
</context>
<context>
    <name>ReconciliationPage</name>
    <message>
        <location filename="../../app/views/reconciliation_page.py" line="+38"/>
        <source>帐实核对</source>
        <translation>Reconciliation</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>逐柜清点在架的纸质档案和磁盘,与出入登记和存放位置核对,使信息帐实相符(制度第12条)。核对结果由核对人签名保存,年度检查时查阅。</source>
        <translation>Count the paper archives and disks on the shelves cabinet by cabinet and check them against the check-out register and the storage locations, so that records match holdings (Article 12 of the procedures). The result is saved with the checker&apos;s signature and reviewed at the annual inspection.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>核对编号</source>
        <translation>Reconciliation no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核对时间</source>
        <translation>Reconciled at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核对人</source>
        <translation>Checker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核对范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>实点</source>
        <translation>Counted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺失</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在架但登记为借出</source>
        <translation>On shelf but checked out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无此档案</source>
        <translation>No such archive</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>位置不符</source>
        <translation>Wrong location</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签名</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>还没有帐实核对记录。</source>
        <translation>No reconciliations recorded yet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>新建帐实核对(&amp;N)…</source>
        <translation>&amp;New reconciliation…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印报告(&amp;P)…</source>
        <translation>&amp;Print report…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刷新列表(&amp;R)</source>
        <translation>&amp;Refresh list</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>签名无效(结果可能被改动)</source>
        <translation>Signature invalid (the result may have been altered)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>帐实核对报告 {serial}</source>
        <translation>Reconciliation report {serial}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>帐实核对报告-{serial}.pdf</source>
        <translation>Reconciliation report-{serial}.pdf</translation>
    </message>
</context>
<context>
    <name>RecordHistoryDialog</name>
    <message>
        <location filename="../../app/views/record_history_dialog.py" line="+56"/>
        <source>档案 {no} 的修改记录</source>
        <translation>Change history of archive {no}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>执行时间</source>
        <translation>Carried out at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请编号</source>
        <translation>Request no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请人</source>
        <translation>Requester</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>批准人</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签名</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>此档案归档后尚无经审批的修改。建档时的内容为第 1 版。</source>
        <translation>No approved changes have been made to this archive since it was filed. The content at creation is version 1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>所选版本的修改内容</source>
        <translation>Changes in the selected version</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>无签名记录</source>
        <translation>No signature recorded</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✔ 签名有效</source>
        <translation>✔ Signature valid</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>✘ 签名无效</source>
        <translation>✘ Signature invalid</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>第 {v} 版</source>
        <translation>Version {v}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>第 {v} 版的修改内容(申请 {serial})</source>
        <translation>Changes in version {v} (request {serial})</translation>
    </message>
</context>
<context>
    <name>RegisterModel</name>
    <message>
        <location filename="../../app/views/checkout_register_page.py" line="-188"/>
        <source>档案编号</source>
        <translation>Archive no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>载体</source>
        <translation>Medium</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>存放位置</source>
        <translation>Storage location</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>借用人</source>
        <translation>Borrower</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应还日期</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>借出时间</source>
        <translation>Checked out at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>借用事由</source>
        <translation>Reason for borrowing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查阅授权</source>
        <translation>Consultation grant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密级</source>
        <translation>Classification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>归还时间</source>
        <translation>Returned at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>接收人</source>
        <translation>Received by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>归还状况</source>
        <translation>Condition on return</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>逾期 {n} 天</source>
        <translation>{n} days overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>借出中</source>
        <translation>Checked out</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>逾期 {n} 天归还</source>
        <translation>Returned {n} days late</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已归还</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>完好</source>
        <translation>Intact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>破损</source>
        <translation>Damaged</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺页缺件</source>
        <translation>Pages or items missing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>RegistersPage</name>
    <message>
        <location filename="../../app/views/registers_page.py" line="+84"/>
        <source>您没有可查看的登记簿。</source>
        <translation>There are no registers you may view.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>出入登记</source>
        <extracomment>the tab titles, for lupdate (the tabs are created from data)</extracomment>
        <translation>Check-out register</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>帐实核对</source>
        <translation>Reconciliation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>收发传递登记</source>
        <translation>Transfer register</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>对外提供登记</source>
        <translation>External disclosure register</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>销毁清册</source>
        <translation>Destruction register</translation>
    </message>
</context>
<context>
    <name>RequestListModel</name>
    <message>
        <location filename="../../app/views/approvals_page.py" line="-150"/>
        <source>等待您审批</source>
        <extracomment>the actions that decide a step of some procedure (the area&apos;s inbox is for these) the actions that make a request (the area&apos;s 我的申请 is for these)</extracomment>
        <translation>Awaiting your approval</translation>
    </message>
</context>
<context>
    <name>RequestViewDialog</name>
    <message>
        <location filename="../../app/views/request_view_dialog.py" line="-46"/>
        <source>此申请涉及“机密”“绝密”档案,内容存放于保密库,须由保密专管员本人到场开启。</source>
        <extracomment>states shown with a colour beside their word (the word says it; the colour helps)</extracomment>
        <translation>This request concerns &quot;Secret&quot; or &quot;Top secret&quot; archives; their content is kept in the vault and must be opened by a Custodian in person.</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>申请编号</source>
        <extracomment>something was decided, withdrawn or refreshed here: lists should reload</extracomment>
        <translation>Request no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下一步</source>
        <translation>Next step</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请人</source>
        <translation>Requester</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提出时间</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所涉档案</source>
        <translation>Archives concerned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关联申请</source>
        <translation>Related request</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>刷新(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>按档案现在的内容重新计算此申请的修改前后对照</source>
        <translation>Recalculate this request&apos;s before-and-after comparison from the archive&apos;s current content</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>查看附件(&amp;V)</source>
        <translation>&amp;View attachment</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>步骤</source>
        <translation>Step</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签署人</source>
        <translation>Signer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>意见</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密钥指纹</source>
        <translation>Key fingerprint</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签名</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>同意(&amp;Y)…</source>
        <translation>&amp;Approve…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不同意(&amp;N)…</source>
        <translation>&amp;Reject…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撤回(&amp;W)…</source>
        <translation>&amp;Withdraw…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>{kind} {serial}</source>
        <translation>{kind} {serial}</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+133"/>
        <source>{name}({login})</source>
        <translation>{name} ({login})</translation>
    </message>
    <message>
        <location line="-125"/>
        <source>依据 {serial}</source>
        <translation>Based on {serial}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已转为 {serials}</source>
        <translation>Converted into {serials}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>✘ 签名无效:此申请或其审批意见在签署后被改动过,不能作为依据。请立即报告检查人员。</source>
        <translation>✘ Signature invalid: this request or its decisions were altered after signing and cannot be relied on. Report this to an Inspector at once.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>⚠ 档案已有变动,须由客户经理刷新:请按档案现在的内容刷新此申请后再报批。</source>
        <translation>⚠ The archive has changed and the account manager must refresh this request: refresh it from the archive&apos;s current content before submitting it for approval.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>⚠ 档案已有变动,须由客户经理刷新后才能同意。</source>
        <translation>⚠ The archive has changed; the account manager must refresh this request before it can be approved.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>申请说明:{note}</source>
        <translation>Request note: {note}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>撤回/结束原因:{reason}</source>
        <translation>Reason for withdrawal/ending: {reason}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>修改内容(共 {n} 项)</source>
        <translation>Changes ({n} fields)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>申请更新的信息(共 {n} 项)</source>
        <translation>Information to be updated ({n} fields)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>附件({n})</source>
        <translation>Attachments ({n})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name}({kind},{size})</source>
        <translation>{name} ({kind}, {size})</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{name}
SHA-256:{digest}</source>
        <translation>{name}
SHA-256: {digest}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(无附件)</source>
        <translation>(No attachments)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>审批记录({n})</source>
        <translation>Approval record ({n})</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>可由{names}本人到场签署。</source>
        <translation>Can be signed by {names} in person.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>档案已有变动,须由客户经理刷新后才能同意;仍可不同意。</source>
        <translation>The archive has changed; the account manager must refresh this request before it can be approved. It can still be rejected.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>✔ 签名有效</source>
        <translation>✔ Signature valid</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>✘ 签名无效</source>
        <translation>✘ Signature invalid</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>签名与申请内容或审批意见不符:记录可能被改动</source>
        <translation>The signature does not match the request content or the decision: the record may have been altered</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>尚无审批意见</source>
        <translation>No decisions yet</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>已签署“{decision}”。申请 {serial} 现为“{state}”。
签署人密钥指纹 {fingerprint}</source>
        <translation>Signed &quot;{decision}&quot;. Request {serial} is now &quot;{state}&quot;.
Signer&apos;s key fingerprint {fingerprint}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已签署</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>撤回申请</source>
        <translation>Withdraw request</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撤回申请 {serial} 的原因(将记入申请):</source>
        <translation>Reason for withdrawing request {serial} (recorded in the request):</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>未撤回</source>
        <translation>Not withdrawn</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>已按档案现在的内容刷新申请 {serial},可以继续审批。</source>
        <translation>Request {serial} has been refreshed from the archive&apos;s current content; approval can continue.</translation>
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
    <name>RestoreDialog</name>
    <message>
        <location filename="../../app/views/restore_dialog.py" line="+48"/>
        <location line="+89"/>
        <location line="+50"/>
        <source>从备份恢复档案</source>
        <translation>Restore the archive from a backup</translation>
    </message>
    <message>
        <location line="-134"/>
        <source>请选择 .custbak 备份文件</source>
        <translation>Choose a .custbak backup file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>选择备份文件(&amp;F)…</source>
        <translation>Choose the backup &amp;file…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>尚未选择备份文件。</source>
        <translation>No backup file chosen yet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>浏览(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>备份文件:</source>
        <translation>Backup file:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>恢复到文件夹(&amp;D):</source>
        <translation>Restore to fol&amp;der:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>登录名(&amp;L):</source>
        <translation>&amp;Login name:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>密码(&amp;P):</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>由系统管理员用其在备份时的登录名和密码恢复。恢复前程序会完整校验备份文件;目标文件夹中原有的档案不会删除,而是改名保留在旁边。</source>
        <translation>The system administrator restores with the login name and password they had when the backup was made. The program checks the whole backup file first; an archive already in the target folder is not deleted but renamed and kept beside it.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>恢复(&amp;R)</source>
        <translation>&amp;Restore</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>选择备份文件</source>
        <translation>Choose the backup file</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>档案备份 (*.custbak)</source>
        <translation>Archive backups (*.custbak)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>正在核对备份文件……</source>
        <translation>Checking the backup file…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>此文件不能用于恢复。</source>
        <translation>This file cannot be used for a restore.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备份文件有问题</source>
        <translation>The backup file has a problem</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{branch}({code})的档案,{when} 由 {who} 备份;审计日志 {seq} 条;文件 {size:.1f} MB,各部分校验无误。</source>
        <translation>The archive of {branch} ({code}), backed up on {when} by {who}; {seq} audit log entries; file {size:.1f} MB, every part checks out.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>选择恢复到的文件夹</source>
        <translation>Choose the folder to restore to</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>请填写完整的文件夹路径(例如 D:\客户档案),或点“浏览”选择。</source>
        <translation>Please enter the full folder path (for example D:\CustomerArchive), or click &quot;Browse&quot; to choose one.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请填写登录名和密码。</source>
        <translation>Please enter the login name and password.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请检查填写的内容</source>
        <translation>Please check your entries</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>正在恢复档案,请勿关闭程序……</source>
        <translation>Restoring the archive; do not close the program…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>未能恢复档案</source>
        <translation>The archive was not restored</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>档案已从备份恢复到:
{path}</source>
        <translation>The archive was restored from the backup to:
{path}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>原有档案已改名保留为:
{path}</source>
        <translation>The archive that was there is kept, renamed as:
{path}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>恢复完成</source>
        <translation>Restore complete</translation>
    </message>
</context>
<context>
    <name>SigningDialog</name>
    <message>
        <location filename="../../app/views/signing_dialog.py" line="+84"/>
        <source>签署审批 {serial}</source>
        <extracomment>how many changed items the summary names before &quot;等&quot; the signed decision (None until signed) the request changed meanwhile (decided by someone else, record changed): look again</extracomment>
        <translation>Sign approval {serial}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{kind} {serial}</source>
        <translation>{kind} {serial}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>请选择签署人</source>
        <translation>Please choose the signer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name}({login})</source>
        <translation>{name} ({login})</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>目前没有可以签署此步骤的人员。</source>
        <translation>No one can sign this step at present.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>由签署人本人输入,他人请回避</source>
        <translation>To be typed by the signer; others please look away</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>同意(&amp;Y)</source>
        <translation>&amp;Approve</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不同意(&amp;N)</source>
        <translation>&amp;Reject</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>签署人</source>
        <translation>Signer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审批意见</source>
        <translation>Comments</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>签署</source>
        <translation>Sign</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>签署即以签署人本人的密钥对上述内容和审批意见作电子签名;当前登录的用户保持不变。</source>
        <translation>Signing applies an electronic signature with the signer&apos;s own key to the content above and the decision; the logged-in user stays the same.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>所涉档案:{subject}</source>
        <translation>Archives concerned: {subject}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请人:{name}</source>
        <translation>Requester: {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当前步骤:{step}</source>
        <translation>Current step: {step}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{items} 等</source>
        <translation>{items} etc.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>涉及 {n} 项:{items}</source>
        <translation>{n} fields: {items}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>附件 {n} 个</source>
        <translation>{n} attachments</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>理由 *</source>
        <translation>Reason *</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+34"/>
        <source>不同意时须填写理由,申请人将看到此理由。</source>
        <translation>A reason is required when rejecting; the requester will see it.</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>意见</source>
        <translation>Comments</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可选;最多 {n} 字。</source>
        <translation>Optional; at most {n} characters.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>请选择签署人。</source>
        <translation>Please choose the signer.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>请由签署人本人输入密码。</source>
        <translation>The signer must type their own password.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>保密专管员已到场确认,请签署人重新输入密码签署。</source>
        <translation>The Custodian has confirmed in person; the signer must now type their password again to sign.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>未签署</source>
        <translation>Not signed</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>此申请涉及“机密”“绝密”档案,内容存放于保密库,须由保密专管员本人到场开启。</source>
        <translation>This request concerns &quot;Secret&quot; or &quot;Top secret&quot; archives; their content is kept in the vault and must be opened by a Custodian in person.</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <location filename="../../app/views/statistics_page.py" line="+75"/>
        <source>统计项目</source>
        <extracomment>a statistic is waiting to be read when the page is next shown</extracomment>
        <translation>Statistic</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>全部时间</source>
        <translation>All time</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本年</source>
        <translation>This year</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>上年</source>
        <translation>Last year</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>近 12 个月</source>
        <translation>Last 12 months</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>统计期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>起始日期</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>截止日期</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>查询</source>
        <translation>Show</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预览并打印全部统计表(本期间)</source>
        <translation>Preview and print all statistics tables (this period)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把全部统计表导出为 Excel(只有数字,不含客户信息)</source>
        <translation>Export all statistics tables to Excel (numbers only, no customer information)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>统计表</source>
        <translation>Statistics table</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>统计项目:</source>
        <translation>Statistic:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>期间:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>范围:{scope};统计期间:{period}</source>
        <translation>Scope: {scope}; period: {period}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>不足 3 户,不显示</source>
        <translation>Fewer than 3 customers: not shown</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>为防止由合计推算出不足 3 的数,不显示</source>
        <translation>Not shown, so that a number under 3 cannot be worked out from the totals</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>客户档案统计表</source>
        <translation>Customer archive statistics</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>导出统计表</source>
        <translation>Export statistics</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>导出未完成</source>
        <translation>Export not completed</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已导出 {count} 张统计表到:
{path}</source>
        <translation>{count} statistics tables exported to:
{path}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出完成</source>
        <translation>Export complete</translation>
    </message>
</context>
<context>
    <name>TierDialog</name>
    <message>
        <location filename="../../app/views/tier_dialog.py" line="+69"/>
        <source>申请降低密级 {no}</source>
        <extracomment>raised: the record as it is now; lowered: the request made (None until done)</extracomment>
        <translation>Request classification downgrade for {no}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>标定密级 {no}</source>
        <translation>Raise classification of {no}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>档案 {no} 现为“{tier}”。降低密级须报主任批准(制度第16条):申请提交后进入主任的待办审批,批准时须由保密专管员到场。</source>
        <translation>Archive {no} is currently &quot;{tier}&quot;. Downgrading requires the Director&apos;s approval (Article 16 of the procedures): once submitted, the request goes to the Director&apos;s pending approvals, and a Custodian must be present when it is approved.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>档案 {no} 现为“{tier}”。标定为“机密”或“绝密”后,档案内容立即移入保密库,目录中只保留目录行,检索备注栏写明密级(制度第16条)。此后查看须由保密专管员到场;下一步须由保密专管员本人到场确认。</source>
        <translation>Archive {no} is currently &quot;{tier}&quot;. Once marked &quot;Secret&quot; or &quot;Top secret&quot;, its content moves into the vault at once; only its catalogue line stays in the catalogue, with the classification written in the search notes (Article 16 of the procedures). From then on a Custodian must be present to view it; the next step must be confirmed by a Custodian in person.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>降低为</source>
        <translation>Downgrade to</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>标定为</source>
        <translation>Raise to</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>理由(例如:客户已退出经营,其信息不再需要按机密管理)</source>
        <translation>Reason (e.g. the customer has ceased trading and its information no longer needs to be kept as Secret)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>理由(例如:客户资产信息涉及重大商业秘密)</source>
        <translation>Reason (e.g. the customer&apos;s asset information involves major trade secrets)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>提交申请</source>
        <translation>Submit request</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>下一步:保密专管员确认…</source>
        <translation>Next: Custodian&apos;s confirmation…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>未提交</source>
        <translation>Not submitted</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>档案 {no} 标定为“{tier}”,内容将移入保密库,须由保密专管员本人到场确认。</source>
        <translation>Archive {no} is to be marked &quot;{tier}&quot;; its content will move into the vault, which a Custodian must confirm in person.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>未标定</source>
        <translation>Classification not raised</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../app/views/transfer_dialog.py" line="+66"/>
        <source>登记收发传递</source>
        <extracomment>the line as the workflow recorded it, once 确定 succeeded</extracomment>
        <translation>Register transfer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>登记归还</source>
        <translation>Register return</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>例如:贷款档案原件 1 卷、客户资料光盘 1 张</source>
        <translation>e.g. 1 volume of original loan files, 1 customer data disc</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>涉及客户档案时填写完整的档案编号(可不填)</source>
        <translation>Full archive no. if a customer archive is involved (optional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查找载体</source>
        <translation>Find media</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+54"/>
        <source>(不涉及档案载体)</source>
        <translation>(No archive medium involved)</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>(请选择)</source>
        <translation>(Please choose)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>例如:密封袋封装、专人专车、全程随身携带、不在途中停留</source>
        <translation>e.g. sealed envelope, dedicated person and vehicle, kept on the person throughout, no stops on the way</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>须归还,预计归还时间:</source>
        <translation>Must be returned; expected return:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>方式:</source>
        <translation>Type:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>传递的文件或载体:</source>
        <translation>Documents or media transferred:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>档案编号:</source>
        <translation>Archive no.:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>档案载体:</source>
        <translation>Archive medium:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>指定负责人:</source>
        <translation>Person responsible:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>从何处:</source>
        <translation>From:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>送往何处:</source>
        <translation>To:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>安全措施:</source>
        <translation>Security measures:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>送出时间:</source>
        <translation>Sent at:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>制度第17条:收发、传递和外出携带,有指定人员负责,并采取必要的安全措施。外出携带须填写预计归还时间;逾期未归还的,负责人在首页和待办中会看到提醒。</source>
        <translation>Article 17 of the procedures: receipt, dispatch, transfer and removal from the premises are the responsibility of a designated person, with the necessary security measures. Removal from the premises requires an expected return time; if an item is overdue, the person responsible is reminded on the home page and in pending tasks.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>{kind}:{item}
负责人:{person}
{origin} → {destination}
送出:{out}</source>
        <translation>{kind}: {item}
Person responsible: {person}
{origin} → {destination}
Sent: {out}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>例如:原件完好、封袋未拆</source>
        <translation>e.g. originals intact, envelope unopened</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>预计归还:</source>
        <translation>Expected return:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>归还时间:</source>
        <translation>Returned at:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>归还说明:</source>
        <translation>Return notes:</translation>
    </message>
</context>
<context>
    <name>TransferRegisterPage</name>
    <message>
        <location filename="../../app/views/transfer_register_page.py" line="+116"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未归还</source>
        <translation>Not returned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>逾期未归还</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>登记…</source>
        <translation>Register…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记归还…</source>
        <translation>Register return…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>显示:</source>
        <translation>Show:</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>⚠ 逾期未归还 {n} 项</source>
        <translation>⚠ {n} items overdue</translation>
    </message>
</context>
<context>
    <name>TransferTableModel</name>
    <message>
        <location line="-134"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>方式</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>传递的文件或载体</source>
        <translation>Documents or media transferred</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>档案编号</source>
        <translation>Archive no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>档案载体</source>
        <translation>Archive medium</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>指定负责人</source>
        <translation>Person responsible</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>从何处</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>送往何处</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>安全措施</source>
        <translation>Security measures</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>送出时间</source>
        <translation>Sent at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预计归还</source>
        <translation>Expected return</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>实际归还</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记人</source>
        <translation>Registered by</translation>
    </message>
</context>
<context>
    <name>UpdateSubmissionDialog</name>
    <message>
        <location filename="../../app/views/update_submission_dialog.py" line="+86"/>
        <source>提交信息更新 {no}</source>
        <extracomment>the request made (None until submitted)</extracomment>
        <translation>Submit information update {no}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>档案 {no}({category} · {subtype}),管户客户经理 {manager}。申请提交该客户经理受理;受理后转为档案修改申请,经主任签署后生效。</source>
        <translation>Archive {no} ({category} · {subtype}), responsible account manager {manager}. The request goes to this account manager, who turns it into an archive amendment request once accepted; it takes effect after the Director signs.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>您看不到档案的现有内容,只需填写需要更新的项目和新内容。</source>
        <translation>You cannot see the archive&apos;s current content; just enter the fields to update and their new content.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>项目 *</source>
        <translation>Field *</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新内容 *</source>
        <translation>New content *</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>提示</source>
        <translation>Hint</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>添加一项(&amp;D)</source>
        <translation>A&amp;dd a field</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>删除此项</source>
        <translation>Delete this field</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>需要更新的信息</source>
        <translation>Information to update</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>信息变更的情况和来源,例如:客户来柜面告知新的手机号码。</source>
        <translation>What changed and where the information came from, e.g. the customer came to the counter with a new mobile number.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>说明 *</source>
        <translation>Explanation *</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>请选择项目</source>
        <translation>Please choose a field</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>请选择</source>
        <translation>Please choose</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>例:2024-01-05</source>
        <translation>e.g. 2024-01-05</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>可填多项,以“、”分隔:{options}</source>
        <translation>Several may be entered, separated by &quot;、&quot;: {options}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>先选择项目</source>
        <translation>Choose a field first</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>请选择项目。</source>
        <translation>Please choose a field.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>此项已在第 {n} 行填写。</source>
        <translation>This field is already filled in on row {n}.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>有 {n} 处需要更正,未提交。</source>
        <translation>Not submitted: {n} entries need correcting.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>请至少选择一项需要更新的信息并填写新内容。</source>
        <translation>Please choose at least one field to update and enter its new content.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请说明信息变更的情况和来源。</source>
        <translation>Please explain what changed and where the information came from.</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+15"/>
        <source>未提交</source>
        <translation>Not submitted</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>此客户为“机密”“绝密”档案,所报信息须存入保密库,须由保密专管员本人到场。</source>
        <translation>This customer&apos;s archive is &quot;Secret&quot; or &quot;Top secret&quot;; the information submitted must be stored in the vault, so a Custodian must be present in person.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>信息更新申请 {serial} 已提交,由管户客户经理 {manager} 受理。</source>
        <translation>Information update request {serial} has been submitted and will be handled by responsible account manager {manager}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已提交</source>
        <translation>Submitted</translation>
    </message>
</context>
<context>
    <name>UserManagementPage</name>
    <message>
        <location filename="../../app/views/user_management_page.py" line="+132"/>
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
        <location line="+7"/>
        <location line="+16"/>
        <source>更换档案密钥</source>
        <translation>Change archive key</translation>
    </message>
    <message>
        <location line="-253"/>
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
        <location line="+11"/>
        <source>正在重新加密档案,请勿关闭程序……</source>
        <translation>Re-encrypting the archive; do not close the program…</translation>
    </message>
    <message>
        <location line="+9"/>
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
        <location line="-453"/>
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
    <name>VaultPage</name>
    <message>
        <location filename="../../app/views/vault_page.py" line="+66"/>
        <source>保密库</source>
        <translation>Vault</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“机密”“绝密”档案的内容单独存放于保密库,由保密专管员专人管理(制度第16条)。进入本页须由保密专管员本人输入密码;离开本页或锁定屏幕后保密库即关闭。</source>
        <translation>The content of &quot;Secret&quot; and &quot;Top secret&quot; archives is kept separately in the vault and managed by the Custodian (Article 16 of the procedures). Opening this page requires the Custodian to type their own password; the vault closes when you leave the page or lock the screen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>开启保密库(&amp;O)…</source>
        <translation>&amp;Open vault…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>刷新(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>关闭保密库(&amp;C)</source>
        <translation>&amp;Close vault</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>档案编号</source>
        <translation>Archive no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密级</source>
        <translation>Classification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>管户客户经理</source>
        <translation>Responsible account manager</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保密库内容</source>
        <translation>Vault content</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>最近查看(人员、时间)</source>
        <translation>Recently viewed (by, at)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有效的查阅授权</source>
        <translation>Active consultation grants</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>开启保密库须由保密专管员本人到场输入密码(制度第16条)。</source>
        <translation>Opening the vault requires a Custodian in person to type their password (Article 16 of the procedures).</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>保密专管员 {name}({login})本人到场,保密库已开启。</source>
        <translation>Custodian {name} ({login}) is present in person; the vault is open.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>保密库未开启。请保密专管员本人点击“开启保密库”并输入密码。</source>
        <translation>The vault is not open. The Custodian must click &quot;Open vault&quot; and type their password in person.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>机密/绝密档案 {n} 份。</source>
        <translation>{n} Secret/Top secret archives. </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>发现 {n} 处问题(红色标出),请核查并报告。</source>
        <translation>{n} problems found (marked in red); please investigate and report them.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>每份档案在保密库中均有内容,没有孤立记录。</source>
        <translation>Every archive has its content in the vault, and there are no orphaned records.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>缺失</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有({size})</source>
        <translation>Present ({size})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>孤立记录({size})</source>
        <translation>Orphaned record ({size})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} {at}</source>
        <translation>{name} {at}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(依据 {serial})</source>
        <translation> (under {serial})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(共 {n} 次)</source>
        <translation>({n} times in all)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{serial} {name} {mode} 至 {until}</source>
        <translation>{serial} {name} {mode} until {until}</translation>
    </message>
</context>
<context>
    <name>backup_action</name>
    <message>
        <location filename="../../app/views/backup_action.py" line="+29"/>
        <source>档案备份-{day}</source>
        <translation>Archive backup {day}</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+12"/>
        <source>备份档案</source>
        <translation>Back up the archive</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>档案备份 (*.custbak)</source>
        <translation>Archive backups (*.custbak)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>正在备份档案,请勿关闭程序……</source>
        <translation>Backing up the archive; do not close the program…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>备份未完成</source>
        <translation>Backup not completed</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已备份到:
{path}

文件校验值(SHA-256):{digest}
请将备份文件存放在与本机分开的安全处所(如保密柜中的专用移动硬盘)。</source>
        <translation>Backed up to:
{path}

File checksum (SHA-256): {digest}
Keep the backup file in a safe place away from this computer (such as a dedicated external disk in the secure cabinet).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>备份完成</source>
        <translation>Backup complete</translation>
    </message>
</context>
<context>
    <name>copy_actions</name>
    <message>
        <location filename="../../app/views/copy_actions.py" line="+33"/>
        <source>需要复制许可</source>
        <translation>Copy permit needed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>提出复制摘录申请…</source>
        <translation>Submit a copy request…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>复制摘录申请 {serial} 已提交,等待主任或管户客户经理审批。</source>
        <translation>Copy request {serial} has been submitted and waits for the director or the responsible account manager to approve it.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已提交</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>已将 {n} 个项目复制到剪贴板(带水印,依据 {serial})。剪贴板将在 {seconds} 秒后自动清空;锁屏或退出时也会清空。</source>
        <translation>{n} items copied to the clipboard (watermarked, under {serial}). The clipboard will be cleared after {seconds} seconds, and also when the screen locks or the program quits.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已复制</source>
        <translation>Copied</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>请至少勾选一个项目。</source>
        <translation>Please tick at least one item.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>客户信息复制件-{day}.pdf</source>
        <translation>customer-copy-{day}.pdf</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>客户信息复制件({serial})</source>
        <translation>Copy of customer information ({serial})</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>客户信息复制件-{day}.xlsx</source>
        <translation>customer-copy-{day}.xlsx</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>已导出 {count} 户客户的信息到:
{path}

文件带有申请编号、经办人和时间的水印;请只保存在本单位的电脑或专用存储设备上,用毕及时删除,不得外传。</source>
        <translation>Information on {count} customers exported to:
{path}

The file carries a watermark with the request number, the person who made it and the time. Keep it only on the branch&apos;s computers or dedicated storage, delete it when done, and never pass it on.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>导出完成</source>
        <translation>Export complete</translation>
    </message>
</context>
<context>
    <name>copy_guard</name>
    <message>
        <location filename="../../app/views/copy_guard.py" line="+47"/>
        <source>复制客户信息须经批准(制度第17条第1款):请使用页面上的“复制/摘录…”按钮;没有许可时,请先提出复制摘录申请。</source>
        <extracomment>the property that marks a widget (and everything inside it) as showing customer content how long a permitted copy stays on the clipboard</extracomment>
        <translation>Copying customer information needs approval (Article 17.1): use the &quot;Copy/excerpt…&quot; button on the page; without a permit, submit a copy request first.</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../app/views/labels.py" line="+26"/>
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
        <location line="+187"/>
        <source>检查人员</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <location line="-186"/>
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
        <location line="+102"/>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location line="-101"/>
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
        <location line="+132"/>
        <source>纸质</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location line="-131"/>
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
        <source>备份档案</source>
        <translation>Archive backed up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>从备份恢复</source>
        <translation>Restored from backup</translation>
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
        <location line="+7"/>
        <source>批量导入客户档案</source>
        <translation>Customer archives imported in bulk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出本人客户档案</source>
        <translation>Own customer archives exported</translation>
    </message>
    <message>
        <location line="-7"/>
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
        <location line="+3"/>
        <source>查看档案修改记录</source>
        <translation>Archive change history viewed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提交申请</source>
        <translation>Request submitted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审批同意</source>
        <translation>Request approved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审批同意(终审)</source>
        <translation>Request approved (final)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审批驳回</source>
        <translation>Request rejected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撤回申请</source>
        <translation>Request withdrawn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按最新档案刷新申请</source>
        <translation>Request refreshed from current archive</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>执行并备案</source>
        <translation>Carried out and filed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>授权到期</source>
        <translation>Grant expired</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提前结束授权</source>
        <translation>Grant ended early</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查看申请</source>
        <translation>Request viewed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查看申请附件</source>
        <translation>Request attachment viewed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>销毁客户档案</source>
        <translation>Customer archive destroyed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清理数据库空闲页</source>
        <translation>Database free pages cleared</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>删除迁移前副本</source>
        <translation>Pre-migration copy deleted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印销毁清册</source>
        <translation>Destruction register printed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>报告泄露事件</source>
        <translation>Disclosure incident reported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查看泄露事件</source>
        <translation>Disclosure incident viewed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>记录泄露事件处理</source>
        <translation>Incident handling recorded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>泄露事件结案</source>
        <translation>Disclosure incident closed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记收发传递</source>
        <translation>Transfer registered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记收发传递归还</source>
        <translation>Transfer return registered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>生成对外提供文件</source>
        <translation>External disclosure file generated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>输出对外提供文件</source>
        <translation>External disclosure file output</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记借出档案载体</source>
        <translation>Archive medium checked out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记归还档案载体</source>
        <translation>Archive medium checked in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印档案标签</source>
        <translation>Archive labels printed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>帐实核对</source>
        <translation>Reconciliation recorded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印帐实核对报告</source>
        <translation>Reconciliation report printed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印查阅申请表</source>
        <translation>Consultation request form printed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印空白查阅申请表</source>
        <translation>Blank consultation request form printed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>开始年度检查</source>
        <translation>Annual inspection started</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刷新年度检查结果</source>
        <translation>Annual inspection findings refreshed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>填写年度检查清单</source>
        <translation>Annual inspection checklist filled in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提交年度检查记录</source>
        <translation>Annual inspection record submitted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印年度检查报告</source>
        <translation>Annual inspection report printed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>标定密级</source>
        <translation>Classification raised</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>降低密级</source>
        <translation>Classification downgraded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查看保密库概况</source>
        <translation>Vault overview viewed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>复制、导出或打印客户信息</source>
        <translation>Copy, export or print customer information</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印或另存复制件</source>
        <translation>Print or save a copy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>复制客户信息被拒绝</source>
        <translation>Copy of customer information refused</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查看统计</source>
        <translation>View statistics</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印统计报表</source>
        <translation>Print statistics report</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出统计表</source>
        <translation>Export statistics</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>档案修改申请</source>
        <extracomment>the approval engine&apos;s words (app.workflows.approvals and the procedures): request kinds, states, steps, what remains, decisions, attachment types, empty values</extracomment>
        <translation>Archive amendment request</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查阅申请</source>
        <translation>Consultation request</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>对外提供申请</source>
        <translation>External disclosure request</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>销毁申请</source>
        <translation>Destruction request</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>信息更新申请</source>
        <translation>Information update request</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>降低密级申请</source>
        <translation>Classification downgrade request</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年度检查记录</source>
        <translation>Annual inspection record</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>复制摘录申请</source>
        <translation>Copy request</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>审批中</source>
        <translation>Under approval</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已批准</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已驳回</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已执行</source>
        <translation>Carried out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已结束</source>
        <translation>Ended</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>主任审批</source>
        <translation>Director&apos;s approval</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客户经理审核</source>
        <translation>Account manager&apos;s review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>单位负责人签批</source>
        <translation>Unit head&apos;s sign-off</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客户经理审批</source>
        <translation>Account manager&apos;s approval</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>管户客户经理受理</source>
        <translation>Acceptance by responsible account manager</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>主任签署</source>
        <translation>Director&apos;s signature</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>主任或管户客户经理审批</source>
        <translation>Approval by the director or the responsible account manager</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待提交</source>
        <translation>To be submitted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待执行</source>
        <translation>To be carried out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>同意</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不同意</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JPEG 图片</source>
        <translation>JPEG image</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG 图片</source>
        <translation>PNG image</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(空)</source>
        <translation>(empty)</translation>
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
        <location line="+8"/>
        <source>阅览</source>
        <extracomment>the registers&apos; words: consultation modes (app.workflows.consultation), delivery forms (app.workflows.external_provision), transfer kinds (app.models.outflow) and states (app.workflows.transfers), incident states (app.models.incident), return conditions (app.models.safekeeping)</extracomment>
        <translation>View</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>摘抄</source>
        <translation>Extract</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>电子文件</source>
        <translation>Electronic file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当面查阅</source>
        <translation>Inspection in person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发出</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>收到</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>传递</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外出携带</source>
        <translation>Removal from premises</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未归还</source>
        <translation>Not returned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>逾期未归还</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已归还</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无须归还</source>
        <translation>No return needed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处理中</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已结案</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完好</source>
        <translation>Intact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>破损</source>
        <translation>Damaged</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺页缺件</source>
        <translation>Pages or items missing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>需关注</source>
        <extracomment>the annual inspection&apos;s words (app.workflows.inspection): severities (正常 through severity_text), checklist results, the record&apos;s states, the inspector&apos;s signature, the findings&apos; titles and the checklist</extracomment>
        <translation>Attention</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>符合</source>
        <translation>Compliant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不符合</source>
        <translation>Non-compliant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未检查</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>检查中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待主任签署</source>
        <translation>Awaiting Director&apos;s signature</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已签署</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在册档案填写不完整</source>
        <translation>Incomplete filed archives</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按旧版分类模板填写的在册档案</source>
        <translation>Filed archives on an old classification template</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保管期限已满尚未销毁的档案</source>
        <translation>Archives past their retention period, not yet destroyed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>逾期未归还的档案载体</source>
        <translation>Overdue archive media</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>逾期未归还的收发传递</source>
        <translation>Overdue transfers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已过期仍标为已批准的查阅授权</source>
        <translation>Expired consultation grants still marked approved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>超过30天未办结的申请</source>
        <translation>Requests open for more than 30 days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无效的电子签名</source>
        <translation>Invalid electronic signatures</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审计日志链校验</source>
        <translation>Audit chain check</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在岗保密专管员</source>
        <translation>Custodians in post</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>90天以上未使用的账户</source>
        <translation>Accounts unused for 90 days or more</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>最近一次帐实核对</source>
        <translation>Latest reconciliation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未结案的泄露事件</source>
        <translation>Open disclosure incidents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客户信息载体(纸张、磁盘)质量良好、耐久,便于长期保管,无破损、霉变、受潮</source>
        <translation>Customer information media (paper, disks) are of good, durable quality, suitable for long-term keeping, with no damage, mould or damp</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>书写使用碳素墨水、蓝黑墨水等耐久不褪色材料,未使用圆珠笔、铅笔</source>
        <translation>Records are written in durable, fade-resistant materials such as carbon or blue-black ink, not ballpoint pen or pencil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>档案存放场所和柜架防火、防潮、防盗,柜门上锁,钥匙专人保管</source>
        <translation>Storage rooms and cabinets are protected against fire, damp and theft; cabinet doors are locked and the keys kept by a designated person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>抽查的客户档案纸质材料齐全,与系统登记的载体和存放位置一致</source>
        <translation>Sampled customer archives have complete paper materials, matching the media and storage locations registered in the system</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“机密”“绝密”档案单独存放、专人管理,检索备注栏已标明密级</source>
        <translation>&quot;Secret&quot; and &quot;Top secret&quot; archives are stored separately under a designated person, with the classification marked in the search notes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>纸质查阅申请表填写完整,客户经理审核、单位负责人签字齐全</source>
        <translation>Paper consultation request forms are complete, with the Account manager&apos;s review and the Unit head&apos;s signature</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>复制、摘抄经批准;收发、传递和外出携带有指定人员负责并采取安全措施</source>
        <translation>Copies and extracts are approved; receipt, dispatch, transfer and removal from the premises are handled by a designated person with security measures</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>失去保存价值的信息按规定审批销毁,未当作废纸出售</source>
        <translation>Information no longer worth keeping is destroyed with approval as required, not sold as waste paper</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作人员知悉并遵守保密制度和“三不准”(抽问不少于两人)</source>
        <translation>Staff know and follow the confidentiality rules and the &quot;three prohibitions&quot; (at least two people asked)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作人员知道发现泄露时立即补救并报告客户服务管理部主管</source>
        <translation>Staff know to take remedial action at once on discovering a disclosure and to report it to the Head of customer service management</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>正常</source>
        <comment>a finding&apos;s severity</comment>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>、</source>
        <comment>between role titles</comment>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../app/__main__.py" line="+153"/>
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
