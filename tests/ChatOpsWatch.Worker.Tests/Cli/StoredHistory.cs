using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Infrastructure.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Worker.Tests.Cli;

/// <summary>A real SQLite file written by the monitor's own stores, and a config file pointing at it.</summary>
internal sealed class StoredHistory : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 16, 0, 0, 0, TimeSpan.Zero);

    private readonly string _dir = Directory.CreateTempSubdirectory("cow-history-").FullName;

    public StoredHistory()
    {
        DatabasePath = Path.Combine(_dir, "data", "chatopswatch.db");
        ConfigPath = Path.Combine(_dir, "config.json");
        File.WriteAllText(ConfigPath, """{"ChatOpsWatch": {"Storage": {"Path": """ + System.Text.Json.JsonSerializer.Serialize(DatabasePath) + "}}}");
    }

    public string DatabasePath { get; }

    public string ConfigPath { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>Polls every <paramref name="every"/> from <see cref="Start"/> for <paramref name="days"/>, CPU from <paramref name="cpuAt"/>.</summary>
    public async Task WriteAsync(string node, double days, TimeSpan every, Func<DateTimeOffset, double> cpuAt)
    {
        using var db = SqliteDatabase.Open(DatabasePath, Time);
        var store = new SqliteMonitorStore(db, Time, TextCatalog.English);
        await store.UpsertNodeAsync(new NodeInfo(node, "vultr", "tokyo", NodeRole.Core, every), CancellationToken.None);
        for (var t = Start; t < Start.AddDays(days); t += every)
        {
            var sample = new Sample(node, t, new Dictionary<string, double> { [MetricNames.CpuBusyPct] = cpuAt(t), [MetricNames.MemUsedPct] = 40 });
            await store.CommitPollAsync(node, new PollDecision(sample, [], []), t, CancellationToken.None);
        }
    }

    public async Task MuteAsync(Silence silence)
    {
        using var db = SqliteDatabase.Open(DatabasePath, Time);
        await new SqliteMutingStore(db).RecordAsync(new MutingChange.Mute(silence), CancellationToken.None);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
