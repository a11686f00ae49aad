namespace ChatOpsWatch.Domain.Maintenance;

/// <summary>
/// Where maintenance windows and their audit rows are kept. Every method throws <see cref="Ports.StorageException"/>
/// when the store cannot be read or written; a failed write changed nothing (the change and its audit row are one
/// transaction). <c>updateId</c> is the Telegram update that asked: a redelivered update changes nothing twice.
/// </summary>
public interface IMaintenanceStore
{
    /// <summary>The windows not cancelled and not over at <paramref name="now"/>, oldest first.</summary>
    Task<IReadOnlyList<MaintenancePlan>> ActiveAsync(DateTimeOffset now, CancellationToken ct);

    /// <summary>Stores the plan (its Id is ignored) and returns the id given, or null when the update was already applied.</summary>
    Task<string?> AddAsync(MaintenancePlan plan, long? updateId, CancellationToken ct);

    /// <summary>Cancels a window that is still active; false when there is none with that id or the update was already applied.</summary>
    Task<bool> CancelAsync(string id, string by, DateTimeOffset at, long? updateId, CancellationToken ct);

    /// <summary>
    /// A number that changes whenever a write may have changed what <see cref="ActiveAsync"/> returns, so a reader may keep
    /// what it read while the number stays the same; null when the store cannot tell (then every read goes to the store).
    /// </summary>
    long? Version => null;
}
