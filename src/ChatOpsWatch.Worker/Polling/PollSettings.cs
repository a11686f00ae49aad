using System.Collections.Concurrent;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Maintenance;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Rules;
using ChatOpsWatch.Worker.Configuration;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Worker.Polling;

/// <summary>
/// What a poll judges with: the configured monitor settings and the silences and acknowledgements in force.
/// When the muting store cannot be read, the last state read is kept (a store hiccup must not unmute the fleet,
/// nor stop the poll); before any read succeeded that is "nothing muted". Maintenance windows join the same way:
/// a one-off window as a silence that starts later, a weekly one as a window.
/// </summary>
public sealed class PollSettings(ConfigHolder config, IMutingStore muting, IMaintenanceStore maintenance, ILogger<PollSettings> log)
{
    private volatile MutingState last = MutingState.None;
    private volatile IReadOnlyList<MaintenancePlan> plans = [];
    private volatile Read? mutingRead;
    private volatile Read? plansRead;
    private readonly ConcurrentDictionary<string, (WatchConfig? Config, NodeInfo? Node, MonitorSettings? Settings)> effective = new(StringComparer.Ordinal);

    public MonitorSettings Monitor => config.Current.Monitor;

    /// <summary>
    /// The rules <paramref name="node"/> is judged by: <see cref="Monitor"/> with the node's rule overrides applied. The
    /// same instance is returned until the configuration changes (the live engine caches its rules per instance).
    /// </summary>
    public MonitorSettings MonitorFor(NodeInfo node)
    {
        var current = config.Current;
        if (current.Correlation.Overrides.Count == 0)
        {
            return current.Monitor;
        }

        var cached = effective.TryGetValue(node.Name, out var c) ? c : default;
        if (ReferenceEquals(cached.Config, current) && cached.Node == node)
        {
            return cached.Settings!;
        }

        var settings = EffectiveRules.For(current.Monitor, current.Correlation.Overrides, node);
        effective[node.Name] = (current, node, settings);
        return settings;
    }

    public EngineOptions Engine => config.Current.Engine;

    /// <summary>Group outages, canaries, vantages and overrides as configured now.</summary>
    public Correlation.CorrelationConfig Correlation => config.Current.Correlation;

    /// <summary>
    /// The longest a read of silences and maintenance windows is kept while the stores report no write (they are written
    /// only by this process's chat commands; this bounds what anything else could change behind its back).
    /// </summary>
    public static TimeSpan RereadAfter { get; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The silences, acknowledgements and maintenance windows in force at <paramref name="now"/>. Read from the stores
    /// only when one was written since the last read (its <see cref="IMutingStore.Version"/> moved), after
    /// <see cref="RereadAfter"/>, or when time went back; otherwise the last read is filtered to <paramref name="now"/>
    /// (silences and windows that ended since are dropped), which is what the stores would have answered. Every poll
    /// used to cost two queries; at 1,000 nodes that was 66 reads a second of rows that change a few times a day.
    /// </summary>
    public async Task<PolicyContext> PolicyAsync(DateTimeOffset now, CancellationToken ct)
    {
        var mutingVersion = muting.Version;
        if (!Fresh(mutingRead, mutingVersion, now))
        {
            try
            {
                last = await muting.ActiveAsync(now, ct);
                mutingRead = mutingVersion is { } v ? new Read(v, now) : null;
            }
            catch (StorageException e)
            {
                log.LogWarning("Silences and acknowledgements could not be read; using the {Count} silence(s) read before: {Error}", last.Silences.Count, e.Message);
            }
        }

        var maintenanceVersion = maintenance.Version;
        if (!Fresh(plansRead, maintenanceVersion, now))
        {
            try
            {
                plans = await maintenance.ActiveAsync(now, ct);
                plansRead = maintenanceVersion is { } v ? new Read(v, now) : null;
            }
            catch (StorageException e)
            {
                log.LogWarning("Maintenance windows could not be read; using the {Count} window(s) read before: {Error}", plans.Count, e.Message);
            }
        }

        var state = last;
        var current = plans.Where(p => !p.IsOver(now)).ToList();
        return PolicyContext.Empty with
        {
            Silences = [.. state.Silences.Where(s => s.Expires > now), .. current.Select(p => p.ToSilence()).OfType<Silence>()],
            Windows = [.. current.Select(p => p.ToWindow()).OfType<MaintenanceWindow>()],
            Acks = state.Acks,
            Repeats = config.Current.Repeats,
        };
    }

    private static bool Fresh(Read? read, long? version, DateTimeOffset now) =>
        read is not null && version == read.Version && now >= read.At && now - read.At < RereadAfter;

    /// <summary>When a store was last read, and its version then.</summary>
    private sealed record Read(long Version, DateTimeOffset At);
}
