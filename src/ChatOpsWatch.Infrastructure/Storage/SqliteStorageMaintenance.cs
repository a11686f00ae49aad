using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Storage;
using ChatOpsWatch.Domain.Text;
using Dapper;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// Keeps the sample store within its retention and budget (issue 14), one short transaction per step: rollups first
/// (5 minutes, then hours), then retention by age (raw, 5 minutes, hours), then the conversion of format-1 blobs
/// (<see cref="SqliteCompaction"/>), then the size budget (Storage:MaxSizeMb:
/// the oldest rollups go first, and the operators are told once through the outbox), and when nothing else is due one
/// <c>incremental_vacuum</c> step. Each write step holds the write lock for about <see cref="MaintenanceBudget.Default"/>
/// at most (it stops at the next unit of work once spent) and takes its turn after the poll commits
/// (<see cref="WriteTurns"/>). The decisions are <see cref="RetentionPolicy"/>'s; time comes from the TimeProvider.
/// Every step throws <see cref="Domain.Ports.StorageException"/> when the file cannot be read or written; nothing is
/// half done then (each step is one transaction).
/// </summary>
public sealed class SqliteStorageMaintenance(SqliteDatabase db, RetentionOptions options, TextCatalog texts, TimeProvider time) : IStorageMaintenance
{
    /// <summary>Free pages given back per <c>incremental_vacuum</c> (4 KB each); a step repeats it within its time budget.</summary>
    public const int VacuumPages = 32;

    /// <summary>At most this many pages per vacuum step (1 MB), whatever the clock says: moving a page costs more on a cold cache.</summary>
    public const int VacuumPagesPerStep = 256;

    private const string BudgetMark = "budget:told";

    private readonly MaintenanceBudget _budget = new(MaintenanceBudget.Default, time, db.Turns);
    private readonly SqliteCompaction _compaction = new(db, new MaintenanceBudget(MaintenanceBudget.Default, time, db.Turns));

    public async Task<MaintenanceWork> StepAsync(CancellationToken ct)
    {
        var now = UnixMs.Of(time.GetUtcNow());
        foreach (var tier in (SampleTier[])[SampleTier.FiveMinutes, SampleTier.Hour])
        {
            if (await SqliteRollups.StepAsync(db, tier, now, _budget, ct) > 0)
            {
                return MaintenanceWork.RolledUp;
            }
        }

        foreach (var tier in (SampleTier[])[SampleTier.Raw, SampleTier.FiveMinutes, SampleTier.Hour])
        {
            if (await SqliteRetention.StepAsync(db, tier, options, now, _budget, ct) > 0)
            {
                return MaintenanceWork.Pruned;
            }
        }

        if (await _compaction.StepAsync(ct) > 0)
        {
            return MaintenanceWork.Converted;
        }

        if (await BudgetStepAsync(ct))
        {
            return MaintenanceWork.BudgetPruned;
        }

        // Counted outside the write turn, so an idle step does not make a poll wait.
        if (await db.RunAsync("counting free pages", c => c.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA freelist_count;", cancellationToken: ct)), ct) == 0)
        {
            return MaintenanceWork.Idle;
        }

        var freed = await db.RunMaintenanceAsync("vacuuming freed pages", c => Task.FromResult(SqliteVacuum.Step(c, VacuumPages, VacuumPagesPerStep, _budget)), ct);
        return freed > 0 ? MaintenanceWork.Vacuumed : MaintenanceWork.Idle;
    }

    public async Task<int> RunUntilIdleAsync(CancellationToken ct)
    {
        var steps = 0;
        while (await StepAsync(ct) != MaintenanceWork.Idle)
        {
            steps++;
        }

        return steps;
    }

    private async Task<bool> BudgetStepAsync(CancellationToken ct)
    {
        if (options.MaxBytes is null)
        {
            return false;
        }

        return await db.InMaintenanceTransactionAsync("keeping the storage budget", async (c, tx) =>
        {
            var used = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT (SELECT page_count FROM pragma_page_count()) - (SELECT freelist_count FROM pragma_freelist_count());", transaction: tx, cancellationToken: ct))
                * await c.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA page_size;", transaction: tx, cancellationToken: ct));
            var oldest5 = await OldestAsync(c, tx, SampleTier.FiveMinutes, ct);
            var oldestHour = await OldestAsync(c, tx, SampleTier.Hour, ct);
            var told = await c.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT value FROM storage_marks WHERE name = @BudgetMark;", new { BudgetMark }, tx, cancellationToken: ct));
            if (RetentionPolicy.OverBudget(used, options.MaxBytes, oldest5, oldestHour) is not { } tier)
            {
                if (told is not null && used <= options.MaxBytes)
                {
                    await c.ExecuteAsync(new CommandDefinition("DELETE FROM storage_marks WHERE name = @BudgetMark;", new { BudgetMark }, tx, cancellationToken: ct));
                }

                return false;
            }

            var oldest = (tier == SampleTier.Hour ? oldestHour : oldest5)!.Value;
            if (told is null)
            {
                var html = texts.Format("storage.budget", StorageSummary.Size(used), options.MaxBytes!.Value / (1024 * 1024), texts[StorageSummary.TierKey(tier)], UnixMs.At(oldest).UtcDateTime);
                await OutboxSql.InsertAsync(c, tx, new OutboxMessage(MessageKind.Info, Domain.Alerts.Severity.Warning, html), time.GetUtcNow(), ct);
                await c.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO storage_marks (name, value) VALUES (@BudgetMark, @At);", new { BudgetMark, At = UnixMs.Of(time.GetUtcNow()) }, tx, cancellationToken: ct));
            }

            // The oldest day of the tier, a batch at a time; the freed pages make `used` fall at once.
            var before = oldest + 86_400_000;
            var nodes = await SqliteRetention.NodesBeforeAsync(c, tx, tier, before, ct);
            return await SqliteRetention.DeleteOldestAsync(c, tx, tier, before, nodes, _budget, ct) > 0;
        }, ct);
    }

    private static Task<long?> OldestAsync(Microsoft.Data.Sqlite.SqliteConnection c, System.Data.Common.DbTransaction tx, SampleTier tier, CancellationToken ct) =>
        c.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT min(m) FROM (SELECT (SELECT min(at) FROM rollups WHERE tier = @tier AND node_id = i.id) AS m FROM node_ids i);",
            new { tier = (int)tier },
            tx,
            cancellationToken: ct));
}
