using ChatOpsWatch.Worker.Configuration;
using Microsoft.Extensions.Configuration;

namespace ChatOpsWatch.Worker.Tests.Configuration;

public sealed class ChecksReaderTests
{
    private const string Local = "ChatOpsWatch:Local:";

    private static ConfigLoader.Result Load(Dictionary<string, string?> values) =>
        ConfigLoader.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), _ => null);

    private static Dictionary<string, string?> Full() => new()
    {
        [Local + "Checks:TcpPorts:0"] = "443",
        [Local + "Checks:TcpPorts:1"] = "8080",
        [Local + "Checks:Burst"] = "20",
        [Local + "Checks:Timeout"] = "300ms",
        [Local + "Checks:Icmp"] = "false",
        [Local + "Checks:Http:0:Name"] = "site",
        [Local + "Checks:Http:0:Url"] = "https://example.org/health",
        [Local + "Checks:Http:0:Keyword"] = "ok",
        [Local + "Checks:Http:0:Timeout"] = "5s",
        [Local + "Checks:Http:0:ExpectStatus"] = "204",
        [Local + "ExpiresOn"] = "2027-01-31",
        [Local + "ExpiryReminderDays"] = "7",
        [Local + "TrafficQuotaGb"] = "1000",
        [Local + "BillingDay"] = "15",
    };

    [Fact]
    public void Load_AllChecksAndPlanKeys_AreRead()
    {
        var result = Load(Full());

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        var checks = Assert.Single(result.Config!.Nodes).Checks!;
        Assert.Equal([443, 8080], checks.TcpPorts);
        Assert.Equal(20, checks.Burst);
        Assert.Equal(TimeSpan.FromMilliseconds(300), checks.AttemptTimeout);
        Assert.False(checks.Icmp);
        var http = Assert.Single(checks.Http);
        Assert.Equal(("site", "ok", 204, TimeSpan.FromSeconds(5)), (http.Name, http.Keyword, http.ExpectStatus, http.Timeout));
        Assert.Equal(new VpsPlan(new DateOnly(2027, 1, 31), 7, 1000, 15), checks.Plan);
    }

    [Fact]
    public void Load_NoChecks_UsesBurstOfFiveAndIcmp()
    {
        var checks = Assert.Single(Load([]).Config!.Nodes).Checks!;

        Assert.Equal(NodeChecks.Default, checks);
        Assert.Equal(5, checks.Burst);
        Assert.True(checks.Icmp);
    }

    [Fact]
    public void Load_SameChecksTwice_AreEqualSoAReloadKeepsTheSession()
    {
        Assert.Equal(Load(Full()).Config!.Nodes[0], Load(Full()).Config!.Nodes[0]);
    }

    [Fact]
    public void Load_BadValues_ReportsEachByKeyPath()
    {
        var result = Load(new()
        {
            [Local + "Checks:TcpPorts:0"] = "70000",
            [Local + "Checks:Burst"] = "0",
            [Local + "Checks:Timeout"] = "5ms",
            [Local + "Checks:Http:0:Name"] = "site",
            [Local + "Checks:Http:0:Url"] = "ftp://example.org",
            [Local + "Checks:Http:1:Url"] = "https://example.org",
            [Local + "Checks:Http:2:Name"] = "x",
            [Local + "Checks:Http:2:Url"] = "https://example.org",
            [Local + "Checks:Http:2:ExpectStatus"] = "700",
            [Local + "ExpiresOn"] = "31.01.2027",
            [Local + "TrafficQuotaGb"] = "-1",
            [Local + "BillingDay"] = "32",
        });

        Assert.False(result.Ok);
        var keys = result.Problems.Select(p => p.Key).ToHashSet();
        string[] expected =
        [
            "Checks:TcpPorts:0", "Checks:Burst", "Checks:Timeout", "Checks:Http:0:Url", "Checks:Http:1:Name",
            "Checks:Http:2:ExpectStatus", "ExpiresOn", "TrafficQuotaGb", "BillingDay",
        ];
        foreach (var key in expected)
        {
            Assert.Contains("ChatOpsWatch:Local:" + key, keys);
        }
    }
}
