using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Infrastructure.Telegram;
using ChatOpsWatch.Infrastructure.Tests.Delivery;
using ChatOpsWatch.Infrastructure.Tests.Storage;
using ChatOpsWatch.Testing.FakeBotApi;
using Microsoft.Extensions.Logging.Abstractions;
using ChatOpsWatch.Infrastructure.Chat;
using ChatOpsWatch.Infrastructure.Tests.Chat.NodeAdmin;

namespace ChatOpsWatch.Infrastructure.Tests.Telegram;

/// <summary>
/// The whole chat path on real parts: fake Bot API over HTTP → poller → handler → outbox →
/// dispatcher → sender → fake Bot API. The monitor store and the outbox are in memory; silences,
/// acknowledgements and the audit log are in a real SQLite file (<see cref="Db"/>).
/// </summary>
public sealed partial class ChatBotHarness : IAsyncDisposable
{
    public const long OpsGroup = -100200300;
    public const long Admin = 42;
    public const long Member = 7;

    private readonly TelegramUpdatePoller poller;
    private readonly OutboxDispatcher dispatcher;
    private int disposed;

    /// <param name="fleet">What the fake monitor store holds.</param>
    /// <param name="commands">
    /// Test handlers that replace the product's handler of the commands they list, built from the harness's parts (its
    /// <see cref="Writer"/>, <see cref="Db"/>, ...). Every other command is answered by the product's handler
    /// (<see cref="ChatCommandServices.AddChatCommands"/>).
    /// </param>
    /// <param name="callbacks">Inline-button handlers that replace the product's, built the same way.</param>
    /// <param name="texts">The configured language (Telegram:Language); English when null.</param>
    /// <param name="scanner">What /addnode reads host keys with: records instead of dialling; none given: a fresh one nobody reads.</param>
    internal ChatBotHarness(
        IReadOnlyList<NodeStatus> fleet,
        Func<ChatBotHarness, IEnumerable<IChatCommandHandler>>? commands = null,
        Func<ChatBotHarness, IEnumerable<ICallbackHandler>>? callbacks = null,
        TextCatalog? texts = null,
        RecordingScanner? scanner = null)
    {
        Texts = texts ?? TextCatalog.English;
        Store = new FakeMonitorStore(fleet);
        var time = TimeProvider.System;
        var signal = Signal = new OutboxSignal(time);
        Intake = new CommandIntake(time);
        var pollClient = TelegramClientFactory.Create(Api.Token, Api.BaseUrl, TimeSpan.FromSeconds(10));
        var sendClient = TelegramClientFactory.Create(Api.Token, Api.BaseUrl, TimeSpan.FromSeconds(5));
        var policy = new ChatAccessPolicy(new HashSet<long> { OpsGroup, Admin }, new HashSet<long> { Admin });
        Muting = new SqliteMutingStore(Db.Database);
        Writer = new OutboxWriter(Outbox, signal, time);
        var parts = new ChatParts(
            pollClient,
            Db.Database,
            Store,
            Muting,
            new SqliteIncidentStore(Db.Database, Texts),
            Writer,
            signal,
            policy,
            new Incidents.NoFindings(),
            new FakeFleet([.. fleet.Select(n => n.Node.Name)]),
            scanner ?? new RecordingScanner(),
            new Infrastructure.Chat.NodeAdmin.PendingNodeChanges(time, TimeSpan.FromMinutes(10)),
            Texts,
            time,
            Log);
        Handler = ChatWiring.Build(parts, commands?.Invoke(this) ?? [], callbacks?.Invoke(this) ?? []);
        var handler = Handler;
        poller = new TelegramUpdatePoller(pollClient, handler, new TelegramPollerOptions { LongPollTimeout = TimeSpan.FromSeconds(1) }, Intake, time, NullLogger<TelegramUpdatePoller>.Instance, Texts);
        dispatcher = new OutboxDispatcher(
            Outbox,
            new TelegramMessageSender(sendClient, Intake, NullLogger<TelegramMessageSender>.Instance),
            signal,
            new OutboxDispatcherOptions { OpsChatId = OpsGroup },
            time,
            NullLogger<OutboxDispatcher>.Instance);
    }

    public FakeBotApiServer Api { get; } = FakeBotApiServer.Start();

    /// <summary>The language the bot answers in; handlers built by the test should use it too.</summary>
    public TextCatalog Texts { get; }

    public InMemoryOutbox Outbox { get; } = new();

    /// <summary>Shared by the poller and the sender, as in the worker.</summary>
    public CommandIntake Intake { get; }

    /// <summary>Wakes the dispatcher; handlers that change a message in place (incident buttons) ring it.</summary>
    public OutboxSignal Signal { get; }

    public FakeMonitorStore Store { get; }

    public TestDb Db { get; } = new();

    public SqliteMutingStore Muting { get; }

    /// <summary>Where handlers enqueue their replies.</summary>
    public OutboxWriter Writer { get; }

    /// <summary>The handler the poller feeds, for handing it an update a second time (a redelivery).</summary>
    public ChatUpdateHandler Handler { get; }

    public CollectingLogger<ChatUpdateHandler> Log { get; } = new();

    public static IReadOnlyList<NodeStatus> Fleet(DateTimeOffset now) =>
    [
        Node("web-1", now, 12),
        Node("db-1", now, 97) with
        {
            Firing = [AlertState.Initial("db-1", "cpu", MetricNames.CpuBusyPct, now) with { Severity = Severity.Critical, LastValue = 97, FiringSince = now }],
        },
    ];

    public async Task StartAsync()
    {
        await poller.StartAsync(default);
        await dispatcher.StartAsync(default);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await poller.StopAsync(default);
        await dispatcher.StopAsync(default);
        poller.Dispose();
        dispatcher.Dispose();
        await Api.DisposeAsync();
        Db.Dispose();
    }

    private static NodeStatus Node(string name, DateTimeOffset now, double cpu) => new(
        new NodeInfo(name, "hetzner", "fsn1", NodeRole.Core, NodeInfo.CoreInterval),
        new Sample(name, now.AddSeconds(-10), new Dictionary<string, double> { [MetricNames.CpuBusyPct] = cpu, [MetricNames.MemUsedPct] = 50 }),
        []);
}
