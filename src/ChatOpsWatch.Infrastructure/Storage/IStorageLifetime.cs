using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// A storage provider's store as a whole, for the composition root: where it is, and opening it before the host starts
/// (waiting out a lock another process holds, migrating the schema). Stores resolved before <see cref="OpenAsync"/>
/// open it on first use, without the wait (what the CLI verbs do). The provider closes it when the container is disposed.
/// </summary>
public interface IStorageLifetime
{
    /// <summary>Where the store is, for logs (a file path, a server and database).</summary>
    string Location { get; }

    /// <summary>
    /// Opens and migrates the store; says in <paramref name="log"/> what it waits for. Throws
    /// <see cref="Domain.Ports.StorageException"/> when the store cannot be opened (other than a lock, which is waited out).
    /// </summary>
    Task OpenAsync(ILogger log, CancellationToken ct);
}
