using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Infrastructure.Ssh;
using Microsoft.Extensions.Configuration;

namespace ChatOpsWatch.Worker.Configuration;

/// <summary>
/// Turns the "ChatOpsWatch" configuration section into a <see cref="WatchConfig"/>, or into the
/// complete list of problems. Secrets are read from environment variables or files named by the
/// configuration; the JSON never holds one.
/// </summary>
public static class ConfigLoader
{
    public const string Section = "ChatOpsWatch";
    public const string DefaultTokenEnv = "CHATOPSWATCH_TELEGRAM_TOKEN";

    public sealed record Result(WatchConfig? Config, IReadOnlyList<ConfigProblem> Problems)
    {
        public bool Ok => Config is not null && Problems.Count == 0;
    }

    public static Result Load(IConfiguration root, Func<string, string?> env)
    {
        var section = root.GetSection(Section);
        var read = new ConfigReader([.. ConfigSchema.Problems(section)]);

        var storage = section.GetSection("Storage");
        var dbPath = read.String(storage, "Path", "data/chatopswatch.db")!;
        var commitTick = CommitTick(read, storage);
        var retention = Retention(read, storage);

        var ssh = section.GetSection("Ssh");
        var defaults = SshSettings.Default;
        var sshSettings = new SshSettings(
            read.Duration(ssh, "ConnectTimeout", TimeSpan.FromSeconds(1)) ?? defaults.ConnectTimeout,
            read.Duration(ssh, "ProbeDeadline", TimeSpan.FromSeconds(1)) ?? defaults.ProbeDeadline,
            read.Duration(ssh, "MaxBackoff", TimeSpan.FromSeconds(1)) ?? defaults.MaxBackoff)
        {
            HeartbeatInterval = ssh["HeartbeatInterval"]?.Trim() is "0" or "0s" or "off" ? TimeSpan.Zero
                : read.Duration(ssh, "HeartbeatInterval", TimeSpan.FromSeconds(1)) ?? defaults.HeartbeatInterval,
            HeartbeatTimeout = read.Duration(ssh, "HeartbeatTimeout", TimeSpan.FromMilliseconds(100)) ?? defaults.HeartbeatTimeout,
        };
        if (sshSettings.HeartbeatInterval > TimeSpan.Zero && sshSettings.HeartbeatTimeout >= sshSettings.HeartbeatInterval)
        {
            read.Problem(ssh, "HeartbeatTimeout", $"must be shorter than Ssh:HeartbeatInterval ({sshSettings.HeartbeatInterval.TotalSeconds:0.#} s)");
        }

        var monitor = AlertRulesReader.Read(read, section.GetSection("Alerts"));
        var engine = EngineOptionsReader.Read(read, section.GetSection("Alerts"), monitor);
        var nodes = NodesReader.Read(read, section, env);
        var telegram = TelegramReader.Read(read, section.GetSection("Telegram"), env);
        NodeAdminReader.Validate(read, section, env);
        var language = LanguageReader.Read(read, section.GetSection("Telegram"));
        var statusEvery = read.Duration(section.GetSection("Console"), "StatusEvery", TimeSpan.FromSeconds(10)) ?? TimeSpan.FromMinutes(10);
        var reports = ReportsReader.Read(read, section.GetSection("Reports"));
        var repeats = RepeatsReader.Read(read, section.GetSection("Alerts"));
        var reminderLead = read.Duration(section.GetSection("Alerts"), "MuteReminderLead", TimeSpan.FromMinutes(1)) ?? Domain.Maintenance.MuteReminders.DefaultLead;
        var correlation = Correlation.CorrelationReader.Read(read, section, nodes, monitor);
        var selfWatch = SelfWatchReader.Read(read, section);
        var archive = ArchiveReader.Read(read, section, env);

        if (read.Problems.Count > 0)
        {
            return new Result(null, read.Problems);
        }

        return new Result(new WatchConfig(dbPath, nodes, sshSettings, monitor, telegram, statusEvery) { Reports = reports, Repeats = repeats, Language = language, MuteReminderLead = reminderLead, Correlation = correlation, Engine = engine, CommitTick = commitTick, Retention = retention, Health = selfWatch, Archive = archive }, read.Problems);
    }

