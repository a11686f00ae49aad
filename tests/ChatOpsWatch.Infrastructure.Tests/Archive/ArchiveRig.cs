using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Archive;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Infrastructure.Tests.Storage;
using ChatOpsWatch.Infrastructure.Tests.Telegram;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Infrastructure.Tests.Archive;

/// <summary>
/// The archive as the monitor wires it: a real SQLite file, the monitor store committing polls with the spool in their
/// transaction, the writer over real HTTP and the send loop on a fake clock (tests call <see cref="InfluxArchiveLoop.RunOnceAsync"/>
/// or run the loop itself).
/// </summary>
internal sealed class ArchiveRig : IDisposable
{
    public ArchiveRig(InfluxOptions options, TextCatalog texts, HttpMessageHandler? handler = null)
    {
        Options = options;
        Spool = new SqliteArchiveSpool(Db.Database, options, SpoolLog);
        Store = new SqliteMonitorStore(Db.Database, Db.Time, TextCatalog.English, archive: Spool);
        Http = new HttpClient(handler ?? new HttpClientHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        Writer = new InfluxWriter(Http, options);
        var notices = new ArchiveNotices(new OutboxWriter(Db.Outbox, new OutboxSignal(Db.Time), Db.Time), texts);
        Loop = new InfluxArchiveLoop(Spool, Writer, notices, Db.Time, Log);
    }

    public TestDb Db { get; } = new();

    public FakeTimeProvider Time => Db.Time;

    public InfluxOptions Options { get; }

    public SqliteArchiveSpool Spool { get; }

    public SqliteMonitorStore Store { get; }

    public HttpClient Http { get; }

    public InfluxWriter Writer { get; }

    public InfluxArchiveLoop Loop { get; }

    public CollectingLogger<InfluxArchiveLoop> Log { get; } = new();

    public CollectingLogger<SqliteArchiveSpool> SpoolLog { get; } = new();

    public async Task AddNodeAsync(string name, Domain.Nodes.NodeRole role = Domain.Nodes.NodeRole.Core) =>
        await Store.UpsertNodeAsync(Some.Node(name, role), CancellationToken.None);

    /// <summary>Commits one poll of <paramref name="node"/> at the clock's time through the real group commit.</summary>
    public Task PollAsync(string node, Sample? sample = null)
    {
        var at = Time.GetUtcNow();
        return Store.CommitPollAsync(node, new PollDecision(sample ?? Some.Sample(node, at), [], []), at, CancellationToken.None);
    }

    /// <summary>Runs the loop's passes, advancing the clock by each pass's wait, until the spool is empty or <paramref name="passes"/> ran.</summary>
    public async Task DrainAsync(int passes = 100)
    {
        for (var i = 0; i < passes; i++)
        {
            var wait = await Loop.RunOnceAsync(CancellationToken.None);
            if ((await Spool.CountersAsync(CancellationToken.None)).Rows == 0)
            {
                return;
            }

            Time.Advance(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1));
        }
    }

    public Task<ArchiveCounters> CountersAsync() => Spool.CountersAsync(CancellationToken.None);

    public async Task<IReadOnlyList<string>> OutboxTextsAsync() =>
        [.. (await Db.Outbox.DueAsync(Time.GetUtcNow().AddYears(1), 100, CancellationToken.None)).Select(e => e.Message.Html)];

    public void Dispose()
    {
        Http.Dispose();
        Db.Dispose();
    }
}
