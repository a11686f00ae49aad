using System.Text;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Incidents;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Time;
using ChatOpsWatch.Infrastructure.Delivery;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Infrastructure.Chat.Incidents;

/// <summary>
/// /alerts (the open incidents, worst first, then the info findings, which are never paged) and /history &lt;node&gt;
/// [24h|7d] (a node's incidents), read from the incidents table. Replies go to the topic the command came from. A store failure is answered, never retried silently.
/// </summary>
public sealed class IncidentCommands(IIncidentLog incidents, IFindingSource findings, OutboxWriter replies, TextCatalog texts, TimeProvider time, ILogger<IncidentCommands> logger) : IChatCommandHandler
{
    /// <summary>The longest /history span: older incidents are for /report.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(30);

    /// <summary>Lines per reply; the rest is counted, so a noisy node cannot flood the chat.</summary>
    public const int MaxLines = 40;

    public IReadOnlyCollection<ChatCommandKind> Kinds { get; } = [ChatCommandKind.Alerts, ChatCommandKind.History];

    public async Task HandleAsync(CommandContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        string html;
        try
        {
            var now = time.GetUtcNow();
            html = context.Command.Kind == ChatCommandKind.Alerts
                ? Alerts(await incidents.OpenAsync(ct), findings.Findings(), now)
                : await HistoryAsync(context.Command.Args, now, ct);
        }
        catch (StorageException e)
        {
            logger.LogError(e, "/{Command} by {Who}: the incidents could not be read", context.Command.Name, context.Who);
            html = texts["incident.store_unavailable"];
        }

        await replies.EnqueueAsync(new OutboxMessage(MessageKind.Reply, Severity.None, html, context.Request.ChatId) { ThreadId = context.ThreadId }, ct);
    }

    private string Alerts(IReadOnlyList<Incident> open, IReadOnlyList<InfoFinding> info, DateTimeOffset now)
    {
        if (open.Count == 0 && info.Count == 0)
        {
            return texts["incident.alerts.none"];
        }

        var sb = new StringBuilder(open.Count == 0 ? texts["incident.alerts.none"] : texts.Format("incident.alerts.head", open.Count));
        foreach (var i in open.Take(MaxLines))
        {
            var flags = (i.AckedBy is { } by ? texts.Format("incident.flag.acked", Html.Escape(by)) : "")
                + (i.MutedUntil is { } until && until > now ? texts.Format("incident.flag.muted", IncidentText.Clock(until)) : "");
            var mark = i.Security ? texts["incident.head.security"] : IncidentText.Mark(i.Severity, texts);
            sb.Append('\n').Append(texts.Format("incident.alerts.line", mark, Html.Escape(i.Node), Html.Escape(i.RuleId), IncidentText.Duration(now - i.OpenedAt, texts), flags));
        }

        if (open.Count > MaxLines)
        {
            sb.Append('\n').Append(texts.Format("incident.history.more", open.Count - MaxLines));
        }

        if (info.Count > 0)
        {
            sb.Append("\n\n").Append(texts.Format("incident.alerts.info_head", info.Count));
            foreach (var f in info.Take(MaxLines))
            {
                sb.Append('\n').Append(texts.Format("incident.alerts.info_line", Html.Escape(f.Node), Html.Escape(f.Series), IncidentText.Duration(now - f.Since, texts), Html.Escape(f.Reason)));
            }

            if (info.Count > MaxLines)
            {
                sb.Append('\n').Append(texts.Format("incident.history.more", info.Count - MaxLines));
            }
        }

        return sb.ToString();
    }

    private async Task<string> HistoryAsync(IReadOnlyList<string> args, DateTimeOffset now, CancellationToken ct)
    {
        var span = TimeSpan.FromHours(24);
        if (args.Count is 0 or > 2 || (args.Count == 2 && (!DurationText.TryParse(args[1], out span) || span > MaxSpan)))
        {
            return texts["incident.history.usage"];
        }

        var node = args[0];
        if (!NodeName.IsValid(node))
        {
            return texts.Format("incident.history.bad_node", Html.Escape(node));
        }

        var list = await incidents.HistoryAsync(node, now - span, ct);
        var spanText = DurationText.Format(span);
        if (list.Count == 0)
        {
            return texts.Format("incident.history.none", Html.Escape(node), spanText);
        }

        var sb = new StringBuilder(texts.Format("incident.history.head", Html.Escape(node), spanText, list.Count));
        foreach (var i in list.Take(MaxLines))
        {
            var mark = i.MaxSeverity == Severity.Critical ? "🔴" : "🟠";
            var how = i.ResolvedAt is { } end
                ? IncidentText.Duration(end - i.OpenedAt, texts)
                : texts.Format("incident.history.open", IncidentText.Duration(now - i.OpenedAt, texts));
            sb.Append('\n').Append(texts.Format("incident.history.line", mark, IncidentText.Stamp(i.OpenedAt), Html.Escape(i.RuleId), how));
        }

        return More(sb, list.Count);
    }

    private string More(StringBuilder sb, int count)
    {
        if (count > MaxLines)
        {
            sb.Append('\n').Append(texts.Format("incident.history.more", count - MaxLines));
        }

        return sb.ToString();
    }
}
