using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Probing;
using static ChatOpsWatch.Domain.Probing.SystemMetricNames;

namespace ChatOpsWatch.Domain.Tests.Probing;

public sealed class SampleCalculatorSystemTests
{
    private static readonly ProbeSnapshot Before = ProbeFixtures.Snapshot(ProbeFixtures.V2Dash);
    private static readonly ProbeSnapshot After = ProbeFixtures.Snapshot(ProbeFixtures.V2DashLater);
    private static readonly DateTimeOffset At = After.NodeClock!.Value;
    private const double Seconds = 3742.38 - 3740.30; // node uptime between the two captures

    [Fact]
    public void Compute_TwoRealPollsAround32MiBDirectWrite_GivesIostatFiguresForVda()
    {
        var sample = SampleCalculator.Compute("web-1", Before, After, At);

        // vda between the captures: 20 reads (304 sectors, 4 ms), 88 writes (65832 sectors, 34 ms),
        // 16 ms with I/O in flight, 50 ms weighted.
        Assert.Equal(65832 * 512 / Seconds, sample.Get(Device(DiskIoWriteBytesPerSecond, "vda"))!.Value, 6);
        Assert.Equal(304 * 512 / Seconds, sample.Get(Device(DiskIoReadBytesPerSecond, "vda"))!.Value, 6);
        Assert.Equal(88 / Seconds, sample.Get(Device(DiskIoWriteIops, "vda"))!.Value, 9);
        Assert.Equal(20 / Seconds, sample.Get(Device(DiskIoReadIops, "vda"))!.Value, 9);
        Assert.Equal(34.0 / 88, sample.Get(Device(DiskIoWriteAwaitMs, "vda"))!.Value, 9);
        Assert.Equal(4.0 / 20, sample.Get(Device(DiskIoReadAwaitMs, "vda"))!.Value, 9);
        Assert.Equal(100 * 16 / (Seconds * 1000), sample.Get(Device(DiskIoUtilPct, "vda"))!.Value, 9);
        Assert.Equal(50 / (Seconds * 1000), sample.Get(Device(DiskIoQueue, "vda"))!.Value, 9);
    }

    [Fact]
    public void Compute_TwoRealPolls_GivesNetworkTcpAndGauges()
    {
        var sample = SampleCalculator.Compute("web-1", Before, After, At);

        Assert.Equal((50438 - 47057) / Seconds, sample.Get(Interface(NetRxBytesPerSecond, "fleet2h"))!.Value, 9);
        Assert.Equal(0, sample.Get(Interface(NetRxErrors, "eth0")));
        Assert.Equal(0, sample.Get(TcpRetransPerSecond));
        Assert.Equal(0, sample.Get(TcpRetransPct)); // 51 segments sent, none again
        Assert.Equal(10, sample.Get(TcpConnections));
        Assert.Equal(33, sample.Get(TcpTimeWait));
        Assert.Equal(0, sample.Get(OomKills));
        Assert.Equal(0, sample.Get(NodeRebooted));
        Assert.Equal(1, sample.Get(Process(ProcRunning, "cowsleeper")));
        Assert.Equal(2, sample.Get(Process(ProcCount, "cowsleeper")));
        Assert.Equal(0, sample.Get(Process(ProcRunning, "nosuchproc")));
        Assert.Equal(After.System.Processes[0].RssKiB * 1024.0, sample.Get(Process(ProcRssBytes, "cowsleeper")));
        Assert.Equal(1, sample.Get("port.listening{port=18235}"));
        Assert.Equal(0, sample.Get("port.listening{port=9}"));
        Assert.Null(sample.Get(SystemdFailedUnits));
    }

    [Fact]
    public void Compute_FirstPoll_HasGaugesButNoRatesAndNoRebootFlag()
    {
        var sample = SampleCalculator.Compute("web-1", null, After, At);

        Assert.DoesNotContain(sample.Values.Keys, k => k.StartsWith("disk.io.", StringComparison.Ordinal) || k.StartsWith("net.", StringComparison.Ordinal));
        Assert.Null(sample.Get(OomKills));
        Assert.Null(sample.Get(TcpRetransPct));
        Assert.Null(sample.Get(NodeRebooted));
        Assert.Equal(1, sample.Get(Process(ProcRunning, "cowsleeper")));
        Assert.Equal(10, sample.Get(TcpConnections));
    }

