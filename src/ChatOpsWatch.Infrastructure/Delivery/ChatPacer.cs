namespace ChatOpsWatch.Infrastructure.Delivery;

/// <summary>
/// Telegram's flood limits as a sliding window fed with send times: at most one message per
/// second per chat, 20 per minute per group (negative chat ids), 30 per second overall, plus
/// pauses Telegram imposed with retry_after. Holds state but reads no clock: times are passed in.
/// </summary>
public sealed class ChatPacer
{
    public static readonly TimeSpan PerChatGap = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan GroupWindow = TimeSpan.FromMinutes(1);
    public const int GroupLimit = 20;
    public static readonly TimeSpan GlobalWindow = TimeSpan.FromSeconds(1);
    public const int GlobalLimit = 30;

    private readonly Dictionary<long, List<DateTimeOffset>> perChat = [];
    private readonly Dictionary<long, DateTimeOffset> pausedUntil = [];
    private readonly List<DateTimeOffset> global = [];

    /// <summary>The earliest time at or after <paramref name="now"/> when a message to <paramref name="chatId"/> may go.</summary>
    public DateTimeOffset NextAllowed(long chatId, DateTimeOffset now)
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
            if (chatId < 0 && sends.Count >= GroupLimit)
            {
                at = Max(at, sends[^GroupLimit] + GroupWindow);
            }
        }

        if (global.Count >= GlobalLimit)
        {
            at = Max(at, global[^GlobalLimit] + GlobalWindow);
        }

        return at;
    }

    /// <summary>Counts a request to the chat at <paramref name="at"/>; failed requests count too, Telegram saw them.</summary>
    public void Record(long chatId, DateTimeOffset at)
    {
        if (!perChat.TryGetValue(chatId, out var sends))
        {
            perChat[chatId] = sends = [];
        }

        sends.Add(at);
        global.Add(at);
    }

    /// <summary>Holds every message to the chat until <paramref name="until"/> (Telegram's retry_after).</summary>
    public void Pause(long chatId, DateTimeOffset until)
    {
        if (!pausedUntil.TryGetValue(chatId, out var current) || current < until)
        {
            pausedUntil[chatId] = until;
        }
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
