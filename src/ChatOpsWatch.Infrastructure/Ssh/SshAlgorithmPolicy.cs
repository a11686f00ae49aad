using System.Text.RegularExpressions;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Infrastructure.Ssh;

/// <summary>
/// Which SSH algorithms we refuse unless a node sets <c>AllowLegacyAlgorithms</c>, following OpenSSH's client defaults:
/// SHA-1 key exchange (group1, group14-sha1, group-exchange-sha1), SHA-1 <c>ssh-rsa</c> signatures, CBC ciphers, and
/// (stricter than OpenSSH, which still offers it last) HMAC-SHA1. These lists hold what SSH.NET 2026.0.0 offers, so
/// allowing them helps; it has no ssh-dss, hmac-md5, arcfour or blowfish at all, and a node offering only those is
/// refused whatever its setting. <see cref="Refusal"/> reads SSH.NET's "No matching ... algorithm (server offers ...)" error.
/// </summary>
public static partial class SshAlgorithmPolicy
{
    public static readonly IReadOnlySet<string> LegacyKex = new HashSet<string>(StringComparer.Ordinal)
    {
        "diffie-hellman-group1-sha1", "diffie-hellman-group14-sha1", "diffie-hellman-group-exchange-sha1",
    };

    public static readonly IReadOnlySet<string> LegacyHostKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "ssh-rsa", "ssh-rsa-cert-v01@openssh.com",
    };

    public static readonly IReadOnlySet<string> LegacyCiphers = new HashSet<string>(StringComparer.Ordinal)
    {
        "aes128-cbc", "aes192-cbc", "aes256-cbc", "3des-cbc",
    };

    public static readonly IReadOnlySet<string> LegacyMacs = new HashSet<string>(StringComparer.Ordinal)
    {
        "hmac-sha1", "hmac-sha1-etm@openssh.com",
    };

    /// <summary>True for every algorithm of <see cref="LegacyKex"/>, <see cref="LegacyHostKeys"/>, <see cref="LegacyCiphers"/> and <see cref="LegacyMacs"/>.</summary>
    public static bool IsLegacy(string algorithm) =>
        LegacyKex.Contains(algorithm) || LegacyHostKeys.Contains(algorithm) || LegacyCiphers.Contains(algorithm) || LegacyMacs.Contains(algorithm);

    /// <summary>
    /// The per-node error for a failed negotiation, in both languages, or null when <paramref name="error"/> is not one.
    /// The server answered, so this is never "unreachable". Names what the node offers (sanitised: it is node text), and
    /// says whether AllowLegacyAlgorithms would help (it does not for algorithms SSH.NET never supports, such as ssh-dss).
    /// </summary>
    public static TextEntry? Refusal(string error, bool legacyAllowed)
    {
        var match = NoMatch().Match(error);
        if (!match.Success)
        {
            return null;
        }

        // ext-info-s and kex-strict-s-v00@openssh.com are flags in the key-exchange list (RFC 8308, the Terrapin fix), not algorithms.
        var offered = match.Groups["offers"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(a => !a.StartsWith("ext-info-", StringComparison.Ordinal) && !a.StartsWith("kex-strict-", StringComparison.Ordinal))
            .ToArray();
        return SshRefusalText.Describe(offered, match.Groups["what"].Value, legacyWouldHelp: !legacyAllowed && offered.Any(IsLegacy));
    }

    [GeneratedRegex(@"No matching (?<what>.+?) algorithm \(server offers (?<offers>[^)]*)\)", RegexOptions.CultureInvariant)]
    private static partial Regex NoMatch();
}