    [Fact]
    public void Compute_BootIdChanged_FlagsTheRebootOnceAndComputesNoRates()
    {
        var rebooted = After with { BootId = "00000000-0000-4000-8000-000000000001", UptimeSeconds = 12.5 };

        var first = SampleCalculator.Compute("web-1", Before, rebooted, At);
        var second = SampleCalculator.Compute("web-1", rebooted, rebooted with { UptimeSeconds = 42.5 }, At);

        Assert.Equal(1, first.Get(NodeRebooted));
        Assert.DoesNotContain(first.Values.Keys, k => k.StartsWith("disk.io.", StringComparison.Ordinal) || k.StartsWith("net.", StringComparison.Ordinal));
        Assert.Null(first.Get(OomKills));
        Assert.Equal(0, second.Get(NodeRebooted));
    }

    [Fact]
    public void Compute_DiskCounterWentBackwards_LeavesThatDeviceOutOnly()
    {
        var vda = After.System.DiskIo[0];
        var sdb = new DiskIoCounters("sdb", 10, 80, 5, 10, 80, 5, 0, 10, 10);
        var before = Before with { System = Before.System with { DiskIo = [Before.System.DiskIo[0], sdb] } };
        var after = After with { System = After.System with { DiskIo = [vda, sdb with { Writes = 3, WriteSectors = 24 }] } };

        var sample = SampleCalculator.Compute("web-1", before, after, At);

        Assert.Null(sample.Get(Device(DiskIoUtilPct, "sdb")));
        Assert.Null(sample.Get(Device(DiskIoWriteIops, "sdb")));
        Assert.NotNull(sample.Get(Device(DiskIoUtilPct, "vda")));
    }

    [Fact]
    public void Compute_SaturatedDevice_CapsUtilAt100AndReportsTheQueue()
    {
        var b = new DiskIoCounters("nvme0n1", 0, 0, 0, 1000, 8000, 4000, 0, 1000, 4000);
        var a = new DiskIoCounters("nvme0n1", 0, 0, 0, 3000, 24000, 44000, 32, 3010, 68000);
        var before = Before with { UptimeSeconds = 100, System = Before.System with { DiskIo = [b] } };
        var after = After with { UptimeSeconds = 102, System = After.System with { DiskIo = [a] } };

        var sample = SampleCalculator.Compute("web-1", before, after, At);

        Assert.Equal(100, sample.Get(Device(DiskIoUtilPct, "nvme0n1"))); // 2010 ms busy in 2000 ms: jiffy rounding
        Assert.Equal(32, sample.Get(Device(DiskIoQueue, "nvme0n1"))); // 64000 ms weighted / 2000 ms
        Assert.Equal(20, sample.Get(Device(DiskIoWriteAwaitMs, "nvme0n1"))); // 40000 ms / 2000 writes
        Assert.Equal(0, sample.Get(Device(DiskIoReadAwaitMs, "nvme0n1"))); // no reads: 0, as iostat prints
        Assert.Equal(1000, sample.Get(Device(DiskIoWriteIops, "nvme0n1")));
    }

    [Fact]
    public void Compute_InterfaceCounterReset_LeavesThatInterfaceOut()
    {
        var eth0 = new NetCounters("eth0", 5_000_000, 3, 1, 9_000_000, 0, 0);
        var before = Before with { UptimeSeconds = 100, System = Before.System with { Interfaces = [eth0] } };
        var reset = After with { UptimeSeconds = 110, System = After.System with { Interfaces = [eth0 with { RxBytes = 1000 }] } };
        var grown = After with { UptimeSeconds = 110, System = After.System with { Interfaces = [eth0 with { RxBytes = 6_000_000, RxErrors = 5, TxDrops = 2 }] } };

        var afterReset = SampleCalculator.Compute("web-1", before, reset, At);
        var afterGrowth = SampleCalculator.Compute("web-1", before, grown, At);

        Assert.DoesNotContain(afterReset.Values.Keys, k => k.StartsWith("net.", StringComparison.Ordinal));
        Assert.Equal(100_000, afterGrowth.Get(Interface(NetRxBytesPerSecond, "eth0")));
        Assert.Equal(0, afterGrowth.Get(Interface(NetTxBytesPerSecond, "eth0")));
        Assert.Equal(2, afterGrowth.Get(Interface(NetRxErrors, "eth0")));
        Assert.Equal(2, afterGrowth.Get(Interface(NetTxDrops, "eth0")));
    }

