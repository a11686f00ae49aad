using System.Net;

namespace ChatOpsWatch.Infrastructure.Archive;

/// <summary>What a write's answer means for the batch.</summary>
public enum WriteVerdict
{
    /// <summary>2xx: every point is stored.</summary>
    Written,

    /// <summary>400 (a point that does not parse, a field type conflict, "partial write"), 413, 422: a point of the batch is bad. Split it to find the point; a single bad point is logged and dropped.</summary>
    BadPoints,

    /// <summary>401, 403: the credentials are refused. Nothing is dropped; the spool waits (with the retry cap) until they work.</summary>
    Refused,

    /// <summary>404 (no such database or bucket) and other 4xx: the configuration is wrong. Kept and retried slowly, like <see cref="Refused"/>.</summary>
    Misconfigured,

    /// <summary>5xx, 429, a timeout, a refused or dropped connection: InfluxDB is away. Retried with backoff.</summary>
    Retry,
}

/// <summary>One write's outcome: its verdict and InfluxDB's own words (its error body, or the exception's message).</summary>
public sealed record WriteResult(WriteVerdict Verdict, int Status, string Detail)
{
    /// <summary>The verdict of an HTTP status. Pure; see <see cref="WriteVerdict"/> for each class.</summary>
    public static WriteVerdict Classify(HttpStatusCode status) => (int)status switch
    {
        >= 200 and < 300 => WriteVerdict.Written,
        400 or 413 or 422 => WriteVerdict.BadPoints,
        401 or 403 => WriteVerdict.Refused,
        408 or 429 => WriteVerdict.Retry,
        >= 400 and < 500 => WriteVerdict.Misconfigured,
        _ => WriteVerdict.Retry,
    };
}
