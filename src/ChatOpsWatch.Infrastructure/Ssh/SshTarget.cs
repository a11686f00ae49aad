namespace ChatOpsWatch.Infrastructure.Ssh;

/// <summary>
/// Where and how to reach one node. Secrets are already resolved from env or file. <paramref name="AllowLegacyAlgorithms"/>:
/// also offer the SHA-1, CBC and HMAC-SHA1 algorithms of <see cref="SshAlgorithmPolicy"/> (last, after every modern one).
/// </summary>
public sealed record SshTarget(string Node, string Host, int Port, string User, SshAuth Auth, bool AllowLegacyAlgorithms = false);

public abstract record SshAuth
{
    public sealed record KeyFile(string Path, string? Passphrase) : SshAuth;

    public sealed record Password(string Secret) : SshAuth
    {
        /// <summary>Keeps the secret out of logs and exception messages.</summary>
        public override string ToString() => "Password { Secret = *** }";
    }
}

/// <summary>
/// Timeouts of the SSH adapter. FACTS.md: SSH.NET's 30 s default timeout blocks a thread; keep these short.
/// <see cref="HeartbeatInterval"/>: how often an open session is asked for a reply between polls (and a down node's
/// SSH port is checked for its return); zero turns both off. <see cref="HeartbeatTimeout"/>: how long a reply may take
/// before the session is suspect and a fresh connect confirms or clears it.
/// </summary>
public sealed record SshSettings(TimeSpan ConnectTimeout, TimeSpan ProbeDeadline, TimeSpan MaxBackoff)
{
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromSeconds(3);

    public static SshSettings Default { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60));
}
