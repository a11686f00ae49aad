using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ChatOpsWatch.Infrastructure.Probe;

namespace ChatOpsWatch.Infrastructure.Tests.Probe;

public sealed class ProbeTargetsTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly string dir = Shell.TempDir();

    [Theory]
    [InlineData("nginx; reboot")]
    [InlineData("$(touch /tmp/cowpwned)")]
    [InlineData("`id`")]
    [InlineData("x' ; rm -rf / ; '")]
    [InlineData("a b")]
    [InlineData("a\nb")]
    [InlineData("../bin/sh")]
    [InlineData("")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")] // 33 characters
    public void Create_ShellInjectionOrBadName_IsRejectedBeforeAnyCommandExists(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => ProbeTargets.Create(["nginx", name], []));

        Assert.Contains("is not a valid process name", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    [InlineData(-22)]
    public void Create_PortOutOfRange_IsRejected(int port)
    {
        var ex = Assert.Throws<ArgumentException>(() => ProbeTargets.Create([], [443, port]));

        Assert.Contains("is not a TCP port", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RealisticNames_AreKeptOnceEach()
    {
        var targets = ProbeTargets.Create(["nginx", "php-fpm8.2", "node:worker", "c++", "nginx"], [443, 22, 443]);

        Assert.Equal(["nginx", "php-fpm8.2", "node:worker", "c++"], targets.Processes);
        Assert.Equal([443, 22], targets.Ports);
        Assert.Equal("COW_PROCS='nginx php-fpm8.2 node:worker c++'\nCOW_PORTS='443 22'\n", targets.ShellAssignments());
    }

    [Fact]
    public void For_NoTargets_IsThePlainScript()
    {
        Assert.Equal(ProbeScript.Script, ProbeScript.For(ProbeTargets.None));
    }

    [Theory]
    [InlineData("/bin/dash")]
    [InlineData("/bin/bash")]
    public async Task RemoteCommand_WithTargets_ReportsTheRunningProcessAndTheListeningPort(string loginShell)
    {
        var sleeper = Path.Combine(dir, "cowtgt" + Environment.ProcessId % 1000);
        File.Copy("/bin/sleep", sleeper);
        using var process = Process.Start(sleeper, "60");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var name = Path.GetFileName(sleeper);
        try
        {
            var targets = ProbeTargets.Create([name, "cownotrunning"], [port, 1]);

            var result = await Shell.Run(loginShell, ["-c", ProbeScript.RemoteCommand(Deadline, targets)]);

            var system = ProbeScriptLocalTests.Parse(result).System;
            var running = Assert.Single(system.Processes, p => p.Name == name);
            Assert.Equal(1, running.Count);
            Assert.InRange(running.RssKiB, 1, 100_000);
            Assert.Equal(0, Assert.Single(system.Processes, p => p.Name == "cownotrunning").Count);
            Assert.Contains(system.Ports, p => p.Port == port && p.Listening);
            Assert.Contains(system.Ports, p => p.Port == 1 && !p.Listening);
        }
        finally
        {
            process.Kill();
        }
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
