using System.Diagnostics;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Testing.FakeBotApi;
using ChatOpsWatch.Worker.Tests.Support;
using Xunit.Abstractions;

namespace ChatOpsWatch.Worker.Tests.EndToEnd;

/// <summary>
/// Issue 4's lab acceptance for correlation, with the real chatopswatch process and real sshd nodes: five nodes of one
/// region fail together → one outage message, and one resolution; with the canary closed → "monitor isolated" and no
/// node alerts; a node cut off from the monitor only, while its vantage still reaches it → "path problem".
/// Timings observed are written to the test output.
/// </summary>
[Collection(CorrelationLabGroup.Name)]
public sealed class CorrelationEndToEndTests(CorrelationLab lab, ITestOutputHelper output) : IAsyncLifetime
{
    private const long OpsChat = -1001;
    private readonly string _workDir = Directory.CreateTempSubdirectory("cow-cor-").FullName;
    private readonly FakeBotApiServer _bot = FakeBotApiServer.Start();
    private WorkerProcess? _worker;

    private async Task StartWorkerAsync(Dictionary<string, string>? env = null)
    {
        _worker = WorkerProcess.Start(_workDir, env ?? lab.Environment(_bot.BaseUrl, _bot.Token, OpsChat));
        await _bot.WaitUntilSentAsync(
            sent => _worker.HasExited || lab.Nodes.All(n => sent.Any(m => Plain(m).Contains("Pinned the SSH host key", StringComparison.Ordinal) && Plain(m).Contains(n.Name, StringComparison.Ordinal))),
            TimeSpan.FromSeconds(40));
        Assert.False(_worker.HasExited, _worker.Output);
        // Every node polled successfully at least once since the pins.
        await Task.Delay(TimeSpan.FromSeconds(3));
    }

    private List<SentMessage> NodeAlerts() =>
        [.. _bot.Sent.Where(m => lab.Nodes.Any(n => Plain(m).Contains($"· {n.Name} (", StringComparison.Ordinal)) && !Plain(m).Contains("Pinned", StringComparison.Ordinal))];

    private static string Plain(SentMessage m) => Html.ToPlainText(m.Text);

    [Fact]
    public async Task Lab_FiveNodesOfOneRegionGoDownAndComeBack_OneOutageMessageThenOneResolution()
    {
        await StartWorkerAsync();
        var before = _bot.Sent.Count;

        var clock = Stopwatch.StartNew();
        await lab.StopAllAsync();
        var opened = await _bot.NextAsync(before, m => Plain(m).Contains("OUTAGE", StringComparison.Ordinal), TimeSpan.FromSeconds(40));
        var openedAfter = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(6)); // three more polls: no per-node message may follow

        Assert.Contains("region lab-tokyo: 5 of 5 nodes unreachable", Plain(opened), StringComparison.Ordinal);
        Assert.All(lab.Nodes, n => Assert.Contains(n.Name, Plain(opened), StringComparison.Ordinal));
        Assert.False(opened.DisableNotification);

