using ChatOpsWatch.Infrastructure.Storage.Compact;
using Dapper;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// Converts the blobs that schema v15 wrote (format 1) to format 2 (issue 14: <see cref="PointCodec"/>,
/// <see cref="RollupCodec"/>), as a maintenance step: a batch is read outside the write lock, then rewritten in one
/// transaction that stops when its time budget is spent. A blob says its own format, so a kill at any point only means
/// the next run scans again from the start and skips what is converted; readers take either format meanwhile, and a
/// value reads the same before and after. The mark <c>compact:2</c> (schema v16) is there until every row is converted.
/// </summary>
internal sealed class SqliteCompaction(SqliteDatabase db, MaintenanceBudget budget)
{
    public const string Mark = "compact:2";

    private const int BatchRows = 512;

    private static readonly string[] Tables = ["points", "rollups"];

    private bool? _pending;
    private int _table;
    private (long Tier, long Node, long At) _after = (-1, -1, long.MinValue);

    /// <summary>Converts one batch; returns the rows converted (0: nothing left).</summary>
    public async Task<int> StepAsync(CancellationToken ct)
    {
        _pending ??= await db.RunAsync("looking for format-1 samples", async c =>
            await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM storage_marks WHERE name = @Mark;", new { Mark }, cancellationToken: ct)) > 0, ct);
        while (_pending == true)
        {
            var batch = await db.RunAsync("reading format-1 samples", c => Task.FromResult(Read(c)), ct);
            if (batch.Count == 0)
            {
                if (++_table < Tables.Length)
                {
                    _after = (-1, -1, long.MinValue);
                    continue;
                }

                await db.InTransactionAsync("marking the samples converted", (c, tx) =>
                    c.ExecuteAsync(new CommandDefinition("DELETE FROM storage_marks WHERE name = @Mark;", new { Mark }, tx, cancellationToken: ct)), ct);
                _pending = false;
                return 0;
            }

            var old = batch.Where(r => !(_table == 0 ? PointCodec.IsCurrent(r.Data) : RollupCodec.IsCurrent(r.Data))).ToList();
            if (old.Count == 0)
            {
                _after = (batch[^1].Tier, batch[^1].NodeId, batch[^1].At);
                continue; // converted already (before a restart): read on, outside the lock, until a row needs work
            }

            var done = await db.InTransactionAsync("converting format-1 samples", async (c, tx) =>
            {
                var started = budget.Start();
                var n = 0;
                foreach (var r in old)
                {
                    var data = _table == 0 ? PointCodec.Encode(PointCodec.Decode(r.Data)) : Reencode(r.Data);
                    await c.ExecuteAsync(new CommandDefinition(
                        _table == 0
                            ? "UPDATE points SET data = @data WHERE node_id = @NodeId AND at = @At;"
                            : "UPDATE rollups SET data = @data WHERE tier = @Tier AND node_id = @NodeId AND at = @At;",
                        new { data, r.Tier, r.NodeId, r.At },
                        tx,
                        cancellationToken: ct));
                    n++;
                    if (budget.Spent(started))
                    {
                        break;
                    }
                }

                return n;
            }, ct);
            var last = old[done - 1];
            _after = done == old.Count ? (batch[^1].Tier, batch[^1].NodeId, batch[^1].At) : (last.Tier, last.NodeId, last.At);
            return done;
        }

        return 0;
    }

    private static byte[] Reencode(byte[] data)
    {
        var (polls, series) = RollupCodec.Decode(data);
        return RollupCodec.Encode(polls, series);
    }

    private List<Row> Read(Microsoft.Data.Sqlite.SqliteConnection c) =>
        _table == 0
            ? [.. c.Query<(long NodeId, long At, byte[] Data)>(
                "SELECT node_id, at, data FROM points WHERE (node_id, at) > (@Node, @At) ORDER BY node_id, at LIMIT @BatchRows;",
                new { _after.Node, _after.At, BatchRows }).Select(r => new Row(-1, r.NodeId, r.At, r.Data))]
            : [.. c.Query<Row>(
                "SELECT tier AS Tier, node_id AS NodeId, at AS At, data AS Data FROM rollups WHERE (tier, node_id, at) > (@Tier, @Node, @At) ORDER BY tier, node_id, at LIMIT @BatchRows;",
                new { _after.Tier, _after.Node, _after.At, BatchRows })];

    private sealed record Row(long Tier, long NodeId, long At, byte[] Data);
}
