using ChatOpsWatch.Infrastructure.Storage.ChatNodes;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Infrastructure.Telegram;
using ChatOpsWatch.Infrastructure.Telegram.NodeAdmin;
using ChatOpsWatch.Testing.FakeBotApi;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ChatOpsWatch.Infrastructure.Chat;
using ChatOpsWatch.Infrastructure.Chat.NodeAdmin;
using ChatOpsWatch.Infrastructure.Tests.Telegram;

namespace ChatOpsWatch.Infrastructure.Tests.Chat.NodeAdmin;

/// <summary>
/// /addnode and /removenode on the whole chat path (<see cref="ChatBotHarness"/>: fake Bot API over HTTP, real
/// Telegram.Bot client, real SQLite file), with a scanner that records contacts instead of dialling, and a
/// <see cref="FakeTimeProvider"/> for the confirmations' expiry.
/// </summary>
internal sealed class NodeAdminHarness : IAsyncDisposable
{
    public const string ConfiguredNode = "db-1";

    private NodeAdminHarness()
    {
        Chat = new ChatBotHarness(ChatBotHarness.Fleet(Clock.GetUtcNow()), Commands, Buttons);
    }

    public ChatBotHarness Chat { get; }

    public FakeBotApiServer Api => Chat.Api;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 22, 0, 0, TimeSpan.Zero));

    public RecordingScanner Scanner { get; } = new();

    public FakeFleet Fleet { get; } = new(ConfiguredNode);

    public SqliteChatNodeStore Store => new(Chat.Db.Database);

    public IHostKeyStore HostKeys => new SqliteHostKeyStore(Chat.Db.Database);

    private PendingNodeChanges Pending => field ??= new PendingNodeChanges(Clock, TimeSpan.FromMinutes(10));

    public static async Task<NodeAdminHarness> StartAsync()
    {
        var h = new NodeAdminHarness();
        await h.Chat.StartAsync();
        return h;
    }

    /// <summary>Sends a command as the admin in the ops group and waits for the next message to that group.</summary>
    public Task<SentMessage> AdminSaysAsync(string text) => SaysAsync(ChatBotHarness.OpsGroup, ChatBotHarness.Admin, text);

    /// <summary>Sends <paramref name="text"/> from <paramref name="userId"/> in <paramref name="chatId"/> and waits for the next message to that chat.</summary>
    public async Task<SentMessage> SaysAsync(long chatId, long userId, string text, long? senderChat = null, bool forwarded = false)
    {
        var before = Api.Sent.Count(m => m.ChatId == chatId);
        Api.EnqueueMessage(chatId, userId, text, chatId > 0 ? "private" : "group", senderChat, forwarded);
        await Api.WaitForAsync(_ => Api.Sent.Count(m => m.ChatId == chatId) > before);
        return Api.Sent.Where(m => m.ChatId == chatId).ElementAt(before);
    }

    /// <summary>Presses the button labelled <paramref name="label"/> of the last prompt; returns the answerCallbackQuery toast.</summary>
    public async Task<string?> PressAsync(SentMessage prompt, string label, long userId = ChatBotHarness.Admin)
    {
        var data = Api.LastButtons(prompt.ChatId).Single(b => b.Label.Contains(label, StringComparison.Ordinal)).Data;
        var answers = Api.CallCount("answerCallbackQuery");
        Api.EnqueueButtonPress(prompt.ChatId, userId, prompt.MessageId, data);
        await Api.WaitForCallsAsync("answerCallbackQuery", answers + 1);
        return Api.Calls.Where(c => c.Method == "answerCallbackQuery").Last().Param("text");
    }

    public async ValueTask DisposeAsync() => await Chat.DisposeAsync();

    // Called while ChatBotHarness is being built: use its parts (h), not Chat.
    private IEnumerable<IChatCommandHandler> Commands(ChatBotHarness h) =>
        [new NodeAdminCommands(Parts(h), Scanner, Prompts(h), NullLogger<NodeAdminCommands>.Instance)];

    private IEnumerable<ICallbackHandler> Buttons(ChatBotHarness h) =>
        [new NodeAdminButtons(Parts(h), new SqliteHostKeyStore(h.Db.Database), Prompts(h), NullLogger<NodeAdminButtons>.Instance)];

    private NodeAdminParts Parts(ChatBotHarness h) => new(new SqliteChatNodeStore(h.Db.Database), Fleet, Pending, TextCatalog.English, Clock);

    private static NodePrompts Prompts(ChatBotHarness h) =>
        new(TelegramClientFactory.Create(h.Api.Token, h.Api.BaseUrl, TimeSpan.FromSeconds(5)), h.Writer, NullLogger<NodePrompts>.Instance);
}
