using ChatOpsWatch.Domain.Commands;
using ChatOpsWatch.Domain.Correlation;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Incidents;
using ChatOpsWatch.Domain.Maintenance;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Reports;
using ChatOpsWatch.Infrastructure.Storage.ChatNodes;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsWatch.Infrastructure.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The SQLite provider: the opened and migrated <paramref name="database"/> and every store on it, behind its port
    /// where it has one. The one place a second provider (PostgreSQL) would replace.
    /// </summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, SqliteDatabase database, SqliteCommitOptions commits)
    {
        services.AddSingleton(database);
        services.AddSingleton(commits);
        services.AddSingleton<IMonitorStore, SqliteMonitorStore>();
        services.AddSingleton<IOutbox, SqliteOutbox>();
        services.AddSingleton<IHostKeyStore, SqliteHostKeyStore>();
        services.AddSingleton<IMutingStore, SqliteMutingStore>();
        services.AddSingleton<IReportStore, SqliteReportStore>();
        services.AddSingleton<IIncidentStore, SqliteIncidentStore>();
        services.AddSingleton<IIncidentLog>(sp => sp.GetRequiredService<IIncidentStore>());
        services.AddSingleton<IMaintenanceStore, SqliteMaintenanceStore>();
        services.AddSingleton<ISeriesReader, SqliteSeriesReader>();
        services.AddSingleton<SqliteReminderStore>();
        services.AddSingleton<IChatNodeStore, SqliteChatNodeStore>();
        services.AddSingleton<ICorrelationStore, SqliteCorrelationStore>();
        services.AddSingleton<SqliteLivenessStore>();
        return services;
    }
}
