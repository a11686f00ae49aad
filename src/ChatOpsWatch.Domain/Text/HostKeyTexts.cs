namespace ChatOpsWatch.Domain.Text;

/// <summary>SSH host-key announcements sent to the ops chat (the mismatch alert itself is an alert text).</summary>
internal static class HostKeyTexts
{
    public static readonly IReadOnlyDictionary<string, TextEntry> Entries = new Dictionary<string, TextEntry>(StringComparer.Ordinal)
    {
        ["hostkey.first_use"] = new(
            "🔑 Pinned the SSH host key of <b>{0}</b> ({1}:{2}) on first contact:\n<code>{3} {4}</code>\n"
            + "Compare it with the server's own (<code>ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</code>). Any other key will be refused.",
            "🔑 首次连接时已固定 <b>{0}</b>（{1}:{2}）的 SSH 主机密钥：\n<code>{3} {4}</code>\n"
            + "请与服务器本机的密钥核对（<code>ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</code>）。之后出现任何其他密钥都会被拒绝。"),
    };
}