    [Fact]
    public void Compute_Retransmits_GivesRateAndPercentOfSegmentsSent()
    {
        var before = Before with { UptimeSeconds = 100, System = Before.System with { Tcp = new TcpCounters(5, 10_000, 100) } };
        var after = After with { UptimeSeconds = 110, System = After.System with { Tcp = new TcpCounters(7, 12_000, 150) } };
        var wrapped = After with { UptimeSeconds = 110, System = After.System with { Tcp = new TcpCounters(7, 50, 1) } };

        var sample = SampleCalculator.Compute("web-1", before, after, At);
        var afterWrap = SampleCalculator.Compute("web-1", before, wrapped, At);

        Assert.Equal(5, sample.Get(TcpRetransPerSecond));
        Assert.Equal(2.5, sample.Get(TcpRetransPct));
        Assert.Equal(7, sample.Get(TcpConnections));
        Assert.Null(afterWrap.Get(TcpRetransPerSecond));
        Assert.Null(afterWrap.Get(TcpRetransPct));
    }

    [Fact]
    public void Compute_OomKiller_CountsKillsSincePreviousPollAndNothingOnReset()
    {
        var before = Before with { System = Before.System with { OomKills = 4 } };
        var killed = After with { System = After.System with { OomKills = 7 } };
        var reset = After with { System = After.System with { OomKills = 0 } };

        Assert.Equal(3, SampleCalculator.Compute("web-1", before, killed, At).Get(OomKills));
        Assert.Null(SampleCalculator.Compute("web-1", before, reset, At).Get(OomKills));
    }

    [Fact]
    public void Compute_UptimeDidNotAdvance_GivesNoRatesRatherThanDivideByZero()
    {
        var same = After with { UptimeSeconds = Before.UptimeSeconds };

        var sample = SampleCalculator.Compute("web-1", Before, same, At);

        Assert.DoesNotContain(sample.Values.Keys, k => k.StartsWith("disk.io.", StringComparison.Ordinal));
        Assert.All(sample.Values.Values, v => Assert.True(double.IsFinite(v)));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1500, -1.5)] // node 1.5 s behind
    [InlineData(-250, 0.25)]
    public void Compute_NodeClock_GivesOffsetAgainstTheMonitorsReceiveTime(int monitorAheadMs, double expected)
    {
        var sample = SampleCalculator.Compute("web-1", Before, After, At.AddMilliseconds(monitorAheadMs));

        Assert.Equal(expected, sample.Get(NodeClockOffsetSeconds)!.Value, 9);
    }

    [Fact]
    public void Compute_SlowLink_MeasuresTheOffsetAtTheMidpointOfTheRoundTripNotAtTheArrival()
    {
        // A node in sync wrote its clock line at At; over a 2.95 s round trip the output arrived 1.475 s later. Read
        // against the arrival that is -1.475 s of offset that is not there.
        var output = new ProbeRun.Output("…", TimeSpan.FromSeconds(3.2)) { Received = At.AddMilliseconds(1475), RoundTrip = TimeSpan.FromMilliseconds(2950) };

        var sample = SampleCalculator.Compute("web-1", Before, After, output.Received!.Value, clockReference: output.ClockReference(At.AddSeconds(9)));

        Assert.Equal(0, sample.Get(NodeClockOffsetSeconds)!.Value, 9);
        Assert.Equal(At.AddMilliseconds(1475), sample.At);
    }

    [Fact]
    public void ClockReference_NoLinkAndNoArrivalTime_IsTheFallback()
    {
        var output = new ProbeRun.Output("…", TimeSpan.FromSeconds(1));

        Assert.Equal(At, output.ClockReference(At));
    }

    [Fact]
    public void Compute_BusyboxWholeSecondClock_SaysItsResolutionAndReadsItAtTheMiddleOfItsSecond()
    {
        // A node in sync whose BusyBox date printed ...895 at ...895.88: the old offset read -0.88 s, a skew that is not there.
        var busybox = ProbeFixtures.Snapshot(ProbeFixtures.V2BusyboxNoSsNoSystemctl);
        var monitor = busybox.NodeClock!.Value.AddMilliseconds(880);

        var sample = SampleCalculator.Compute("edge-1", null, busybox, monitor);

        Assert.Equal(1, sample.Get(NodeClockResolutionSeconds));
        Assert.Equal(-0.38, sample.Get(NodeClockOffsetSeconds)!.Value, 9);
        Assert.True(Math.Abs(sample.Get(NodeClockOffsetSeconds)!.Value) < sample.Get(NodeClockResolutionSeconds)!.Value);
    }

    [Fact]
    public void Compute_ClockWithNanoseconds_HasMillisecondResolution()
    {
        Assert.Equal(0.001, SampleCalculator.Compute("web-1", Before, After, At).Get(NodeClockResolutionSeconds));
    }

    [Fact]
    public void Compute_SystemdReported_GivesFailedUnitCount()
    {
        var after = After with { System = After.System with { SystemdFailedUnits = 2 } };

        Assert.Equal(2, SampleCalculator.Compute("web-1", Before, after, At).Get(SystemdFailedUnits));
    }
}
