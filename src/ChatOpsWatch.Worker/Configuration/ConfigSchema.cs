using Microsoft.Extensions.Configuration;

namespace ChatOpsWatch.Worker.Configuration;

/// <summary>
/// Every key the loader reads under <c>ChatOpsWatch:</c>, as a tree (<c>*</c> is a list position or a name chosen by
/// the operator). A key outside it is a typo or a setting of another version, and is refused with its path and the
/// nearest known key ("did you mean Interval?"), whether it came from a file or from an environment variable.
/// Keys marked text hold a name, a host or a path, so a JSON number or boolean there is refused too.
/// </summary>
internal static class ConfigSchema
{
    private static readonly string[] NodeCommon =
    [
        "Name=text", "Provider=text", "Region=text", "Role=text", "Interval", "Processes", "Processes:*", "Ports", "Ports:*",
        "Checks:TcpPorts", "Checks:TcpPorts:*", "Checks:Burst", "Checks:Timeout", "Checks:Icmp",
        "Checks:Http:*:Name=text", "Checks:Http:*:Url=text", "Checks:Http:*:Keyword", "Checks:Http:*:Timeout", "Checks:Http:*:ExpectStatus", "Checks:Http:*:MaxRedirects",
        "ExpiresOn", "ExpiryReminderDays", "TrafficQuotaGb", "BillingDay",
    ];

    private static readonly string[] NodeSsh =
    [
        "Host=text", "Port", "User=text", "KeyFile=text", "KeyPassphraseEnv=text", "KeyPassphraseFile=text", "PasswordEnv=text", "PasswordFile=text",
        "Password", "KeyPassphrase", "Vantage=text", "AllowLegacyAlgorithms",
    ];

    /// <summary>The InfluxDB archive (issue 14); Password and Token are known only to be refused as secrets in a file.</summary>
    private static readonly string[] Archive = [.. new[]
    {
        "Enabled", "Url=text", "Version", "Database=text", "RetentionPolicy=text", "User=text", "PasswordEnv=text", "PasswordFile=text", "Password",
        "Org=text", "Bucket=text", "TokenEnv=text", "TokenFile=text", "Token", "BatchPoints", "FlushAge", "MaxSpoolMb", "Timeout",
    }.Select(k => "Archive:Influx:" + k)];

    private static readonly string[] Top =
    [
        "Storage:Path=text", "Storage:CommitTick", "Storage:RawDays", "Storage:MaxSizeMb",
        "Local:Enabled", .. NodeCommon.Select(k => "Local:" + k),
        .. NodeCommon.Concat(NodeSsh).Select(k => "Nodes:*:" + k),
        "Ssh:ConnectTimeout", "Ssh:ProbeDeadline", "Ssh:MaxBackoff", "Ssh:HeartbeatInterval", "Ssh:HeartbeatTimeout",
        "Ssh:Keys:*=text", "Ssh:Keys:*:KeyFile=text", "Ssh:Keys:*:KeyPassphraseEnv=text", "Ssh:Keys:*:KeyPassphraseFile=text",
        "Alerts:FailuresBeforeDown", "Alerts:IoEarlyWarning", "Alerts:MuteReminderLead", "Alerts:RepeatEvery", "Alerts:RepeatEvery:*",
        "Alerts:Rules:*:Id=text", "Alerts:Rules:*:Metric=text", "Alerts:Rules:*:Title=text", "Alerts:Rules:*:Warning", "Alerts:Rules:*:Critical",
        "Alerts:Rules:*:WarningFor", "Alerts:Rules:*:CriticalFor", "Alerts:Rules:*:Kind=text", "Alerts:Rules:*:Direction=text",
        "Alerts:Rules:*:Window", "Alerts:Rules:*:Tolerance",
        "Alerts:Recovery:*:Warning", "Alerts:Recovery:*:Critical", "Alerts:Recovery:*:Margin",
        "Alerts:Overrides:*:Match:*", "Alerts:Overrides:*:Rule=text", "Alerts:Overrides:*:Warning", "Alerts:Overrides:*:Critical",
        "Alerts:Overrides:*:For", "Alerts:Overrides:*:Enabled",
        "Monitor:Canaries", "Monitor:Canaries:*=text", "Monitor:CanaryInterval", "Monitor:CanaryTimeout",
        "Monitor:Correlation:Window", "Monitor:Correlation:MinNodes", "Monitor:Correlation:MinPercent", "Monitor:Correlation:Hold",
        "Telegram:BotToken", "Telegram:BotTokenEnv=text", "Telegram:BotTokenFile=text", "Telegram:ApiBaseUrl=text", "Telegram:OpsChatId",
        "Telegram:AllowedChatIds", "Telegram:AllowedChatIds:*", "Telegram:AdminUserIds", "Telegram:AdminUserIds:*", "Telegram:DigestThreshold",
        "Telegram:OpsThreadId", "Telegram:Language=text", "Telegram:ConfirmTimeout",
        "Telegram:Webhook:Url=text", "Telegram:Webhook:Listen=text", "Telegram:Webhook:SecretEnv=text", "Telegram:Webhook:SecretFile=text",
        "Telegram:Webhook:Secret", "Telegram:Webhook:SecretToken",
        "Console:StatusEvery", "Console:Format=text", "Reports:DailyAt",
        "Health:OutboxMaxAge", "Health:PingUrl=text", "Health:PingEvery", "Metrics:Listen=text",
        .. Archive,
    ];

