using ChatOpsWatch.Domain.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// Deletes what retention let go (<see cref="RetentionPolicy.Cutoff"/>), at most <see cref="RowsPerStep"/> rows and
/// about one <see cref="MaintenanceBudget"/> per transaction so that a poll's commit never waits long behind it. Cutoffs are aligned down to the next tier's bucket,
/// so a bucket is never half deleted and every rollup still has all or none of its raw rows.
/// </summary>
internal static class SqliteRetention
{
    public const int RowsPerStep = 1_000;

    /// <summary>Deletes one batch of <paramref name="tier"/> rows older than its cutoff; returns how many.</summary>
    public static async Task<int> StepAsync(SqliteDatabase db, SampleTier tier, RetentionOptions options, long nowMs, MaintenanceBudget budget, CancellationToken ct) =>
        await db.InMaintenanceTransactionAsync($"pruning {tier} samples", async (c, tx) =>
        {
            var marks = await SqliteRollups.MarksAsync(c, ct);
            var cutoff = RetentionPolicy.Cutoff(tier, options, marks, nowMs);
            if (tier != SampleTier.Hour)
            {
                cutoff = SampleTiers.BucketStart(tier + 1, cutoff);
            }

            return await DeleteOldestAsync(c, tx, tier, cutoff, RowsPerStep, budget, ct);
        }, ct);

    /// <summary>
    /// Deletes up to <paramref name="limit"/> rows of <paramref name="tier"/> taken before <paramref name="before"/>, node
    /// by node, and stops after the node at which <paramref name="budget"/> is spent.
    /// </summary>
    internal static async Task<int> DeleteOldestAsync(
        SqliteConnection c, System.Data.Common.DbTransaction tx, SampleTier tier, long before, int limit, MaintenanceBudget budget, CancellationToken ct)
    {
        var started = budget.Start();
        var (table, where) = tier == SampleTier.Raw ? ("points", "") : ("rollups", "tier = @tier AND ");
        var nodes = await c.QueryAsync<long>(new CommandDefinition(
            $"SELECT i.id FROM node_ids i WHERE EXISTS (SELECT 1 FROM {table} WHERE {where}node_id = i.id AND at < @before);",
            new { before, tier = (int)tier },
            tx,
            cancellationToken: ct));
        var deleted = 0;
        foreach (var node in nodes)
        {
            var left = limit - deleted;
            var until = before;
            if (tier != SampleTier.Hour)
            {
                // The batch ends at a bucket boundary of the next tier, so a kill between batches never leaves a rollup
                // with part of its raw rows (a LIMIT alone cut through buckets). A first bucket larger than the batch
                // goes whole.
                var last = await c.ExecuteScalarAsync<long?>(new CommandDefinition(
                    $"SELECT at FROM {table} WHERE {where}node_id = @node AND at < @before ORDER BY at LIMIT 1 OFFSET @skip;",
                    new { node, before, tier = (int)tier, skip = left },
                    tx,
                    cancellationToken: ct));
                if (last is { } next)
                {
                    var first = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                        $"SELECT min(at) FROM {table} WHERE {where}node_id = @node;",
                        new { node, tier = (int)tier },
                        tx,
                        cancellationToken: ct));
                    var cut = SampleTiers.BucketStart(tier + 1, next);
                    until = Math.Min(before, cut > first ? cut : SampleTiers.BucketStart(tier + 1, first) + SampleTiers.WidthMs(tier + 1));
                }
            }

            deleted += await c.ExecuteAsync(new CommandDefinition(
                $"""
                DELETE FROM {table} WHERE {where}node_id = @node AND at IN
                    (SELECT at FROM {table} WHERE {where}node_id = @node AND at < @until ORDER BY at LIMIT @left);
                """,
                new { node, until, tier = (int)tier, left = tier == SampleTier.Hour ? left : int.MaxValue },
                tx,
                cancellationToken: ct));
            if (deleted >= limit || budget.Spent(started))
            {
                break;
            }
        }

        return deleted;
    }
}
