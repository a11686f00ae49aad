using ChatOpsWatch.Domain.Text;
using System.Diagnostics;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Probing;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Infrastructure.Probe;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Infrastructure.Tests.Ssh;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;
using static ChatOpsWatch.Domain.Probing.SystemMetricNames;

namespace ChatOpsWatch.Infrastructure.Tests.NodeProbe;

/// <summary>
/// The format-2 probe over real SSH against a lab node, while the node is loaded or broken on
/// purpose. The waits here let real load accumulate between two polls; they time nothing.
/// </summary>
[Collection(NodeProbeLabGroup.Name)]
public sealed class NodeProbeLabTests(NodeProbeLabFixture fixture, ITestOutputHelper output) : IDisposable
{
    private static readonly SshSettings Fast = new(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
    private readonly List<SshNodeSession> sessions = [];
    private readonly List<System.Diagnostics.Process> started = [];

    private SshNodeSession Session(ProbeTargets targets)
    {
        var node = fixture.Lab!.Nodes[0];
        var session = new SshNodeSession(
            new SshTarget(node.Name, node.Address, node.Port, "root", new SshAuth.KeyFile(fixture.Lab!.Ed25519Key, null)),
            ProbeScript.RemoteCommand(Fast.ProbeDeadline, targets),
            Fast,
            new InMemoryHostKeyStore(),
            TimeProvider.System,
            NullLogger<SshNodeSession>.Instance, TextCatalog.English);
        sessions.Add(session);
        return session;
    }

    private static async Task<ProbeSnapshot> Poll(SshNodeSession session)
    {
        var run = await session.RunAsync(CancellationToken.None);
        var output = Assert.IsType<ProbeRun.Output>(run);
        var parsed = ProbeParser.Parse(output.Stdout);
        Assert.True(parsed.IsSuccess, parsed.Error);
        return parsed.Snapshot;
    }

    private static async Task<Sample> Window(SshNodeSession session, TimeSpan length, DiskFilter? filter = null)
    {
        var before = await Poll(session);
        await Task.Delay(length);
        var after = await Poll(session);
        return SampleCalculator.Compute("ind1", before, after, DateTimeOffset.UtcNow, filter);
    }

    private System.Diagnostics.Process Start(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        var process = System.Diagnostics.Process.Start(info)!;
        started.Add(process);
        return process;
    }

    [Fact]
    public async Task Probe_StressNgOnTheNode_CpuBusyNearlyFull()
    {
        var session = Session(ProbeTargets.None);
        var idle = await Window(session, TimeSpan.FromSeconds(2));

        var stress = fixture.NodeCommand("stress-ng", "--cpu", "2", "--timeout", "6s", "--quiet");
        Start(stress[0], stress[1..]);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var loaded = await Window(session, TimeSpan.FromSeconds(3));

        // The machine is shared with other work, so the idle window may already be busy: the loaded
        // one must be at least as busy, and nearly full.
        Assert.InRange(loaded.Get(MetricNames.CpuBusyPct)!.Value, 95, 100);
        Assert.True(loaded.Get(MetricNames.CpuBusyPct) >= idle.Get(MetricNames.CpuBusyPct) - 2, $"idle {idle.Get(MetricNames.CpuBusyPct)}, loaded {loaded.Get(MetricNames.CpuBusyPct)}");
    }

    [Fact]
    public async Task Probe_FillingTheDataMount_RaisesItsUsageAsDataWhileRootIsSystem()
    {
        var session = Session(ProbeTargets.None);
        var key = MetricNames.DiskUsed(DiskKind.Data, fixture.DataMount);
        var fill = Path.Combine(fixture.DataMount, "fill");
        try
        {
            var before = SampleCalculator.Compute("ind1", null, await Poll(session), DateTimeOffset.UtcNow);
            await fixture.InNode("dd", "if=/dev/zero", $"of={fill}", "bs=1M", "count=40", "conv=fsync");
            var after = SampleCalculator.Compute("ind1", null, await Poll(session), DateTimeOffset.UtcNow);

            Assert.InRange(before.Get(key)!.Value, 0, 10);
            Assert.InRange(after.Get(key)!.Value, 65, 100); // 40 MiB of about 58 MiB usable
            Assert.NotNull(after.Get(MetricNames.DiskUsed(DiskKind.System, "/")));
            Assert.Null(after.Get(MetricNames.DiskUsed(DiskKind.System, fixture.DataMount)));
        }
        finally
        {
            await fixture.InNode("rm", "-f", fill);
        }
    }

    [Fact]
    public async Task Probe_ConfiguredProcessKilled_FlipsFromRunningToNotRunning()
    {
        var name = $"cowindp{Environment.ProcessId % 100000}";
        var copy = Path.Combine(Path.GetTempPath(), name);
        File.Copy("/bin/sleep", copy, overwrite: true);
        var session = Session(ProbeTargets.Create([name], []));
        var process = Start(copy, "60");
        var key = MetricKey.Format(ProcRunning, ("name", name));

        var running = SampleCalculator.Compute("ind1", null, await Poll(session), DateTimeOffset.UtcNow);
        process.Kill();
        await process.WaitForExitAsync();
        var killed = SampleCalculator.Compute("ind1", null, await Poll(session), DateTimeOffset.UtcNow);
        File.Delete(copy);

        Assert.Equal(1, running.Get(key));
        Assert.Equal(1, running.Get(MetricKey.Format(ProcCount, ("name", name))));
        Assert.InRange(running.Get(MetricKey.Format(ProcRssBytes, ("name", name)))!.Value, 4096, 100e6);
        Assert.Equal(0, killed.Get(key));
        Assert.Equal(0, killed.Get(MetricKey.Format(ProcCount, ("name", name))));
    }

    [Fact]
    public async Task Probe_ConfiguredPortClosed_FlipsFromListeningToNot()
    {
        const int port = 18235;
        var session = Session(ProbeTargets.Create([], [port, 22]));
        var nc = fixture.NodeCommand("busybox", "nc", "-l", "-p", "18235");
        var listener = Start(nc[0], nc[1..]);
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        var open = SampleCalculator.Compute("ind1", null, await Poll(session), DateTimeOffset.UtcNow);
        listener.Kill(entireProcessTree: true);
        await listener.WaitForExitAsync();
        var closed = SampleCalculator.Compute("ind1", null, await Poll(session), DateTimeOffset.UtcNow);

        Assert.Equal(1, open.Get(Port(port)));
        Assert.Equal(0, closed.Get(Port(port)));
        Assert.Equal(1, closed.Get(Port(22))); // the node's own sshd, seen in the node's namespace
    }

    [Fact]
    public async Task Probe_RandomDirectIoOnTheDataDisk_RaisesUtilAwaitAndQueue()
    {
        var session = Session(ProbeTargets.None);
        var dev = fixture.DataDevice;
        var quiet = await Window(session, TimeSpan.FromSeconds(2));

        var stress = fixture.NodeCommand("stress-ng", "--hdd", "2", "--hdd-bytes", "16M", "--hdd-opts", "direct,wr-rnd", "--temp-path", fixture.DataMount, "--timeout", "7s", "--quiet");
        Start(stress[0], stress[1..]);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var busy = await Window(session, TimeSpan.FromSeconds(4));

        var util = busy.Get(Device(DiskIoUtilPct, dev));
        output.WriteLine($"{dev} quiet: " + string.Join(", ", quiet.Values.Where(v => v.Key.EndsWith($"{{device={dev}}}", StringComparison.Ordinal)).Select(v => $"{v.Key}={v.Value:0.##}")));
        output.WriteLine($"{dev} busy: " + string.Join(", ", busy.Values.Where(v => v.Key.EndsWith($"{{device={dev}}}", StringComparison.Ordinal)).Select(v => $"{v.Key}={v.Value:0.##}")));
        Assert.True(util > 20, $"util {util} (quiet {quiet.Get(Device(DiskIoUtilPct, dev))})");
        Assert.True(util > quiet.Get(Device(DiskIoUtilPct, dev)) + 10);
        Assert.True(busy.Get(Device(DiskIoWriteAwaitMs, dev)) > 0);
        Assert.True(busy.Get(Device(DiskIoQueue, dev)) > quiet.Get(Device(DiskIoQueue, dev)));
        Assert.True(busy.Get(Device(DiskIoWriteIops, dev)) > 10);
    }

    public void Dispose()
    {
        foreach (var process in started)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }

        foreach (var session in sessions)
        {
            session.Dispose();
        }
    }
}
