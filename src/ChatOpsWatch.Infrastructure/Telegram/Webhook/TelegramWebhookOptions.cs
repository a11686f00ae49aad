namespace ChatOpsWatch.Infrastructure.Telegram.Webhook;

/// <summary>
/// Webhook mode: Telegram POSTs each update to <see cref="PublicUrl"/> (https, given to setWebhook), which a
/// reverse proxy forwards to <see cref="ListenPrefix"/> (a local http prefix ending in '/', e.g.
/// http://127.0.0.1:8443/tg/). Every POST must carry <see cref="SecretToken"/> in the
/// X-Telegram-Bot-Api-Secret-Token header. The secret never appears in <see cref="ToString"/>.
/// </summary>
public sealed record TelegramWebhookOptions(Uri PublicUrl, string ListenPrefix, string SecretToken)
{
    /// <summary>Telegram's own limit on secret_token: 1-256 characters of A-Z, a-z, 0-9, '_' and '-'.</summary>
    public const int MaxSecretLength = 256;

    /// <summary>Ours: a short secret can be guessed by anyone who finds the URL.</summary>
    public const int MinSecretLength = 16;

    /// <summary>An update is a few KB; anything much larger is not from Telegram.</summary>
    public int MaxBodyBytes { get; init; } = 1 << 20;

    /// <summary>
    /// A handler failure answers 500 so that Telegram delivers the update again; after this many failed
    /// attempts the update is accepted (and logged as skipped) so that one bad update cannot hold up the rest.
    /// </summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Whether <paramref name="secret"/> is a secret_token Telegram accepts and long enough to be safe; null if so, else why not.</summary>
    public static string? SecretProblem(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length is < MinSecretLength or > MaxSecretLength)
        {
            return $"the webhook secret must be {MinSecretLength}-{MaxSecretLength} characters long (got {secret.Length}); make one with: openssl rand -hex 32";
        }

        return secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            ? null
            : "the webhook secret may contain only A-Z, a-z, 0-9, '_' and '-' (Telegram's rule for secret_token)";
    }

    public override string ToString() => $"TelegramWebhookOptions {{ PublicUrl = {PublicUrl}, ListenPrefix = {ListenPrefix}, SecretToken = *** }}";
}
