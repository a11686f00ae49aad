namespace ChatOpsWatch.Domain.Storage;

public enum StorageNotice
{
    None,
    Failing,
    Recovered,
}

/// <summary>
/// What the operators were last told about the storage, and when. <see cref="Next"/> says what to tell them now: one
/// failing notice when storage starts failing, one recovery notice when it works again after that, never the same
/// twice in a row, and at most one notice per <c>minGap</c>, so a flapping disk converges on the truth without a stream
/// of notices. Pure: the state and the time are passed in.
/// </summary>
public sealed record StorageAlarm(bool ToldFailing, DateTimeOffset LastNoticeAt)
{
    public static readonly StorageAlarm Quiet = new(false, DateTimeOffset.MinValue);

    public StorageNotice Next(bool failing, DateTimeOffset now, TimeSpan minGap)
    {
        if (failing == ToldFailing || now < NotBefore(minGap))
        {
            return StorageNotice.None;
        }

        return failing ? StorageNotice.Failing : StorageNotice.Recovered;
    }

    /// <summary>When a pending notice may go (the rate limit); null when there is nothing to tell.</summary>
    public DateTimeOffset? DueAt(bool failing, TimeSpan minGap) => failing == ToldFailing ? null : NotBefore(minGap);

    public StorageAlarm Told(StorageNotice notice, DateTimeOffset now) =>
        notice == StorageNotice.None ? this : new(notice == StorageNotice.Failing, now);

    private DateTimeOffset NotBefore(TimeSpan minGap) =>
        LastNoticeAt == DateTimeOffset.MinValue ? DateTimeOffset.MinValue : LastNoticeAt + minGap;
}
