using ChatOpsWatch.Domain.Rules;
using ChatOpsWatch.Worker.Configuration;
using Microsoft.Extensions.Configuration;

namespace ChatOpsWatch.Worker.Tests.Correlation;

public sealed class CorrelationConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cow-corcfg-").FullName;

    private ConfigLoader.Result Load(Dictionary<string, string?> extra)
    {
        var key = ChatOpsWatch.Testing.Lab.TestKeys.Ed25519(_dir);
        var values = new Dictionary<string, string?>
        {
            ["ChatOpsWatch:Nodes:0:Name"] = "db-1",
            ["ChatOpsWatch:Nodes:0:Host"] = "10.0.0.1",
            ["ChatOpsWatch:Nodes:0:KeyFile"] = key,
            ["ChatOpsWatch:Nodes:0:Region"] = "tokyo",
            ["ChatOpsWatch:Nodes:1:Name"] = "web-1",
            ["ChatOpsWatch:Nodes:1:Host"] = "10.0.0.2",
            ["ChatOpsWatch:Nodes:1:KeyFile"] = key,
            ["ChatOpsWatch:Nodes:1:Region"] = "tokyo",
        };
        foreach (var (k, v) in extra)
        {
            values[k] = v;
        }

        return ConfigLoader.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), _ => null);
    }

    private static string Problems(ConfigLoader.Result r) => string.Join("\n", r.Problems);

    [Fact]
    public void Load_OverridesVantageAndCanaries_ReadIntoTheCorrelationConfig()
    {
        var result = Load(new()
        {
            ["ChatOpsWatch:Alerts:Overrides:0:Match:region"] = "tokyo",
            ["ChatOpsWatch:Alerts:Overrides:0:Rule"] = "cpu",
            ["ChatOpsWatch:Alerts:Overrides:0:Warning"] = "80",
            ["ChatOpsWatch:Alerts:Overrides:1:Match:node"] = "db-1",
            ["ChatOpsWatch:Alerts:Overrides:1:Rule"] = "disk",
            ["ChatOpsWatch:Alerts:Overrides:1:Enabled"] = "false",
            ["ChatOpsWatch:Nodes:0:Vantage"] = "web-1",
            ["ChatOpsWatch:Monitor:Canaries:0"] = "1.1.1.1:53",
            ["ChatOpsWatch:Monitor:Canaries:1"] = "[2606:4700::1111]:53",
            ["ChatOpsWatch:Monitor:Correlation:Window"] = "5m",
        });

        Assert.True(result.Ok, Problems(result));
        var c = result.Config!.Correlation;
        Assert.Equal(new RuleOverride(new OverrideMatch(OverrideScope.Region, "tokyo"), "cpu", Warning: 80, Index: 0), c.Overrides[0]);
        Assert.False(c.Overrides[1].Enabled);
        Assert.Equal("web-1", c.Vantages["db-1"]);
        Assert.Equal(["1.1.1.1:53", "[2606:4700::1111]:53"], c.Canaries.Select(x => x.ToString()));
        Assert.Equal(TimeSpan.FromMinutes(5), c.Options.Window);
        Assert.Equal(TimeSpan.FromSeconds(30), c.Options.Hold); // the default hold, shorter than the window
    }

    [Fact]
    public void Load_OverrideWarningAboveTheRulesCritical_ReportedWithItsKeyPath()
    {
        var result = Load(new()
        {
            ["ChatOpsWatch:Alerts:Overrides:0:Match:role"] = "core",
            ["ChatOpsWatch:Alerts:Overrides:0:Rule"] = "memory",
            ["ChatOpsWatch:Alerts:Overrides:0:For"] = "5m",
            ["ChatOpsWatch:Alerts:Overrides:1:Match:region"] = "tokyo",
            ["ChatOpsWatch:Alerts:Overrides:1:Rule"] = "cpu",
            ["ChatOpsWatch:Alerts:Overrides:1:Critical"] = "95",
            ["ChatOpsWatch:Alerts:Overrides:2:Match:node"] = "db-1",
            ["ChatOpsWatch:Alerts:Overrides:2:Rule"] = "cpu",
            ["ChatOpsWatch:Alerts:Overrides:2:Warning"] = "99",
        });

        var problem = Assert.Single(result.Problems); // once, though it goes wrong on db-1 only
        Assert.Equal("ChatOpsWatch:Alerts:Overrides:2:Warning", problem.Key);
        Assert.Contains("on node db-1, rule cpu: Critical must be at least Warning (99), got 95", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadOverrides_EveryProblemWithItsKeyPath()
    {
        var result = Load(new()
        {
            ["ChatOpsWatch:Alerts:Overrides:0:Match:node"] = "db-9",
            ["ChatOpsWatch:Alerts:Overrides:0:Rule"] = "cpu",
            ["ChatOpsWatch:Alerts:Overrides:1:Match:region"] = "tokyo",
            ["ChatOpsWatch:Alerts:Overrides:1:Rule"] = "gpu",
            ["ChatOpsWatch:Alerts:Overrides:2:Match:region"] = "tokyo",
            ["ChatOpsWatch:Alerts:Overrides:2:Match:role"] = "edge",
            ["ChatOpsWatch:Alerts:Overrides:2:Rule"] = "cpu",
            ["ChatOpsWatch:Alerts:Overrides:3:Match:role"] = "gpu",
            ["ChatOpsWatch:Alerts:Overrides:3:Rule"] = "cpu",
            ["ChatOpsWatch:Alerts:Overrides:3:Warning"] = "lots",
            ["ChatOpsWatch:Alerts:Overrides:3:For"] = "soon",
        });

        Assert.Equal(
            [
                "ChatOpsWatch:Alerts:Overrides:0:Match:node",
                "ChatOpsWatch:Alerts:Overrides:1:Rule",
                "ChatOpsWatch:Alerts:Overrides:2:Match",
                "ChatOpsWatch:Alerts:Overrides:3:For",
                "ChatOpsWatch:Alerts:Overrides:3:Match:role",
                "ChatOpsWatch:Alerts:Overrides:3:Warning",
            ],
            result.Problems.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Load_VantageUnknownOrItself_ReportedOnTheNodesVantageKey()
    {
        var result = Load(new()
        {
            ["ChatOpsWatch:Nodes:0:Vantage"] = "db-1",
            ["ChatOpsWatch:Nodes:1:Vantage"] = "nowhere-1",
        });

        Assert.Equal(["ChatOpsWatch:Nodes:0:Vantage", "ChatOpsWatch:Nodes:1:Vantage"], result.Problems.Select(p => p.Key));
        Assert.Contains("is this node itself", result.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("'nowhere-1' is not a configured node", result.Problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadCanaryAndAHoldShorterThanTheCanaryInterval_Reported()
    {
        var result = Load(new()
        {
            ["ChatOpsWatch:Monitor:Canaries:0"] = "1.1.1.1",
            ["ChatOpsWatch:Monitor:Canaries:1"] = "8.8.8.8:53",
            ["ChatOpsWatch:Monitor:CanaryInterval"] = "30s",
            ["ChatOpsWatch:Monitor:Correlation:Hold"] = "10s",
        });

        Assert.Equal(["ChatOpsWatch:Monitor:Canaries:0", "ChatOpsWatch:Monitor:Correlation:Hold"], result.Problems.Select(p => p.Key));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
