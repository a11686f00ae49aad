using ChatOpsWatch.Domain.Text;
using System.Net;
using System.Net.Sockets;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Vps;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Infrastructure.Http;
using ChatOpsWatch.Infrastructure.Local;
using ChatOpsWatch.Infrastructure.Network;
using ChatOpsWatch.Infrastructure.Probe;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Worker.Configuration;
using ChatOpsWatch.Worker.Polling;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsWatch.Worker.Tests.Polling;

/// <summary>The real probe of this machine stands in for the node; the monitor-side checks go to a listener on 127.0.0.1.</summary>
public sealed class NodePollerSideChecksTests : IDisposable
{
    private readonly TcpListener _port = new(IPAddress.Loopback, 0);
    private readonly RecordingStore _store = new();

    public NodePollerSideChecksTests() => _port.Start(100);

    public void Dispose() => _port.Dispose();

    private (NodePoller Poller, NodeRegistry Registry) Poller(IProbeRunner runner, VpsPlan plan, ProbeNoiseNotices? notices = null)
    {
        var port = ((IPEndPoint)_port.LocalEndpoint).Port;
        var node = new NodeConfig(
            new NodeInfo("vps1", "p", "r", NodeRole.Core, TimeSpan.FromSeconds(30)),
            new SshTarget("vps1", "127.0.0.1", port, "root", new SshAuth.Password("x")),
            Checks: NodeChecks.Default with { Icmp = false, TcpPorts = [port], Plan = plan });
        var config = new ConfigHolder(new WatchConfig("db", [node], SshSettings.Default, MonitorSettings.Default, null, TimeSpan.FromMinutes(10)));
        var registry = new NodeRegistry(new OneRunner(runner));
        registry.Apply([node]);
        var side = new MonitorSideChecks(NetworkChecker.Create(TimeProvider.System), new HttpChecker(TimeProvider.System), config, NullLogger<MonitorSideChecks>.Instance);
        var settings = new PollSettings(config, new NoMuting(), new NoMaintenance(), NullLogger<PollSettings>.Instance);
        return (new NodePoller(registry, settings, _store, new NoSignal(), side, TimeProvider.System, NullLogger<NodePoller>.Instance, TextCatalog.English, noiseNotices: notices), registry);
    }

    [Fact]
    public async Task PollAsync_ProbeSucceeds_CommitsNodeAndMonitorSideValuesInOneSample()
    {
        var (poller, registry) = Poller(new LocalProbeRunner(ProbeScript.Script, TimeSpan.FromSeconds(10), TimeProvider.System), new VpsPlan(new DateOnly(2099, 1, 1), 14, null, 1));
        using var _ = registry;

        await poller.PollAsync("vps1", CancellationToken.None);

        var sample = Assert.Single(_store.Committed).Sample!;
        var port = ((IPEndPoint)_port.LocalEndpoint).Port;
        Assert.NotNull(sample.Get(MetricNames.MemUsedPct));
        Assert.Equal(0, sample.Get($"net.loss_pct{{method=tcp,port={port}}}"));
        Assert.Equal(0, sample.Get("node.ip_changed"));
        Assert.True(sample.Get("node.expiry_days") > 0);
    }

