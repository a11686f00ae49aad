using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Infrastructure.Storage.ChatNodes;
using ChatOpsWatch.Infrastructure.Telegram;
using ChatOpsWatch.Infrastructure.Telegram.Commands;
using ChatOpsWatch.Infrastructure.Telegram.Incidents;
using ChatOpsWatch.Infrastructure.Telegram.NodeAdmin;
using ChatOpsWatch.Infrastructure.Tests.Telegram.NodeAdmin;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsWatch.Infrastructure.Tests.Telegram;

/// <summary>The harness with every command and button handler the product registers (HostingExtensions, NodeAdminServices).</summary>
public sealed partial class ChatBotHarness
{
    /// <summary>
    /// A bot that answers every command in <see cref="Domain.Chat.ChatCommands.All"/> with the real handlers, built in the
    /// harness's language on its parts (its SQLite file, outbox and signal). /addnode reads host keys with
    /// <paramref name="scanner"/>, which records instead of dialling; none given: a fresh one nobody reads.
    /// </summary>
    internal static ChatBotHarness WithAllHandlers(IReadOnlyList<NodeStatus> fleet, TextCatalog? texts = null, RecordingScanner? scanner = null)
    {
        var time = TimeProvider.System;
        var pending = new PendingNodeChanges(time, TimeSpan.FromMinutes(10));
        IChatCommandHandler[]? commands = null;
        return new ChatBotHarness(fleet, Commands, Buttons, texts);

        IEnumerable<IChatCommandHandler> Commands(ChatBotHarness h) => commands ??=
        [
            new StatusCommands(h.Store, h.Writer, h.Texts, time, NullLogger<StatusCommands>.Instance),
            new MaintCommands(
                h.Store,
                new SqliteMaintenanceStore(h.Db.Database),
                new MuteCommands(h.Store, h.Muting, time, h.Texts, NullLogger<MuteCommands>.Instance),
                h.Writer,
                h.Texts,
                time,
                NullLogger<MaintCommands>.Instance),
            new ChartCommand(h.Store, new SqliteSeriesReader(h.Db.Database), h.Writer, new ChartOptions(h.Texts, () => ThresholdRule.Defaults), time, NullLogger<ChartCommand>.Instance),
            new ReportCommand(new SqliteReportStore(h.Db.Database), h.Writer, h.Texts, time, NullLogger<ReportCommand>.Instance),
            new StorageCommand(h.Db.Database, Domain.Storage.RetentionOptions.Default, h.Writer, h.Texts, NullLogger<StorageCommand>.Instance),
            new IncidentCommands(new SqliteIncidentStore(h.Db.Database, h.Texts), new Incidents.NoFindings(), h.Writer, h.Texts, time, NullLogger<IncidentCommands>.Instance),
            new NodeAdminCommands(Parts(h), scanner ?? new RecordingScanner(), Prompts(h), NullLogger<NodeAdminCommands>.Instance),
        ];

        IEnumerable<ICallbackHandler> Buttons(ChatBotHarness h) =>
        [
            new IncidentStateButtons(new SqliteIncidentStore(h.Db.Database, h.Texts), h.Muting, h.Signal, h.Texts, time, NullLogger<IncidentStateButtons>.Instance),
            new IncidentViewButtons(new SqliteIncidentStore(h.Db.Database, h.Texts), h.Writer, Commands(h), h.Texts, time, NullLogger<IncidentViewButtons>.Instance),
            new NodeAdminButtons(Parts(h), new SqliteHostKeyStore(h.Db.Database), Prompts(h), NullLogger<NodeAdminButtons>.Instance),
        ];

        NodeAdminParts Parts(ChatBotHarness h) =>
            new(new SqliteChatNodeStore(h.Db.Database), new FakeFleet(fleet.Select(n => n.Node.Name).ToArray()), pending, h.Texts, time);

        static NodePrompts Prompts(ChatBotHarness h) =>
            new(TelegramClientFactory.Create(h.Api.Token, h.Api.BaseUrl, TimeSpan.FromSeconds(5)), h.Writer, NullLogger<NodePrompts>.Instance);
    }
}
