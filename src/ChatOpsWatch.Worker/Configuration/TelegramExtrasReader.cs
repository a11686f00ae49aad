using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Telegram.Webhook;
using Microsoft.Extensions.Configuration;

namespace ChatOpsWatch.Worker.Configuration;

/// <summary>Telegram:Language: the language of every chat text. Read with or without a bot token (the console shows the same texts).</summary>
internal static class LanguageReader
{
    public static Language Read(ConfigReader read, IConfigurationSection tg)
    {
        var code = read.String(tg, "Language");
        if (code is null)
        {
            return Language.En;
        }

        if (!LanguageCodes.TryParse(code, out var language))
        {
            read.Problem(tg, "Language", $"'{code}' is not a supported language: use \"en\" (English) or \"zh-CN\" (Simplified Chinese)");
        }

        return language;
    }
}

/// <summary>
/// Telegram:Webhook: Url (public https URL for setWebhook) and Listen (local http prefix) together turn webhook
/// mode on; neither means polling. The secret comes from CHATOPSWATCH_WEBHOOK_SECRET (or the variable named by
/// SecretEnv) or the file named by SecretFile, never from the JSON.
/// </summary>
internal static class WebhookReader
{
    public const string DefaultSecretEnv = "CHATOPSWATCH_WEBHOOK_SECRET";

    /// <summary>The ports Telegram posts webhooks to.</summary>
    private static readonly int[] TelegramPorts = [443, 80, 88, 8443];

    public static TelegramWebhookOptions? Read(ConfigReader read, IConfigurationSection tg, Func<string, string?> env)
    {
        var hook = tg.GetSection("Webhook");
        if (hook["Secret"] is { Length: > 0 } || hook["SecretToken"] is { Length: > 0 })
        {
            read.Problem(hook, hook["Secret"] is { Length: > 0 } ? "Secret" : "SecretToken",
                $"secrets are not read from configuration files; put the webhook secret in the environment variable {DefaultSecretEnv} or in a file named by SecretFile");
        }

        var url = read.String(hook, "Url");
        var listen = read.String(hook, "Listen");
        if (url is null && listen is null)
        {
            return null;
        }

        var publicUrl = PublicUrl(read, hook, url);
        var prefix = ListenPrefix(read, hook, listen);
        var secretEnv = read.String(hook, "SecretEnv", DefaultSecretEnv)!;
        var secretFile = read.String(hook, "SecretFile");
        var secret = SecretReader.Read(read, hook, "SecretFile", secretFile, secretEnv, env, required: true);
        if (secret is not null && TelegramWebhookOptions.SecretProblem(secret) is { } problem)
        {
            read.Problem(hook, secretFile is null ? "SecretEnv" : "SecretFile", problem);
            return null;
        }

        return publicUrl is null || prefix is null || secret is null ? null : new TelegramWebhookOptions(publicUrl, prefix, secret);
    }

    private static Uri? PublicUrl(ConfigReader read, IConfigurationSection hook, string? url)
    {
        if (url is null)
        {
            read.Problem(hook, "Url", "is required with Listen: the public https URL Telegram posts updates to (e.g. https://bot.example.com:8443/tg/)");
            return null;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            read.Problem(hook, "Url", $"'{url}' is not an https URL (Telegram posts webhooks over https only)");
            return null;
        }

        if (!TelegramPorts.Contains(uri.Port))
        {
            read.Problem(hook, "Url", $"Telegram posts webhooks only to ports 443, 80, 88 and 8443, not {uri.Port}");
            return null;
        }

        return uri;
    }

    private static string? ListenPrefix(ConfigReader read, IConfigurationSection hook, string? listen)
    {
        if (listen is null)
        {
            read.Problem(hook, "Listen", "is required with Url: the local prefix to serve, e.g. http://127.0.0.1:8443/tg/ behind a TLS reverse proxy");
            return null;
        }

        if (!Uri.TryCreate(listen, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.Query.Length > 0)
        {
            read.Problem(hook, "Listen", $"'{listen}' is not a local http prefix such as http://0.0.0.0:8443/tg/ (TLS is the reverse proxy's job)");
            return null;
        }

        return listen.EndsWith('/') ? listen : listen + "/";
    }
}
