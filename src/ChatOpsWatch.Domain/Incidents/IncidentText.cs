using System.Globalization;
using System.Text;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Incidents;

/// <summary>
/// An incident's one message, rendered from its state: the severity mark, the node and its tags, the value against
/// the threshold and the reason, then state lines (acked by, muted until, how long). Pure; every outside string in an
/// <see cref="Incident"/> is already escaped HTML or is escaped here.
/// </summary>
public static class IncidentText
{
    /// <summary>The mute buttons' durations, in the /mute syntax.</summary>
    public static readonly IReadOnlyList<string> MuteChoices = ["1h", "4h", "24h"];

    public static OutboxMessage Message(Incident incident, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return new OutboxMessage(incident.Security ? MessageKind.Security : MessageKind.Alert, incident.Severity, Compose(incident, texts))
        {
            Buttons = Buttons(incident, texts),
        };
    }

    public static string Compose(Incident incident, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(texts);
        var head = !incident.IsOpen ? texts["incident.head.resolved"]
            : incident.Security ? texts["incident.head.security"]
            : Mark(incident.Severity, texts);
        var sb = new StringBuilder(Where(head, incident.Node, incident.Tags, texts));
        sb.Append('\n').Append(incident.DetailIn(texts));
        if (incident.ResolvedDetailIn(texts) is { } resolved)
        {
            sb.Append('\n').Append(resolved);
        }

        if (incident.IsOpen && incident.MaxSeverity > incident.Severity)
        {
            sb.Append('\n').Append(texts["incident.peak"]);
        }

        if (incident.AckedBy is { } by)
        {
            sb.Append('\n').Append(texts.Format("incident.acked", Html.Escape(by), Clock(incident.AckedAt ?? incident.OpenedAt)));
        }

        if (incident.MutedUntil is { } until)
        {
            sb.Append('\n').Append(texts.Format("incident.muted", Clock(until), Html.Escape(incident.MutedBy ?? "?")));
        }

        sb.Append('\n').Append(incident.ResolvedAt is { } end
            ? texts.Format("incident.lasted", Duration(end - incident.OpenedAt, texts), Clock(incident.OpenedAt), Clock(end))
            : texts.Format("incident.since", Clock(incident.OpenedAt)));
        return sb.ToString();
    }

    /// <summary>
    /// Ack (until someone did), Chart and Details, and the mute choices; a resolved incident has none. A security incident
    /// (changed host key) offers no Mute: silences never hold it back, so the button would promise what it cannot do.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<InlineButton>>? Buttons(Incident incident, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(texts);
        if (!incident.IsOpen)
        {
            return null;
        }

        var id = incident.Id.ToString(CultureInfo.InvariantCulture);
        var first = new List<InlineButton>();
        if (incident.AckedBy is null)
        {
            first.Add(new InlineButton(texts["incident.button.ack"], CallbackData.Encode("ack", id)));
        }

        first.Add(new InlineButton(texts["incident.button.chart"], CallbackData.Encode("chart", id)));
        first.Add(new InlineButton(texts["incident.button.details"], CallbackData.Encode("details", id)));
        if (incident.Security)
        {
            return [first];
        }

        var mutes = MuteChoices.Select(d => new InlineButton(texts.Format("incident.button.mute", d), CallbackData.Encode("mute", id, d))).ToList();
        return [first, mutes];
    }

    /// <summary>The short reply that makes the group's phones ring (or not) when the incident ends.</summary>
    public static string ResolvedReply(Incident incident, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(texts);
        var lasted = (incident.ResolvedAt ?? incident.OpenedAt) - incident.OpenedAt;
        return texts.Format("incident.reply.resolved", Html.Escape(incident.Node), Rule(incident), Duration(lasted, texts));
    }

    /// <summary>The loud reply that tells the group a warning became critical (the edit of the message itself is silent).</summary>
    public static string EscalatedReply(Incident incident, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Format("incident.reply.escalated", Html.Escape(incident.Node), incident.DetailIn(texts));
    }

    public static string RepeatReply(Incident incident, DateTimeOffset now, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Format("incident.reply.repeat", Html.Escape(incident.Node), Rule(incident), Duration(now - incident.OpenedAt, texts));
    }

    /// <summary>What the Details button answers: the whole record of the incident.</summary>
    public static string Details(Incident incident, DateTimeOffset now, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(texts);
        var sb = new StringBuilder(texts.Format("incident.details.head", incident.Id, Html.Escape(incident.Node), Html.Escape(incident.Tags)));
        sb.Append('\n').Append(texts.Format("incident.details.rule", Html.Escape(incident.RuleId), Html.Escape(incident.Series)));
        sb.Append('\n').Append(texts.Format("incident.details.severity", SeverityName(incident.Severity, texts), SeverityName(incident.MaxSeverity, texts)));
        sb.Append('\n').Append(incident.DetailIn(texts));
        if (incident.ResolvedDetailIn(texts) is { } resolved)
        {
            sb.Append('\n').Append(resolved);
        }

        sb.Append('\n').Append(texts.Format("incident.details.opened", Stamp(incident.OpenedAt)));
        sb.Append('\n').Append(incident.ResolvedAt is { } end
            ? texts.Format("incident.details.resolved", Stamp(end), Duration(end - incident.OpenedAt, texts))
            : texts.Format("incident.details.open", Duration(now - incident.OpenedAt, texts)));
        if (incident.AckedBy is { } by)
        {
            sb.Append('\n').Append(texts.Format("incident.acked", Html.Escape(by), Clock(incident.AckedAt ?? incident.OpenedAt)));
        }

        if (incident.MutedUntil is { } until)
        {
            sb.Append('\n').Append(texts.Format("incident.muted", Stamp(until), Html.Escape(incident.MutedBy ?? "?")));
        }

        return sb.ToString();
    }

    /// <summary>"🔴 CRITICAL · <b>node</b> (tags)": the first line of every alert message.</summary>
    public static string Where(string head, string node, string tags, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Format("incident.where", head, Html.Escape(node), Html.Escape(tags));
    }

    public static string Mark(Severity severity, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return severity == Severity.Critical ? texts["incident.head.critical"] : texts["incident.head.warning"];
    }

    /// <summary>"45 s", "23 min", "2 h 5 min", "3 d 4 h" in the catalogue's language.</summary>
    public static string Duration(TimeSpan d, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return d.TotalMinutes < 1 ? texts.Format("incident.dur.s", Math.Max(0, (int)d.TotalSeconds))
            : d.TotalHours < 1 ? texts.Format("incident.dur.min", (int)d.TotalMinutes)
            : d.TotalDays < 1 ? texts.Format("incident.dur.h", (int)d.TotalHours, d.Minutes)
            : texts.Format("incident.dur.d", (int)d.TotalDays, d.Hours);
    }

    /// <summary>"14:00 UTC": times in messages are UTC, the fleet spans time zones.</summary>
    public static string Clock(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>"11-24 14:00 UTC", for lists that span days.</summary>
    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static string SeverityName(Severity severity, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return severity switch
        {
            Severity.Critical => texts["core.severity.critical"],
            Severity.Warning => texts["core.severity.warning"],
            _ => texts["core.severity.ok"],
        };
    }

    /// <summary>The rule, and which process, port or check it is about when the node watches several ("process nginx").</summary>
    private static string Rule(Incident incident) => MetricKey.Instance(incident.Series) is { } instance
        ? $"<code>{Html.Escape(incident.RuleId)}</code> <b>{Html.Escape(instance)}</b>"
        : $"<code>{Html.Escape(incident.RuleId)}</code>";
}
