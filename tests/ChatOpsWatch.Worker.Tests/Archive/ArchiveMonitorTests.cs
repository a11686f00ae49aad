using ChatOpsWatch.Domain.Text;
using System.Diagnostics;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Testing.Influx;
using ChatOpsWatch.Worker.Tests.Support;

namespace ChatOpsWatch.Worker.Tests.Archive;

/// <summary>A real monitor process polling its own machine every second, archiving to a real influxd (issue 14).</summary>
public sealed class ArchiveMonitorTests : IDisposable
{
    private readonly string _workDir = Directory.CreateTempSubdirectory("cow-archive-").FullName;

    [InfluxFact]
    public async Task Monitor_WithTheArchiveEnabled_WritesItsPollsToInfluxdAsStored()
    {
        await using var influx = await InfluxServer.StartAsync();
        await influx.QueryAsync("CREATE DATABASE cow");
        var env = new Dictionary<string, string>
        {
            ["ChatOpsWatch__Local__Interval"] = "1s",
            ["ChatOpsWatch__Reports__DailyAt"] = "off",
            ["ChatOpsWatch__Archive__Influx__Enabled"] = "true",
            ["ChatOpsWatch__Archive__Influx__Url"] = influx.Url.ToString(),
            ["ChatOpsWatch__Archive__Influx__Database"] = "cow",
            ["ChatOpsWatch__Archive__Influx__FlushAge"] = "1s",
        };
        var archived = new List<(long Ms, double Value)>();
        await using (var worker = WorkerProcess.Start(_workDir, env))
        {
            var watch = Stopwatch.StartNew();
            while (archived.Count < 3 && watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                Assert.False(worker.HasExited, worker.Output);
                await Task.Delay(500);
                archived = [.. (await influx.RowsAsync("SELECT \"busy_pct\" FROM \"cpu\" WHERE \"node\" = 'local' AND \"role\" = 'core' AND \"provider\" = 'self'", "cow"))
                    .Select(r => (r[0].GetInt64(), r[1].GetDouble()))];
            }

            Assert.True(archived.Count >= 3, $"{archived.Count} archived polls within 60 s:\n{worker.Output}");
            Assert.Contains(worker.Lines, l => l.Contains("InfluxDB archive to http://127.0.0.1:", StringComparison.Ordinal));
        }

        var stored = new Dictionary<long, double>();
        using var db = SqliteDatabase.Open(Path.Combine(_workDir, "data", "chatopswatch.db"), TimeProvider.System);
        await new SqliteMonitorStore(db, TimeProvider.System, TextCatalog.English).ReplaySamplesAsync("local", DateTimeOffset.UnixEpoch, s => stored[s.At.ToUnixTimeMilliseconds()] = s.Values["cpu.busy_pct"], CancellationToken.None);
        Assert.All(archived, a => Assert.Equal(stored[a.Ms], a.Value));
    }

    public void Dispose() => Directory.Delete(_workDir, recursive: true);
}

/// <summary>A fact against a real influxd, skipped, saying why, when Debian's influxdb package is not installed.</summary>
public sealed class InfluxFactAttribute : FactAttribute
{
    public InfluxFactAttribute()
    {
        if (InfluxServer.Binary is null)
        {
            Skip = InfluxServer.Missing;
        }
    }
}
