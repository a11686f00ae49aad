using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Rules;

namespace ChatOpsWatch.Domain.Tests.Rules;

public sealed class EffectiveRulesTests
{
    private static readonly NodeInfo Db = new("db-1", "vultr", "tokyo", NodeRole.Core, TimeSpan.FromMinutes(1));
    private static readonly NodeInfo Web = new("web-1", "vultr", "tokyo", NodeRole.Edge, TimeSpan.FromMinutes(1));

    private static readonly RuleOverride[] Overrides =
    [
        new(new OverrideMatch(OverrideScope.Node, "db-1"), "cpu", Warning: 90, Critical: 97, Index: 0),
        new(new OverrideMatch(OverrideScope.Region, "tokyo"), "cpu", Warning: 60, Index: 1),
        new(new OverrideMatch(OverrideScope.Role, "edge"), "cpu", Warning: 50, Index: 2), // same specificity, later: wins
    ];

    /// <summary>Feeds one CPU value per minute to a node's live engine and returns the severity after each.</summary>
    private static List<Severity> Timeline(NodeInfo node, params double[] cpu)
    {
        var engine = new LiveEngine { Texts = TextCatalog.English };
        var settings = EffectiveRules.For(MonitorSettings.Default, Overrides, node);
        var projections = new Dictionary<string, AlertState>();
        var seen = new List<Severity>();
        for (var minute = 0; minute < cpu.Length; minute++)
        {
            var decision = engine.Evaluate(node, new PollOutcome.Succeeded(Some.Sample(minute, cpu: cpu[minute], node: node.Name)), settings, projections);
            engine.Apply(decision.Changed);
            foreach (var t in decision.Projections)
            {
                projections[AlertKey.Of(t.Next)] = t.Next;
            }

            seen.Add(projections.Values.Where(p => p.RuleId == "cpu").Select(p => p.Severity).DefaultIfEmpty(Severity.None).Max());
        }

        return seen;
    }

    [Fact]
    public void Evaluate_NodeOverrideBeatsTagOverride_SameLoadWarnsOnlyWhereTheLevelSaysSo()
    {
        Assert.Equal([Severity.None, Severity.None, Severity.Warning], Timeline(Db, 85, 89, 91));
        Assert.Equal([Severity.Warning, Severity.Warning, Severity.Warning], Timeline(Web, 55, 56, 57));
    }

    [Fact]
    public void For_DisabledForARoleReenabledForANode_OnlyThatNodeKeepsIt()
    {
        RuleOverride[] overrides =
        [
            new(new OverrideMatch(OverrideScope.Role, "core"), "memory", Enabled: false, Index: 0),
            new(new OverrideMatch(OverrideScope.Node, "db-1"), "memory", Enabled: true, Index: 1),
        ];
        var other = Db with { Name = "db-2" };

        Assert.Contains(EffectiveRules.For(MonitorSettings.Default, overrides, Db).Rules, r => r.Id == "memory");
        Assert.DoesNotContain(EffectiveRules.For(MonitorSettings.Default, overrides, other).Rules, r => r.Id == "memory");
    }

    [Fact]
    public void Samples_TenMinutesAtThirtySeconds_TwentyAndNeverBelowOne()
    {
        Assert.Equal(20, EffectiveRules.Samples(TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(30)));
        Assert.Equal(1, EffectiveRules.Samples(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5)));
    }
}
