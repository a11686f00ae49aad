namespace ChatOpsWatch.Domain.Engine.Policy;

/// <summary>
/// A state change made from the chat; each is recorded in the audit log with who, what, why and until.
/// <see cref="UpdateId"/> is the Telegram update that asked for it: a redelivered update changes nothing twice.
/// </summary>
public abstract record MutingChange(string By, DateTimeOffset At)
{
    public long? UpdateId { get; init; }

    /// <summary>Adds a silence; its <see cref="Silence.Id"/> is assigned by the store.</summary>
    public sealed record Mute(Silence Silence) : MutingChange(Silence.CreatedBy, Silence.Starts);

    /// <summary>Ends the active silences whose id is <paramref name="IdOrTarget"/> or whose matcher value is.</summary>
    public sealed record Unmute(string IdOrTarget, string By, DateTimeOffset At) : MutingChange(By, At);

    /// <summary>Acknowledges firing episodes (an episode already acknowledged stays as it was).</summary>
    public sealed record Ack(IReadOnlyList<Acknowledgement> Acks, string By, DateTimeOffset At) : MutingChange(By, At);
}

/// <summary>The silences and acknowledgements the alert engine consults.</summary>
public sealed record MutingState(IReadOnlyList<Silence> Silences, IReadOnlyList<Acknowledgement> Acks)
{
    public static MutingState None { get; } = new([], []);
}

/// <summary>
/// Where silences, acknowledgements and their audit trail are kept. Both methods throw
/// <see cref="Ports.StorageException"/> when the store cannot be read or written; a failed
/// <see cref="RecordAsync"/> changed nothing (the change and its audit row are one transaction).
/// </summary>
public interface IMutingStore
{
    /// <summary>The silences in force at <paramref name="now"/> (not removed, not expired) and the recent acknowledgements.</summary>
    Task<MutingState> ActiveAsync(DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// Applies the change and its audit rows. Returns the ids it touched: the new silence, the silences ended, or the
    /// episodes acknowledged; nothing when a change with the same <see cref="MutingChange.UpdateId"/> was already recorded.
    /// </summary>
    Task<IReadOnlyList<string>> RecordAsync(MutingChange change, CancellationToken ct);

    /// <summary>
    /// A number that changes whenever a write may have changed what <see cref="ActiveAsync"/> returns, so a reader may keep
    /// what it read while the number stays the same; null when the store cannot tell (then every read goes to the store).
    /// </summary>
    long? Version => null;
}
