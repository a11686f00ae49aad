using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ChatOpsWatch.Worker.Configuration;

/// <summary>Reads <c>Reports:DailyAt</c>: a UTC time of day written HH:mm, or "off".</summary>
internal static class ReportsReader
{
    public static ReportSettings Read(ConfigReader read, IConfigurationSection reports)
    {
        var raw = read.String(reports, "DailyAt");
        if (raw is null)
        {
            return ReportSettings.Default;
        }

        if (string.Equals(raw, "off", StringComparison.OrdinalIgnoreCase))
        {
            return new ReportSettings(null);
        }

        if (TimeOnly.TryParseExact(raw, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            return new ReportSettings(at);
        }

        read.Problem(reports, "DailyAt", $"'{raw}' is not a UTC time of day written HH:mm (e.g. 08:00), or off");
        return ReportSettings.Default;
    }
}
