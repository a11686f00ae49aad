using System.Security.Cryptography;
using System.Text;

namespace ChatOpsWatch.Infrastructure.Probe;

/// <summary>
/// The token that frames a node's probe output (<c>cowprobe 2 NONCE</c> … <c>end NONCE</c>), so the parser finds the
/// output wherever it starts, after a login banner or an rc file's echo, and text that merely looks like a probe
/// header is not taken for one. It is derived from the node's name and a secret drawn when the monitor starts, so
/// the command a node sees stays the same between polls (one exec string per session) yet differs per node and run.
/// </summary>
public static class ProbeNonce
{
    private static readonly byte[] Secret = RandomNumberGenerator.GetBytes(32);

    public static string For(string node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Secret, Encoding.UTF8.GetBytes(node)).AsSpan(0, 8));
    }

    public static bool IsValid(string nonce) => nonce.Length is > 0 and <= 64 && nonce.All(char.IsAsciiLetterOrDigit);
}
