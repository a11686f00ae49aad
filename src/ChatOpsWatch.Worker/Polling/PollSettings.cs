using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Worker.Configuration;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Worker.Polling;

/// <summary>
/// What a poll judges with: the configured monitor settings and the silences and acknowledgements in force.
/// When the muting store cannot be read, the last state read is kept (a store hiccup must not unmute the fleet,
/// nor stop the poll); before any read succeeded that is "nothing muted".
/// </summary>
public sealed class PollSettings(ConfigHolder config, IMutingStore muting, ILogger<PollSettings> log)
{
    private volatile MutingState last = MutingState.None;

    public MonitorSettings Monitor => config.Current.Monitor;

    public EngineOptions Engine => config.Current.Engine;

    public async Task<PolicyContext> PolicyAsync(DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            last = await muting.ActiveAsync(now, ct);
        }
        catch (StorageException e)
        {
            log.LogWarning("Silences and acknowledgements could not be read; using the {Count} silence(s) read before: {Error}", last.Silences.Count, e.Message);
        }

        return PolicyContext.Empty with { Silences = last.Silences, Acks = last.Acks };
    }
}
