namespace ChatOpsWatch.Infrastructure.Ssh;

/// <summary>What the monitor's own metrics read of a session (issue 13).</summary>
public sealed partial class SshNodeSession
{
    /// <summary>Whether the session holds a connected SSH client now.</summary>
    public bool IsOpen => _client is { IsConnected: true };
}
