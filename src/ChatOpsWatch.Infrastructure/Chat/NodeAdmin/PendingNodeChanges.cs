using System.Collections.Concurrent;
using System.Security.Cryptography;
using ChatOpsWatch.Domain.Chat.NodeAdmin;
using ChatOpsWatch.Infrastructure.Ssh;

namespace ChatOpsWatch.Infrastructure.Chat.NodeAdmin;

/// <summary>A change waiting for its [Trust]/[Remove] press, in the chat it was asked in.</summary>
public abstract record PendingChange(string Name, long ChatId, string RequestedBy, DateTimeOffset Expires);

public sealed record PendingAdd(NodeAddRequest Request, ScannedHostKey Key, long ChatId, string RequestedBy, DateTimeOffset Expires)
    : PendingChange(Request.Name, ChatId, RequestedBy, Expires);

public sealed record PendingRemove(string Name, string Target, long ChatId, string RequestedBy, DateTimeOffset Expires)
    : PendingChange(Name, ChatId, RequestedBy, Expires);

public enum PendingTake
{
    Taken,

    /// <summary>Unknown id (answered, expired and purged, or from before a restart) or past its expiry.</summary>
    Expired,

    /// <summary>Pressed in another chat than the one that asked: left waiting.</summary>
    OtherChat,
}

/// <summary>
/// Confirmations waiting for a button press, in memory: a restart forgets them, and their buttons then answer
/// "expired", which is the safe side. Ids are random, so a button of an old message never matches a newer change.
/// Each change can be taken once; a second press, or a press after <see cref="Ttl"/>, changes nothing.
/// </summary>
public sealed class PendingNodeChanges(TimeProvider time, TimeSpan ttl)
{
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, PendingChange> _pending = new(StringComparer.Ordinal);

    public TimeSpan Ttl { get; } = ttl > TimeSpan.Zero ? ttl : throw new ArgumentOutOfRangeException(nameof(ttl), ttl, "must be positive");

    /// <summary>When a change asked for now expires.</summary>
    public DateTimeOffset ExpiryOfNew => time.GetUtcNow() + Ttl;

    /// <summary>Holds <paramref name="change"/>; returns its id (8 hex digits) for the buttons' callback data.</summary>
    public string Add(PendingChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Purge();
        while (true)
        {
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
            if (_pending.TryAdd(id, change))
            {
                return id;
            }
        }
    }

    /// <summary>Whether a change of <paramref name="name"/> of this type is waiting and not expired.</summary>
    public bool IsWaiting<T>(string name)
        where T : PendingChange
    {
        var now = time.GetUtcNow();
        return _pending.Values.Any(p => p is T && p.Expires > now && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    public void Drop(string id) => _pending.TryRemove(id, out _);

    public PendingTake TryTake(string id, long chatId, out PendingChange? change)
    {
        change = null;
        if (!_pending.TryGetValue(id, out var found))
        {
            return PendingTake.Expired;
        }

        if (found.ChatId != chatId)
        {
            return PendingTake.OtherChat;
        }

        if (!_pending.TryRemove(new KeyValuePair<string, PendingChange>(id, found)))
        {
            return PendingTake.Expired;
        }

        if (found.Expires <= time.GetUtcNow())
        {
            return PendingTake.Expired;
        }

        change = found;
        return PendingTake.Taken;
    }

    /// <summary>Expired changes are kept a while, so a late press still reads "expired"; then they go.</summary>
    private void Purge()
    {
        var horizon = time.GetUtcNow() - Ttl;
        foreach (var (id, change) in _pending)
        {
            if (change.Expires < horizon)
            {
                _pending.TryRemove(id, out _);
            }
        }
    }
}
