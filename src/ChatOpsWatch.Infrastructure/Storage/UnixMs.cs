namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>Times are stored as unix milliseconds; sub-millisecond precision and the offset are not kept.</summary>
internal static class UnixMs
{
    public static long Of(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static long? Of(DateTimeOffset? time) => time?.ToUnixTimeMilliseconds();

    public static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static DateTimeOffset? At(long? ms) => ms is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;
}
