using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using ChatOpsWatch.Domain.Engine.Policy;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>Silences, acknowledgements and their audit log in SQLite (schema v5). Each change and its audit row are one transaction.</summary>
public sealed class SqliteMutingStore(SqliteDatabase db) : IMutingStore
{
    /// <summary>An acknowledgement only matters while its episode fires; older ones are not loaded.</summary>
    public static readonly TimeSpan AckHorizon = TimeSpan.FromDays(30);

    public Task<MutingState> ActiveAsync(DateTimeOffset now, CancellationToken ct) =>
        db.RunAsync(
            "reading the silences and acknowledgements",
            async c =>
            {
                var silences = await ActiveSilencesAsync(c, null, now, ct);
                var acks = await c.QueryAsync<AckRow>(new CommandDefinition(
                    "SELECT node AS Node, rule_id AS RuleId, firing_since AS FiringSince, acked_by AS AckedBy, acked_at AS AckedAt FROM acks WHERE acked_at >= @since;",
                    new { since = UnixMs.Of(now - AckHorizon) },
                    cancellationToken: ct));
                return new MutingState(silences, [.. acks.Select(a => new Acknowledgement(a.Node, a.RuleId, UnixMs.At(a.FiringSince), a.AckedBy, UnixMs.At(a.AckedAt)))]);
            },
            ct);

    public long? Version => db.PolicyVersion;

    public async Task<IReadOnlyList<string>> RecordAsync(MutingChange change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        try
        {
            return await RecordInTransactionAsync(change, ct);
        }
        finally
        {
            db.PolicyChanged();
        }
    }

    private Task<IReadOnlyList<string>> RecordInTransactionAsync(MutingChange change, CancellationToken ct) =>
        db.InTransactionAsync<IReadOnlyList<string>>(
            $"recording {change.GetType().Name.ToLowerInvariant()} by {change.By}",
            async (c, tx) => await AlreadyRecordedAsync(c, tx, change.UpdateId, ct) ? [] : await (change switch
            {
                MutingChange.Mute m => MuteAsync(c, tx, m, ct),
                MutingChange.Unmute u => UnmuteAsync(c, tx, u, ct),
                MutingChange.Ack a => AckAsync(c, tx, a, ct),
                _ => throw new ArgumentException($"unknown change {change.GetType().Name}", nameof(change)),
            }),
            ct);

    private static async Task<IReadOnlyList<string>> MuteAsync(SqliteConnection c, DbTransaction tx, MutingChange.Mute m, CancellationToken ct)
    {
        var s = m.Silence;
        var id = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO silences (matcher, created_by, reason, created_at, expires_at)
            VALUES (@Matcher, @CreatedBy, @Comment, @CreatedAt, @ExpiresAt) RETURNING id;
            """,
            new { Matcher = JsonSerializer.Serialize(s.Matchers), s.CreatedBy, s.Comment, CreatedAt = UnixMs.Of(s.Starts), ExpiresAt = UnixMs.Of(s.Expires) },
            tx,
            cancellationToken: ct));
        await AuditAsync(c, tx, m, "mute", $"silence {id}: {Describe(s.Matchers)}", s.Comment, s.Expires, ct);
        return [id.ToString(CultureInfo.InvariantCulture)];
    }

    private static async Task<IReadOnlyList<string>> UnmuteAsync(SqliteConnection c, DbTransaction tx, MutingChange.Unmute u, CancellationToken ct)
    {
        var ended = (await ActiveSilencesAsync(c, tx, u.At, ct))
            .Where(s => s.Id == u.IdOrTarget || s.Matchers.Any(m => m.Value.Equals(u.IdOrTarget, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        foreach (var s in ended)
        {
            await c.ExecuteAsync(new CommandDefinition("UPDATE silences SET removed_at = @at WHERE id = @id;", new { at = UnixMs.Of(u.At), id = long.Parse(s.Id, CultureInfo.InvariantCulture) }, tx, cancellationToken: ct));
            await AuditAsync(c, tx, u, "unmute", $"silence {s.Id}: {Describe(s.Matchers)}", null, null, ct);
        }

        return [.. ended.Select(s => s.Id)];
    }

    private static async Task<IReadOnlyList<string>> AckAsync(SqliteConnection c, DbTransaction tx, MutingChange.Ack a, CancellationToken ct)
    {
        var done = new List<string>();
        foreach (var ack in a.Acks)
        {
            var inserted = await c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO acks (node, rule_id, firing_since, acked_by, acked_at) VALUES (@Node, @Rule, @Since, @By, @At)
                ON CONFLICT (node, rule_id, firing_since) DO NOTHING;
                """,
                new { ack.Node, ack.Rule, Since = UnixMs.Of(ack.FiringSince), ack.By, At = UnixMs.Of(ack.At) },
                tx,
                cancellationToken: ct));
            if (inserted > 0)
            {
                var what = $"{ack.Node} {ack.Rule} firing since {ack.FiringSince:O}";
                await AuditAsync(c, tx, a, "ack", what, null, null, ct);
                done.Add($"{ack.Node}/{ack.Rule}");
            }
        }

        return done;
    }

    private static async Task<IReadOnlyList<Silence>> ActiveSilencesAsync(SqliteConnection c, DbTransaction? tx, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await c.QueryAsync<SilenceRow>(new CommandDefinition(
            """
            SELECT id AS Id, matcher AS Matcher, created_by AS CreatedBy, reason AS Reason, created_at AS CreatedAt, expires_at AS ExpiresAt
            FROM silences WHERE removed_at IS NULL AND expires_at > @now ORDER BY id;
            """,
            new { now = UnixMs.Of(now) },
            tx,
            cancellationToken: ct));
        return [.. rows.Select(r => new Silence(
            r.Id.ToString(CultureInfo.InvariantCulture),
            JsonSerializer.Deserialize<List<Matcher>>(r.Matcher) ?? [],
            UnixMs.At(r.CreatedAt),
            UnixMs.At(r.ExpiresAt),
            r.CreatedBy,
            r.Reason))];
    }

    /// <summary>Inside the IMMEDIATE transaction, so two deliveries of one update cannot both pass.</summary>
    private static async Task<bool> AlreadyRecordedAsync(SqliteConnection c, DbTransaction tx, long? updateId, CancellationToken ct) =>
        updateId is { } id && await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM audit WHERE update_id = @id;", new { id }, tx, cancellationToken: ct)) > 0;

    private static Task<int> AuditAsync(SqliteConnection c, DbTransaction tx, MutingChange change, string action, string what, string? why, DateTimeOffset? until, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit (at, who, action, what, why, until, update_id) VALUES (@at, @who, @action, @what, @why, @until, @update);",
            new { at = UnixMs.Of(change.At), who = change.By, action, what, why, until = UnixMs.Of(until), update = change.UpdateId },
            tx,
            cancellationToken: ct));

    private static string Describe(IEnumerable<Matcher> matchers) => string.Join(", ", matchers.Select(m => $"{m.Label}={m.Value}"));

    private sealed record SilenceRow(long Id, string Matcher, string CreatedBy, string Reason, long CreatedAt, long ExpiresAt);

    private sealed record AckRow(string Node, string RuleId, long FiringSince, string AckedBy, long AckedAt);
}
