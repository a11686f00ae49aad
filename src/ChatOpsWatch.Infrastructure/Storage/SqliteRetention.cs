using ChatOpsWatch.Domain.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// Deletes what retention let go (<see cref="RetentionPolicy.Cutoff"/>) in statements of at most
/// <see cref="RowsPerStatement"/> rows of one node, checking the <see cref="MaintenanceBudget"/> after each, so a poll's
/// commit never waits long behind a step. Cutoffs and statements end at the next tier's bucket boundaries, so a bucket
/// is never half deleted and every rollup still has all or none of its raw rows.
/// </summary>
internal static class SqliteRetention
{
    /// <summary>Rows of one node per DELETE: about 1 ms of work, so the budget check between statements bounds a step.</summary>
    public const int RowsPerStatement = 200;

    /// <summary>Deletes <paramref name="tier"/> rows older than its cutoff until none is left or the budget is spent; returns how many.</summary>
    public static async Task<int> StepAsync(SqliteDatabase db, SampleTier tier, RetentionOptions options, long nowMs, MaintenanceBudget budget, CancellationToken ct)
    {
        // Which nodes have rows to delete is read outside the write turn (one seek per node); the cutoff is read again
        // inside it. Marks only move forward, so the inner cutoff is never earlier than this one.
        var nodes = await db.RunAsync($"finding {tier} samples to prune", async c =>
        {
            var cutoff = await CutoffAsync(c, tier, options, nowMs, ct);
            return await NodesBeforeAsync(c, null, tier, cutoff, ct);
        }, ct);
        if (nodes.Count == 0)
        {
            return 0;
        }

        return await db.InMaintenanceTransactionAsync($"pruning {tier} samples", async (c, tx) =>
            await DeleteOldestAsync(c, tx, tier, await CutoffAsync(c, tier, options, nowMs, ct), nodes, budget, ct), ct);
    }

    /// <summary>The nodes with rows of <paramref name="tier"/> taken before <paramref name="before"/>.</summary>
    internal static async Task<List<long>> NodesBeforeAsync(SqliteConnection c, System.Data.Common.DbTransaction? tx, SampleTier tier, long before, CancellationToken ct)
    {
        var (table, where) = Table(tier);
        return [.. await c.QueryAsync<long>(new CommandDefinition(
            $"SELECT i.id FROM node_ids i WHERE EXISTS (SELECT 1 FROM {table} WHERE {where}node_id = i.id AND at < @before);",
            new { before, tier = (int)tier },
            tx,
            cancellationToken: ct))];
    }

    /// <summary>
    /// Deletes rows of <paramref name="tier"/> taken before <paramref name="before"/> of <paramref name="nodes"/>, node by
    /// node in statements of at most <see cref="RowsPerStatement"/> rows, and stops after the statement at which
    /// <paramref name="budget"/> is spent.
    /// </summary>
    internal static async Task<int> DeleteOldestAsync(
        SqliteConnection c, System.Data.Common.DbTransaction tx, SampleTier tier, long before, IReadOnlyList<long> nodes, MaintenanceBudget budget, CancellationToken ct)
    {
        var started = budget.Start();
        var deleted = 0;
        foreach (var node in nodes)
        {
            while (true)
            {
                var n = await DeleteBatchAsync(c, tx, tier, node, before, ct);
                deleted += n;
                if (budget.Spent(started))
                {
                    return deleted;
                }

                if (n == 0)
                {
                    break;
                }
            }
        }

        return deleted;
    }

    private static async Task<long> CutoffAsync(SqliteConnection c, SampleTier tier, RetentionOptions options, long nowMs, CancellationToken ct)
    {
        var cutoff = RetentionPolicy.Cutoff(tier, options, await SqliteRollups.MarksAsync(c, ct), nowMs);
        return tier == SampleTier.Hour ? cutoff : SampleTiers.BucketStart(tier + 1, cutoff);
    }

    /// <summary>One statement: the oldest rows of one node before <paramref name="before"/>, at most <see cref="RowsPerStatement"/>.</summary>
    private static async Task<int> DeleteBatchAsync(SqliteConnection c, System.Data.Common.DbTransaction tx, SampleTier tier, long node, long before, CancellationToken ct)
    {
        var (table, where) = Table(tier);
        var until = before;
        if (tier != SampleTier.Hour)
        {
            // The batch ends at a bucket boundary of the next tier, so a kill between batches never leaves a rollup
            // with part of its raw rows (a LIMIT alone cut through buckets). A first bucket larger than the batch
            // goes whole.
            var last = await c.ExecuteScalarAsync<long?>(new CommandDefinition(
                $"SELECT at FROM {table} WHERE {where}node_id = @node AND at < @before ORDER BY at LIMIT 1 OFFSET @skip;",
                new { node, before, tier = (int)tier, skip = RowsPerStatement },
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

            return await c.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM {table} WHERE {where}node_id = @node AND at < @until;",
                new { node, until, tier = (int)tier },
                tx,
                cancellationToken: ct));
        }

        return await c.ExecuteAsync(new CommandDefinition(
            $"""
            DELETE FROM {table} WHERE {where}node_id = @node AND at IN
                (SELECT at FROM {table} WHERE {where}node_id = @node AND at < @until ORDER BY at LIMIT @limit);
            """,
            new { node, until, tier = (int)tier, limit = RowsPerStatement },
            tx,
            cancellationToken: ct));
    }

    private static (string Table, string Where) Table(SampleTier tier) =>
        tier == SampleTier.Raw ? ("points", "") : ("rollups", "tier = @tier AND ");
}
