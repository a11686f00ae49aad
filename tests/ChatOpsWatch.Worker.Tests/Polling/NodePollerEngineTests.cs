using ChatOpsWatch.Domain.Text;
using System.Net;
using System.Net.Sockets;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Engine.Policy;
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

/// <summary>
/// The real probe of this machine and a real SQLite file: memory rules set below any real value fire on the
/// first poll; a second poller over the same file (a restarted monitor) must not announce them again.
/// </summary>
public sealed class NodePollerEngineTests : IDisposable
{
    private readonly TcpListener _port = new(IPAddress.Loopback, 0);
    private readonly string _dir = Directory.CreateTempSubdirectory("chatopswatch-engine-").FullName;

    public NodePollerEngineTests() => _port.Start(100);

    public void Dispose()
    {
        _port.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task PollAsync_MetricRuleFiringThenRestart_CommitsStateWithTheMessageAndDoesNotFireAgain()
    {
        var first = await PollOnceAsync();
        var second = await PollOnceAsync();

        var fired = Assert.Single(first.Messages, m => m.Html.Contains("Memory", StringComparison.Ordinal));
        Assert.Contains("CRITICAL", fired.Html, StringComparison.Ordinal);
        Assert.Contains("vps1", fired.Html, StringComparison.Ordinal);
        Assert.False(fired.Silent);
        Assert.Contains(first.EngineStates, a => a.RuleId == "memory" && LiveEngine.Firing(a.State) == Severity.Critical);
        Assert.DoesNotContain(second.Messages, m => m.Html.Contains("Memory", StringComparison.Ordinal));
        Assert.Contains(second.EngineStates, a => a.RuleId == "memory" && LiveEngine.Firing(a.State) == Severity.Critical);
    }

    [Fact]
    public async Task PollAsync_NodeMutedFromTheChat_CommitsTheFiringStateWithoutItsMessage()
    {
        using (var db = SqliteDatabase.Open(Path.Combine(_dir, "watch.db"), TimeProvider.System))
        {
            var now = TimeProvider.System.GetUtcNow();
            var silence = new Silence("", [new Matcher("node", "vps1")], now.AddMinutes(-1), now.AddHours(1), "@alice (42)", "memory test");
            await new SqliteMutingStore(db).RecordAsync(new MutingChange.Mute(silence), CancellationToken.None);
        }

        var muted = await PollOnceAsync();

        Assert.DoesNotContain(muted.Messages, m => m.Html.Contains("Memory", StringComparison.Ordinal));
        Assert.Contains(muted.EngineStates, a => a.RuleId == "memory" && LiveEngine.Firing(a.State) == Severity.Critical);
    }

    /// <summary>One poll by a freshly started monitor (new registry, poller and database handle).</summary>
    private async Task<PollDecision> PollOnceAsync()
    {
        var port = ((IPEndPoint)_port.LocalEndpoint).Port;
        var node = new NodeConfig(
            new NodeInfo("vps1", "p", "r", NodeRole.Core, TimeSpan.FromSeconds(30)),
            new SshTarget("vps1", "127.0.0.1", port, "root", new SshAuth.Password("x")),
            Checks: NodeChecks.Default with { Icmp = false, Plan = VpsPlan.None });
        var rules = ThresholdRule.Defaults.Select(r => r.Metric == MetricNames.MemUsedPct ? r with { Warning = 0, Critical = 0, CriticalFor = 1 } : r with { Warning = 100, Critical = 100 });
        var settings = MonitorSettings.Default with { Rules = [.. rules] };
        var config = new ConfigHolder(new WatchConfig("db", [node], SshSettings.Default, settings, null, TimeSpan.FromMinutes(10)));
        using var db = SqliteDatabase.Open(Path.Combine(_dir, "watch.db"), TimeProvider.System);
        var store = new RecordingStore(new SqliteMonitorStore(db, TimeProvider.System, TextCatalog.English));
        await store.UpsertNodeAsync(node.Info, CancellationToken.None);
        using var registry = new NodeRegistry(new OneRunner(new LocalProbeRunner(ProbeScript.Script, TimeSpan.FromSeconds(10), TimeProvider.System)));
        registry.Apply([node]);
        var side = new MonitorSideChecks(NetworkChecker.Create(TimeProvider.System), new HttpChecker(TimeProvider.System), config, NullLogger<MonitorSideChecks>.Instance);
        var policy = new PollSettings(config, new SqliteMutingStore(db), new SqliteMaintenanceStore(db), NullLogger<PollSettings>.Instance);
        var poller = new NodePoller(registry, policy, store, new NoSignal(), side, TimeProvider.System, NullLogger<NodePoller>.Instance, TextCatalog.English);

        await poller.PollAsync("vps1", CancellationToken.None);

        return Assert.Single(store.Committed);
    }

    private sealed class RecordingStore(IMonitorStore inner) : IMonitorStore
    {
        public List<PollDecision> Committed { get; } = [];

        public Task UpsertNodeAsync(NodeInfo node, CancellationToken ct) => inner.UpsertNodeAsync(node, ct);

        public Task RetireNodeAsync(string node, CancellationToken ct) => inner.RetireNodeAsync(node, ct);

        public Task<IReadOnlyDictionary<string, AlertState>> LoadAlertStatesAsync(string node, CancellationToken ct) => inner.LoadAlertStatesAsync(node, ct);

        public Task<IReadOnlyList<EngineAlert>> LoadEngineStatesAsync(string node, CancellationToken ct) => inner.LoadEngineStatesAsync(node, ct);

        public Task<int> ReplaySamplesAsync(string node, DateTimeOffset since, Action<Sample> visit, CancellationToken ct) => inner.ReplaySamplesAsync(node, since, visit, ct);

        public async Task CommitPollAsync(string node, PollDecision decision, DateTimeOffset now, CancellationToken ct)
        {
            await inner.CommitPollAsync(node, decision, now, ct);
            Committed.Add(decision);
        }

        public Task<IReadOnlyList<NodeStatus>> FleetAsync(CancellationToken ct) => inner.FleetAsync(ct);
    }

    private sealed class OneRunner(IProbeRunner runner) : IProbeRunnerFactory
    {
        public IProbeRunner Create(NodeConfig node) => runner;
    }

    private sealed class NoSignal : IOutboxSignal
    {
        public void Notify()
        {
        }
    }
}
