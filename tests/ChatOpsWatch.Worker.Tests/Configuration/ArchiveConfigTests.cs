using ChatOpsWatch.Infrastructure.Archive;
using ChatOpsWatch.Worker.Configuration;
using Microsoft.Extensions.Configuration;

namespace ChatOpsWatch.Worker.Tests.Configuration;

public sealed class ArchiveConfigTests
{
    private const string Key = "ChatOpsWatch:Archive:Influx:";

    private static ConfigLoader.Result Load(Dictionary<string, string?> values, Func<string, string?>? env = null) =>
        ConfigLoader.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), env ?? (_ => null));

    private static Dictionary<string, string?> Influx(params (string Key, string Value)[] keys) =>
        keys.ToDictionary(k => Key + k.Key, k => (string?)k.Value);

    private static string[] Problems(ConfigLoader.Result result) => [.. result.Problems.Select(p => p.ToString())];

    [Fact]
    public void Load_NoArchiveSection_ArchivesNothing() => Assert.Null(Load([]).Config!.Archive);

    [Fact]
    public void Load_Version1_WritesToTheDatabaseWithAPasswordFromTheEnvironment()
    {
        var result = Load(
            Influx(("Enabled", "true"), ("Url", "http://10.0.0.5:8086/"), ("Database", "cow"), ("RetentionPolicy", "two weeks"), ("User", "cow"), ("PasswordEnv", "COW_INFLUX_PW"), ("MaxSpoolMb", "64"), ("FlushAge", "30s")),
            name => name == "COW_INFLUX_PW" ? "s3cret" : null);

        var archive = result.Config!.Archive!;
        Assert.Equal(new Uri("http://10.0.0.5:8086/write?db=cow&rp=two%20weeks&precision=ms"), archive.WriteUri());
        Assert.Equal(("cow", "s3cret", 64L * 1024 * 1024, TimeSpan.FromSeconds(30)), (archive.User, archive.Password, archive.MaxSpoolBytes, archive.FlushAge));
        Assert.DoesNotContain("s3cret", archive.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Version2_TakesTheTokenFromCHATOPSWATCH_INFLUX_TOKEN()
    {
        var result = Load(
            Influx(("Enabled", "true"), ("Url", "https://influx.example.com"), ("Version", "2"), ("Org", "ops"), ("Bucket", "cow")),
            name => name == "CHATOPSWATCH_INFLUX_TOKEN" ? "tok-123" : null);

        var archive = result.Config!.Archive!;
        Assert.Equal((InfluxApi.V2, "tok-123"), (archive.Api, archive.Token));
        Assert.Equal(new Uri("https://influx.example.com/api/v2/write?org=ops&bucket=cow&precision=ms"), archive.WriteUri());
    }

    [Fact]
    public void Load_Version2_ReadsTheTokenFromAFile()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "tok-from-file\n");
        try
        {
            var result = Load(Influx(("Enabled", "true"), ("Url", "http://127.0.0.1:8086"), ("Version", "2"), ("Org", "ops"), ("Bucket", "cow"), ("TokenFile", file)));

            Assert.Equal("tok-from-file", result.Config!.Archive!.Token);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Load_BrokenArchive_EveryProblemNamesItsKey()
    {
        var result = Load(Influx(("Enabled", "true"), ("Url", "ftp://x"), ("Version", "3"), ("BatchPoints", "0"), ("MaxSpoolMb", "lots"), ("Org", "ops")));

        Assert.Equal(
            [
                Key + "Url: 'ftp://x' is not an http(s) URL without credentials or query (e.g. http://127.0.0.1:8086)",
                Key + "Version: '3' is not a whole number from 1 to 2",
                Key + "BatchPoints: '0' is not a whole number from 1 to 100000",
                Key + "MaxSpoolMb: 'lots' is not a whole number from 1 to 1048576",
                Key + "Org: is for Version 2 only; Version 1 uses Database",
                Key + "Database: is required with Version 1 (the database written to)",
            ],
            Problems(result));
    }

    [Fact]
    public void Load_Version2WithoutToken_SaysWhichVariableIsMissing()
    {
        var result = Load(Influx(("Enabled", "true"), ("Url", "http://127.0.0.1:8086"), ("Version", "2"), ("Bucket", "cow"), ("Database", "cow")));

        Assert.Equal(
            [
                Key + "Database: is for Version 1 only; Version 2 uses Org, Bucket and a token",
                Key + "Org: is required with Version 2 (the organisation's name)",
                Key + "TokenEnv: the environment variable 'CHATOPSWATCH_INFLUX_TOKEN' is not set",
            ],
            Problems(result));
    }

    [Theory]
    [InlineData("Token")]
    [InlineData("Password")]
    public void Load_SecretInTheConfiguration_IsRefusedEvenWhenDisabled(string key)
    {
        var result = Load(Influx((key, "hunter2")));

        Assert.Equal([$"{Key}{key}: secrets are not read from configuration files; name an environment variable ({key}Env) or a file ({key}File)"], Problems(result));
    }

    [Fact]
    public void Load_MisspeltArchiveKey_IsUnknownWithTheNearestName()
    {
        var result = Load(Influx(("Enabled", "false"), ("MaxSpoolMB", "1"), ("Bukket", "x")));

        Assert.Equal([Key + "Bukket: unknown key 'Bukket'; did you mean Bucket?"], Problems(result));
    }
}
