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
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Domain.Chat.NodeAdmin;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsWatch.Infrastructure.Tests.Storage;

/// <summary>Issue 16: the SQLite provider registers every store itself, so the composition root names no store.</summary>
public sealed class SqliteStorageRegistrationTests : IDisposable
{
    private readonly TestDb _db = new();

    public static TheoryData<Type> Ports =>
    [
        typeof(IMonitorStore), typeof(IOutbox), typeof(IHostKeyStore), typeof(IMutingStore), typeof(IReportStore),
        typeof(IIncidentStore), typeof(IIncidentLog), typeof(IMaintenanceStore), typeof(ISeriesReader), typeof(IChatNodeStore),
        typeof(ICorrelationStore), typeof(IReminderStore), typeof(ILivenessStore), typeof(IStorageMaintenance), typeof(IStorageStats),
        typeof(ISelfCheck), typeof(IHistoryReader), typeof(IStorageLifetime), typeof(StorageHealth),
    ];

    [Theory]
    [MemberData(nameof(Ports))]
    public void AddSqliteStorage_ResolvesEveryStore_OnTheOneDatabase(Type port)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_db.Time);
        services.AddSingleton(TextCatalog.English);
        services.AddSqliteStorage(_db.Database, SqliteCommitOptions.Default);
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        Assert.NotNull(provider.GetRequiredService(port));
        Assert.Same(_db.Database, provider.GetRequiredService<SqliteDatabase>());
    }

    public void Dispose() => _db.Dispose();
}
