using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Testing.Storage;
using ChatOpsWatch.Worker.Tests.Support;
using Xunit.Abstractions;

namespace ChatOpsWatch.Worker.Tests.Cli;

/// <summary>
/// kill -9 during rollups and retention batches (issue 14): the real executable runs <c>storage --maintain</c> over 12
/// days of polls of 16 nodes (Storage:RawDays 1, so most raw rows are rolled up and deleted), and is killed 20 times at
/// random moments. After every kill the file is intact, each poll is counted exactly once across the tiers, rollup
/// counts equal raw counts where both exist, and the buckets have no gap; after a last run to the end, too.
/// </summary>
public sealed class StorageKillTests(ITestOutputHelper output) : IDisposable
{
    private const int Nodes = 16;
    private static readonly TimeSpan Span = TimeSpan.FromDays(12);

    private readonly string _workDir = Directory.CreateTempSubdirectory("cow-kill-").FullName;

    private string Database => Path.Combine(_workDir, "data", "chatopswatch.db");

    public void Dispose() => Directory.Delete(_workDir, recursive: true);

    [Fact]
    public async Task StorageMaintain_KilledTwentyTimes_LeavesEveryPollCountedOnceAndNoGap()
    {
        var written = await SeedAsync();
        var env = new Dictionary<string, string>
        {
            ["ChatOpsWatch__Storage__Path"] = Database,
            ["ChatOpsWatch__Storage__RawDays"] = "1",
            ["ChatOpsWatch__Nodes__0__Name"] = "web-1",
            ["ChatOpsWatch__Nodes__0__Host"] = "192.0.2.10",
            ["ChatOpsWatch__Nodes__0__KeyFile"] = Testing.Lab.TestKeys.Ed25519(_workDir),
        };
        var random = new Random(14);
        var midWork = 0;
        for (var kill = 0; kill < 20; kill++)
        {
            await using var child = WorkerProcess.Start(_workDir, env, "storage", "--maintain");
            await Task.Delay(150 + random.Next(250));
            var running = !child.HasExited;
            if (running)
            {
                child.KillHard();
                midWork++;
            }

            Assert.True(running || child.ExitCode == 0, child.Output);
            Assert.Empty(StorageInvariants.Check(Database, written));
        }

        var (exit, report) = await WorkerProcess.RunToExitAsync(_workDir, env, "storage", "--maintain");

        output.WriteLine($"{written} polls, {midWork} of 20 runs killed mid-work\n{report}");
        Assert.Equal(0, exit);
        Assert.Empty(StorageInvariants.Check(Database, written));
        Assert.Equal(20, midWork); // every kill landed inside the work, not after it
        Assert.Contains("hourly", report, StringComparison.Ordinal);
    }

    /// <summary>Polls every 30 s of the last 12 days, through the real store (group commit, a batch per 500 polls).</summary>
    private async Task<long> SeedAsync()
    {
        using var db = SqliteDatabase.Open(Database, TimeProvider.System);
        var store = new SqliteMonitorStore(db, TimeProvider.System, TextCatalog.English);
        var names = Enumerable.Range(1, Nodes).Select(i => $"web-{i}").ToList();
        foreach (var name in names)
        {
            await store.UpsertNodeAsync(new NodeInfo(name, "hetzner", "fsn1", NodeRole.Core, NodeInfo.CoreInterval), default);
        }

        var start = TimeProvider.System.GetUtcNow() - Span;
        var polls = (int)(Span.TotalSeconds / 30);
        long written = 0;
        var batch = new List<Task>();
        for (var i = 0; i < polls; i++)
        {
            var at = start.AddSeconds(30 * i);
            foreach (var name in names)
            {
                var values = new Dictionary<string, double>
                {
                    [MetricNames.CpuBusyPct] = Math.Round(10 + (i % 70) * 1.1, 2),
                    ["mem.used_pct"] = 40 + (i % 9),
                    ["load.1m"] = Math.Round(0.01 * (i % 300), 2),
                    ["disk.used_pct{kind=root,mount=/}"] = 50,
                };
                batch.Add(store.CommitPollAsync(name, new PollDecision(new Sample(name, at, values), [], []), at, default));
                written++;
            }

            if (batch.Count >= 500)
            {
                await Task.WhenAll(batch);
                batch.Clear();
            }
        }

        await Task.WhenAll(batch);
        return written;
    }
}
