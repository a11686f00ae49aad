namespace ChatOpsWatch.Domain.Network;

/// <summary>What one probe packet (a TCP connect or an ICMP echo) came back with.</summary>
public abstract record EchoResult
{
    /// <summary>An answer in <see cref="Milliseconds"/>: a completed connect or an echo reply.</summary>
    public sealed record Reply(double Milliseconds) : EchoResult;

    /// <summary>No answer within the timeout: counts as lost.</summary>
    public sealed record Lost(string Reason) : EchoResult;

    /// <summary>The host answered with a refusal (TCP RST): it is reachable but the port is closed. Not lost.</summary>
    public sealed record Refused : EchoResult;

    /// <summary>This process may not send the probe at all (ICMP without privilege): use another method.</summary>
    public sealed record NotPermitted(string Reason) : EchoResult;
}
