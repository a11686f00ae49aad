using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Testing.Lab;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsWatch.Infrastructure.Tests.Ssh;

/// <summary>
/// Three real sshd nodes limited by lab.sh sshd-extra: 1 offers only diffie-hellman-group1-sha1; 2 only SHA-1 ssh-rsa
/// with group14-sha1, CBC and hmac-sha1; 3 only an ssh-dss host key, which SSH.NET never supports.
/// </summary>
public sealed class LegacyCryptoLabFixture : IAsyncLifetime
{
    public LabNodes Lab { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Lab = await LabNodes.StartAsync(3, "weak", 243);
        await Lab.RunAsync("sshd-extra", Lab.Nodes[0].Name, "KexAlgorithms diffie-hellman-group1-sha1");
        await Lab.RunAsync("sshd-extra", Lab.Nodes[1].Name, "KexAlgorithms diffie-hellman-group14-sha1", "HostKeyAlgorithms ssh-rsa", "Ciphers aes128-cbc", "MACs hmac-sha1");
        var dsa = Path.Combine(Lab.Directory, Lab.Nodes[2].Name, "ssh_host_dsa_key");
        await ShellCommand.RunAsync("ssh-keygen", ["-q", "-t", "dsa", "-N", "", "-f", dsa]);
        await Lab.RunAsync("sshd-extra", Lab.Nodes[2].Name, $"HostKey {dsa}", "HostKeyAlgorithms ssh-dss");
    }

    public async Task DisposeAsync() => await Lab.DisposeAsync();
}

public sealed class LegacyCryptoLabTests(LegacyCryptoLabFixture fixture) : IClassFixture<LegacyCryptoLabFixture>, IDisposable
{
    private static readonly SshSettings Fast = new(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4));
    private readonly List<SshNodeSession> _sessions = [];
    private int _pollNow;

    private LabNodes Lab => fixture.Lab;

    private SshNodeSession Session(LabNode node, bool allowLegacy)
    {
        var session = new SshNodeSession(
            new SshTarget(node.Name, node.Address, node.Port, "root", new SshAuth.KeyFile(Lab.Ed25519Key, null), allowLegacy),
            "echo polled",
            Fast with { HeartbeatInterval = TimeSpan.Zero },
            new InMemoryHostKeyStore(),
            TimeProvider.System,
            NullLogger<SshNodeSession>.Instance, TextCatalog.English)
        {
            PollNow = () => Interlocked.Increment(ref _pollNow),
        };
        _sessions.Add(session);
        return session;
    }

    [Fact]
    public async Task RunAsync_NodeOfferingOnlyGroup1Sha1_IsRefusedAsCryptoNotAsUnreachable()
    {
        var session = Session(Lab.Nodes[0], allowLegacy: false);

        var first = Assert.IsType<ProbeRun.CryptoRefused>(await session.RunAsync(CancellationToken.None));
        var second = Assert.IsType<ProbeRun.CryptoRefused>(await session.RunAsync(CancellationToken.None)); // backing off: still refused

        Assert.Equal("node offers only diffie-hellman-group1-sha1 for key exchange; set Nodes:N:AllowLegacyAlgorithms: true for this node to accept", first.Refusal.En);
        Assert.Equal(first, second);
        Assert.Equal(0, _pollNow); // no confirming poll: the node answered, the link is not suspect
    }

    [Fact]
    public async Task RunAsync_Group1Sha1NodeAllowedLegacy_IsPolled()
    {
        var session = Session(Lab.Nodes[0], allowLegacy: true);

        var run = Assert.IsType<ProbeRun.Output>(await session.RunAsync(CancellationToken.None));

        Assert.Equal("polled\n", run.Stdout);
    }

    [Fact]
    public async Task RunAsync_NodeWithOnlySha1RsaCbcAndHmacSha1_IsRefusedThenPolledWhenAllowed()
    {
        var refused = Assert.IsType<ProbeRun.CryptoRefused>(await Session(Lab.Nodes[1], allowLegacy: false).RunAsync(CancellationToken.None));
        var allowed = await Session(Lab.Nodes[1], allowLegacy: true).RunAsync(CancellationToken.None);

        Assert.StartsWith("node offers only diffie-hellman-group14-sha1 for key exchange; set Nodes:N:AllowLegacyAlgorithms", refused.Refusal.En, StringComparison.Ordinal);
        Assert.Equal("polled\n", Assert.IsType<ProbeRun.Output>(allowed).Stdout);
    }

    [Fact]
    public async Task RunAsync_NodeWithOnlySshDss_IsRefusedAsCryptoEvenWhenLegacyIsAllowed()
    {
        var run = Assert.IsType<ProbeRun.CryptoRefused>(await Session(Lab.Nodes[2], allowLegacy: true).RunAsync(CancellationToken.None));

        Assert.Equal("node offers only ssh-dss for host key, which ChatOpsWatch does not support; upgrade the node's sshd", run.Refusal.En);
        Assert.Equal(0, _pollNow);
    }

    public void Dispose()
    {
        foreach (var s in _sessions)
        {
            s.Dispose();
        }
    }
}
