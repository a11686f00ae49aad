using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Domain.Network;

/// <summary>Stable names of the HTTP check indicators; every key carries the label check=NAME.</summary>
public static class HttpMetrics
{
    /// <summary>Final HTTP status code; absent when no response arrived.</summary>
    public const string Status = "http.status";

    /// <summary>Time until the body was read (or the check gave up), ms.</summary>
    public const string LatencyMs = "http.latency_ms";

    /// <summary>1 when the expected status arrived and the keyword (if any) was found, else 0.</summary>
    public const string Up = "http.up";

    /// <summary>1/0; only for checks with a Keyword whose body was read.</summary>
    public const string KeywordFound = "http.keyword_found";

    /// <summary>Days (fractional) until the server certificate's NotAfter; negative once expired. HTTPS only.</summary>
    public const string TlsDaysLeft = "http.tls_days_left";

    /// <summary>1 when the certificate passed normal validation, 0 when not (expired, untrusted, wrong name).</summary>
    public const string TlsValid = "http.tls_valid";

    /// <summary>1 when the check timed out, else 0.</summary>
    public const string Timeout = "http.timeout";

    /// <summary>1 when the check failed for any reason other than a timeout, else 0.</summary>
    public const string Error = "http.error";

    public static IEnumerable<KeyValuePair<string, double>> Of(HttpCheckResult r)
    {
        string Key(string name) => MetricKey.Format(name, ("check", r.Name));
        yield return new(Key(Up), r.Up ? 1 : 0);
        yield return new(Key(LatencyMs), r.LatencyMs);
        yield return new(Key(Timeout), r.Outcome == HttpOutcome.TimedOut ? 1 : 0);
        yield return new(Key(Error), r.Outcome == HttpOutcome.Failed ? 1 : 0);
        if (r.Status is { } status)
        {
            yield return new(Key(Status), status);
        }

        if (r.KeywordFound is { } found)
        {
            yield return new(Key(KeywordFound), found ? 1 : 0);
        }

        if (r.TlsDaysLeft is { } days)
        {
            yield return new(Key(TlsDaysLeft), days);
        }

        if (r.TlsValid is { } valid)
        {
            yield return new(Key(TlsValid), valid ? 1 : 0);
        }
    }
}
