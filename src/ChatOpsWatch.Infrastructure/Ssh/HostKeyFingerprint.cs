using System.Security.Cryptography;

namespace ChatOpsWatch.Infrastructure.Ssh;

/// <summary>OpenSSH's SHA-256 fingerprint format: "SHA256:" + unpadded base64 of the key blob's hash.</summary>
public static class HostKeyFingerprint
{
    public static string FromBlob(ReadOnlySpan<byte> blob) => Format(Convert.ToBase64String(SHA256.HashData(blob)));

    /// <summary>Adds the prefix to SSH.NET's FingerPrintSHA256, which has none.</summary>
    public static string Format(string unpaddedOrPaddedBase64) => "SHA256:" + unpaddedOrPaddedBase64.TrimEnd('=');
}
