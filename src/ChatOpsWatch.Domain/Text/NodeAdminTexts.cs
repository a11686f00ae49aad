namespace ChatOpsWatch.Domain.Text;

/// <summary>/addnode and /removenode: validation reasons, the host-key prompt, buttons and outcomes.</summary>
internal static class NodeAdminTexts
{
    public static readonly IReadOnlyDictionary<string, TextEntry> Entries = new Dictionary<string, TextEntry>(StringComparer.Ordinal)
    {
        ["nodeadmin.add.refused"] = new(
            "❌ Node not added: {0}\nNothing changed and no connection was made.",
            "❌ 未添加节点：{0}\n没有任何改动，也没有建立连接。"),
        ["nodeadmin.invalid.usage"] = new(
            "usage: <code>/addnode &lt;name&gt; &lt;user@host[:port]&gt; [provider=… region=… role=core|edge key=…]</code>",
            "用法：<code>/addnode &lt;名称&gt; &lt;用户@主机[:端口]&gt; [provider=… region=… role=core|edge key=…]</code>"),
        ["nodeadmin.invalid.too_many"] = new("too many words ({0}): give a name, user@host[:port] and at most four tags", "参数太多（{0} 个）：只需名称、用户@主机[:端口]和最多四个标签"),
        ["nodeadmin.invalid.name"] = new(
            "<code>{0}</code> is not a node name: 1-48 letters, digits, '-', '_' or '.', starting with a letter or digit",
            "<code>{0}</code> 不是合法的节点名：1-48 个字母、数字、'-'、'_' 或 '.'，以字母或数字开头"),
        ["nodeadmin.invalid.target"] = new("<code>{0}</code> is not user@host[:port]", "<code>{0}</code> 不是 用户@主机[:端口] 的形式"),
        ["nodeadmin.invalid.user"] = new(
            "<code>{0}</code> is not a user name: 1-32 letters, digits, '_', '.' or '-', not starting with '-' or a digit",
            "<code>{0}</code> 不是合法的用户名：1-32 个字母、数字、'_'、'.' 或 '-'，不能以 '-' 或数字开头"),
        ["nodeadmin.invalid.host"] = new(
            "<code>{0}</code> is not a host: give a DNS name or an IP address",
            "<code>{0}</code> 不是合法的主机：请填写域名或 IP 地址"),
        ["nodeadmin.invalid.port"] = new("<code>{0}</code> is not a port: a number from 1 to 65535", "<code>{0}</code> 不是合法的端口：应为 1 到 65535 之间的数字"),
        ["nodeadmin.invalid.tag"] = new(
            "<code>{0}</code> is not a tag: use provider=, region=, role= or key=",
            "<code>{0}</code> 不是合法的标签：可用 provider=、region=、role= 或 key="),
        ["nodeadmin.invalid.tag_value"] = new(
            "<code>{0}</code>: a tag value is 1-40 letters, digits, '-', '_' or '.'",
            "<code>{0}</code>：标签值应为 1-40 个字母、数字、'-'、'_' 或 '.'"),
        ["nodeadmin.invalid.tag_twice"] = new("the tag <code>{0}</code> is given twice", "标签 <code>{0}</code> 出现了两次"),
        ["nodeadmin.invalid.role"] = new("<code>{0}</code> is not a role: use core or edge", "<code>{0}</code> 不是合法的角色：请用 core 或 edge"),
        ["nodeadmin.duplicate.config"] = new(
            "a node named <b>{0}</b> is in the configuration file",
            "配置文件中已有名为 <b>{0}</b> 的节点"),
        ["nodeadmin.duplicate.chat"] = new("a node named <b>{0}</b> is already monitored", "名为 <b>{0}</b> 的节点已在监控中"),
        ["nodeadmin.duplicate.pending"] = new(
            "an /addnode of <b>{0}</b> is already waiting for confirmation",
            "<b>{0}</b> 的 /addnode 已在等待确认"),
        ["nodeadmin.unknown_key"] = new(
            "no SSH key named <code>{0}</code> is configured (ChatOpsWatch:Ssh:Keys:{0}); keys are named in chat, never pasted",
            "配置中没有名为 <code>{0}</code> 的 SSH 密钥（ChatOpsWatch:Ssh:Keys:{0}）；聊天中只能引用密钥名称，切勿粘贴密钥"),
        ["nodeadmin.scan.failed"] = new(
            "❌ Could not read the host key of <b>{0}</b> ({1}): {2}\nNothing changed.",
            "❌ 无法读取 <b>{0}</b>（{1}）的主机密钥：{2}\n没有任何改动。"),
        ["nodeadmin.add.prompt"] = new(
            "🔑 <b>{0}</b> ({1}) presents this SSH host key:\n<code>{2} {3}</code>\nCompare it with the server's own (<code>ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub</code>). Tags: {4}; login key: <code>{5}</code>.\nNothing has logged in yet. Trust this key within {6} minutes?",
            "🔑 <b>{0}</b>（{1}）提供的 SSH 主机密钥：\n<code>{2} {3}</code>\n请与服务器上的指纹核对（<code>ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub</code>）。标签：{4}；登录密钥：<code>{5}</code>。\n尚未进行任何登录。请在 {6} 分钟内确认是否信任此密钥。"),
        ["nodeadmin.button.trust"] = new("✅ Trust", "✅ 信任"),
        ["nodeadmin.button.reject"] = new("✖️ Reject", "✖️ 拒绝"),
        ["nodeadmin.button.remove"] = new("🗑 Remove", "🗑 移除"),
        ["nodeadmin.button.cancel"] = new("Cancel", "取消"),
        ["nodeadmin.added"] = new(
            "✅ <b>{0}</b> ({1}) added by {2}. Host key <code>{3} {4}</code> pinned; polled every {5} s.",
            "✅ {2} 已添加 <b>{0}</b>（{1}）。主机密钥 <code>{3} {4}</code> 已固定；每 {5} 秒轮询一次。"),
        ["nodeadmin.add.rejected"] = new(
            "✖️ {1} rejected the host key of <b>{0}</b>. Nothing changed.",
            "✖️ {1} 拒绝了 <b>{0}</b> 的主机密钥。没有任何改动。"),
        ["nodeadmin.expired"] = new(
            "⌛ This confirmation expired; nothing changed. Send the command again.",
            "⌛ 此确认已过期，没有任何改动。请重新发送命令。"),
        ["nodeadmin.toast.expired"] = new("Expired: nothing changed.", "已过期：没有任何改动。"),
        ["nodeadmin.toast.done"] = new("Done.", "已完成。"),
        ["nodeadmin.toast.other_chat"] = new("This confirmation belongs to another chat.", "此确认属于另一个聊天。"),
        ["nodeadmin.remove.usage"] = new("Usage: <code>/removenode &lt;name&gt;</code>", "用法：<code>/removenode &lt;名称&gt;</code>"),
        ["nodeadmin.remove.config"] = new(
            "<b>{0}</b> comes from the configuration file and cannot be removed from chat: edit the configuration instead.",
            "<b>{0}</b> 来自配置文件，无法在聊天中移除：请修改配置文件。"),
        ["nodeadmin.remove.unknown"] = new(
            "No node added from chat is named <b>{0}</b>. /status lists the nodes.",
            "没有名为 <b>{0}</b> 的聊天添加节点。/status 可列出所有节点。"),
        ["nodeadmin.remove.prompt"] = new(
            "🗑 Stop monitoring <b>{0}</b> ({1})? Its history is kept. Confirm within {2} minutes.",
            "🗑 停止监控 <b>{0}</b>（{1}）？其历史记录会保留。请在 {2} 分钟内确认。"),
        ["nodeadmin.removed"] = new(
            "🗑 <b>{0}</b> removed by {1}: no longer polled; its history is kept.",
            "🗑 {1} 已移除 <b>{0}</b>：不再轮询，历史记录保留。"),
        ["nodeadmin.remove.cancelled"] = new(
            "<b>{0}</b> stays monitored ({1} cancelled).",
            "<b>{0}</b> 继续监控（{1} 已取消）。"),
        ["nodeadmin.store_failed"] = new(
            "⚠️ The monitor could not write its store; nothing changed. The cause is in the monitor's log.",
            "⚠️ 监控程序无法写入存储，没有任何改动。原因见监控日志。"),
        ["nodeadmin.prompt_failed"] = new(
            "⚠️ Could not show the confirmation buttons; nothing changed. Try again.",
            "⚠️ 无法显示确认按钮，没有任何改动。请重试。"),
    };
}
