namespace ChatOpsWatch.Domain.Storage;

/// <summary>What one maintenance step did.</summary>
public enum MaintenanceWork
{
    Idle,
    RolledUp,
    Pruned,
    BudgetPruned,
    Vacuumed,
    Converted,
}

/// <summary>
/// Keeps the sample store within its retention and budget (issue 14), one short transaction per step, so polls
/// interleave with it. Each step throws <see cref="Ports.StorageException"/> when the store cannot be read or written;
/// nothing is half done then.
/// </summary>
public interface IStorageMaintenance
{
    /// <summary>Does the first piece of work due now (rollups, retention, the budget, then giving space back).</summary>
    Task<MaintenanceWork> StepAsync(CancellationToken ct);

    /// <summary>Steps until nothing is due; returns the steps that did something.</summary>
    Task<int> RunUntilIdleAsync(CancellationToken ct);
}
