using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Alerts;

/// <summary>
/// The detail line of the "sshcrypto" incident, in both languages: which algorithms the node offers (data, shown as they
/// are) for which part of the negotiation, and what would fix it. Never SSH.NET's own English sentence.
/// </summary>
public static class SshRefusalText
{
    // SSH.NET 2026.0.0 names the part in "No matching {part} algorithm (server offers ...)".
    private static readonly IReadOnlyDictionary<string, string> Parts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["key exchange"] = "ssh.algo.kex",
        ["host key"] = "ssh.algo.hostkey",
        ["client encryption"] = "ssh.algo.cipher.client",
        ["server encryption"] = "ssh.algo.cipher.server",
        ["client MAC"] = "ssh.algo.mac.client",
        ["server MAC"] = "ssh.algo.mac.server",
        ["client compression"] = "ssh.algo.compression.client",
        ["server compression"] = "ssh.algo.compression.server",
    };

    /// <param name="offered">What the node offers for <paramref name="part"/>, already sanitised (it is node text).</param>
    /// <param name="part">SSH.NET's name of the negotiation step; shown as it is in English, translated where known.</param>
    /// <param name="legacyWouldHelp">True when AllowLegacyAlgorithms would make the node acceptable.</param>
    public static TextEntry Describe(IReadOnlyList<string> offered, string part, bool legacyWouldHelp)
    {
        ArgumentNullException.ThrowIfNull(offered);
        ArgumentNullException.ThrowIfNull(part);
        return TextEntry.Render(texts =>
        {
            var list = NodeText.Sanitize(offered.Count == 0 ? texts["ssh.refusal.nothing"] : string.Join(", ", offered), 300);
            var what = texts.Language == Language.En ? part : texts[Parts.GetValueOrDefault(part, "ssh.algo.other")];
            return texts.Format(legacyWouldHelp ? "ssh.refusal.legacy" : "ssh.refusal.unsupported", list, what);
        });
    }
}
