namespace ChatOpsWatch.Infrastructure.Delivery;

/// <summary>
/// Telegram's flood limits as a sliding window fed with send times: at most one message per second per chat, 20 per
/// minute per group (negative chat ids), 30 per second overall, plus pauses Telegram imposed with retry_after. Of a
/// group's 20 a minute, <see cref="PriorityReserve"/> are kept for priority messages (replies to a person's command), so
/// a burst of alerts never makes an answer wait longer than Telegram's own per-chat gap. Reads no clock: times are
/// passed in. Thread-safe: the outbox loop and direct sends share one pacer.
/// </summary>
public sealed class ChatPacer
{
    public static readonly TimeSpan PerChatGap = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan GroupWindow = TimeSpan.FromMinutes(1);
    public const int GroupLimit = 20;

    /// <summary>Group sends per minute that only priority messages may use: alerts get 16 a minute, replies all 20.</summary>
    public const int PriorityReserve = 4;

    public static readonly TimeSpan GlobalWindow = TimeSpan.FromSeconds(1);
    public const int GlobalLimit = 30;

    private readonly Lock gate = new();
    private readonly Dictionary<long, List<DateTimeOffset>> perChat = [];
    private readonly Dictionary<long, DateTimeOffset> pausedUntil = [];
    private readonly List<DateTimeOffset> global = [];

    /// <summary>The earliest time at or after <paramref name="now"/> when a message to <paramref name="chatId"/> may go.</summary>
    public DateTimeOffset NextAllowed(long chatId, DateTimeOffset now, bool priority = false)
    {
        lock (gate)
        {
            return NextAllowedLocked(chatId, now, priority);
        }
    }

    /// <summary>
    /// Takes a slot for a message to <paramref name="chatId"/> if one is free at <paramref name="now"/> (and counts it, as
    /// <see cref="Record"/> does); returns <paramref name="now"/> then, else the time a slot frees and counts nothing.
    /// </summary>
    public DateTimeOffset TryTake(long chatId, DateTimeOffset now, bool priority = false)
    {
        lock (gate)
        {
            var at = NextAllowedLocked(chatId, now, priority);
            if (at <= now)
            {
                RecordLocked(chatId, now);
            }

            return at;
        }
    }

    /// <summary>Counts a request to the chat at <paramref name="at"/>; failed requests count too, Telegram saw them.</summary>
    public void Record(long chatId, DateTimeOffset at)
    {
        lock (gate)
        {
            RecordLocked(chatId, at);
        }
    }

    /// <summary>Holds every message to the chat until <paramref name="until"/> (Telegram's retry_after).</summary>
    public void Pause(long chatId, DateTimeOffset until)
    {
        lock (gate)
        {
            if (!pausedUntil.TryGetValue(chatId, out var current) || current < until)
            {
                pausedUntil[chatId] = until;
            }
        }
    }

    private DateTimeOffset NextAllowedLocked(long chatId, DateTimeOffset now, bool priority)
    {
        Prune(now);
        var at = now;
        if (pausedUntil.TryGetValue(chatId, out var paused) && paused > at)
        {
            at = paused;
        }

        if (perChat.TryGetValue(chatId, out var sends) && sends.Count > 0)
        {
            at = Max(at, sends[^1] + PerChatGap);
            var limit = priority ? GroupLimit : GroupLimit - PriorityReserve;
            if (chatId < 0 && sends.Count >= limit)
            {
                at = Max(at, sends[^limit] + GroupWindow);
            }
        }

        if (global.Count >= GlobalLimit)
        {
            at = Max(at, global[^GlobalLimit] + GlobalWindow);
        }

        return at;
    }

    private void RecordLocked(long chatId, DateTimeOffset at)
    {
        if (!perChat.TryGetValue(chatId, out var sends))
        {
            perChat[chatId] = sends = [];
        }

        sends.Add(at);
        global.Add(at);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (chat, sends) in perChat)
        {
            sends.RemoveAll(t => t <= now - GroupWindow);
            if (sends.Count == 0)
            {
                perChat.Remove(chat);
            }
        }

        global.RemoveAll(t => t <= now - GlobalWindow);
        foreach (var (chat, until) in pausedUntil)
        {
            if (until <= now)
            {
                pausedUntil.Remove(chat);
            }
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
