namespace ChatOpsWatch.Domain.Network;

/// <summary>How an HTTP check ended.</summary>
public enum HttpOutcome
{
    /// <summary>A response arrived and was read.</summary>
    Answered,

    /// <summary>No complete response within the check's timeout.</summary>
    TimedOut,

    /// <summary>Refused, reset, DNS failure, TLS rejected, too many redirects: anything but a timeout.</summary>
    Failed,
}

/// <summary>
/// The result of one HTTP(S) check. <see cref="Status"/> is the final status after redirects;
/// <see cref="KeywordFound"/> is null when no keyword was asked for or no body was read;
/// <see cref="TlsDaysLeft"/> is null for plain HTTP or when no certificate was presented.
/// <see cref="Error"/> says what went wrong, including certificate validation errors.
/// </summary>
public sealed record HttpCheckResult(
    string Name,
    HttpOutcome Outcome,
    int? Status,
    double LatencyMs,
    bool? KeywordFound,
    double? TlsDaysLeft,
    bool? TlsValid,
    bool Up,
    string? Error);
