using System.Net;
using ChatOpsWatch.Domain.Network;

namespace ChatOpsWatch.Infrastructure.Network;

/// <summary>
/// Sends one probe (a TCP connect or an ICMP echo) and says what came back. Never throws for
/// network problems: they are <see cref="EchoResult"/>s. Returns within the timeout;
/// throws <see cref="OperationCanceledException"/> only when the token is cancelled.
/// </summary>
public interface IEchoProber
{
    Task<EchoResult> ProbeAsync(IPAddress address, TimeSpan timeout, CancellationToken ct);
}
