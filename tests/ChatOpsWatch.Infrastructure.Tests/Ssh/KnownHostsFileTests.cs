using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Testing.Lab;

namespace ChatOpsWatch.Infrastructure.Tests.Ssh;

[Collection(SshLabGroup.Name)]
public sealed class KnownHostsFileTests(SshLabFixture fixture) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cow-kh-").FullName;

    private async Task<string> ScanAsync(LabNode node, bool hashed)
    {
        var file = Path.Combine(_dir, hashed ? "hashed" : "plain");
        await File.WriteAllTextAsync(file, await ShellCommand.RunAsync("ssh-keyscan", ["-t", "ed25519,rsa", node.Address]));
        if (hashed)
        {
            await ShellCommand.RunAsync("ssh-keygen", ["-H", "-f", file]);
        }

        return await File.ReadAllTextAsync(file);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Parse_KeyscanOutput_MatchesTheNodeWithTheFingerprintsSshKeygenPrints(bool hashed)
    {
        var node = fixture.Lab.Nodes[0];
        var text = await ScanAsync(node, hashed);
        var expected = await ShellCommand.RunAsync("sh", ["-c", $"ssh-keyscan -t ed25519,rsa {node.Address} 2>/dev/null | ssh-keygen -lf -"]);
        var problems = new List<string>();

        var entries = KnownHostsFile.Parse(text, problems);
        var matching = entries.Where(e => e.Matches(node.Address, 22)).ToList();

        Assert.Empty(problems);
        Assert.Equal(2, matching.Count);
        Assert.All(matching, e => Assert.Contains(e.Fingerprint, expected, StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Matches(node.Address, 2222) || e.Matches("10.9.9.9", 22));
    }

    [Fact]
    public void Parse_NonStandardPortAndBrokenLines_MatchesBracketFormAndReportsTheRest()
    {
        var problems = new List<string>();
        var text = """
            # comment
            [web.example]:2222,198.51.100.7 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl
            @cert-authority *.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl
            onlytwo fields
            host ssh-ed25519 !!!notbase64
            """;

        var entry = Assert.Single(KnownHostsFile.Parse(text, problems));

        Assert.True(entry.Matches("web.example", 2222));
        Assert.True(entry.Matches("198.51.100.7", 22));
        Assert.False(entry.Matches("web.example", 22));
        Assert.Equal(3, problems.Count);
        Assert.Equal("SHA256:", entry.Fingerprint[..7]);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
