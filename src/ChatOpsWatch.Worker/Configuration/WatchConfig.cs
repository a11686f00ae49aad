using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Probe;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Infrastructure.Telegram.Webhook;

namespace ChatOpsWatch.Worker.Configuration;

/// <summary>The validated configuration: every secret resolved, every value in range.</summary>
public sealed record WatchConfig(
    string DatabasePath,
    IReadOnlyList<NodeConfig> Nodes,
    SshSettings Ssh,
    MonitorSettings Monitor,
    TelegramConfig? Telegram,
    TimeSpan ConsoleStatusEvery)
{
    /// <summary>How long finished polls wait to share one SQLite transaction (Storage:CommitTick, group commit).</summary>
    public TimeSpan CommitTick { get; init; } = Infrastructure.Storage.StorageServiceCollectionExtensions.DefaultCommitTick;

    /// <summary>How long each sample tier is kept, and the size budget (Storage:RawDays, Storage:MaxSizeMb; issue 14).</summary>
    public Domain.Storage.RetentionOptions Retention { get; init; } = Domain.Storage.RetentionOptions.Default;

    /// <summary>The language of every chat text (Telegram:Language), also on the console.</summary>
    public Language Language { get; init; } = Language.En;

    /// <summary>How long before a silence or maintenance window ends its reminder is posted (Alerts:MuteReminderLead).</summary>
    public TimeSpan MuteReminderLead { get; init; } = Domain.Maintenance.MuteReminders.DefaultLead;

    /// <summary>Group outages, canaries, second vantages and rule overrides (issue 4, correlation).</summary>
    public Correlation.CorrelationConfig Correlation { get; init; } = Worker.Correlation.CorrelationConfig.Default;

    /// <summary>Recovery levels and the I/O early warning (Alerts:Recovery, Alerts:IoEarlyWarning).</summary>
    public EngineOptions Engine { get; init; } = EngineOptions.Default;

    /// <summary>When the daily report goes to the ops chat.</summary>
    public ReportSettings Reports { get; init; } = ReportSettings.Default;

    /// <summary>Health bounds, the dead man's switch, the metrics listener and the console format (issue 13).</summary>
    public SelfWatchSettings Health { get; init; } = SelfWatchSettings.Default;

    /// <summary>The InfluxDB archive (Archive:Influx, issue 14); null: off. Read at start: an edit takes effect at the next start.</summary>
    public Infrastructure.Archive.InfluxOptions? Archive { get; init; }

    /// <summary>The reminders of an unacknowledged critical (Alerts:RepeatEvery).</summary>
    public Domain.Engine.Policy.RepeatSchedule Repeats { get; init; } = Domain.Engine.Policy.RepeatSchedule.Default;
}

/// <summary>The daily report: sent at <see cref="DailyAt"/> UTC each day, covering the 24 hours before; null: never scheduled (/report still works).</summary>
public sealed record ReportSettings(TimeOnly? DailyAt)
{
    public static readonly ReportSettings Default = new(new TimeOnly(8, 0));
}

/// <summary>
/// A node to poll. <see cref="Ssh"/> is null for the local node, which is probed without SSH.
/// <see cref="Targets"/>: the processes and ports its probe checks (none when null).
/// <see cref="Checks"/> null means <see cref="NodeChecks.Default"/>.
/// </summary>
public sealed record NodeConfig(NodeInfo Info, SshTarget? Ssh, ProbeTargets? Targets = null, NodeChecks? Checks = null)
{
    public string Name => Info.Name;
}

/// <summary>Telegram settings; present only when a bot token was found.</summary>
public sealed record TelegramConfig(
    string Token,
    string ApiBaseUrl,
    long OpsChatId,
    IReadOnlySet<long> AllowedChatIds,
    IReadOnlySet<long> AdminUserIds,
    int DigestThreshold = TelegramConfig.DefaultDigestThreshold,
    int? OpsThreadId = null)
{
    /// <summary>More waiting non-critical messages than this for one chat become a digest; 0: never.</summary>
    public const int DefaultDigestThreshold = 10;

    // OpsThreadId: the forum topic of the ops chat that alerts go to (Telegram:OpsThreadId); null: the main thread.

    /// <summary>Webhook mode when set (Telegram:Webhook); getUpdates polling when null.</summary>
    public TelegramWebhookOptions? Webhook { get; init; }

    public override string ToString() => $"TelegramConfig {{ ApiBaseUrl = {ApiBaseUrl}, OpsChatId = {OpsChatId}, Token = ***, Webhook = {Webhook?.ToString() ?? "none"} }}";
}

/// <summary>One configuration problem, named by its key path (e.g. ChatOpsWatch:Nodes:2:Port).</summary>
public sealed record ConfigProblem(string Key, string Message)
{
    public override string ToString() => $"{Key}: {Message}";
}