    [Fact]
    public async Task PollAsync_ThreeKilobyteBannerBeforeTheProbe_ReadsEveryIndicatorAndSendsOneNotice()
    {
        // What an rc file's echo does to an exec: the text comes first on stdout, with an escape sequence in it.
        const string Banner = "i=0; while [ $i -lt 56 ]; do printf '\\033[1m*** Authorised access only. All activity is logged ***\\n'; i=$((i+1)); done\n";
        var runner = new LocalProbeRunner(Banner + ProbeScript.For(ProbeTargets.None, ProbeNonce.For("vps1")), TimeSpan.FromSeconds(10), TimeProvider.System);
        var outbox = new CollectingOutbox();
        var notices = new ProbeNoiseNotices(new OutboxWriter(outbox, new NoSignal(), TimeProvider.System), Domain.Text.TextCatalog.English, NullLogger<ProbeNoiseNotices>.Instance);
        var (poller, registry) = Poller(runner, VpsPlan.None, notices);
        using var _ = registry;

        await poller.PollAsync("vps1", CancellationToken.None);
        await poller.PollAsync("vps1", CancellationToken.None);

        var sample = _store.Committed[^1].Sample;
        Assert.NotNull(sample);
        Assert.NotNull(sample.Get(MetricNames.CpuBusyPct));
        Assert.NotNull(sample.Get(MetricNames.MemUsedPct));
        var notice = Assert.Single(outbox.Messages);
        Assert.Equal(Domain.Notifications.MessageKind.Info, notice.Kind);
        Assert.Contains("prints 3304 characters (56 lines) before the probe output", notice.Html, StringComparison.Ordinal);
        Assert.Contains("\\x1b[1m*** Authorised", notice.Html, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', notice.Html);
    }

    [Fact]
    public async Task PollAsync_ProbeFails_CommitsNoSampleSoUnreachableCountsAsBefore()
    {
        var (poller, registry) = Poller(new FailingRunner(), VpsPlan.None);
        using var _ = registry;

        await poller.PollAsync("vps1", CancellationToken.None);

        var decision = Assert.Single(_store.Committed);
        Assert.Null(decision.Sample);
    }

    [Fact]
    public async Task PollAsync_FirstPollAfterRestart_ResumesTheCycleTotalFromTheLastSample()
    {
        var last = new Sample("vps1", TimeProvider.System.GetUtcNow().AddSeconds(-30), new Dictionary<string, double> { ["traffic.cycle_used_bytes"] = 7e9 });
        _store.Latest = last;
        var (poller, registry) = Poller(new LocalProbeRunner(ProbeScript.Script, TimeSpan.FromSeconds(10), TimeProvider.System), new VpsPlan(null, 14, 100, 1));
        using var _ = registry;

        await poller.PollAsync("vps1", CancellationToken.None);

        var sample = Assert.Single(_store.Committed).Sample!;
        var sameCycle = BillingCycle.StartOf(last.At, 1) == BillingCycle.StartOf(sample.At, 1);
        Assert.Equal(sameCycle ? 7e9 : 0, sample.Get("traffic.cycle_used_bytes")); // a new cycle starts from 0
        Assert.Equal(sameCycle ? 7 : 0, sample.Get("traffic.quota_used_pct")!.Value, 6);
    }

    internal sealed class RecordingStore : IMonitorStore
    {
        public List<PollDecision> Committed { get; } = [];

        public Sample? Latest { get; set; }

        public Task UpsertNodeAsync(NodeInfo node, CancellationToken ct) => Task.CompletedTask;

        public Task RetireNodeAsync(string node, CancellationToken ct) => Task.CompletedTask;

        public Task<IReadOnlyDictionary<string, AlertState>> LoadAlertStatesAsync(string node, CancellationToken ct) =>
            Task.FromResult<IReadOnlyDictionary<string, AlertState>>(new Dictionary<string, AlertState>());

        public Task<IReadOnlyList<EngineAlert>> LoadEngineStatesAsync(string node, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<EngineAlert>>([]);

        public Task<int> ReplaySamplesAsync(string node, DateTimeOffset since, Action<Sample> visit, CancellationToken ct) => Task.FromResult(0);

        public Task CommitPollAsync(string node, PollDecision decision, DateTimeOffset now, CancellationToken ct)
        {
            Committed.Add(decision);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<NodeStatus>> FleetAsync(CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<NodeStatus>>([new NodeStatus(new NodeInfo("vps1", "p", "r", NodeRole.Core, TimeSpan.FromSeconds(30)), Latest, [])]);
    }

    internal sealed class OneRunner(IProbeRunner runner) : IProbeRunnerFactory
    {
        public IProbeRunner Create(NodeConfig node) => runner;
    }

    private sealed class FailingRunner : IProbeRunner
    {
        public Task<ProbeRun> RunAsync(CancellationToken ct) => Task.FromResult<ProbeRun>(new ProbeRun.Failure("connection refused"));
    }

    internal sealed class NoMuting : IMutingStore
    {
        public Task<MutingState> ActiveAsync(DateTimeOffset now, CancellationToken ct) => Task.FromResult(MutingState.None);

        public Task<IReadOnlyList<string>> RecordAsync(MutingChange change, CancellationToken ct) => throw new NotSupportedException();
    }

    internal sealed class NoMaintenance : ChatOpsWatch.Domain.Maintenance.IMaintenanceStore
    {
        public Task<IReadOnlyList<ChatOpsWatch.Domain.Maintenance.MaintenancePlan>> ActiveAsync(DateTimeOffset now, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<ChatOpsWatch.Domain.Maintenance.MaintenancePlan>>([]);

        public Task<string?> AddAsync(ChatOpsWatch.Domain.Maintenance.MaintenancePlan plan, long? updateId, CancellationToken ct) => throw new NotSupportedException();

        public Task<bool> CancelAsync(string id, string by, DateTimeOffset at, long? updateId, CancellationToken ct) => throw new NotSupportedException();
    }

    internal sealed class NoSignal : IOutboxSignal
    {
        public void Notify()
        {
        }
    }
}
