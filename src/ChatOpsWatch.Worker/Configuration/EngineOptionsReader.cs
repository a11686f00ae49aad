using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Live;
using Microsoft.Extensions.Configuration;

namespace ChatOpsWatch.Worker.Configuration;

/// <summary>
/// Reads the engine settings kept beside the threshold rules, in their own keys so rule overrides can evolve apart:
/// <c>Alerts:Recovery:&lt;rule id&gt;:{Warning|Critical|Margin}</c> (where a firing rule clears) and
/// <c>Alerts:IoEarlyWarning</c> (true by default). Every problem names its key path.
/// </summary>
internal static class EngineOptionsReader
{
    public static EngineOptions Read(ConfigReader read, IConfigurationSection alerts, MonitorSettings monitor)
    {
        var recovery = new Dictionary<string, RecoveryLevels>(StringComparer.Ordinal);
        var section = alerts.GetSection("Recovery");
        foreach (var item in section.GetChildren())
        {
            var rule = monitor.Rules.FirstOrDefault(r => r.Id == item.Key);
            if (rule is null)
            {
                read.Problem(section, item.Key, $"no threshold rule has the id '{item.Key}' (known: {string.Join(", ", monitor.Rules.Select(r => r.Id))})");
                continue;
            }

            var levels = new RecoveryLevels(read.Double(item, "Warning"), read.Double(item, "Critical"), read.Double(item, "Margin"));
            var before = read.Problems.Count;
            foreach (var (field, message) in levels.Problems(rule))
            {
                read.Problem(item, field, message);
            }

            if (read.Problems.Count == before && levels != new RecoveryLevels())
            {
                recovery[rule.Id] = levels;
            }
        }

        return new EngineOptions(recovery, read.Bool(alerts, "IoEarlyWarning", true));
    }
}
