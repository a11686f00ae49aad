using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Tests.Chat.NodeAdmin;

namespace ChatOpsWatch.Infrastructure.Tests.Telegram;

public sealed partial class ChatBotHarness
{
    /// <summary>
    /// A bot that answers every command in <see cref="Domain.Chat.ChatCommands.All"/> with the product's handlers, in
    /// <paramref name="texts"/>; /addnode reads host keys with <paramref name="scanner"/>. Every harness does now: the
    /// name stays for the tests that say so.
    /// </summary>
    internal static ChatBotHarness WithAllHandlers(IReadOnlyList<NodeStatus> fleet, TextCatalog? texts = null, RecordingScanner? scanner = null) =>
        new(fleet, texts: texts, scanner: scanner);
}
