using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.SelfWatch;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Time;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Worker.Polling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Worker.SelfWatch;

/// <summary>
/// Once a beat (<see cref="Liveness.BeatFor"/>): records the monitor's liveness for <c>chatopswatch health</c>, reads
/// the outbox backlog for the metrics, and raises or resolves "monitoring stalled" in the ops chat (<see cref="StallWatch"/>).
/// </summary>
public sealed class SelfWatchService(
    SchedulerPulse pulse,
    NodeRegistry registry,
    ILivenessStore store,
    OutboxWriter outbox,
    SelfWatchDeps deps) : BackgroundService
{
    private bool _stalled;
    private DateTimeOffset? _stalledSince;

    /// <summary>The last figures read, for the gauges and /readyz.</summary>
    public SelfSnapshot Snapshot { get; private set; } = SelfSnapshot.Empty;

    public Liveness Current()
    {
        var nodes = registry.Current();
        var interval = nodes.Count == 0 ? TimeSpan.Zero : nodes.Min(n => n.Info.Interval);
        return new Liveness(pulse.StartedAt, deps.Time.GetUtcNow(), pulse.LastFiredAt, pulse.LastCompletedAt, interval, nodes.Count, Liveness.BeatFor(interval));
    }

    /// <summary>One beat. Storage failures are logged and the next beat tries again (the storage alarm tells the chat).</summary>
    public async Task<TimeSpan> BeatAsync(CancellationToken ct)
    {
        var liveness = Current();
        try
        {
            await store.WriteAsync(liveness, ct);
            var (unsent, oldest) = await store.OutboxAsync(ct);
            Snapshot = new SelfSnapshot(unsent, oldest is { } o ? liveness.BeatAt - o : TimeSpan.Zero, liveness);
            await StepStallAsync(liveness, ct);
        }
        catch (StorageException ex)
        {
            deps.Log.LogWarning("Could not record the monitor's liveness: {Error}", ex.Message);
        }

        return liveness.BeatEvery;
    }

    private async Task StepStallAsync(Liveness liveness, CancellationToken ct)
    {
        var (next, reason) = StallWatch.Step(_stalled, liveness, liveness.BeatAt, deps.PollGrace);
        if (reason == NotifyReason.None)
        {
            return;
        }

        var silence = DurationText.Format(StallWatch.Silence(liveness, liveness.BeatAt));
        var html = reason == NotifyReason.Fired
            ? deps.Texts.Format("selfwatch.stalled", silence, liveness.Nodes, DurationText.Format(liveness.Interval))
            : deps.Texts.Format("selfwatch.resumed", DurationText.Format(liveness.BeatAt - (_stalledSince ?? liveness.BeatAt)));
        await outbox.EnqueueAsync(new OutboxMessage(MessageKind.Alert, reason == NotifyReason.Fired ? Severity.Critical : Severity.Warning, html), ct);
        _stalledSince = reason == NotifyReason.Fired ? liveness.LastCompletedAt ?? liveness.StartedAt : null;
        _stalled = next;
        deps.Log.LogWarning("Monitoring {State}: last poll completed {Silence} ago", reason == NotifyReason.Fired ? "stalled" : "resumed", silence);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(await BeatAsync(stoppingToken), deps.Time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}

/// <summary>The service's plumbing, kept together so its constructor stays short.</summary>
public sealed record SelfWatchDeps(TextCatalog Texts, TimeProvider Time, ILogger<SelfWatchService> Log)
{
    /// <summary>How long one poll may run before its silence counts towards "stalled" (connect timeout + probe deadline).</summary>
    public TimeSpan PollGrace { get; init; }
}

/// <summary>The outbox's backlog and the oldest message's age at the last beat, and that beat's liveness.</summary>
public sealed record SelfSnapshot(int Unsent, TimeSpan OldestAge, Liveness? Liveness)
{
    public static readonly SelfSnapshot Empty = new(0, TimeSpan.Zero, null);
}
