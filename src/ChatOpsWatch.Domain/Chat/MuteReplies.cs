using System.Globalization;
using System.Text;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Time;

namespace ChatOpsWatch.Domain.Chat;

/// <summary>Answers to /mute, /unmute, /silences and /ack, as Telegram HTML in the catalogue's language. User text is always escaped.</summary>
public static class MuteReplies
{
    public static string Muted(Silence s, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Format(
            "mute.muted",
            Html.Escape(s.CreatedBy),
            Target(s, texts),
            Time(s.Expires),
            DurationText.Format(s.Expires - s.Starts),
            Html.Escape(StoredComment.Display(s.Comment, texts)),
            Html.Escape(s.Id));
    }

    /// <summary><paramref name="problem"/> is plain text (from <see cref="MuteParser"/>); it is escaped here.</summary>
    public static string Invalid(string command, string problem, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Format("mute.invalid", Html.Escape(command), Html.Escape(problem));
    }

    public static string Unmuted(IReadOnlyList<string> ids, string by, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(texts);
        return ids.Count == 0
            ? texts["mute.unmuted.none"]
            : texts.Format("mute.unmuted", Html.Escape(by), texts.List(ids.Select(i => $"<code>{Html.Escape(i)}</code>")));
    }

    public static string List(IReadOnlyList<Silence> silences, DateTimeOffset now, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(silences);
        ArgumentNullException.ThrowIfNull(texts);
        if (silences.Count == 0)
        {
            return texts["mute.list.empty"];
        }

        var sb = new StringBuilder(texts["mute.list.title"]);
        foreach (var s in silences.OrderBy(s => s.Expires))
        {
            sb.Append('\n').Append(texts.Format(
                "mute.list.line",
                Html.Escape(s.Id),
                Target(s, texts),
                Time(s.Expires),
                DurationText.Format(Round(s.Expires - now)),
                Html.Escape(s.CreatedBy),
                Html.Escape(StoredComment.Display(s.Comment, texts))));
        }

        return sb.ToString();
    }

    public static string Acked(string node, IReadOnlyList<Acknowledgement> acks, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(acks);
        ArgumentNullException.ThrowIfNull(texts);
        return acks.Count == 0
            ? texts.Format("mute.acked.none", Html.Escape(node))
            : texts.Format("mute.acked", Html.Escape(acks[0].By), acks.Count, Html.Escape(node), texts.List(acks.Select(a => Html.Escape(a.Rule))));
    }

    public static string StoreUnavailable(TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts["mute.store_unavailable"];
    }

    public static string AlreadyApplied(TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts["mute.already_applied"];
    }

    /// <summary>A matcher's label in the catalogue's language ("node" → "节点"); a label without a text is shown as it is.</summary>
    public static string Label(string label, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var key = "mute.label." + label;
        return TextCatalog.Entries.ContainsKey(key) ? texts[key] : label;
    }

    private static string Target(Silence s, TextCatalog texts) =>
        string.Join(texts["mute.target.and"], s.Matchers.Select(m => $"{Html.Escape(Label(m.Label, texts))} <b>{Html.Escape(m.Value)}</b>"));

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static TimeSpan Round(TimeSpan d) => TimeSpan.FromMinutes(Math.Max(1, Math.Ceiling(d.TotalMinutes)));
}
