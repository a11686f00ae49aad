using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;

namespace ChatOpsWatch.Infrastructure.Chat.Commands;

/// <summary>/start (a greeting and the command list) and /help (the command list), in the configured language.</summary>
public sealed class HelpCommand(OutboxWriter replies, TextCatalog texts) : IChatCommandHandler
{
    public IReadOnlyCollection<ChatCommandKind> Kinds { get; } = [ChatCommandKind.Help, ChatCommandKind.Start];

    public Task HandleAsync(CommandContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        return replies.ReplyAsync(context, ChatReplies.Help(context.Command.Kind == ChatCommandKind.Start, texts), ct);
    }
}
