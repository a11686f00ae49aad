using ChatOpsWatch.Domain.SelfWatch;
using Dapper;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>Writes the monitor's one liveness row (issue 13). Throws <see cref="Domain.Ports.StorageException"/> on IO failure.</summary>
public sealed class SqliteLivenessStore(SqliteDatabase db) : ILivenessStore
{
    public Task WriteAsync(Liveness liveness, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(liveness);
        return db.RunAsync(
            "recording liveness",
            c => c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO liveness (id, started_at, beat_at, last_fired_at, last_completed_at, interval_ms, nodes, beat_every_ms)
                VALUES (1, @Started, @Beat, @Fired, @Completed, @Interval, @Nodes, @BeatEvery)
                ON CONFLICT (id) DO UPDATE SET started_at = excluded.started_at, beat_at = excluded.beat_at,
                    last_fired_at = excluded.last_fired_at, last_completed_at = excluded.last_completed_at,
                    interval_ms = excluded.interval_ms, nodes = excluded.nodes, beat_every_ms = excluded.beat_every_ms;
                """,
                new
                {
                    Started = UnixMs.Of(liveness.StartedAt),
                    Beat = UnixMs.Of(liveness.BeatAt),
                    Fired = UnixMs.Of(liveness.LastFiredAt),
                    Completed = UnixMs.Of(liveness.LastCompletedAt),
                    Interval = (long)liveness.Interval.TotalMilliseconds,
                    liveness.Nodes,
                    BeatEvery = (long)liveness.BeatEvery.TotalMilliseconds,
                },
                cancellationToken: ct)),
            ct);
    }

    public Task<(int Unsent, DateTimeOffset? Oldest)> OutboxAsync(CancellationToken ct) =>
        db.RunAsync("reading the outbox backlog", c => SqliteSelfCheck.OutboxAsync(c, ct), ct);
}
