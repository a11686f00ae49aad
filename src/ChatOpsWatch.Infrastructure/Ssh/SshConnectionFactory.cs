using Renci.SshNet;

namespace ChatOpsWatch.Infrastructure.Ssh;

/// <summary>
/// Builds SSH.NET clients with our defaults: short timeout, curve25519 key exchange first, and no legacy algorithms
/// (<see cref="SshAlgorithmPolicy"/>) unless the target allows them, on a blocking session socket
/// (<see cref="SshBlockingSocket"/>) where this SSH.NET allows it.
/// </summary>
public static class SshConnectionFactory
{
    // FACTS.md: SSH.NET's default first choice (sntrup761) costs ~37 ms of client CPU per handshake;
    // curve25519-sha256 ~3 ms. Every OpenSSH since 6.5 offers it.
    private static readonly string[] PreferredKex = ["curve25519-sha256", "curve25519-sha256@libssh.org"];

    public static SshClient Create(SshTarget target, SshSettings settings) => Create(target, settings, out _);

    /// <summary>As <see cref="Create(SshTarget, SshSettings)"/>; <paramref name="fallback"/> says why the client is on SSH.NET's own socket path, or is null.</summary>
    public static SshClient Create(SshTarget target, SshSettings settings, out string? fallback)
    {
        AuthenticationMethod auth = target.Auth switch
        {
            SshAuth.KeyFile k => new PrivateKeyAuthenticationMethod(target.User, LoadKey(k)),
            SshAuth.Password p => new PasswordAuthenticationMethod(target.User, p.Secret),
            _ => throw new ArgumentException($"unknown auth {target.Auth.GetType().Name}", nameof(target)),
        };

        var info = new ConnectionInfo(target.Host, target.Port, target.User, auth)
        {
            Timeout = settings.ConnectTimeout,
            ChannelCloseTimeout = TimeSpan.FromSeconds(1),
        };
        PreferCurve25519(info);
        if (!target.AllowLegacyAlgorithms)
        {
            RemoveLegacy(info);
        }

        return SshBlockingSocket.Create(info, out fallback);
    }

    public static PrivateKeyFile LoadKey(SshAuth.KeyFile key) =>
        key.Passphrase is null ? new PrivateKeyFile(key.Path) : new PrivateKeyFile(key.Path, key.Passphrase);

    private static void RemoveLegacy(ConnectionInfo info)
    {
        Drop(info.KeyExchangeAlgorithms);
        Drop(info.HostKeyAlgorithms);
        Drop(info.Encryptions);
        Drop(info.HmacAlgorithms);
    }

    private static void Drop<T>(IDictionary<string, T> algorithms)
    {
        foreach (var name in algorithms.Keys.Where(SshAlgorithmPolicy.IsLegacy).ToList())
        {
            algorithms.Remove(name);
        }
    }

    private static void PreferCurve25519(ConnectionInfo info)
    {
        var all = info.KeyExchangeAlgorithms.ToList();
        info.KeyExchangeAlgorithms.Clear();
        foreach (var pair in all.OrderBy(p => Array.IndexOf(PreferredKex, p.Key) is var i && i >= 0 ? i : PreferredKex.Length))
        {
            info.KeyExchangeAlgorithms.Add(pair.Key, pair.Value);
        }
    }
}
