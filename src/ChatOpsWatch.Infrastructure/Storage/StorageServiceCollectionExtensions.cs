using ChatOpsWatch.Domain.Commands;
using ChatOpsWatch.Domain.Correlation;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Incidents;
using ChatOpsWatch.Domain.Maintenance;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Reports;
using ChatOpsWatch.Domain.SelfWatch;
using ChatOpsWatch.Domain.Storage;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Archive;
using ChatOpsWatch.Infrastructure.Storage.ChatNodes;
using ChatOpsWatch.Domain.Chat.NodeAdmin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsWatch.Infrastructure.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>What the monitor commits with when Storage:CommitTick is not set.</summary>
    public static TimeSpan DefaultCommitTick => SqliteCommitOptions.Default.Tick;

    /// <summary>
    /// The SQLite provider on the file at <paramref name="path"/>: every store behind its port, the store's
    /// <see cref="IStorageLifetime"/> and <see cref="StorageHealth"/>. The file is opened by
    /// <see cref="IStorageLifetime.OpenAsync"/> or, failing that, when a store is first resolved; the read-only ports
    /// (<see cref="IHistoryReader"/>, <see cref="ISelfCheck"/>, <see cref="IStorageStats"/>) never open nor migrate it.
    /// Needs a <see cref="TimeProvider"/> and a <see cref="TextCatalog"/>; uses <see cref="RetentionOptions"/> and, when
    /// registered, <see cref="InfluxOptions"/> (then every poll is spooled for the archive). The one place a second
    /// provider (PostgreSQL, issue 15) replaces.
    /// </summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, string path, TimeSpan commitTick)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        services.AddSingleton(sp => new SqliteStorageLifetime(path, sp.GetRequiredService<TimeProvider>()));
        return services.AddStores(Path.GetFullPath(path), new SqliteCommitOptions(commitTick));
    }

    /// <summary>The same on an already opened <paramref name="database"/>, which its owner closes (tests, benches).</summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, SqliteDatabase database, SqliteCommitOptions commits)
    {
        ArgumentNullException.ThrowIfNull(database);
        services.AddSingleton(new SqliteStorageLifetime(database));
        return services.AddStores(database.FilePath, commits);
    }

    private static IServiceCollection AddStores(this IServiceCollection services, string path, SqliteCommitOptions commits)
    {
        services.AddSingleton<IStorageLifetime>(sp => sp.GetRequiredService<SqliteStorageLifetime>());
        services.AddSingleton(sp => sp.GetRequiredService<SqliteStorageLifetime>().Database);
        services.AddSingleton(sp => sp.GetRequiredService<SqliteDatabase>().Health);
        services.AddSingleton(commits);
        services.AddSingleton<IMonitorStore>(sp => new SqliteMonitorStore(
            sp.GetRequiredService<SqliteDatabase>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<TextCatalog>(),
            commits,
            sp.GetService<InfluxOptions>() is null ? null : sp.GetRequiredService<SqliteArchiveSpool>()));
        services.AddSingleton(sp => new SqliteArchiveSpool(
            sp.GetRequiredService<SqliteDatabase>(),
            sp.GetRequiredService<InfluxOptions>(),
            sp.GetService<ILogger<SqliteArchiveSpool>>() ?? NullLogger<SqliteArchiveSpool>.Instance));
        services.AddSingleton<IArchiveSpool>(sp => sp.GetRequiredService<SqliteArchiveSpool>());
        services.AddSingleton<IOutbox, SqliteOutbox>();
        services.AddSingleton<IHostKeyStore, SqliteHostKeyStore>();
        services.AddSingleton<IMutingStore, SqliteMutingStore>();
        services.AddSingleton<IReportStore, SqliteReportStore>();
        services.AddSingleton<IIncidentStore, SqliteIncidentStore>();
        services.AddSingleton<IIncidentLog>(sp => sp.GetRequiredService<IIncidentStore>());
        services.AddSingleton<IMaintenanceStore, SqliteMaintenanceStore>();
        services.AddSingleton<ISeriesReader, SqliteSeriesReader>();
        services.AddSingleton<IReminderStore, SqliteReminderStore>();
        services.AddSingleton<IChatNodeStore, SqliteChatNodeStore>();
        services.AddSingleton<ICorrelationStore, SqliteCorrelationStore>();
        services.AddSingleton<ILivenessStore, SqliteLivenessStore>();
        services.AddSingleton<IStorageMaintenance>(sp => new SqliteStorageMaintenance(
            sp.GetRequiredService<SqliteDatabase>(),
            Retention(sp),
            sp.GetRequiredService<TextCatalog>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IStorageStats>(sp => new SqliteStorageStats(path, Retention(sp)));
        services.AddSingleton<ISelfCheck>(_ => new SqliteSelfCheck(path));
        services.AddSingleton<IHistoryReader>(_ => SqliteHistory.Open(path));
        return services;
    }

    private static RetentionOptions Retention(IServiceProvider sp) => sp.GetService<RetentionOptions>() ?? RetentionOptions.Default;
}
