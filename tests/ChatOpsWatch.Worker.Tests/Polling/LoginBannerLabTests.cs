using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Security;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Infrastructure.Http;
using ChatOpsWatch.Infrastructure.Network;
using ChatOpsWatch.Infrastructure.Probe;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Testing.Lab;
using ChatOpsWatch.Worker.Configuration;
using ChatOpsWatch.Worker.Polling;
using Microsoft.Extensions.Logging.Abstractions;
using static ChatOpsWatch.Worker.Tests.Polling.NodePollerSideChecksTests;

namespace ChatOpsWatch.Worker.Tests.Polling;

/// <summary>
/// Two real sshd nodes (lab prefix "ban", net 244). Node 1's login prints a 3 KB banner before every command, as an
/// echo in a shell rc file does: sshd runs a login wrapper (lab.sh sshd-extra "ForceCommand") that prints it and then
/// runs the command it was given. sshd's own Banner and motd never reach an exec's output. (BASH_ENV would reach
/// every bash script the login runs, such as an rc file's <c>eval "$(tool init -)"</c>, and break those instead.)
/// Node 2 is plain.
/// </summary>
public sealed class LoginBannerLabFixture : IAsyncLifetime
{
    public LabNodes Lab { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Lab = await LabNodes.StartAsync(2, "ban", 244);
        var banner = Path.Combine(Lab.Directory, "banner.txt");
        var line = new string('*', 10) + " \u001b[1mAuthorised access only. All activity is logged.\u001b[0m " + new string('*', 10);
        await File.WriteAllTextAsync(banner, string.Concat(Enumerable.Repeat(line + "\n", (3072 / (line.Length + 1)) + 1)));
        var login = Path.Combine(Lab.Directory, "login.sh");
        await File.WriteAllTextAsync(login, $"cat '{banner}'\nexec /bin/sh -c \"$SSH_ORIGINAL_COMMAND\"\n");
        await Lab.RunAsync("sshd-extra", Lab.Nodes[0].Name, $"ForceCommand /bin/sh {login}");
    }

    public async Task DisposeAsync() => await Lab.DisposeAsync();
}

