using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Time;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Infrastructure.Archive;

/// <summary>
/// Sends the spool to InfluxDB on its own loop, so a slow or absent InfluxDB never delays a poll (polls only append to
/// the spool in their transaction). Batches leave in spool order, one at a time: a batch is sent when it holds
/// <see cref="InfluxOptions.BatchPoints"/> points or its oldest point waited <see cref="InfluxOptions.FlushAge"/>, and its
/// rows are deleted only after InfluxDB answered 2xx. Errors by class (<see cref="WriteVerdict"/>): a bad point is found
/// by halving the batch, logged with InfluxDB's reason and dropped (InfluxDB overwrites a point written twice, so
/// resending the good half is harmless); refused credentials and a wrong database keep the spool and are logged as
/// errors; 5xx, timeouts and refused connections back off (jittered, <see cref="InfluxOptions.RetryFirst"/> doubling to
/// <see cref="InfluxOptions.RetryCap"/>) and are retried. A failing local database is logged and retried the same way.
/// </summary>
public sealed class InfluxArchiveLoop(IArchiveSpool spool, InfluxWriter writer, ArchiveNotices notices, TimeProvider time, ILogger<InfluxArchiveLoop> log) : BackgroundService
{
    /// <summary>How often an idle loop looks at the spool.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private readonly InfluxOptions _options = writer.Options;
    private readonly Backoff _backoff = new(new BackoffOptions(writer.Options.RetryFirst, writer.Options.RetryCap), time);
    private string _lastError = "none";
    private bool _fullTold;
    private DateTimeOffset _fullLoggedAt = DateTimeOffset.MinValue;
    private long _oldestQueuedMs;

