using System.Text;

namespace ChatOpsWatch.Domain.Chat;

/// <summary>
/// The <c>callback_data</c> of an inline button: a short action prefix and its arguments joined with ':',
/// e.g. "ack:42" or "mute:42:4h". Telegram allows at most 64 bytes; <see cref="Encode"/> refuses more, so
/// a button can never be cut short. Arguments are ids and fixed tokens the bot wrote itself, never chat text;
/// still, <see cref="TryDecode"/> treats the data as untrusted (a client can send anything).
/// </summary>
public sealed record CallbackData(string Action, IReadOnlyList<string> Args)
{
    /// <summary>Telegram's bound for callback_data, in UTF-8 bytes.</summary>
    public const int MaxBytes = 64;

    private const char Separator = ':';

    public static string Encode(string action, params string[] args)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        ArgumentNullException.ThrowIfNull(args);
        if (!IsToken(action) || args.Any(a => !IsToken(a)))
        {
            throw new ArgumentException($"Callback data parts must be 1-40 of [A-Za-z0-9_.-]: {action} {string.Join(' ', args)}");
        }

        var data = string.Join(Separator, [action, .. args]);
        return Encoding.UTF8.GetByteCount(data) <= MaxBytes
            ? data
            : throw new ArgumentException($"Callback data '{data}' is longer than Telegram's {MaxBytes} bytes.");
    }

    /// <summary>The parsed data, or null when it is empty, too long, or holds anything but tokens.</summary>
    public static CallbackData? TryDecode(string? data)
    {
        if (string.IsNullOrEmpty(data) || Encoding.UTF8.GetByteCount(data) > MaxBytes)
        {
            return null;
        }

        var parts = data.Split(Separator);
        return parts.All(IsToken) ? new CallbackData(parts[0], parts[1..]) : null;
    }

    private static bool IsToken(string part) =>
        part.Length is > 0 and <= 40 && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');
}
