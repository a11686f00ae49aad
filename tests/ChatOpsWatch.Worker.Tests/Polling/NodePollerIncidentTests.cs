using ChatOpsWatch.Domain.Text;
using System.Net;
using System.Net.Sockets;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Infrastructure.Http;
using ChatOpsWatch.Infrastructure.Local;
using ChatOpsWatch.Infrastructure.Network;
using ChatOpsWatch.Infrastructure.Probe;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Worker.Configuration;
using ChatOpsWatch.Worker.Polling;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsWatch.Worker.Tests.Polling;

/// <summary>The real probe of this machine, a real SQLite file and the system clock (sub-millisecond ticks).</summary>
public sealed class NodePollerIncidentTests : IDisposable
{
    private readonly TcpListener port = new(IPAddress.Loopback, 0);
    private readonly string dir = Directory.CreateTempSubdirectory("chatopswatch-incident-").FullName;

    public NodePollerIncidentTests() => port.Start(100);

    public void Dispose()
    {
        port.Dispose();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task PollAsync_RuleFires_OpensAnIncidentWhoseEpisodeStartIsTheEnginesSoAnAckFromItMatches()
    {
        var node = new NodeConfig(
            new NodeInfo("vps1", "p", "r", NodeRole.Core, TimeSpan.FromSeconds(30)),
            new SshTarget("vps1", "127.0.0.1", ((IPEndPoint)port.LocalEndpoint).Port, "root", new SshAuth.Password("x")),
            Checks: NodeChecks.Default with { Icmp = false, Plan = VpsPlan.None });
        var rules = ThresholdRule.Defaults.Select(r => r.Metric == MetricNames.MemUsedPct ? r with { Warning = 0, Critical = 0, CriticalFor = 1 } : r with { Warning = 100, Critical = 100 });
        var config = new ConfigHolder(new WatchConfig("db", [node], SshSettings.Default, MonitorSettings.Default with { Rules = [.. rules] }, null, TimeSpan.FromMinutes(10)));
        using var db = SqliteDatabase.Open(Path.Combine(dir, "watch.db"), TimeProvider.System);
        var store = new CommitCapture(new SqliteMonitorStore(db, TimeProvider.System, TextCatalog.English));
        await store.UpsertNodeAsync(node.Info, CancellationToken.None);
        using var registry = new NodeRegistry(new OneRunner(new LocalProbeRunner(ProbeScript.Script, TimeSpan.FromSeconds(10), TimeProvider.System)));
        registry.Apply([node]);
        var side = new MonitorSideChecks(NetworkChecker.Create(TimeProvider.System), new HttpChecker(TimeProvider.System), config, NullLogger<MonitorSideChecks>.Instance);
        var settings = new PollSettings(config, new SqliteMutingStore(db), new SqliteMaintenanceStore(db), NullLogger<PollSettings>.Instance);
        var poller = new NodePoller(registry, settings, store, new OutboxSignal(TimeProvider.System), side, TimeProvider.System, NullLogger<NodePoller>.Instance, TextCatalog.English);

        await poller.PollAsync("vps1", CancellationToken.None);

        var incident = Assert.Single(await new SqliteIncidentStore(db, TextCatalog.English).OpenAsync(CancellationToken.None), i => i.RuleId == "memory");
        Assert.Equal(Severity.Critical, incident.Severity);
        var held = Assert.Single(store.Committed!.EngineStates, a => a.RuleId == "memory"); // what the engine keeps in memory
        Assert.Equal(incident.FiringSince, held.State.FiringSince);
    }

    /// <summary>Keeps the committed decision: its engine states are the very values the engine holds in memory.</summary>
    private sealed class CommitCapture(IMonitorStore inner) : IMonitorStore
    {
        public PollDecision? Committed { get; private set; }

        public Task UpsertNodeAsync(NodeInfo node, CancellationToken ct) => inner.UpsertNodeAsync(node, ct);

        public Task RetireNodeAsync(string node, CancellationToken ct) => inner.RetireNodeAsync(node, ct);

        public Task<IReadOnlyDictionary<string, AlertState>> LoadAlertStatesAsync(string node, CancellationToken ct) => inner.LoadAlertStatesAsync(node, ct);

        public Task<IReadOnlyList<Domain.Engine.Live.EngineAlert>> LoadEngineStatesAsync(string node, CancellationToken ct) => inner.LoadEngineStatesAsync(node, ct);

        public Task<int> ReplaySamplesAsync(string node, DateTimeOffset since, Action<Sample> visit, CancellationToken ct) => inner.ReplaySamplesAsync(node, since, visit, ct);

        public async Task CommitPollAsync(string node, PollDecision decision, DateTimeOffset now, CancellationToken ct)
        {
            await inner.CommitPollAsync(node, decision, now, ct);
            Committed = decision;
        }

        public Task<IReadOnlyList<NodeStatus>> FleetAsync(CancellationToken ct) => inner.FleetAsync(ct);
    }

    private sealed class OneRunner(IProbeRunner runner) : IProbeRunnerFactory
    {
        public IProbeRunner Create(NodeConfig node) => runner;
    }
}