    /// <summary>One key of the tree: its children, whether it may hold a value, and whether that value must be text.</summary>
    internal sealed class Node
    {
        public Dictionary<string, Node> Children { get; } = new(StringComparer.OrdinalIgnoreCase);

        public bool IsValue { get; set; }

        public bool IsText { get; set; }

        public Node? Child(string key) => Children.TryGetValue(key, out var n) ? n : Children.GetValueOrDefault("*");
    }

    public static Node Root { get; } = Build();

    /// <summary>Every key under ChatOpsWatch: that the loader does not know, or holds the wrong shape, with its path.</summary>
    public static IEnumerable<ConfigProblem> Problems(IConfigurationSection section) => Walk(section, Root);

    private static IEnumerable<ConfigProblem> Walk(IConfigurationSection section, Node schema)
    {
        foreach (var child in section.GetChildren())
        {
            var known = schema.Child(child.Key);
            var hasChildren = child.GetChildren().Any();
            if (known is null)
            {
                yield return new ConfigProblem(child.Path, $"unknown key '{child.Key}'{Hint(child.Key, schema)}");
            }
            else if (hasChildren && known.Children.Count == 0)
            {
                yield return new ConfigProblem(child.Path, "is a single value, not a section or a list");
            }
            else if (!hasChildren && !known.IsValue && !string.IsNullOrEmpty(child.Value))
            {
                yield return new ConfigProblem(child.Path, $"is a section ({string.Join(", ", known.Children.Keys)}), not a single value");
            }
            else
            {
                foreach (var problem in Walk(child, known))
                {
                    yield return problem;
                }
            }
        }
    }

    private static string Hint(string key, Node schema)
    {
        var names = schema.Children.Keys.Where(k => k != "*").ToList();
        if (names.Count == 0)
        {
            return string.Empty;
        }

        var best = names.MinBy(n => Distance(n.ToLowerInvariant(), key.ToLowerInvariant()))!;
        return Distance(best.ToLowerInvariant(), key.ToLowerInvariant()) <= Math.Max(2, best.Length / 3)
            ? $"; did you mean {best}?"
            : $" (known here: {string.Join(", ", names)})";
    }

    /// <summary>Levenshtein distance: the number of one-letter edits between a and b.</summary>
    internal static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }

    private static Node Build()
    {
        var root = new Node();
        foreach (var pattern in Top)
        {
            var (path, text) = pattern.EndsWith("=text", StringComparison.Ordinal) ? (pattern[..^5], true) : (pattern, false);
            var node = root;
            foreach (var part in path.Split(':'))
            {
                if (!node.Children.TryGetValue(part, out var next))
                {
                    next = new Node();
                    node.Children[part] = next;
                }

                node = next;
            }

            node.IsValue = true;
            node.IsText |= text;
        }

        return root;
    }
}