public sealed class LoginBannerLabTests(LoginBannerLabFixture fixture) : IClassFixture<LoginBannerLabFixture>
{
    [Fact]
    public async Task PollAsync_NodeWhoseLoginPrintsA3KBanner_IsPolledWithEveryIndicatorAndNoticedOnce()
    {
        var outbox = new CollectingOutbox();
        var notices = new ProbeNoiseNotices(new OutboxWriter(outbox, new NoSignal(), TimeProvider.System), Domain.Text.TextCatalog.English, NullLogger<ProbeNoiseNotices>.Instance);

        var banner = await PollThreeTimesAsync(fixture.Lab.Nodes[0], notices);
        var plain = await PollThreeTimesAsync(fixture.Lab.Nodes[1], null);

        Assert.True(banner.Committed.All(d => d.Sample is not null), "every poll stores a sample; sent: " + string.Join(" | ", banner.Committed.SelectMany(d => d.Messages).Select(m => m.Html)));
        Assert.Equal(Keys(plain.Committed[^1].Sample!), Keys(banner.Committed[^1].Sample!)); // every indicator the plain node gives
        Assert.NotNull(banner.Committed[^1].Sample!.Get(Domain.Samples.MetricNames.CpuBusyPct));
        var notice = Assert.Single(outbox.Messages);
        Assert.Equal(MessageKind.Info, notice.Kind);
        Assert.Matches(@"prints 3\d\d\d characters \(\d+ lines\) before the probe output", notice.Html);
        Assert.Contains("\\x1b[1mAuthorised access only", notice.Html, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', notice.Html);
        // The lab machine's own load may raise metric alerts; nothing may say the node or its output is broken.
        string[] health = [ReachabilityEvaluator.RuleId, NodeMonitor.ProbeRuleId, NodeMonitor.HostKeyRuleId, NodeMonitor.CryptoRuleId];
        Assert.DoesNotContain(banner.Committed.SelectMany(d => d.Messages), m => m.Incident is { } i && health.Contains(i.RuleId));
    }

    /// <summary>The sample's indicator names, the node's own name (in its interface's name) made neutral.</summary>
    private static List<string> Keys(Domain.Samples.Sample s) =>
        [.. s.Values.Keys.Select(k => k.Replace(s.Node, "NODE", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task PollAsync_FirstPollOfANodeWithPriming_StoresCpuInItsVeryFirstSample()
    {
        // Without priming the first sample has no CPU (a delta of /proc/stat), and /status showed "cpu ?" for an interval.
        var unprimed = await PollTimesAsync(fixture.Lab.Nodes[1], null, 1, null);
        var primed = await PollTimesAsync(fixture.Lab.Nodes[1], null, 1, new PollPriming(TimeSpan.FromSeconds(1)));

        Assert.Null(Assert.Single(unprimed.Committed).Sample!.Get(Domain.Samples.MetricNames.CpuBusyPct));
        Assert.InRange(Assert.Single(primed.Committed).Sample!.Get(Domain.Samples.MetricNames.CpuBusyPct)!.Value, 0, 100);
    }

    private Task<RecordingStore> PollThreeTimesAsync(LabNode lab, ProbeNoiseNotices? notices) => PollTimesAsync(lab, notices, 3, null);

    private async Task<RecordingStore> PollTimesAsync(LabNode lab, ProbeNoiseNotices? notices, int times, PollPriming? priming)
    {
        var ssh = SshSettings.Default with { HeartbeatInterval = TimeSpan.Zero };
        var node = new NodeConfig(
            new NodeInfo(lab.Name, "lab", "ns", NodeRole.Core, TimeSpan.FromSeconds(30)),
            new SshTarget(lab.Name, lab.Address, lab.Port, "root", new SshAuth.KeyFile(fixture.Lab.Ed25519Key, null)),
            Checks: NodeChecks.Default with { Icmp = false, TcpPorts = [] });
        using var session = new SshNodeSession(
            node.Ssh!, ProbeScript.RemoteCommand(ssh.ProbeDeadline, ProbeTargets.None, ProbeNonce.For(lab.Name)), ssh, new TrustingKeys(), TimeProvider.System, NullLogger<SshNodeSession>.Instance, TextCatalog.English);
        var config = new ConfigHolder(new WatchConfig("db", [node], ssh, MonitorSettings.Default, null, TimeSpan.FromMinutes(10)));
        using var registry = new NodeRegistry(new OneRunner(session));
        registry.Apply([node]);
        var side = new MonitorSideChecks(NetworkChecker.Create(TimeProvider.System), new HttpChecker(TimeProvider.System), config, NullLogger<MonitorSideChecks>.Instance);
        var settings = new PollSettings(config, new NoMuting(), new NoMaintenance(), NullLogger<PollSettings>.Instance);
        var store = new RecordingStore();
        var poller = new NodePoller(registry, settings, store, new NoSignal(), side, TimeProvider.System, NullLogger<NodePoller>.Instance, TextCatalog.English, noiseNotices: notices, priming: priming);
        for (var i = 0; i < times; i++)
        {
            await poller.PollAsync(lab.Name, CancellationToken.None);
            await Task.Delay(1100); // CPU and rates come from two probes at least a tick apart
        }

        return store;
    }

    private sealed class TrustingKeys : IHostKeyStore
    {
        private readonly List<PinnedHostKey> _pins = [];

        public Task<IReadOnlyList<PinnedHostKey>> PinsAsync(string node, CancellationToken ct) => Task.FromResult<IReadOnlyList<PinnedHostKey>>([.. _pins]);

        public Task PinAsync(PinnedHostKey pin, OutboxMessage? announcement, DateTimeOffset now, CancellationToken ct)
        {
            _pins.Add(pin);
            return Task.CompletedTask;
        }

        public Task ForgetAsync(string node, CancellationToken ct)
        {
            _pins.Clear();
            return Task.CompletedTask;
        }
    }
}
