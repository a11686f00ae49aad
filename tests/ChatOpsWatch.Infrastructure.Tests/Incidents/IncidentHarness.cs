using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Correlation;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Infrastructure.Telegram;
using ChatOpsWatch.Infrastructure.Tests.Storage;
using ChatOpsWatch.Infrastructure.Tests.Telegram;
using ChatOpsWatch.Testing.FakeBotApi;
using Telegram.Bot;
using ChatOpsWatch.Infrastructure.Chat;

namespace ChatOpsWatch.Infrastructure.Tests.Incidents;

/// <summary>
/// Incidents end to end on real parts: the live engine judges CPU samples, the real SQLite store commits them with
/// their incident rows and outbox rows, the dispatcher delivers through the real Telegram.Bot client to the fake Bot
/// API on 127.0.0.1, and button presses come back as callback_query updates (read with getUpdates) through
/// <see cref="ChatUpdateHandler"/>. Time is a <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/>.
/// </summary>
public sealed class IncidentHarness : IAsyncDisposable
{
    public const long Ops = -1001234567890;
    public const long Admin = 42;
    public const long Member = 7;

    private readonly LiveEngine engine;
    private readonly Dictionary<string, AlertState> projections = new(StringComparer.Ordinal);
    private readonly TelegramBotClient client;
    private readonly int? opsThread;
    private int offset;
    private int disposed;
    private global::Telegram.Bot.Types.Update[] last = [];

    public IncidentHarness(Func<IncidentHarness, IEnumerable<IChatCommandHandler>>? commands = null, int? opsThread = null, TextCatalog? texts = null)
    {
        Texts = texts ?? TextCatalog.English;
        this.opsThread = opsThread;
        engine = new LiveEngine { Texts = Texts };
        client = TelegramClientFactory.Create(Api.Token, Api.BaseUrl, TimeSpan.FromSeconds(5));
        Signal = new OutboxSignal(Db.Time);
        var writer = new OutboxWriter(Db.Outbox, Signal, Db.Time);
        var policy = new ChatAccessPolicy(new HashSet<long> { Ops }, new HashSet<long> { Admin });
        var monitor = Monitor;
        var parts = new ChatParts(
            client,
            Db.Database,
            monitor,
            new SqliteMutingStore(Db.Database),
            new SqliteIncidentStore(Db.Database, Texts),
            writer,
            Signal,
            policy,
            Findings,
            new Chat.NodeAdmin.FakeFleet(Node.Name),
            new Chat.NodeAdmin.RecordingScanner(),
            new Infrastructure.Chat.NodeAdmin.PendingNodeChanges(Db.Time, TimeSpan.FromMinutes(10)),
            Texts,
            Db.Time,
            new CollectingLogger<ChatUpdateHandler>());
        Handler = ChatWiring.Build(parts, commands?.Invoke(this) ?? [], []);
    }

    public TestDb Db { get; } = new();

    /// <summary>The info findings /alerts lists; tests add to it.</summary>
    public ListFindings Findings { get; } = new();

    public FakeBotApiServer Api { get; } = FakeBotApiServer.Start();

    public TextCatalog Texts { get; }

    public OutboxSignal Signal { get; }

    public ChatUpdateHandler Handler { get; }

    public NodeInfo Node { get; } = new("web-1", "hetzner", "fsn1", NodeRole.Core, NodeInfo.CoreInterval);

    public SqliteMonitorStore Monitor => new(Db.Database, Db.Time, Texts);

    public SqliteIncidentStore Incidents => new(Db.Database, Texts);

    public SqliteOutbox Outbox => Db.Outbox;

    public Task InitializeAsync() => Monitor.UpsertNodeAsync(Node, default);

    /// <summary>
    /// One poll of <see cref="Node"/> that measured <paramref name="cpu"/> (and <paramref name="more"/> indicators), judged
    /// with the silences and acks in force, committed.
    /// </summary>
    public async Task PollAsync(double cpu, IReadOnlyDictionary<string, double>? more = null)
    {
        var now = Db.Time.GetUtcNow();
        var muted = await new SqliteMutingStore(Db.Database).ActiveAsync(now, default);
        var policy = PolicyContext.Empty with { Silences = muted.Silences, Acks = muted.Acks };
        var values = new Dictionary<string, double>(more ?? new Dictionary<string, double>()) { [MetricNames.CpuBusyPct] = cpu };
        var sample = new Sample(Node.Name, now, values);
        var metrics = engine.Evaluate(Node, new PollOutcome.Succeeded(sample), MonitorSettings.Default, projections, policy);
        await Monitor.CommitPollAsync(Node.Name, new PollDecision(sample, metrics.Projections, metrics.Messages, metrics.Changed), now, default);
        engine.Apply(metrics.Changed);
        foreach (var t in metrics.Projections)
        {
            projections[AlertKey.Of(t.Next)] = t.Next;
        }
    }

