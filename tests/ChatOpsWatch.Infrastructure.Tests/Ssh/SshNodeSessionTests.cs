using ChatOpsWatch.Domain.Text;
using System.Diagnostics;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Testing.Lab;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsWatch.Infrastructure.Tests.Ssh;

[Collection(SshLabGroup.Name)]
public sealed class SshNodeSessionTests(SshLabFixture fixture) : IDisposable
{
    private static readonly SshSettings Fast = new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4));
    private readonly InMemoryHostKeyStore _keys = new();
    private readonly List<SshNodeSession> _sessions = [];

    private LabNodes Lab => fixture.Lab;

    private SshNodeSession Session(LabNode node, SshAuth? auth = null, string command = "echo hello; uname -s", string user = "root", SshSettings? settings = null, SshConnectBudget? budget = null)
    {
        var session = new SshNodeSession(
            new SshTarget(node.Name, node.Address, node.Port, user, auth ?? new SshAuth.KeyFile(Lab.Ed25519Key, null)),
            command,
            settings ?? Fast,
            _keys,
            TimeProvider.System,
            NullLogger<SshNodeSession>.Instance,
            TextCatalog.English,
            connects: budget);
        _sessions.Add(session);
        return session;
    }

    [Fact]
    public async Task RunAsync_FivePolls_ReuseOneConnection()
    {
        var session = Session(Lab.Nodes[0]);

        for (var i = 0; i < 5; i++)
        {
            var run = Assert.IsType<ProbeRun.Output>(await session.RunAsync(CancellationToken.None));
            Assert.Equal("hello\nLinux\n", run.Stdout);
        }

        Assert.Equal(1, session.Connects);
    }

    [Fact]
    public async Task RunAsync_ConnectBudgetSpentLongerThanThePollDeadline_WaitsItsTurnAndSucceeds()
    {
        using var budget = new SshConnectBudget(1);
        var session = Session(Lab.Nodes[0], budget: budget);
        var held = await budget.EnterAsync(CancellationToken.None);

        var run = session.RunAsync(CancellationToken.None);
        // Longer than the poll's hard deadline (2 s connect + 3 s probe + 2 s): queued time must not count against it.
        await Task.Delay(TimeSpan.FromSeconds(8));
        Assert.False(run.IsCompleted, "the poll must wait for a connect turn, not fail");
        held.Dispose();

        Assert.IsType<ProbeRun.Output>(await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, budget.InFlight);
    }

    [Fact]
    public async Task RunAsync_OpenSessionWhileConnectBudgetSpent_PollsWithoutATurn()
    {
        using var budget = new SshConnectBudget(1);
        var session = Session(Lab.Nodes[0], budget: budget);
        Assert.IsType<ProbeRun.Output>(await session.RunAsync(CancellationToken.None));
        using var held = await budget.EnterAsync(CancellationToken.None);

        var run = await session.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.IsType<ProbeRun.Output>(run);
        Assert.Equal(1, session.Connects);
    }

    [Fact]
    public async Task RunAsync_RsaKey_Authenticates()
    {
        var session = Session(Lab.Nodes[0], new SshAuth.KeyFile(Lab.RsaKey, null));

        Assert.IsType<ProbeRun.Output>(await session.RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_Password_Authenticates()
    {
        var session = Session(Lab.Nodes[0], new SshAuth.Password(Lab.CowlabPassword), "id -un", user: "cowlab");

        var run = Assert.IsType<ProbeRun.Output>(await session.RunAsync(CancellationToken.None));
        Assert.Equal("cowlab\n", run.Stdout);
    }

    [Fact]
    public async Task RunAsync_WrongPassword_FailsWithAClearError()
    {
        // sshd delays a failed password by about 2 s (PAM), so this needs the production connect timeout.
        var session = Session(Lab.Nodes[0], new SshAuth.Password("wrong"), user: "cowlab", settings: SshSettings.Default);

        var run = Assert.IsType<ProbeRun.Failure>(await session.RunAsync(CancellationToken.None));
        Assert.Contains("Permission denied", run.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RunAsync_FirstContact_PinsTheKeyAndAnnouncesItsFingerprint()
    {
        var node = Lab.Nodes[0];
        await Session(node).RunAsync(CancellationToken.None);

        var pin = Assert.Single(_keys.Pins);
        var announcement = Assert.Single(_keys.Announcements);
        Assert.StartsWith("SHA256:", pin.Fingerprint, StringComparison.Ordinal);
        Assert.Contains(pin.Fingerprint, announcement.Html, StringComparison.Ordinal);
        var scanned = await ShellCommand.RunAsync("sh", ["-c", $"ssh-keyscan -t {KeyType(pin.Algorithm)} {node.Address} 2>/dev/null | ssh-keygen -lf -"]);
        Assert.Contains(pin.Fingerprint, scanned, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SshdStoppedThenStarted_FailsThenReconnects()
    {
        var node = Lab.Nodes[1];
        var session = Session(node);
        Assert.IsType<ProbeRun.Output>(await session.RunAsync(CancellationToken.None));

        await Lab.StopSshdAsync(node);
        var down = Assert.IsType<ProbeRun.Failure>(await session.RunAsync(CancellationToken.None));
        await Lab.StartSshdAsync(node);
        await Task.Delay(TimeSpan.FromSeconds(4.5)); // past the capped backoff (4 s in these settings)
        var up = await session.RunAsync(CancellationToken.None);

        Assert.NotEmpty(down.Error);
        Assert.IsType<ProbeRun.Output>(up);
        Assert.Equal(2, session.Connects);
    }

    [Fact]
    public async Task RunAsync_HostKeyChanged_RefusesBeforeAuthenticating()
    {
        var node = Lab.Nodes[2];
        var session = Session(node);
        Assert.IsType<ProbeRun.Output>(await session.RunAsync(CancellationToken.None));
        await Lab.RekeyAsync(node);
        var logBefore = (await File.ReadAllLinesAsync(Lab.LogPath(node))).Length;

        var run = await session.RunAsync(CancellationToken.None);

        var rejected = Assert.IsType<ProbeRun.HostKeyRejected>(run);
        Assert.Contains(_keys.Pins[0].Fingerprint, rejected.Pinned, StringComparison.Ordinal);
        Assert.DoesNotContain(_keys.Pins[0].Fingerprint, rejected.Presented, StringComparison.Ordinal);
        Assert.Single(_keys.Pins); // the pinned key is kept, the new one not learned
        var after = (await File.ReadAllLinesAsync(Lab.LogPath(node))).Skip(logBefore).ToList();
        Assert.NotEmpty(after); // the connection did reach sshd...
        Assert.DoesNotContain(after, l => l.Contains("Accepted", StringComparison.Ordinal) || l.Contains("publickey", StringComparison.Ordinal) || l.Contains("Failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_FrozenSshd_AnswersWithinTheDeadline()
    {
        var node = Lab.Nodes[3];
        var session = Session(node);
        Assert.IsType<ProbeRun.Output>(await session.RunAsync(CancellationToken.None));
        await Lab.FreezeAsync(node);
        try
        {
            var clock = Stopwatch.StartNew();
            var run = await session.RunAsync(CancellationToken.None);
            var second = await session.RunAsync(CancellationToken.None);

            Assert.IsType<ProbeRun.Failure>(run);
            Assert.IsType<ProbeRun.Failure>(second);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(16), $"took {clock.Elapsed}");
        }
        finally
        {
            await Lab.ThawAsync(node);
        }
    }

    [Fact]
    public async Task RunAsync_Blackholed_AnswersWithinTheDeadline()
    {
        var node = Lab.Nodes[3];
        await Lab.BlackholeAsync(node);
        try
        {
            var clock = Stopwatch.StartNew();
            var run = await Session(node).RunAsync(CancellationToken.None);

            Assert.IsType<ProbeRun.Failure>(run);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed}");
        }
        finally
        {
            await Lab.UnblackholeAsync(node);
        }
    }

    [Fact]
    public async Task RunAsync_CommandHangingOnTheNode_IsCutAtTheDeadline()
    {
        var session = Session(Lab.Nodes[0], command: "sleep 30");

        var clock = Stopwatch.StartNew();
        var run = await session.RunAsync(CancellationToken.None);

        Assert.IsType<ProbeRun.Failure>(run);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed}");
    }

    private static string KeyType(string algorithm) => algorithm switch
    {
        "ssh-ed25519" => "ed25519",
        _ when algorithm.StartsWith("rsa", StringComparison.Ordinal) || algorithm == "ssh-rsa" => "rsa",
        _ => "ecdsa",
    };

    public void Dispose()
    {
        foreach (var s in _sessions)
        {
            s.Dispose();
        }
    }
}