        clock.Restart();
        await lab.StartAllAsync();
        var resolved = await _bot.NextAsync(before, m => Plain(m).Contains("RESOLVED", StringComparison.Ordinal), TimeSpan.FromSeconds(40));
        var resolvedAfter = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(4));

        Assert.Contains("region lab-tokyo: all 5 reachable again after", Plain(resolved), StringComparison.Ordinal);
        var news = _bot.Sent.Skip(before).ToList();
        Assert.True(news.Count == 2, string.Join("\n---\n", news.Select(Plain)));
        Assert.Empty(NodeAlerts());
        output.WriteLine($"outage message {openedAfter.TotalSeconds:0.0} s after the 5 sshd stopped; resolution {resolvedAfter.TotalSeconds:0.0} s after they started");
    }

    [Fact]
    public async Task Lab_CanaryUnreachableWhileNodesFail_MonitorIsolatedAndNoNodeAlerts()
    {
        await StartWorkerAsync();
        var before = _bot.Sent.Count;

        var clock = Stopwatch.StartNew();
        lab.CloseCanary();
        await lab.StopAllAsync();
        var isolated = await _bot.NextAsync(before, m => Plain(m).Contains("MONITOR ISOLATED", StringComparison.Ordinal), TimeSpan.FromSeconds(40));
        var isolatedAfter = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(10)); // longer than the hold: nothing else may go out

        Assert.Contains($"canaries unreachable (127.0.0.1:{lab.CanaryPort})", Plain(isolated), StringComparison.Ordinal);
        Assert.Single(_bot.Sent.Skip(before));

        await lab.StartAllAsync();
        await Task.Delay(TimeSpan.FromSeconds(5)); // the nodes answer again before the canary does
        clock.Restart();
        lab.OpenCanary();
        var restored = await _bot.NextAsync(before, m => Plain(m).Contains("MONITOR CONNECTIVITY RESTORED", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        var restoredAfter = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(8));

        Assert.Equal([Plain(isolated), Plain(restored)], _bot.Sent.Skip(before).Select(Plain));
        Assert.Empty(NodeAlerts());
        output.WriteLine($"isolated {isolatedAfter.TotalSeconds:0.0} s after canary and sshd went; restored {restoredAfter.TotalSeconds:0.0} s after the canary reopened");
    }

    [Fact]
    public async Task Lab_NodeCutOffFromTheMonitorOnlyButItsVantageReachesIt_PathProblemNotCritical()
    {
        var vantage = lab.Nodes[0];
        var suspect = lab.Nodes[1];
        var env = lab.Environment(_bot.BaseUrl, _bot.Token, OpsChat);
        env["ChatOpsWatch__Nodes__1__Vantage"] = vantage.Name;
        env.Remove("ChatOpsWatch__Monitor__Canaries__0");
        // A direct link vantage → suspect (lab nodes have no route to each other): the "other path" of the real world.
        await CorrelationLab.InNodeAsync(vantage, "ip", "link", "add", "corv1", "type", "veth", "peer", "name", "corv2", "netns", suspect.Name);
        try
        {
            await CorrelationLab.InNodeAsync(vantage, "ip", "addr", "add", "10.245.250.1/30", "dev", "corv1");
            await CorrelationLab.InNodeAsync(suspect, "ip", "addr", "add", "10.245.250.2/30", "dev", "corv2");
            await CorrelationLab.InNodeAsync(vantage, "ip", "link", "set", "corv1", "up");
            await CorrelationLab.InNodeAsync(suspect, "ip", "link", "set", "corv2", "up");
            await CorrelationLab.InNodeAsync(vantage, "ip", "route", "add", $"{suspect.Address}/32", "via", "10.245.250.2");
            await StartWorkerAsync(env);
            var before = _bot.Sent.Count;

            // Drop only what comes from the monitor's side of the suspect's link.
            var monitorSide = string.Join('.', suspect.Address.Split('.')[..3]) + ".1";
            var clock = Stopwatch.StartNew();
            await CorrelationLab.InNodeAsync(suspect, "iptables", "-I", "INPUT", "-s", monitorSide, "-j", "DROP");
            var path = await _bot.NextAsync(before, m => Plain(m).Contains(suspect.Name, StringComparison.Ordinal), TimeSpan.FromSeconds(40));
            var pathAfter = clock.Elapsed;

            // The node's own "down" incident, a warning: the node answers, the path from the monitor is broken.
            Assert.Contains($"WARNING · {suspect.Name}", Plain(path), StringComparison.Ordinal);
            Assert.Contains($"PATH PROBLEM: unreachable from the monitor, but {vantage.Name} reaches its SSH port {suspect.Address}:{suspect.Port}", Plain(path), StringComparison.Ordinal);
            Assert.True(path.DisableNotification);
            Assert.DoesNotContain(_bot.Sent.Skip(before), m => Plain(m).Contains("CRITICAL", StringComparison.Ordinal));
            output.WriteLine($"path problem reported {pathAfter.TotalSeconds:0.0} s after the monitor was cut off");

            await CorrelationLab.InNodeAsync(suspect, "iptables", "-D", "INPUT", "-s", monitorSide, "-j", "DROP");
            await _bot.NextAsync(before, m => Plain(m).Contains("RESOLVED", StringComparison.Ordinal) && Plain(m).Contains(suspect.Name, StringComparison.Ordinal), TimeSpan.FromSeconds(40));
        }
        finally
        {
            await CorrelationLab.InNodeAsync(vantage, "ip", "link", "del", "corv1");
        }
    }

    public Task InitializeAsync()
    {
        lab.OpenCanary();
        return CorrelationLab.ResetAsync();
    }

    public async Task DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
            output.WriteLine(string.Join('\n', _worker.Lines.TakeLast(80)));
        }

        await _bot.DisposeAsync();
        Directory.Delete(_workDir, recursive: true);
    }
}
