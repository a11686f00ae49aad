using ChatOpsWatch.Infrastructure.Ssh;
using Renci.SshNet;

namespace ChatOpsWatch.Bench;

/// <summary>
/// Handshake cost alone: connect (TCP, key exchange, key auth) and disconnect, one at a time,
/// round-robin over the nodes. Compares SSH.NET's default key-exchange order with ours
/// (<see cref="SshConnectionFactory"/> puts curve25519-sha256 first).
/// </summary>
internal static class HandshakeMode
{
    public static async Task<ModeResult> RunAsync(Lab lab, BenchOptions options, NodeCpu? nodeCpu, bool sshNetDefault)
    {
        var name = sshNetDefault ? "handshake-sshnet-default-kex" : "handshake-curve25519-first";
        string? kex = null;
        var connects = 0;
        var next = 0;

        async Task HandshakesAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var target = lab.Target(lab.Nodes[next++ % lab.Nodes.Count]);
                using var client = sshNetDefault ? DefaultClient(target) : SshConnectionFactory.Create(target, SshSettings.Default);
                await client.ConnectAsync(CancellationToken.None);
                kex ??= client.ConnectionInfo.CurrentKeyExchangeAlgorithm;
                connects++;
                client.Disconnect();
            }
        }

        Console.Error.WriteLine($"bench: {name}: warm-up, {options.HandshakeWarmup} handshakes");
        await HandshakesAsync(options.HandshakeWarmup);
        var rounds = new List<RoundResult>();
        for (var r = 1; r <= options.Rounds; r++)
        {
            var round = await Meter.RoundAsync(options.Handshakes, HandshakesAsync, nodeCpu);
            rounds.Add(round);
            Console.Error.WriteLine(Report.Progress(name, r, options.Rounds, round, "handshake"));
        }

        var description = sshNetDefault
            ? "SshClient with SSH.NET's own key-exchange order; connect + disconnect, no command"
            : "SshConnectionFactory.Create (curve25519-sha256 first), as every SshNodeSession connects; connect + disconnect, no command";
        return new ModeResult(name, SpinOffVariant.CurrentRuntime, "handshake", description, options.HandshakeWarmup, rounds, connects, 0, [], null, null, kex);
    }

    /// <summary>The same client as <see cref="SshConnectionFactory.Create(SshTarget, SshSettings)"/> except the key-exchange order.</summary>
    private static SshClient DefaultClient(SshTarget target)
    {
        var key = SshConnectionFactory.LoadKey((SshAuth.KeyFile)target.Auth);
        var info = new ConnectionInfo(target.Host, target.Port, target.User, new PrivateKeyAuthenticationMethod(target.User, key))
        {
            Timeout = SshSettings.Default.ConnectTimeout,
            ChannelCloseTimeout = TimeSpan.FromSeconds(1),
        };
        return new SshClient(info);
    }
}
