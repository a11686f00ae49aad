using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Worker.Configuration;
using Microsoft.Extensions.Configuration;

namespace ChatOpsWatch.Worker.Tests.Configuration;

public sealed class ConfigLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cow-config-").FullName;
    private readonly Dictionary<string, string?> _env = [];

    private ConfigLoader.Result Load(Dictionary<string, string?> values) =>
        ConfigLoader.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), n => _env.GetValueOrDefault(n));

    private string KeyFile() => ChatOpsWatch.Testing.Lab.TestKeys.Ed25519(_dir);

    [Fact]
    public void Load_NoConfigurationAtAll_RunsTheLocalNodeWithSqliteAndConsole()
    {
        var result = Load([]);

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        var node = Assert.Single(result.Config!.Nodes);
        Assert.Equal("local", node.Name);
        Assert.Null(node.Ssh);
        Assert.Equal(TimeSpan.FromSeconds(30), node.Info.Interval);
        Assert.Null(result.Config.Telegram);
        Assert.Equal("data/chatopswatch.db", result.Config.DatabasePath);
    }

    [Fact]
    public void Load_TheShippedExample_IsValidExceptForTheSecretsItNamesOnThisMachine()
    {
        var example = Path.Combine(ChatOpsWatch.Testing.Lab.Repo.Root, "appsettings.example.json");

        var result = ConfigLoader.Load(new ConfigurationBuilder().AddJsonFile(example).Build(), _ => null);

        // The example points at a key file and a password variable that only exist on a real install.
        Assert.Equal(
            ["ChatOpsWatch:Nodes:0:KeyFile", "ChatOpsWatch:Nodes:1:PasswordEnv"],
            result.Problems.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Load_MissingHostBadPortUnreadableKey_ReportsAllThreeWithKeyPaths()
    {
        var result = Load(new()
        {
            ["ChatOpsWatch:Nodes:0:Name"] = "a",
            ["ChatOpsWatch:Nodes:0:KeyFile"] = KeyFile(),
            ["ChatOpsWatch:Nodes:1:Name"] = "b",
            ["ChatOpsWatch:Nodes:1:Host"] = "10.0.0.2",
            ["ChatOpsWatch:Nodes:1:Port"] = "70000",
            ["ChatOpsWatch:Nodes:1:KeyFile"] = KeyFile(),
            ["ChatOpsWatch:Nodes:2:Name"] = "c",
            ["ChatOpsWatch:Nodes:2:Host"] = "10.0.0.3",
            ["ChatOpsWatch:Nodes:2:KeyFile"] = Path.Combine(_dir, "missing_key"),
        });

        Assert.False(result.Ok);
        var keys = result.Problems.Select(p => p.Key).ToList();
        Assert.Contains("ChatOpsWatch:Nodes:0:Host", keys);
        Assert.Contains("ChatOpsWatch:Nodes:1:Port", keys);
        Assert.Contains("ChatOpsWatch:Nodes:2:KeyFile", keys);
        Assert.Equal(3, result.Problems.Count);
    }

    [Fact]
    public void Load_KeyFileThatIsNotAKey_SaysSo()
    {
        var bogus = Path.Combine(_dir, "not_a_key");
        File.WriteAllText(bogus, "hello");

        var result = Load(new() { ["ChatOpsWatch:Nodes:0:Name"] = "a", ["ChatOpsWatch:Nodes:0:Host"] = "h", ["ChatOpsWatch:Nodes:0:KeyFile"] = bogus });

        var problem = Assert.Single(result.Problems);
        Assert.Equal("ChatOpsWatch:Nodes:0:KeyFile", problem.Key);
        Assert.Contains("not a usable private key", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PasswordWrittenIntoTheJson_IsRefusedAndNotUsed()
    {
        var result = Load(new() { ["ChatOpsWatch:Nodes:0:Name"] = "a", ["ChatOpsWatch:Nodes:0:Host"] = "h", ["ChatOpsWatch:Nodes:0:Password"] = "hunter2" });

        Assert.Contains(result.Problems, p => p.Key == "ChatOpsWatch:Nodes:0:Password");
        Assert.DoesNotContain(result.Problems, p => p.Message.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_PasswordFromEnvironment_IsResolved()
    {
        _env["NODE_A_PW"] = "s3cret";

        var result = Load(new() { ["ChatOpsWatch:Nodes:0:Name"] = "a", ["ChatOpsWatch:Nodes:0:Host"] = "h", ["ChatOpsWatch:Nodes:0:PasswordEnv"] = "NODE_A_PW", ["ChatOpsWatch:Local:Enabled"] = "false" });

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        var auth = Assert.IsType<SshAuth.Password>(Assert.Single(result.Config!.Nodes).Ssh!.Auth);
        Assert.Equal("s3cret", auth.Secret);
        Assert.DoesNotContain("s3cret", auth.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PasswordEnvNotSet_NamesTheVariable()
    {
        var result = Load(new() { ["ChatOpsWatch:Nodes:0:Name"] = "a", ["ChatOpsWatch:Nodes:0:Host"] = "h", ["ChatOpsWatch:Nodes:0:PasswordEnv"] = "NOT_SET_ANYWHERE" });

        Assert.Contains(result.Problems, p => p.Key == "ChatOpsWatch:Nodes:0:PasswordEnv" && p.Message.Contains("NOT_SET_ANYWHERE", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_EdgeRole_DefaultsToFiveMinutesAndNodeIntervalOverrides()
    {
        var result = Load(new()
        {
            ["ChatOpsWatch:Nodes:0:Name"] = "edge1",
            ["ChatOpsWatch:Nodes:0:Host"] = "e1",
            ["ChatOpsWatch:Nodes:0:KeyFile"] = KeyFile(),
            ["ChatOpsWatch:Nodes:0:Role"] = "edge",
            ["ChatOpsWatch:Nodes:1:Name"] = "edge2",
            ["ChatOpsWatch:Nodes:1:Host"] = "e2",
            ["ChatOpsWatch:Nodes:1:KeyFile"] = KeyFile(),
            ["ChatOpsWatch:Nodes:1:Role"] = "edge",
            ["ChatOpsWatch:Nodes:1:Interval"] = "90s",
        });

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Equal(TimeSpan.FromMinutes(5), result.Config!.Nodes.Single(n => n.Name == "edge1").Info.Interval);
        Assert.Equal(TimeSpan.FromSeconds(90), result.Config.Nodes.Single(n => n.Name == "edge2").Info.Interval);
        Assert.Equal(NodeRole.Edge, result.Config.Nodes.Single(n => n.Name == "edge2").Info.Role);
    }

    [Theory]
    [InlineData("Name", "bad name; rm -rf /")]
    [InlineData("Host", "host name with spaces")]
    [InlineData("Role", "primary")]
    [InlineData("Interval", "soon")]
    [InlineData("User", "root; reboot")]
    public void Load_InvalidNodeField_IsNamed(string field, string value)
    {
        var values = new Dictionary<string, string?> { ["ChatOpsWatch:Nodes:0:Name"] = "a", ["ChatOpsWatch:Nodes:0:Host"] = "h", ["ChatOpsWatch:Nodes:0:KeyFile"] = KeyFile() };
        values[$"ChatOpsWatch:Nodes:0:{field}"] = value;

        Assert.Contains(Load(values).Problems, p => p.Key == $"ChatOpsWatch:Nodes:0:{field}");
    }

    [Fact]
    public void Load_TokenWithoutOpsChat_IsAProblem()
    {
        _env[ConfigLoader.DefaultTokenEnv] = "123:abc";

        Assert.Contains(Load([]).Problems, p => p.Key == "ChatOpsWatch:Telegram:OpsChatId");
    }

    [Fact]
    public void Load_TokenAndChats_AllowsTheOpsChatAndReadsIdsFromAnEnvironmentList()
    {
        _env[ConfigLoader.DefaultTokenEnv] = "123:abc";

        var result = Load(new() { ["ChatOpsWatch:Telegram:OpsChatId"] = "-100", ["ChatOpsWatch:Telegram:AllowedChatIds"] = "-200, 300", ["ChatOpsWatch:Telegram:ApiBaseUrl"] = "http://127.0.0.1:8081/" });

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Equal([-200L, -100L, 300L], result.Config!.Telegram!.AllowedChatIds.Order());
        Assert.Equal("http://127.0.0.1:8081", result.Config.Telegram.ApiBaseUrl);
        Assert.DoesNotContain("123:abc", result.Config.Telegram.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 10)]
    [InlineData("0", 0)]
    [InlineData("25", 25)]
    public void Load_DigestThreshold_DefaultsToTenAndZeroMeansNever(string? value, int expected)
    {
        _env[ConfigLoader.DefaultTokenEnv] = "123:abc";

        var result = Load(new() { ["ChatOpsWatch:Telegram:OpsChatId"] = "-100", ["ChatOpsWatch:Telegram:DigestThreshold"] = value });

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Equal(expected, result.Config!.Telegram!.DigestThreshold);
    }

    [Fact]
    public void Load_NegativeDigestThreshold_IsNamed()
    {
        _env[ConfigLoader.DefaultTokenEnv] = "123:abc";

        var result = Load(new() { ["ChatOpsWatch:Telegram:OpsChatId"] = "-100", ["ChatOpsWatch:Telegram:DigestThreshold"] = "-1" });

        Assert.Contains(result.Problems, p => p.Key == "ChatOpsWatch:Telegram:DigestThreshold");
    }

    [Fact]
    public void Load_RuleOverrideWithCriticalBelowWarning_IsNamed()
    {
        var result = Load(new() { ["ChatOpsWatch:Alerts:Rules:0:Id"] = "cpu", ["ChatOpsWatch:Alerts:Rules:0:Critical"] = "50" });

        Assert.Contains(result.Problems, p => p.Key == "ChatOpsWatch:Alerts:Rules:0:Critical");
    }

    [Theory]
    [InlineData(null, "08:00")]
    [InlineData("21:30", "21:30")]
    [InlineData("off", null)]
    public void Load_ReportsDailyAt_DefaultsToEightUtcAndOffDisables(string? value, string? expected)
    {
        var result = Load(new() { ["ChatOpsWatch:Reports:DailyAt"] = value });

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Equal(expected, result.Config!.Reports.DailyAt?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("25:00")]
    [InlineData("8am")]
    public void Load_ReportsDailyAtNotATime_IsNamed(string value)
    {
        var result = Load(new() { ["ChatOpsWatch:Reports:DailyAt"] = value });

        var problem = Assert.Single(result.Problems, p => p.Key == "ChatOpsWatch:Reports:DailyAt");
        Assert.Contains(value, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RulesOfOtherKinds_AreReadWithTheirFields()
    {
        var result = Load(new()
        {
            ["ChatOpsWatch:Alerts:Rules:0:Id"] = "free",
            ["ChatOpsWatch:Alerts:Rules:0:Metric"] = "disk.free_gb",
            ["ChatOpsWatch:Alerts:Rules:0:Direction"] = "below",
            ["ChatOpsWatch:Alerts:Rules:0:Warning"] = "10",
            ["ChatOpsWatch:Alerts:Rules:0:Critical"] = "5",
            ["ChatOpsWatch:Alerts:Rules:1:Id"] = "rx-surge",
            ["ChatOpsWatch:Alerts:Rules:1:Metric"] = "net.rx_bps",
            ["ChatOpsWatch:Alerts:Rules:1:Kind"] = "rate",
            ["ChatOpsWatch:Alerts:Rules:1:Window"] = "10m",
            ["ChatOpsWatch:Alerts:Rules:1:Warning"] = "20000",
            ["ChatOpsWatch:Alerts:Rules:1:Critical"] = "200000",
        });

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        var free = result.Config!.Monitor.Rules.Single(r => r.Id == "free");
        Assert.Equal(Domain.Engine.Direction.Below, free.Direction);
        var rate = result.Config.Monitor.Rules.Single(r => r.Id == "rx-surge");
        Assert.Equal(RuleKind.Rate, rate.Kind);
        Assert.Equal(TimeSpan.FromMinutes(10), rate.Window);
    }

    [Theory]
    [InlineData("Kind", "spike", "ChatOpsWatch:Alerts:Rules:0:Kind")]
    [InlineData("Direction", "sideways", "ChatOpsWatch:Alerts:Rules:0:Direction")]
    [InlineData("Window", "5m", "ChatOpsWatch:Alerts:Rules:0:Window")]
    public void Load_RuleWithABadKindField_IsNamed(string key, string value, string path)
    {
        var result = Load(new() { ["ChatOpsWatch:Alerts:Rules:0:Id"] = "cpu", [$"ChatOpsWatch:Alerts:Rules:0:{key}"] = value });

        Assert.Contains(result.Problems, p => p.Key == path);
    }

    [Theory]
    [InlineData(null, "00:30:00,01:00:00,02:00:00,04:00:00")]
    [InlineData("15m,1h", "00:15:00,01:00:00")]
    [InlineData("off", "")]
    public void Load_RepeatEvery_SetsTheReminderSchedule(string? value, string expected)
    {
        var result = Load(new() { ["ChatOpsWatch:Alerts:RepeatEvery"] = value });

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Equal(expected, string.Join(",", result.Config!.Repeats.Delays.Select(d => d.ToString("c", System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Theory]
    [InlineData("10s")]
    [InlineData("30m,soon")]
    public void Load_RepeatEveryNotDurations_IsNamed(string value)
    {
        var result = Load(new() { ["ChatOpsWatch:Alerts:RepeatEvery"] = value });

        Assert.Contains(result.Problems, p => p.Key == "ChatOpsWatch:Alerts:RepeatEvery");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
