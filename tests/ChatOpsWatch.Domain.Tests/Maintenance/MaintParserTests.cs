using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Maintenance;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Tests.Maintenance;

public sealed class MaintParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 22, 30, 0, TimeSpan.Zero);

    private static readonly MuteTargets Known = new(
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "web-1" },
        new Dictionary<string, IReadOnlySet<string>> { ["provider"] = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "hetzner" } },
        new HashSet<string>());

    private static (MaintRequest? Request, string? Problem) Parse(params string[] args) => MaintParser.Parse(args, Known, Now, TextCatalog.English);

    [Fact]
    public void Parse_ClockTimeAlreadyPassedToday_MeansTomorrow()
    {
        var add = Assert.IsType<MaintRequest.Add>(Parse("web-1", "22:00", "2h", "kernel", "upgrade").Request);

        Assert.Equal(new MaintenanceTiming.Once(Now.Date.AddDays(1).AddHours(22), Now.Date.AddDays(2)), add.Timing);
        Assert.Equal(new Matcher("node", "web-1"), add.Target);
        Assert.Equal("kernel upgrade", add.Reason);
    }

    [Fact]
    public void Parse_IsoStart_IsTakenAsWritten()
    {
        var add = Assert.IsType<MaintRequest.Add>(Parse("hetzner", "2026-11-25T22:00Z", "90m").Request);

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 22, 0, 0, TimeSpan.Zero), ((MaintenanceTiming.Once)add.Timing).Starts);
        Assert.Equal(new Matcher("provider", "hetzner"), add.Target);
        Assert.Equal("(no reason given)", add.Reason);
    }

    [Theory]
    [InlineData("\"0", "3", "*", "*", "0\"")]
    [InlineData("“0", "3", "*", "*", "0”")]
    public void Parse_QuotedCron_IsWeekly(params string[] cron)
    {
        var add = Assert.IsType<MaintRequest.Add>(Parse(["web-1", .. cron, "2h", "backups"]).Request);

        var weekly = Assert.IsType<MaintenanceTiming.Weekly>(add.Timing);
        Assert.Equal("0 3 * * 0", weekly.Cron.Text);
        Assert.Equal(TimeSpan.FromHours(2), weekly.Duration);
        Assert.Equal("backups", add.Reason);
    }

    [Fact]
    public void Parse_Cancel_GivesTheId() => Assert.Equal(new MaintRequest.Cancel("3"), Parse("cancel", "3").Request);

    [Theory]
    [InlineData(new[] { "web-1", "22:00" }, "Usage: /maint")]
    [InlineData(new[] { "web-1", "2026-11-20T22:00Z", "2h" }, "must not be over already")]
    [InlineData(new[] { "web-1", "2027-06-01T22:00Z", "2h" }, "must start within 90d")]
    [InlineData(new[] { "web-1", "tonight", "2h" }, "is not a start time")]
    [InlineData(new[] { "web-1", "22:00", "8d" }, "at most 7d")]
    [InlineData(new[] { "nope", "22:00", "2h" }, "No node, tag or rule")]
    [InlineData(new[] { "web-1", "22:00", "2h", "rm", "-rf" }, "starts with '-'")]
    [InlineData(new[] { "cancel", "x1" }, "is not a maintenance id")]
    public void Parse_Bad_SaysWhy(string[] args, string expected)
    {
        var (request, problem) = Parse(args);

        Assert.Null(request);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
