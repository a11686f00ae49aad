using System.Text.RegularExpressions;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Maintenance;

/// <summary>
/// A reminder that a mute is about to end. (<see cref="Kind"/>, <see cref="RefId"/>, <see cref="EndsAt"/>) is its
/// identity: it is sent once, and a weekly window gets one per occurrence.
/// </summary>
public sealed record MuteReminder(string Kind, string RefId, DateTimeOffset EndsAt, string Html);

/// <summary>Which mutes end within the lead time, and what to say. Pure.</summary>
public static partial class MuteReminders
{
    public const string SilenceKind = "silence";
    public const string MaintenanceKind = "maintenance";

    public static readonly TimeSpan DefaultLead = TimeSpan.FromMinutes(10);

    public static IReadOnlyList<MuteReminder> Due(
        IEnumerable<Silence> silences, IEnumerable<MaintenancePlan> plans, DateTimeOffset now, TimeSpan lead, TextCatalog text)
    {
        ArgumentNullException.ThrowIfNull(silences);
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(text);
        var due = new List<MuteReminder>();
        // A mute no longer than the lead time is not reminded of: it would be announced as it starts.
        foreach (var s in silences.Where(s => now >= s.Starts && now < s.Expires && s.Expires - now <= lead && s.Expires - s.Starts > lead))
        {
            due.Add(new(SilenceKind, s.Id, s.Expires, text.Format("remind.silence", Target(s.Matchers), Who(s.CreatedBy), Html.Escape(StoredComment.Display(s.Comment, text)), s.Expires.UtcDateTime)));
        }

        foreach (var p in plans)
        {
            if (p.CurrentEnd(now) is { } end && end - now <= lead && Length(p) > lead)
            {
                due.Add(new(MaintenanceKind, p.Id, end, text.Format("remind.maintenance", Target(p.Matchers), Who(p.CreatedBy), Html.Escape(p.Comment), end.UtcDateTime)));
            }
        }

        return due;
    }

    private static TimeSpan Length(MaintenancePlan p) => p.Timing switch
    {
        MaintenanceTiming.Once once => once.Ends - once.Starts,
        MaintenanceTiming.Weekly weekly => weekly.Duration,
        _ => TimeSpan.Zero,
    };

    /// <summary>"web-1" for a node, "provider=hetzner" for a tag; escaped.</summary>
    public static string Target(IEnumerable<Matcher> matchers) =>
        Html.Escape(string.Join(", ", matchers.Select(m => m.Label == "node" ? m.Value : $"{m.Label}={m.Value}")));

    /// <summary>"@alice" from the audit form "@alice (42)"; escaped.</summary>
    public static string Who(string createdBy)
    {
        ArgumentNullException.ThrowIfNull(createdBy);
        return Html.Escape(UserId().Replace(createdBy, string.Empty));
    }

    [GeneratedRegex(@" \(\d+\)$", RegexOptions.CultureInvariant)]
    private static partial Regex UserId();
}
