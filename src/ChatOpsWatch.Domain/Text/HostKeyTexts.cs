namespace ChatOpsWatch.Domain.Text;

/// <summary>SSH host-key announcements sent to the ops chat (the mismatch alert itself is an alert text), and other notices about a node's SSH login.</summary>
internal static class HostKeyTexts
{
    public static readonly IReadOnlyDictionary<string, TextEntry> Entries = new Dictionary<string, TextEntry>(StringComparer.Ordinal)
    {
        ["hostkey.first_use"] = new(
            "🔑 Pinned the SSH host key of <b>{0}</b> ({1}:{2}) on first contact:\n<code>{3} {4}</code>\n"
            + "Compare it with the server's own (<code>ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</code>). Any other key will be refused.",
            "🔑 首次连接时已固定 <b>{0}</b>（{1}:{2}）的 SSH 主机密钥：\n<code>{3} {4}</code>\n"
            + "请与服务器本机的密钥核对（<code>ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</code>）。之后出现任何其他密钥都会被拒绝。"),
        ["probe.noise"] = new(
            "ℹ️ <b>{0}</b> prints {1} characters ({2} lines) before the probe output, such as a login banner or an <code>echo</code> in <code>.bashrc</code>. "
            + "Polls read past it; first line: <code>{3}</code>",
            "ℹ️ <b>{0}</b> 在探测输出之前打印了 {1} 个字符（{2} 行），例如登录横幅或 <code>.bashrc</code> 中的 <code>echo</code>。"
            + "轮询会跳过这些内容；第一行：<code>{3}</code>"),
    };
}
