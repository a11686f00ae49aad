using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Worker.Configuration;
using ChatOpsWatch.Worker.Correlation;
using ChatOpsWatch.Worker.Polling;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsWatch.Worker.Tests.Support;

/// <summary>
/// A correlation hub as the monitor builds it, over a real SQLite file: the nodes in a registry (never polled), the
/// muting and maintenance stores the hub consults, and the outbox read back as the rows it committed.
/// </summary>
internal sealed class HubRig : IDisposable
{
    private readonly NodeRegistry _registry = new(new NoRunners());

    public HubRig(SqliteDatabase db, IReadOnlyList<NodeConfig> nodes, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(db);
        Config = new ConfigHolder(new WatchConfig("db", nodes, SshSettings.Default, MonitorSettings.Default, null, TimeSpan.FromMinutes(10)));
        _registry.Apply(nodes);
        var settings = new PollSettings(Config, new SqliteMutingStore(db), new SqliteMaintenanceStore(db), NullLogger<PollSettings>.Instance);
        Hub = new CorrelationHub(new SqliteCorrelationStore(db, TextCatalog.English), settings, _registry, new NoSignal(), TextCatalog.English, time, NullLogger<CorrelationHub>.Instance);
    }

    public ConfigHolder Config { get; }

    public CorrelationHub Hub { get; }

    /// <summary>The html of every outbox row of the database at <paramref name="path"/>, in the order they were queued.</summary>
    public static List<string> Outbox(string path)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=false");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT html FROM outbox ORDER BY id";
        using var r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read())
        {
            rows.Add(r.GetString(0));
        }

        return rows;
    }

    public void Dispose()
    {
        Hub.Dispose();
        _registry.Dispose();
    }

    /// <summary>The hub only reads the registry's node list; these nodes are never polled.</summary>
    private sealed class NoRunners : IProbeRunnerFactory
    {
        public IProbeRunner Create(NodeConfig node) => new Never();

        private sealed class Never : IProbeRunner
        {
            public Task<ProbeRun> RunAsync(CancellationToken ct) => throw new InvalidOperationException("not polled in this test");
        }
    }

    private sealed class NoSignal : IOutboxSignal
    {
        public void Notify()
        {
        }
    }
}
