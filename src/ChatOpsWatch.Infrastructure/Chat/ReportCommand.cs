using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Reports;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Infrastructure.Chat;

/// <summary>/report [24h|7d]: the daily report on demand, for the last 24 hours (or 7 days) up to now.</summary>
public sealed class ReportCommand(IReportStore reports, OutboxWriter replies, TextCatalog text, TimeProvider time, ILogger<ReportCommand> logger) : IChatCommandHandler
{
    public IReadOnlyCollection<ChatCommandKind> Kinds { get; } = [ChatCommandKind.Report];

    public async Task HandleAsync(CommandContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var chat = context.Request.ChatId;
        var args = context.Command.Args;
        TimeSpan? window = args.Count switch
        {
            0 => TimeSpan.FromDays(1),
            1 when args[0] is "24h" or "1d" => TimeSpan.FromDays(1),
            1 when args[0] == "7d" => TimeSpan.FromDays(7),
            _ => null,
        };
        if (window is not { } span)
        {
            await ReplyAsync(chat, context.ThreadId, text.Format("report.usage", Html.Escape(Clip(string.Join(' ', args)))), ct);
            return;
        }

        string html;
        try
        {
            var now = time.GetUtcNow();
            html = DailyReport.Format(await reports.GatherAsync(now - span, now, ct), text);
        }
        catch (StorageException e)
        {
            logger.LogError(e, "/report in chat {ChatId}: the store could not be read", chat);
            html = text["report.unavailable"];
        }

        await ReplyAsync(chat, context.ThreadId, html, ct);
    }

    private Task<long> ReplyAsync(long chat, int? thread, string html, CancellationToken ct) =>
        replies.EnqueueAsync(new OutboxMessage(MessageKind.Reply, Severity.None, html, chat) { ThreadId = thread }, ct);

    private static string Clip(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
