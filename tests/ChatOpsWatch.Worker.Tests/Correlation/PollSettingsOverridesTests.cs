using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Rules;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Worker.Configuration;
using ChatOpsWatch.Worker.Correlation;
using ChatOpsWatch.Worker.Polling;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsWatch.Worker.Tests.Correlation;

public sealed class PollSettingsOverridesTests
{
    private static readonly NodeInfo Db = new("db-1", "vultr", "tokyo", NodeRole.Core, TimeSpan.FromSeconds(30));
    private static readonly NodeInfo Web = new("web-1", "vultr", "tokyo", NodeRole.Core, TimeSpan.FromSeconds(30));

    private static PollSettings Settings(params RuleOverride[] overrides)
    {
        var config = new WatchConfig("db", [], SshSettings.Default, MonitorSettings.Default, null, TimeSpan.FromMinutes(10))
        {
            Correlation = CorrelationConfig.Default with { Overrides = overrides },
        };
        return new PollSettings(new ConfigHolder(config), new NoMuting(), new NoMaintenance(), NullLogger<PollSettings>.Instance);
    }

    [Fact]
    public async Task PolicyAsync_ConfiguredRepeatSchedule_ReachesTheEngine()
    {
        var config = new WatchConfig("db", [], SshSettings.Default, MonitorSettings.Default, null, TimeSpan.FromMinutes(10))
        {
            Repeats = new RepeatSchedule([TimeSpan.FromMinutes(15)]),
        };
        var settings = new PollSettings(new ConfigHolder(config), new NoMuting(), new NoMaintenance(), NullLogger<PollSettings>.Instance);

        var policy = await settings.PolicyAsync(DateTimeOffset.UnixEpoch, CancellationToken.None);

        Assert.Equal([TimeSpan.FromMinutes(15)], policy.Repeats.Delays);
    }

    [Fact]
    public void MonitorFor_NodeOverrideBeatsRegionOverride_NodeGetsItsOwnLevelsOthersTheRegions()
    {
        var settings = Settings(
            new RuleOverride(new OverrideMatch(OverrideScope.Node, "db-1"), "cpu", Warning: 90, Critical: 97, For: TimeSpan.FromMinutes(10), Index: 0),
            new RuleOverride(new OverrideMatch(OverrideScope.Region, "tokyo"), "cpu", Warning: 80, Index: 1));

        var db = settings.MonitorFor(Db).Rules.Single(r => r.Id == "cpu");
        var web = settings.MonitorFor(Web).Rules.Single(r => r.Id == "cpu");

        Assert.Equal((90, 97, 20, 20), (db.Warning, db.Critical, db.WarningFor, db.CriticalFor)); // 10 min at 30 s = 20 samples
        Assert.Equal((80, 85, 1, 5), (web.Warning, web.Critical, web.WarningFor, web.CriticalFor));
    }

    [Fact]
    public void MonitorFor_RegionDisablesANodeReenables_OnlyThatNodeKeepsTheRule()
    {
        var settings = Settings(
            new RuleOverride(new OverrideMatch(OverrideScope.Region, "tokyo"), "disk", Enabled: false, Index: 0),
            new RuleOverride(new OverrideMatch(OverrideScope.Node, "db-1"), "disk", Enabled: true, Index: 1));

        Assert.Contains(settings.MonitorFor(Db).Rules, r => r.Id == "disk");
        Assert.DoesNotContain(settings.MonitorFor(Web).Rules, r => r.Id == "disk");
    }

    [Fact]
    public void MonitorFor_SameConfiguration_SameInstanceSoTheEngineKeepsItsRuleCache()
    {
        var settings = Settings(new RuleOverride(new OverrideMatch(OverrideScope.Role, "core"), "cpu", Warning: 75));

        Assert.Same(settings.MonitorFor(Db), settings.MonitorFor(Db));
        Assert.Same(MonitorSettings.Default, Settings().MonitorFor(Db));
    }

    private sealed class NoMaintenance : ChatOpsWatch.Domain.Maintenance.IMaintenanceStore
    {
        public Task<IReadOnlyList<ChatOpsWatch.Domain.Maintenance.MaintenancePlan>> ActiveAsync(DateTimeOffset now, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<ChatOpsWatch.Domain.Maintenance.MaintenancePlan>>([]);

        public Task<string?> AddAsync(ChatOpsWatch.Domain.Maintenance.MaintenancePlan plan, long? updateId, CancellationToken ct) => throw new NotSupportedException();

        public Task<bool> CancelAsync(string id, string by, DateTimeOffset at, long? updateId, CancellationToken ct) => throw new NotSupportedException();
    }

    private sealed class NoMuting : IMutingStore
    {
        public Task<MutingState> ActiveAsync(DateTimeOffset now, CancellationToken ct) => Task.FromResult(MutingState.None);

        public Task<IReadOnlyList<string>> RecordAsync(MutingChange change, CancellationToken ct) => throw new NotSupportedException();
    }
}