    /// <summary>Storage:RawDays (1 to 3650, default 8) and Storage:MaxSizeMb (none by default; at least 1).</summary>
    private static Domain.Storage.RetentionOptions Retention(ConfigReader read, IConfigurationSection storage)
    {
        var defaults = Domain.Storage.RetentionOptions.Default;
        var rawDays = read.Int(storage, "RawDays", (int)defaults.Raw.TotalDays, 1, 3650);
        var maxMb = read.Long(storage, "MaxSizeMb");
        if (maxMb is < 1)
        {
            read.Problem(storage, "MaxSizeMb", $"'{maxMb}' must be at least 1 (MB), or left out for no budget");
            maxMb = null;
        }

        return defaults with { Raw = TimeSpan.FromDays(rawDays), MaxBytes = maxMb * 1024 * 1024 };
    }

    /// <summary>Storage:CommitTick, written in ms ("100ms", "0ms"); at most a second, since every message waits for it.</summary>
    private static TimeSpan CommitTick(ConfigReader read, IConfigurationSection storage)
    {
        var raw = storage["CommitTick"]?.Trim();
        if (string.IsNullOrEmpty(raw))
        {
            return Infrastructure.Storage.StorageServiceCollectionExtensions.DefaultCommitTick;
        }

        if (raw.EndsWith("ms", StringComparison.Ordinal)
            && int.TryParse(raw[..^2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms) && ms <= 1000)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        read.Problem(storage, "CommitTick", $"'{raw}' is not a tick from 0ms to 1000ms (write e.g. 100ms)");
        return Infrastructure.Storage.StorageServiceCollectionExtensions.DefaultCommitTick;
    }
}

internal static class AlertRulesReader
{
    public static MonitorSettings Read(ConfigReader read, IConfigurationSection alerts)
    {
        var failures = read.Int(alerts, "FailuresBeforeDown", MonitorSettings.Default.FailuresBeforeDown, 1, 100);
        var rules = ThresholdRule.Defaults.ToDictionary(r => r.Id);
        foreach (var item in alerts.GetSection("Rules").GetChildren())
        {
            var id = read.String(item, "Id");
            if (id is null)
            {
                read.Problem(item, "Id", "is required (cpu, memory, disk, or a new rule id)");
                continue;
            }

            var metric = read.String(item, "Metric");
            if (!rules.TryGetValue(id, out var rule))
            {
                if (metric is null)
                {
                    read.Problem(item, "Metric", $"is required for the new rule '{id}' (e.g. cpu.busy_pct, mem.used_pct, disk.used_pct)");
                    continue;
                }

                rule = new ThresholdRule(id, metric, id, 0, 1, 0, 1);
            }

            rule = rule with
            {
                Metric = metric ?? rule.Metric,
                Title = read.String(item, "Title", rule.Title)!,
                Warning = read.Double(item, "Warning") ?? rule.Warning,
                Critical = read.Double(item, "Critical") ?? rule.Critical,
                WarningFor = read.Int(item, "WarningFor", rule.WarningFor, 1, 10_000),
                CriticalFor = read.Int(item, "CriticalFor", rule.CriticalFor, 1, 10_000),
                Kind = Choice(read, item, "Kind", rule.Kind, "threshold, rate, absence or baseline"),
                Direction = Choice(read, item, "Direction", rule.Direction, "above or below"),
                Window = read.Duration(item, "Window", TimeSpan.FromSeconds(1)) ?? rule.Window,
                Tolerance = read.Double(item, "Tolerance") ?? rule.Tolerance,
            };
            foreach (var (field, message) in rule.Problems())
            {
                read.Problem(item, field, message);
            }

            rules[id] = rule;
        }

        return new MonitorSettings([.. rules.Values], failures);
    }

