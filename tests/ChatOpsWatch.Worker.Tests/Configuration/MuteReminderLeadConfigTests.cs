using ChatOpsWatch.Worker.Configuration;
using Microsoft.Extensions.Configuration;

namespace ChatOpsWatch.Worker.Tests.Configuration;

public sealed class MuteReminderLeadConfigTests
{
    private static ConfigLoader.Result Load(Dictionary<string, string?> values) =>
        ConfigLoader.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), _ => null);

    [Fact]
    public void Load_NoLeadConfigured_RemindsTenMinutesBefore() =>
        Assert.Equal(TimeSpan.FromMinutes(10), Load([]).Config!.MuteReminderLead);

    [Fact]
    public void Load_LeadConfigured_IsUsed() =>
        Assert.Equal(TimeSpan.FromMinutes(15), Load(new() { ["ChatOpsWatch:Alerts:MuteReminderLead"] = "15m" }).Config!.MuteReminderLead);

    [Fact]
    public void Load_LeadUnreadable_IsAProblemNamingTheKey()
    {
        var result = Load(new() { ["ChatOpsWatch:Alerts:MuteReminderLead"] = "soon" });

        Assert.False(result.Ok);
        Assert.Contains(result.Problems, p => p.ToString()!.Contains("MuteReminderLead", StringComparison.Ordinal));
    }
}
