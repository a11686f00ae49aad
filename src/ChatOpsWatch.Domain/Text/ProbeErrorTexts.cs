namespace ChatOpsWatch.Domain.Text;

/// <summary>
/// Why a node's answer was not taken: probe output the parser could not read, and SSH algorithms the node offers that we
/// refuse. Quoted in the node-health incidents. The templates hold no tags: the whole text is escaped where it is sent,
/// since the English one is also the log line. Node text is quoted ('…'); algorithm names and setting keys are data.
/// </summary>
internal static class ProbeErrorTexts
{
    public static readonly IReadOnlyDictionary<string, TextEntry> Entries = new Dictionary<string, TextEntry>(StringComparer.Ordinal)
    {
        ["probe.error.empty"] = new("not a cowprobe output: the output was empty", "不是探针输出：输出为空"),
        ["probe.error.header"] = new("not a cowprobe output: first line was '{0}'", "不是探针输出：第一行是 '{0}'"),
        ["probe.error.version"] = new(
            "unsupported probe format version {0} (this parser reads versions {1} to {2})",
            "不支持的探针格式版本 {0}（本程序可读取版本 {1} 至 {2}）"),
        ["probe.error.truncated"] = new("truncated: no '{0}' line (output stops at line {1}: '{2}')", "输出不完整：没有 '{0}' 行（输出止于第 {1} 行：'{2}'）"),
        ["probe.error.trailing"] = new("line {0}: unexpected text after the '{1}' line: '{2}'", "第 {0} 行：'{1}' 行之后有多余的文本：'{2}'"),
        ["probe.error.blank"] = new("line {0}: only whitespace, no section name", "第 {0} 行：只有空白，没有段名"),

        // {1}: in English the parser's own detail (what the log has always said), in Chinese the line itself, quoted.
        ["probe.error.line"] = new("line {0}: {1}", "第 {0} 行有误：{1}"),

        ["ssh.refusal.legacy"] = new(
            "node offers only {0} for {1}; set Nodes:N:AllowLegacyAlgorithms: true for this node to accept",
            "节点的{1}算法只提供 {0}；如需接受，请为该节点设置 Nodes:N:AllowLegacyAlgorithms: true"),
        ["ssh.refusal.unsupported"] = new(
            "node offers only {0} for {1}, which ChatOpsWatch does not support; upgrade the node's sshd",
            "节点的{1}算法只提供 {0}，均不受支持；请升级该节点的 SSH 服务端"),
        ["ssh.refusal.nothing"] = new("nothing", "（无）"),
        ["ssh.algo.kex"] = new("key exchange", "密钥交换"),
        ["ssh.algo.hostkey"] = new("host key", "主机密钥"),
        ["ssh.algo.cipher.client"] = new("client encryption", "客户端加密"),
        ["ssh.algo.cipher.server"] = new("server encryption", "服务端加密"),
        ["ssh.algo.mac.client"] = new("client MAC", "客户端消息认证"),
        ["ssh.algo.mac.server"] = new("server MAC", "服务端消息认证"),
        ["ssh.algo.compression.client"] = new("client compression", "客户端压缩"),
        ["ssh.algo.compression.server"] = new("server compression", "服务端压缩"),
        ["ssh.algo.other"] = new("other", "其他"),
    };
}
