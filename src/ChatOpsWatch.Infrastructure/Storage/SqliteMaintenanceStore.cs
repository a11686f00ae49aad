using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Maintenance;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// Maintenance windows in SQLite (schema v7), with their rows in the v5 audit log. A redelivered Telegram update is
/// recognised by its update id in the audit log, inside the same IMMEDIATE transaction, as in <see cref="SqliteMutingStore"/>.
/// A stored cron that no longer parses is skipped, never guessed at.
/// </summary>
public sealed class SqliteMaintenanceStore(SqliteDatabase db) : IMaintenanceStore
{
    public Task<IReadOnlyList<MaintenancePlan>> ActiveAsync(DateTimeOffset now, CancellationToken ct) =>
        db.RunAsync<IReadOnlyList<MaintenancePlan>>(
            "reading the maintenance windows",
            async c => [.. (await LoadAsync(c, null, ct)).Where(p => !p.IsOver(now))],
            ct);

    public long? Version => db.PolicyVersion;

    public async Task<string?> AddAsync(MaintenancePlan plan, long? updateId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        try
        {
            return await AddInTransactionAsync(plan, updateId, ct);
        }
        finally
        {
            db.PolicyChanged();
        }
    }

    public async Task<bool> CancelAsync(string id, string by, DateTimeOffset at, long? updateId, CancellationToken ct)
    {
        try
        {
            return await CancelInTransactionAsync(id, by, at, updateId, ct);
        }
        finally
        {
            db.PolicyChanged();
        }
    }

    private Task<string?> AddInTransactionAsync(MaintenancePlan plan, long? updateId, CancellationToken ct) =>
        db.InTransactionAsync<string?>(
            $"recording a maintenance window by {plan.CreatedBy}",
            async (c, tx) =>
            {
                if (await AlreadyRecordedAsync(c, tx, updateId, ct))
                {
                    return null;
                }

                var once = plan.Timing as MaintenanceTiming.Once;
                var weekly = plan.Timing as MaintenanceTiming.Weekly;
                var id = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                    """
                    INSERT INTO maintenance (matcher, starts_at, ends_at, cron, duration_ms, created_by, reason, created_at)
                    VALUES (@Matcher, @Starts, @Ends, @Cron, @Duration, @By, @Reason, @At) RETURNING id;
                    """,
                    new
                    {
                        Matcher = JsonSerializer.Serialize(plan.Matchers),
                        Starts = UnixMs.Of(once?.Starts),
                        Ends = UnixMs.Of(once?.Ends),
                        Cron = weekly?.Cron.Text,
                        Duration = (long)(once is null ? weekly!.Duration : once.Ends - once.Starts).TotalMilliseconds,
                        By = plan.CreatedBy,
                        Reason = plan.Comment,
                        At = UnixMs.Of(plan.CreatedAt),
                    },
                    tx,
                    cancellationToken: ct));
                var text = id.ToString(CultureInfo.InvariantCulture);
                var until = once?.Ends;
                await AuditAsync(c, tx, plan.CreatedAt, plan.CreatedBy, "maint", $"maintenance {text}: {Describe(plan)}", plan.Comment, until, updateId, ct);
                return text;
            },
            ct);

    private Task<bool> CancelInTransactionAsync(string id, string by, DateTimeOffset at, long? updateId, CancellationToken ct) =>
        db.InTransactionAsync(
            $"cancelling maintenance window {id} by {by}",
            async (c, tx) =>
            {
                if (await AlreadyRecordedAsync(c, tx, updateId, ct)
                    || (await LoadAsync(c, tx, ct)).FirstOrDefault(p => p.Id == id && !p.IsOver(at)) is not { } plan)
                {
                    return false;
                }

                await c.ExecuteAsync(new CommandDefinition(
                    "UPDATE maintenance SET removed_at = @at WHERE id = @id;", new { at = UnixMs.Of(at), id = long.Parse(id, CultureInfo.InvariantCulture) }, tx, cancellationToken: ct));
                await AuditAsync(c, tx, at, by, "unmaint", $"maintenance {id}: {Describe(plan)}", null, null, updateId, ct);
                return true;
            },
            ct);

    private static async Task<List<MaintenancePlan>> LoadAsync(SqliteConnection c, DbTransaction? tx, CancellationToken ct)
    {
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT id AS Id, matcher AS Matcher, starts_at AS StartsAt, ends_at AS EndsAt, cron AS Cron, duration_ms AS DurationMs,
                   created_by AS CreatedBy, reason AS Reason, created_at AS CreatedAt
            FROM maintenance WHERE removed_at IS NULL ORDER BY id;
            """,
            transaction: tx,
            cancellationToken: ct));
        var plans = new List<MaintenancePlan>();
        foreach (var r in rows)
        {
            MaintenanceTiming? timing = r switch
            {
                { StartsAt: { } s, EndsAt: { } e } => new MaintenanceTiming.Once(UnixMs.At(s), UnixMs.At(e)),
                { Cron: { } cron } when WeeklyCron.Parse(cron).Cron is { } parsed => new MaintenanceTiming.Weekly(parsed, TimeSpan.FromMilliseconds(r.DurationMs)),
                _ => null,
            };
            if (timing is not null)
            {
                var matchers = JsonSerializer.Deserialize<List<Matcher>>(r.Matcher) ?? [];
                plans.Add(new MaintenancePlan(r.Id.ToString(CultureInfo.InvariantCulture), matchers, timing, r.CreatedBy, r.Reason, UnixMs.At(r.CreatedAt)));
            }
        }

        return plans;
    }

    private static async Task<bool> AlreadyRecordedAsync(SqliteConnection c, DbTransaction tx, long? updateId, CancellationToken ct) =>
        updateId is { } id && await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM audit WHERE update_id = @id;", new { id }, tx, cancellationToken: ct)) > 0;

    private static Task<int> AuditAsync(
        SqliteConnection c, DbTransaction tx, DateTimeOffset at, string who, string action, string what, string? why, DateTimeOffset? until, long? updateId, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit (at, who, action, what, why, until, update_id) VALUES (@at, @who, @action, @what, @why, @until, @update);",
            new { at = UnixMs.Of(at), who, action, what, why, until = UnixMs.Of(until), update = updateId },
            tx,
            cancellationToken: ct));

    private static string Describe(MaintenancePlan plan) =>
        string.Join(", ", plan.Matchers.Select(m => $"{m.Label}={m.Value}")) + plan.Timing switch
        {
            MaintenanceTiming.Once o => $" from {o.Starts:O} to {o.Ends:O}",
            MaintenanceTiming.Weekly w => $" weekly '{w.Cron.Text}' for {w.Duration}",
            _ => string.Empty,
        };

    private sealed record Row
    {
        public long Id { get; init; }

        public string Matcher { get; init; } = "";

        public long? StartsAt { get; init; }

        public long? EndsAt { get; init; }

        public string? Cron { get; init; }

        public long DurationMs { get; init; }

        public string CreatedBy { get; init; } = "";

        public string Reason { get; init; } = "";

        public long CreatedAt { get; init; }
    }
}
