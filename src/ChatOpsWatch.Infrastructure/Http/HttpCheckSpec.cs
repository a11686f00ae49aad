namespace ChatOpsWatch.Infrastructure.Http;

/// <summary>
/// One HTTP(S) check run from the monitor. <see cref="ExpectStatus"/> null means any 2xx
/// (after redirects; a 3xx left over means too many redirects) is up; <see cref="Keyword"/> is searched in the first 1 MiB of the body, case-sensitively.
/// </summary>
public sealed record HttpCheckSpec(string Name, Uri Url, string? Keyword, TimeSpan Timeout, int? ExpectStatus, int MaxRedirects = 5)
{
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(10);
}
