namespace ChatOpsWatch.Testing.FakeBotApi;

/// <summary>An outage that lasts until ended, as opposed to <see cref="FailNext"/>'s counted failures.</summary>
public sealed partial class FakeBotApiServer
{
    private volatile Outage? outage;

    /// <summary>
    /// From now on every call of <paramref name="methods"/> (every method when none are given) fails with
    /// <paramref name="failure"/>, until <see cref="EndOutage"/>. Calls are still recorded.
    /// </summary>
    public void BeginOutage(FakeFailure failure, params string[] methods) =>
        outage = new Outage(failure, methods.Length == 0 ? null : new HashSet<string>(methods, StringComparer.OrdinalIgnoreCase));

    /// <summary>Ends the outage; returns the time it ended (the server's clock), to measure recovery against.</summary>
    public DateTimeOffset EndOutage()
    {
        outage = null;
        return TimeProvider.System.GetUtcNow();
    }

    private FakeFailure? OutageFailure(string method) =>
        outage is { } o && (o.Methods is null || o.Methods.Contains(method)) ? o.Failure : null;

    private sealed record Outage(FakeFailure Failure, HashSet<string>? Methods);
}
