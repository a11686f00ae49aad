using System.Globalization;

namespace ChatOpsWatch.Domain.Maintenance;

/// <summary>
/// The subset of cron a weekly maintenance window needs, in UTC: "minute hour * * weekdays". Minute 0-59 and hour
/// 0-23 are single numbers; weekdays are *, a number 0-7 (0 and 7 are Sunday), a range 1-5, or a list 0,6. Anything
/// else (steps, month days, names) is refused with the reason rather than half-understood. Pure.
/// </summary>
public sealed record WeeklyCron(string Text, TimeOnly Start, IReadOnlySet<DayOfWeek> Days)
{
    /// <summary>The cron, or null with a problem key of the catalogue ("maint.cron.*") and its argument.</summary>
    public static (WeeklyCron? Cron, string? ProblemKey, string? Detail) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            return (null, "maint.cron.fields", fields.Length.ToString(CultureInfo.InvariantCulture));
        }

        if (!Number(fields[0], 59, out var minute))
        {
            return (null, "maint.cron.minute", fields[0]);
        }

        if (!Number(fields[1], 23, out var hour))
        {
            return (null, "maint.cron.hour", fields[1]);
        }

        if (fields[2] != "*" || fields[3] != "*")
        {
            return (null, "maint.cron.month", $"{fields[2]} {fields[3]}");
        }

        var days = ParseDays(fields[4]);
        return days is null
            ? (null, "maint.cron.weekdays", fields[4])
            : (new WeeklyCron(string.Join(' ', fields), new TimeOnly(hour, minute), days), null, null);
    }

    private static HashSet<DayOfWeek>? ParseDays(string field)
    {
        if (field == "*")
        {
            return [.. Enum.GetValues<DayOfWeek>()];
        }

        var days = new HashSet<DayOfWeek>();
        foreach (var part in field.Split(','))
        {
            var range = part.Split('-');
            if (range.Length > 2 || !Number(range[0], 7, out var from))
            {
                return null;
            }

            var to = from;
            if (range.Length == 2 && (!Number(range[1], 7, out to) || to < from))
            {
                return null;
            }

            for (var d = from; d <= to; d++)
            {
                days.Add((DayOfWeek)(d % 7));
            }
        }

        return days;
    }

    private static bool Number(string s, int max, out int value) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value) && s.Length <= 2 && value <= max;
}
