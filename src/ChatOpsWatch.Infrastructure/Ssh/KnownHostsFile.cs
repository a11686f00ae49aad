using System.Security.Cryptography;
using System.Text;

namespace ChatOpsWatch.Infrastructure.Ssh;

/// <summary>One key line of an OpenSSH known_hosts file.</summary>
public sealed record KnownHostEntry(string HostField, string Algorithm, string Fingerprint, int Line)
{
    /// <summary>True when this line names host:port, in plain ("host", "[host]:port") or hashed ("|1|salt|hash") form.</summary>
    public bool Matches(string host, int port)
    {
        var name = port == 22 ? host : $"[{host}]:{port}";
        foreach (var pattern in HostField.Split(','))
        {
            if (pattern.StartsWith("|1|", StringComparison.Ordinal) ? HashedMatches(pattern, name) : string.Equals(pattern, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HashedMatches(string pattern, string name)
    {
        var parts = pattern.Split('|');
        if (parts.Length != 4)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            // OpenSSH's hashed host format is defined as HMAC-SHA1; we only compare, never rely on it for secrecy.
#pragma warning disable CA5350
            return CryptographicOperations.FixedTimeEquals(HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(name)), expected);
#pragma warning restore CA5350
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>Reads OpenSSH known_hosts files so existing trust can be imported instead of re-learned.</summary>
public static class KnownHostsFile
{
    public static IReadOnlyList<KnownHostEntry> Parse(string text, List<string> problems)
    {
        var entries = new List<KnownHostEntry>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('@'))
            {
                problems.Add($"line {i + 1}: markers such as {line.Split(' ')[0]} are not supported; line skipped");
                continue;
            }

            var fields = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 3)
            {
                problems.Add($"line {i + 1}: expected 'hosts algorithm base64-key', found {fields.Length} fields");
                continue;
            }

            try
            {
                var blob = Convert.FromBase64String(fields[2]);
                entries.Add(new KnownHostEntry(fields[0], fields[1], HostKeyFingerprint.FromBlob(blob), i + 1));
            }
            catch (FormatException)
            {
                problems.Add($"line {i + 1}: the key is not valid base64");
            }
        }

        return entries;
    }
}
