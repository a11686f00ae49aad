using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Alerts;

/// <summary>What one poll of one node produced.</summary>
public abstract record PollOutcome(DateTimeOffset At)
{
    /// <summary>The probe ran and its output parsed.</summary>
    public sealed record Succeeded(Sample Sample) : PollOutcome(Sample.At);

    /// <summary>
    /// The node could not be reached or the probe did not finish: counts towards "unreachable". <paramref name="Confirmed"/>:
    /// the loss was confirmed by a fresh connect (see <see cref="Ports.ProbeRun.Failure"/>), so it is unreachable at once.
    /// </summary>
    public sealed record Failed(DateTimeOffset At, string Error, bool Confirmed = false) : PollOutcome(At);

    /// <summary>
    /// The node answered, but its output could not be understood. It is reachable, so this does not
    /// count towards "unreachable"; the parser's error is kept, in each language, so that nothing is silently dropped.
    /// </summary>
    public sealed record Garbled(DateTimeOffset At, TextEntry Error) : PollOutcome(At);

    /// <summary>The node presented a host key other than the pinned one: nothing was authenticated or run.</summary>
    public sealed record HostKeyRejected(DateTimeOffset At, string Presented, string Pinned) : PollOutcome(At);

    /// <summary>The node answered but offers only refused SSH algorithms: reachable, one "sshcrypto" alert of its own.</summary>
    public sealed record CryptoRefused(DateTimeOffset At, TextEntry Refusal) : PollOutcome(At);
}
