using ChatOpsWatch.Worker.Configuration;
using Microsoft.Extensions.Configuration;

namespace ChatOpsWatch.Worker.Tests.Configuration;

public sealed class EngineOptionsReaderTests
{
    private static ConfigLoader.Result Load(Dictionary<string, string?> values) =>
        ConfigLoader.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), _ => null);

    [Fact]
    public void Load_RecoveryLevelsAndMargin_ReachTheEngineOptions()
    {
        var result = Load(new()
        {
            ["ChatOpsWatch:Alerts:Recovery:cpu:Warning"] = "60",
            ["ChatOpsWatch:Alerts:Recovery:cpu:Critical"] = "80",
            ["ChatOpsWatch:Alerts:Recovery:disk:Margin"] = "2",
            ["ChatOpsWatch:Alerts:IoEarlyWarning"] = "false",
        });

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        var engine = result.Config!.Engine;
        Assert.Equal(60, engine.RecoveryOf("cpu")!.Warning);
        Assert.Equal(80, engine.RecoveryOf("cpu")!.Critical);
        Assert.Equal(83, engine.RecoveryOf("disk")!.WarningOf(result.Config.Monitor.Rules.Single(r => r.Id == "disk")));
        Assert.False(engine.IoEarlyWarning);
    }

    [Fact]
    public void Load_NothingConfigured_KeepsTheDefaultsWithTheEarlyWarningOn()
    {
        var result = Load([]);

        Assert.True(result.Config!.Engine.IoEarlyWarning);
        Assert.Null(result.Config.Engine.RecoveryOf("cpu"));
    }

    [Fact]
    public void Load_RecoveryAboveItsTriggerUnknownRuleOrNotANumber_ReportsEachWithItsKeyPath()
    {
        var result = Load(new()
        {
            ["ChatOpsWatch:Alerts:Recovery:cpu:Warning"] = "75",
            ["ChatOpsWatch:Alerts:Recovery:memory:Critical"] = "lots",
            ["ChatOpsWatch:Alerts:Recovery:gpu:Margin"] = "3",
        });

        Assert.False(result.Ok);
        Assert.Equal(
            ["ChatOpsWatch:Alerts:Recovery:cpu:Warning", "ChatOpsWatch:Alerts:Recovery:gpu", "ChatOpsWatch:Alerts:Recovery:memory:Critical"],
            result.Problems.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Contains(result.Problems, p => p.Message.Contains("at or below the rule's warning level (70)", StringComparison.Ordinal));
    }
}
