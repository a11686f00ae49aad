using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using ChatOpsWatch.Infrastructure.Chat;

namespace ChatOpsWatch.Infrastructure.Telegram;

/// <summary>
/// Answers chat commands. Access is checked before anything else; a refused message reads no data.
/// Refusals: a command in a private chat that is not allowed gets a short answer naming the chat's
/// id (so an operator can allow it), a forwarded or anonymous command gets a short reason, a group
/// that is not allowed gets nothing and the bot leaves it. Plain chatter is never answered.
/// Replies go through the outbox like every other message, paced and retried, in the configured language
/// (<see cref="TextCatalog"/>).
/// </summary>
public sealed class ChatUpdateHandler(
    ITelegramBotClient bot,
    OutboxWriter replies,
    ChatAccessPolicy policy,
    IEnumerable<IChatCommandHandler> commandHandlers,
    IEnumerable<ICallbackHandler> callbackHandlers,
    TextCatalog texts,
    ILogger<ChatUpdateHandler> logger) : ITelegramUpdateHandler
{
    private readonly Dictionary<ChatCommandKind, IChatCommandHandler> commands = IndexCommands(commandHandlers);
    private readonly Dictionary<string, ICallbackHandler> callbacks = IndexCallbacks(callbackHandlers);
    private string? botUsername;

    public async Task HandleAsync(Update update, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(update);
        switch (update)
        {
            case { Message: { } message }:
                await OnMessageAsync(update.Id, message, ct);
                break;
            case { MyChatMember: { } change }:
                await OnMembershipAsync(change, ct);
                break;
            case { CallbackQuery: { } query }:
                await OnCallbackAsync(update.Id, query, ct);
                break;
            default:
                logger.LogDebug("Ignoring Telegram update {UpdateId} of type {Type}", update.Id, update.Type);
                break;
        }
    }

    internal static ChatRequest ToRequest(Message m) => new(
        m.Chat.Id,
        m.Chat.Type == ChatType.Private,
        m.From?.Id,
        m.SenderChat?.Id,
        m.ForwardOrigin is not null || m.IsAutomaticForward);

    private async Task OnMessageAsync(long updateId, Message message, CancellationToken ct)
    {
        var request = ToRequest(message);
        var decision = ChatAuthorizer.Check(request, policy, changesState: false);
        var command = ChatCommandParser.Parse(message.Text, await BotUsernameAsync(ct));
        if (decision.IsAllowed && command is { ChangesState: true })
        {
            decision = ChatAuthorizer.Check(request, policy, changesState: true);
        }

        if (decision.Refusal is { } reason)
        {
            await RefuseAsync(request, reason, command, message.MessageThreadId, ct);
            return;
        }

        if (command is null)
        {
            return;
        }

        if (commands.TryGetValue(command.Kind, out var registered))
        {
            try
            {
                await registered.HandleAsync(new CommandContext(command, request, Who(message.From!), updateId, message.MessageThreadId), ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // A bug or an outage in one command must not leave the asker without an answer.
                logger.LogError(e, "/{Command} in chat {ChatId} failed", command.Name, request.ChatId);
                await ReplyAsync(request.ChatId, ChatReplies.CommandFailed(command.Name, texts), message.MessageThreadId, ct);
            }

            return;
        }

        if (command.Kind != ChatCommandKind.Unknown)
        {
            // A command of the menu that no handler lists: a wiring bug, answered rather than ignored.
            logger.LogError("No handler is registered for /{Command}", command.Name);
        }
        else if (!request.IsPrivateChat && !command.AddressedToUs)
        {
            // In a group, an unknown command may be another bot's.
            return;
        }

        await ReplyAsync(request.ChatId, ChatReplies.UnknownCommand(command.Name, texts), message.MessageThreadId, ct);
    }

    /// <summary>
    /// An inline-button press: the chat must be allowed and the presser known (buttons cannot be forwarded or
    /// sent as a channel); a button that changes state needs an admin. Every press is answered, so the
    /// client's spinner stops, and a refused press changes nothing.
    /// </summary>
    private async Task OnCallbackAsync(long updateId, CallbackQuery query, CancellationToken ct)
    {
        var chatId = query.Message?.Chat.Id;
        var data = CallbackData.TryDecode(query.Data);
        var handler = data is not null && callbacks.TryGetValue(data.Action, out var h) ? h : null;
        var request = new ChatRequest(chatId ?? 0, query.Message?.Chat.Type == ChatType.Private, query.From.Id, null, false);
        var decision = chatId is null
            ? AccessDecision.Refused(RefusalReason.ChatNotAllowed)
            : ChatAuthorizer.Check(request, policy, changesState: handler is null || handler.ChangesState(data!));
        string? toast;
        if (decision.Refusal is { } reason)
        {
            logger.LogWarning("Refused a button press in chat {ChatId} by user {UserId}: {Reason}", chatId, query.From.Id, reason);
            toast = ChatReplies.ButtonRefused(reason, texts);
        }
        else if (handler is null)
        {
            logger.LogWarning("Unknown button data {Data} in chat {ChatId}", query.Data, chatId);
            toast = ChatReplies.ButtonUnknown(texts);
        }
        else
        {
            toast = await handler.HandleAsync(new CallbackContext(data!, chatId!.Value, query.Message?.Id, query.Message?.MessageThreadId, query.From.Id, Who(query.From), updateId), ct);
        }

        try
        {
            await bot.AnswerCallbackQuery(query.Id, toast, cancellationToken: ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // The press was handled; only the toast is lost (Telegram gives 15 s to answer).
            logger.LogWarning("Could not answer button press {QueryId}: {Error}", query.Id, TelegramErrors.Describe(e));
        }
    }

    private static Dictionary<ChatCommandKind, IChatCommandHandler> IndexCommands(IEnumerable<IChatCommandHandler> handlers)
    {
        var index = new Dictionary<ChatCommandKind, IChatCommandHandler>();
        foreach (var handler in handlers)
        {
            foreach (var kind in handler.Kinds)
            {
                if (!index.TryAdd(kind, handler))
                {
                    throw new InvalidOperationException($"Two handlers are registered for the command {kind}.");
                }
            }
        }

        return index;
    }

    private static Dictionary<string, ICallbackHandler> IndexCallbacks(IEnumerable<ICallbackHandler> handlers)
    {
        var index = new Dictionary<string, ICallbackHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            foreach (var action in handler.Actions)
            {
                if (!index.TryAdd(action, handler))
                {
                    throw new InvalidOperationException($"Two handlers are registered for the button action '{action}'.");
                }
            }
        }

        return index;
    }

    /// <summary>Who asked, for replies and the audit log: the @username (or first name) and the stable user id.</summary>
    private static string Who(User user) => $"{(user.Username is { } u ? "@" + u : user.FirstName)} ({user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)})";

    private async Task RefuseAsync(ChatRequest request, RefusalReason reason, ChatCommand? command, int? threadId, CancellationToken ct)
    {
        if (command is null && reason != RefusalReason.ChatNotAllowed)
        {
            // Chatter from an anonymous admin in an allowed group: nothing was asked, nothing to refuse.
            logger.LogDebug("Ignoring a non-command message in chat {ChatId}: {Reason}", request.ChatId, reason);
            return;
        }

        logger.LogWarning(
            "Refused a message in chat {ChatId} from user {UserId} (sender chat {SenderChatId}): {Reason}; command {Command}",
            request.ChatId, request.UserId, request.SenderChatId, reason, command?.Name ?? "(none)");
        if (reason == RefusalReason.ChatNotAllowed && !request.IsPrivateChat)
        {
            await LeaveAsync(request.ChatId, ct);
            return;
        }

        if (command is not null && (command.Kind != ChatCommandKind.Unknown || command.AddressedToUs || request.IsPrivateChat))
        {
            await ReplyAsync(request.ChatId, ChatReplies.Refusal(reason, request.ChatId, command.Name, texts), threadId, ct);
        }
    }

    private async Task OnMembershipAsync(ChatMemberUpdated change, CancellationToken ct)
    {
        var joined = change.NewChatMember.Status is ChatMemberStatus.Member or ChatMemberStatus.Administrator;
        if (!joined || change.Chat.Type == ChatType.Private)
        {
            return;
        }

        if (policy.AllowedChats.Contains(change.Chat.Id))
        {
            logger.LogInformation("Added to allowed chat {ChatId} by user {UserId}", change.Chat.Id, change.From.Id);
            return;
        }

        logger.LogWarning("Added to chat {ChatId} by user {UserId}, which is not on the allowlist: leaving it", change.Chat.Id, change.From.Id);
        await LeaveAsync(change.Chat.Id, ct);
    }

    private async Task LeaveAsync(long chatId, CancellationToken ct)
    {
        try
        {
            await bot.LeaveChat(chatId, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("Could not leave chat {ChatId}: {Error}", chatId, TelegramErrors.Describe(e));
        }
    }

    /// <summary>Replies land in the forum topic (<paramref name="threadId"/>) the command came from.</summary>
    private async Task ReplyAsync(long chatId, string html, int? threadId, CancellationToken ct) =>
        await replies.EnqueueAsync(new OutboxMessage(MessageKind.Reply, Severity.None, html, chatId) { ThreadId = threadId }, ct);

    private async Task<string> BotUsernameAsync(CancellationToken ct)
    {
        if (botUsername is null)
        {
            User me;
            try
            {
                me = await bot.GetMe(ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                throw new BotApiUnavailableException($"Cannot learn the bot's username (getMe): {TelegramErrors.Describe(e)}", e);
            }

            botUsername = me.Username ?? throw new InvalidOperationException("Telegram's getMe returned no username for this bot.");
            logger.LogInformation("Answering commands as @{Username}", botUsername);
        }

        return botUsername;
    }
}
