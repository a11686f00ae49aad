using System.Security.Cryptography;
using System.Text;

namespace ChatOpsWatch.Infrastructure.Telegram.Webhook;

/// <summary>
/// Compares the X-Telegram-Bot-Api-Secret-Token header with the configured secret in constant time: both are
/// hashed first, so neither the content nor the length of the secret leaks through the comparison's timing.
/// </summary>
public sealed class WebhookSecret
{
    public const string Header = "X-Telegram-Bot-Api-Secret-Token";

    private readonly byte[] expectedHash;

    public WebhookSecret(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        expectedHash = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
    }

    /// <summary>False for a missing (null) or empty header as for a wrong one.</summary>
    public bool Matches(string? given)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(given ?? string.Empty));
        return CryptographicOperations.FixedTimeEquals(hash, expectedHash) && !string.IsNullOrEmpty(given);
    }
}
