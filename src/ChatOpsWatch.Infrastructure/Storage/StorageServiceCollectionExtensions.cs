using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOpsWatch.Infrastructure.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite database at <paramref name="path"/> and the stores on it. The database is
    /// opened and migrated on first resolution, which throws <see cref="StorageException"/> if it cannot be.
    /// </summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, string path)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => SqliteDatabase.Open(path, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(SqliteCommitOptions.Default);
        services.AddSingleton<IMonitorStore, SqliteMonitorStore>();
        services.AddSingleton<IOutbox, SqliteOutbox>();
        services.AddSingleton<IHostKeyStore, SqliteHostKeyStore>();
        services.AddSingleton<IMutingStore, SqliteMutingStore>();
        return services;
    }
}