    /// <summary>Failed attempts in a row (0: the last one, if any, worked).</summary>
    public int Failures => _backoff.Failures;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Telemetry.SelfMetrics.ObserveArchive(new Telemetry.ArchiveGaugeSources(
            () => Math.Max(0, spool.Bytes),
            () => Interlocked.Read(ref _oldestQueuedMs) is > 0 and var ms ? Math.Max(0, (time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(ms)).TotalSeconds) : 0));
        log.LogInformation("InfluxDB archive to {Target}: batches of {Points} points or {Age} s, spool bound {Max} MB", _options.WriteUri().GetLeftPart(UriPartial.Path), _options.BatchPoints, _options.FlushAge.TotalSeconds, _options.MaxSpoolBytes / (1024 * 1024));
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await RunOnceAsync(stoppingToken);
            }
            catch (StorageException ex)
            {
                log.LogWarning("InfluxDB archive: the local spool failed, retrying: {Error}", ex.Message);
                wait = _backoff.Fail();
            }

            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One pass: tells the chat about the spool's bound, then sends one batch if one is due. Returns how long to wait before the next pass.</summary>
    public async Task<TimeSpan> RunOnceAsync(CancellationToken ct)
    {
        await TellAsync(ct);
        if (_backoff.Remaining is { Ticks: > 0 } left)
        {
            return left < Tick ? left : Tick;
        }

        var head = await spool.HeadAsync(_options.BatchPoints, ct);
        Interlocked.Exchange(ref _oldestQueuedMs, head.Count == 0 ? 0 : head[0].QueuedAt);
        if (head.Count == 0)
        {
            return Tick;
        }

        var points = head.Sum(r => r.Points);
        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(head[0].QueuedAt);
        var full = points >= _options.BatchPoints;
        if (!full && age < _options.FlushAge && _backoff.Failures == 0)
        {
            var until = _options.FlushAge - age;
            return until < Tick ? until : Tick;
        }

        var lines = head.SelectMany(r => r.Lines.Split('\n')).ToList();
        var sent = await SendAsync(lines, ct);
        if (sent.Failure is { } failure)
        {
            return Failed(failure, lines.Count);
        }

        await spool.CompleteAsync(head[^1].Id, head.Sum(r => r.Bytes), sent.Written, sent.Bad, ct);
        Telemetry.SelfMetrics.ArchiveWritten.Inc(sent.Written);
        Telemetry.SelfMetrics.ArchiveDropped.WithLabels("bad").Inc(sent.Bad);
        if (_backoff.Succeed())
        {
            log.LogInformation("InfluxDB archive: writes work again; sending the spooled points in order");
        }

        return full ? TimeSpan.Zero : Tick;
    }

    private TimeSpan Failed(WriteResult failure, int points)
    {
        _lastError = failure.Status > 0 ? $"HTTP {failure.Status}: {failure.Detail}" : failure.Detail;
        var delay = _backoff.Fail();
        Telemetry.SelfMetrics.ArchiveRetried.Inc();
        switch (failure.Verdict)
        {
            case WriteVerdict.Refused:
                log.LogError("InfluxDB archive: credentials refused ({Error}); check Archive:Influx:TokenEnv/TokenFile (2.x) or User/PasswordEnv/PasswordFile (1.x). The spool keeps its points; retrying in {Delay:0.#} s", _lastError, delay.TotalSeconds);
                break;
            case WriteVerdict.Misconfigured:
                log.LogError("InfluxDB archive: the write was refused ({Error}); check Archive:Influx:Url, Database/RetentionPolicy (1.x) or Org/Bucket (2.x). The spool keeps its points; retrying in {Delay:0.#} s", _lastError, delay.TotalSeconds);
                break;
            default:
                log.LogWarning("InfluxDB archive: write of {Points} point(s) failed ({Error}), attempt {Failures}; retrying in {Delay:0.#} s, the spool keeps them", points, _lastError, _backoff.Failures, delay.TotalSeconds);
                break;
        }

        return delay;
    }

    /// <summary>Writes the lines, halving on a bad point until the point is alone, then logs and drops it.</summary>
    private async Task<Sent> SendAsync(List<string> lines, CancellationToken ct)
    {
        var result = await writer.WriteAsync(lines, ct);
        switch (result.Verdict)
        {
            case WriteVerdict.Written:
                return new Sent(null, lines.Count, 0);
            case WriteVerdict.BadPoints when lines.Count == 1:
                log.LogWarning("InfluxDB archive: point refused and dropped (HTTP {Status}: {Error}): {Point}", result.Status, result.Detail, lines[0]);
                return new Sent(null, 0, 1);
            case WriteVerdict.BadPoints:
                var half = lines.Count / 2;
                var first = await SendAsync(lines[..half], ct);
                if (first.Failure is not null)
                {
                    return first;
                }

                var second = await SendAsync(lines[half..], ct);
                return second.Failure is not null ? second : new Sent(null, first.Written + second.Written, first.Bad + second.Bad);
            default:
                return new Sent(result, 0, 0);
        }
    }

    /// <summary>The chat hears once when the spool reaches its bound, and once when it has room again; the log hears every minute while it is full.</summary>
    private async Task TellAsync(CancellationToken ct)
    {
        if (spool.FullSince is { } since)
        {
            var now = time.GetUtcNow();
            if (!_fullTold)
            {
                await notices.FullAsync(_options.MaxSpoolBytes, _lastError, spool.DroppedInEpisode, ct);
                _fullTold = true;
            }

            if (now - _fullLoggedAt >= TimeSpan.FromMinutes(1))
            {
                log.LogWarning("InfluxDB archive spool full since {Since:o}: {Dropped} point(s) dropped so far (last error: {Error})", since, spool.DroppedInEpisode, _lastError);
                _fullLoggedAt = now;
            }

            if (spool.TryEndEpisode())
            {
                log.LogWarning("InfluxDB archive spool has room again: {Dropped} point(s) were dropped while it was full since {Since:o}", spool.DroppedInEpisode, since);
                await notices.RoomAsync(spool.DroppedInEpisode, since, ct);
                _fullTold = false;
            }
        }
    }

    private sealed record Sent(WriteResult? Failure, int Written, int Bad);
}
