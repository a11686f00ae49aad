using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Infrastructure.Probe;
using ChatOpsWatch.Infrastructure.Ssh;

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
    /// <summary>Recovery levels and the I/O early warning (Alerts:Recovery, Alerts:IoEarlyWarning).</summary>
    public EngineOptions Engine { get; init; } = EngineOptions.Default;
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
    int DigestThreshold = TelegramConfig.DefaultDigestThreshold)
{
    /// <summary>More waiting non-critical messages than this for one chat become a digest; 0: never.</summary>
    public const int DefaultDigestThreshold = 10;

    public override string ToString() => $"TelegramConfig {{ ApiBaseUrl = {ApiBaseUrl}, OpsChatId = {OpsChatId}, Token = *** }}";
}

/// <summary>One configuration problem, named by its key path (e.g. ChatOpsWatch:Nodes:2:Port).</summary>
public sealed record ConfigProblem(string Key, string Message)
{
    public override string ToString() => $"{Key}: {Message}";
}
