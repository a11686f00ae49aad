using System.Globalization;
using System.Text;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Time;

namespace ChatOpsWatch.Domain.Chat;

/// <summary>Answers to /mute, /unmute, /silences and /ack, as Telegram HTML. User text is always escaped.</summary>
public static class MuteReplies
{
    public static string Muted(Silence s) =>
        $"🔕 {Html.Escape(s.CreatedBy)} muted {Target(s)} until {Time(s.Expires)} ({DurationText.Format(s.Expires - s.Starts)}): {Html.Escape(s.Comment)}. Silence <code>{Html.Escape(s.Id)}</code>; /unmute {Html.Escape(s.Id)} ends it.";

    public static string Invalid(string command, string problem) => $"/{Html.Escape(command)} refused: {Html.Escape(problem)}.";

    public static string Unmuted(IReadOnlyList<string> ids, string by) => ids.Count == 0
        ? "No active silence has that id or target. /silences lists them."
        : $"🔔 {Html.Escape(by)} ended silence {string.Join(", ", ids.Select(i => $"<code>{Html.Escape(i)}</code>"))}.";

    public static string List(IReadOnlyList<Silence> silences, DateTimeOffset now)
    {
        if (silences.Count == 0)
        {
            return "No silences in force.";
        }

        var sb = new StringBuilder("<b>Silences in force</b>");
        foreach (var s in silences.OrderBy(s => s.Expires))
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"\n<code>{Html.Escape(s.Id)}</code> {Target(s)} until {Time(s.Expires)} (in {DurationText.Format(Round(s.Expires - now))}), by {Html.Escape(s.CreatedBy)}: {Html.Escape(s.Comment)}");
        }

        return sb.ToString();
    }

    public static string Acked(string node, IReadOnlyList<Acknowledgement> acks) => acks.Count == 0
        ? $"Nothing firing on <b>{Html.Escape(node)}</b> to acknowledge."
        : $"✅ {Html.Escape(acks[0].By)} acknowledged {acks.Count} firing alert(s) on <b>{Html.Escape(node)}</b>: {string.Join(", ", acks.Select(a => Html.Escape(a.Rule)))}. Their reminders stop; a change of severity or the resolution is still sent.";

    public const string StoreUnavailable = "⚠️ Nothing changed: the monitor could not use its store. The cause is in the monitor's log.";

    private static string Target(Silence s) => string.Join(" and ", s.Matchers.Select(m => $"{Html.Escape(m.Label)} <b>{Html.Escape(m.Value)}</b>"));

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static TimeSpan Round(TimeSpan d) => TimeSpan.FromMinutes(Math.Max(1, Math.Ceiling(d.TotalMinutes)));
}