    /// <summary>Polls once a minute with these values.</summary>
    public async Task PollEveryMinuteAsync(params double[] values)
    {
        foreach (var v in values)
        {
            await PollAsync(v);
            Db.Time.Advance(TimeSpan.FromMinutes(1));
        }
    }

    /// <summary>Runs dispatcher passes, jumping the clock by each returned wait, until nothing is due.</summary>
    public Task DeliverAsync() => DeliverWithAsync(Sender());

    public async Task DeliverWithAsync(IMessageSender sender)
    {
        using var dispatcher = new OutboxDispatcher(
            Outbox, sender, Signal, new OutboxDispatcherOptions { OpsChatId = Ops, OpsThreadId = opsThread }, Db.Time, new CollectingLogger<OutboxDispatcher>());
        for (var pass = 0; pass < 200 && await Outbox.BacklogAsync(default) > 0; pass++)
        {
            var wait = await dispatcher.DispatchDueAsync(default);
            Db.Time.Advance(wait > TimeSpan.Zero && wait < TimeSpan.FromMinutes(1) ? wait : TimeSpan.FromMilliseconds(500));
        }
    }

    public TelegramMessageSender Sender() => new(TelegramClientFactory.Create(Api.Token, Api.BaseUrl, TimeSpan.FromSeconds(5)), new CommandIntake(Db.Time), new CollectingLogger<TelegramMessageSender>());

    /// <summary>Presses a button as <paramref name="userId"/>, lets the bot handle the update, and returns the toast it answered.</summary>
    public async Task<string?> PressAsync(long userId, int messageId, string data)
    {
        var query = Api.PressButton(Ops, userId, messageId, data);
        await PumpAsync();
        return await Api.WaitForAnswerAsync(query);
    }

    public async Task CommandAsync(long userId, string text, int? threadId = null)
    {
        Api.EnqueueMessage(Ops, userId, text, "supergroup", threadId: threadId);
        await PumpAsync();
    }

    /// <summary>A second node, whose reachability <see cref="ReachabilityAsync"/> reports.</summary>
    public NodeInfo Other { get; } = new("db-1", "hetzner", "hel1", NodeRole.Core, NodeInfo.CoreInterval);

    /// <summary>
    /// <see cref="Other"/> reported down (its loss confirmed after <paramref name="failures"/> failed attempts) or up, stepped
    /// through the correlator and committed with its messages by the real store, as the monitor's correlation hub does.
    /// </summary>
    public async Task ReachabilityAsync(bool down, string? error = null, int failures = 2)
    {
        var now = Db.Time.GetUtcNow();
        await Monitor.UpsertNodeAsync(Other, default);
        var store = new SqliteCorrelationStore(Db.Database, Texts);
        var report = new NodeReport(Other, down, down ? failures : 0, error, DownSince: down ? now : null);
        // web-1 answers its polls, so db-1 is alone in its provider: nothing holds its news for a group.
        var reports = new Dictionary<string, NodeReport> { [Node.Name] = new(Node, false, 0, null), [Other.Name] = report };
        var input = new CorrelationInput([Node, Other], reports, CanaryStatus.None);
        var step = Correlator.Step(await store.LoadAsync(default), input, CorrelationOptions.Default, Texts, now);
        await store.CommitAsync(step.Next, step.Messages, now, default);
        if (down)
        {
            // The hub's next tick, once the lone down has settled.
            Db.Time.Advance(CorrelationOptions.DefaultSettle);
            now = Db.Time.GetUtcNow();
            var settled = Correlator.Step(step.Next, input, CorrelationOptions.Default, Texts, now);
            await store.CommitAsync(settled.Next, settled.Messages, now, default);
        }
    }

    /// <summary>The incident's one message as it shows now.</summary>
    public SentMessage IncidentMessage()
    {
        var first = Api.Sent.First(m => m.ReplyTo is null && m.ButtonData.Count > 0);
        return Api.Current(Ops, first.MessageId)!;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await Api.DisposeAsync();
        Db.Dispose();
    }

    /// <summary>Hands the updates of the last <see cref="PressAsync"/> or <see cref="CommandAsync"/> to the bot again, as Telegram does after a lost confirmation.</summary>
    public async Task RedeliverAsync()
    {
        foreach (var update in last)
        {
            await Handler.HandleAsync(update, default);
        }
    }

    /// <summary>Reads the updates queued on the fake Bot API (getUpdates) and hands each to the bot.</summary>
    public async Task PumpAsync()
    {
        var updates = await client.GetUpdates(offset, timeout: 0);
        last = updates;
        foreach (var update in updates)
        {
            await Handler.HandleAsync(update, default);
            offset = update.Id + 1;
        }
    }
}
