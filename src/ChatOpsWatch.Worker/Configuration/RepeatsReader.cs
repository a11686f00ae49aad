using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Time;
using Microsoft.Extensions.Configuration;

namespace ChatOpsWatch.Worker.Configuration;

/// <summary>
/// Reads <c>Alerts:RepeatEvery</c>: the delays between reminders of an unacknowledged critical, as a list
/// (<c>["30m", "1h", "2h", "4h"]</c>) or one string (<c>"30m,1h,2h,4h"</c>, for environment variables); the last delay
/// repeats forever. <c>off</c>: never remind.
/// </summary>
internal static class RepeatsReader
{
    public static readonly TimeSpan Shortest = TimeSpan.FromMinutes(1);

    public static RepeatSchedule Read(ConfigReader read, IConfigurationSection alerts)
    {
        var section = alerts.GetSection("RepeatEvery");
        var parts = section.Value is { } scalar
            ? scalar.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [.. section.GetChildren().Select(c => c.Value ?? string.Empty)];
        if (parts.Length == 0)
        {
            return RepeatSchedule.Default;
        }

        if (parts is ["off" or "OFF" or "Off"])
        {
            return RepeatSchedule.Never;
        }

        var delays = new List<TimeSpan>();
        foreach (var part in parts)
        {
            if (DurationText.TryParse(part, out var delay) && delay >= Shortest)
            {
                delays.Add(delay);
            }
            else
            {
                read.Problem(alerts, "RepeatEvery", $"'{part}' is not a duration of at least {DurationText.Format(Shortest)} (write e.g. 30m, 1h), and the list cannot mix in 'off'");
                return RepeatSchedule.Default;
            }
        }

        return new RepeatSchedule(delays);
    }
}