    /// <summary>An enum written in lower case in the configuration (threshold, below); anything else is a problem naming the choices.</summary>
    private static T Choice<T>(ConfigReader read, IConfigurationSection item, string key, T fallback, string choices)
        where T : struct, Enum
    {
        var raw = read.String(item, key);
        if (raw is null)
        {
            return fallback;
        }

        if (raw.All(char.IsAsciiLetter) && Enum.TryParse<T>(raw, ignoreCase: true, out var value))
        {
            return value;
        }

        read.Problem(item, key, $"'{raw}' is not one of {choices}");
        return fallback;
    }
}

internal static class TelegramReader
{
    public static TelegramConfig? Read(ConfigReader read, IConfigurationSection tg, Func<string, string?> env)
    {
        var tokenEnv = read.String(tg, "BotTokenEnv", ConfigLoader.DefaultTokenEnv)!;
        var tokenFile = read.String(tg, "BotTokenFile");
        if (tg["BotToken"] is { Length: > 0 })
        {
            read.Problem(tg, "BotToken", $"secrets are not read from configuration files; put the token in the environment variable {tokenEnv} or in a file named by BotTokenFile");
        }

        var token = SecretReader.Read(read, tg, "BotTokenFile", tokenFile, tokenEnv, env, required: false);
        if (token is null)
        {
            return null;
        }

        if (!token.Contains(':', StringComparison.Ordinal) || token.Any(char.IsWhiteSpace))
        {
            read.Problem(tg, tokenFile is null ? "BotTokenEnv" : "BotTokenFile", "the bot token does not look like '123456:ABC...' (as BotFather gives it)");
        }

        var baseUrl = read.String(tg, "ApiBaseUrl", "https://api.telegram.org")!;
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            read.Problem(tg, "ApiBaseUrl", $"'{baseUrl}' is not an http(s) URL");
        }

        var ops = read.Long(tg, "OpsChatId");
        if (ops is null)
        {
            read.Problem(tg, "OpsChatId", "is required when a bot token is set: the chat (usually a group, negative id) that receives alerts");
        }

        var allowed = read.LongSet(tg, "AllowedChatIds");
        if (ops is { } o)
        {
            allowed.Add(o);
        }

        var digest = read.Int(tg, "DigestThreshold", TelegramConfig.DefaultDigestThreshold, 0, 10_000);
        var thread = read.Long(tg, "OpsThreadId");
        if (thread is < 1 or > int.MaxValue)
        {
            read.Problem(tg, "OpsThreadId", $"'{thread}' is not a forum topic id (a positive message_thread_id)");
            thread = null;
        }

        return new TelegramConfig(token, baseUrl.TrimEnd('/'), ops ?? 0, allowed, read.LongSet(tg, "AdminUserIds"), digest, (int?)thread)
        {
            Webhook = WebhookReader.Read(read, tg, env),
        };
    }
}

internal static class SecretReader
{
    /// <summary>A secret from a file (first line) if one is named, else from an environment variable.</summary>
    public static string? Read(ConfigReader read, IConfiguration section, string fileKey, string? file, string? envName, Func<string, string?> env, bool required)
    {
        if (file is not null)
        {
            try
            {
                var text = File.ReadAllText(file).Trim();
                if (text.Length == 0)
                {
                    read.Problem(section, fileKey, $"the file '{file}' is empty");
                }

                return text.Length == 0 ? null : text.Split('\n')[0].Trim();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                read.Problem(section, fileKey, $"cannot read '{file}': {ex.Message}");
                return null;
            }
        }

        var value = envName is null ? null : env(envName);
        if (string.IsNullOrEmpty(value) && required)
        {
            read.Problem(section, fileKey.Replace("File", "Env", StringComparison.Ordinal), $"the environment variable '{envName}' is not set");
        }

        return string.IsNullOrEmpty(value) ? null : value.Trim();
    }
}
