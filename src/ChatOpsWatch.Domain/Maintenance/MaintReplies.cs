using System.Globalization;
using System.Text;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Time;

namespace ChatOpsWatch.Domain.Maintenance;

/// <summary>Replies of /maint and the maintenance part of /silences. Pure; outside text is escaped.</summary>
public static class MaintReplies
{
    public static string Added(MaintenancePlan plan, TextCatalog text)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(text);
        return text.Format("maint.added", Html.Escape(plan.Id), Line(plan, text));
    }

    public static string List(IReadOnlyList<MaintenancePlan> plans, TextCatalog text)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(text);
        if (plans.Count == 0)
        {
            return text["maint.list_empty"];
        }

        var sb = new StringBuilder(text.Format("maint.list_title", plans.Count));
        foreach (var p in plans)
        {
            sb.Append('\n').Append(text.Format("maint.list_line", Html.Escape(p.Id), Line(p, text)));
        }

        return sb.ToString();
    }

    private static string Line(MaintenancePlan p, TextCatalog text)
    {
        var when = p.Timing switch
        {
            MaintenanceTiming.Once once => text.Format("maint.once", Time(once.Starts), Time(once.Ends)),
            MaintenanceTiming.Weekly weekly => text.Format("maint.weekly", Html.Escape(weekly.Cron.Text), DurationText.Format(weekly.Duration)),
            _ => string.Empty,
        };
        return text.Format("maint.line", MuteReminders.Target(p.Matchers), when, MuteReminders.Who(p.CreatedBy), Html.Escape(p.Comment));
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
