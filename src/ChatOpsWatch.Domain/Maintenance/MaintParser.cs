using System.Globalization;
using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Commands;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Time;

namespace ChatOpsWatch.Domain.Maintenance;

/// <summary>What a valid /maint asks for.</summary>
public abstract record MaintRequest
{
    public sealed record Add(Matcher Target, MaintenanceTiming Timing, string Reason) : MaintRequest;

    public sealed record Cancel(string Id) : MaintRequest;
}

/// <summary>
/// Parses /maint. Pure. Forms (times in UTC):
/// <c>/maint &lt;target&gt; &lt;start&gt; &lt;duration&gt; [reason…]</c> with start "22:00" (its next occurrence) or
/// "2026-11-25T22:00Z"; <c>/maint &lt;target&gt; "m h * * dow" &lt;duration&gt; [reason…]</c> weekly; and
/// <c>/maint cancel &lt;id&gt;</c>. Every argument passes <see cref="ArgCheck"/> first (the cron's quotes and '*' aside).
/// </summary>
public static class MaintParser
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);

    /// <summary>How far ahead a one-off window may start.</summary>
    public static readonly TimeSpan MaxLeadTime = TimeSpan.FromDays(90);

    private static readonly string[] IsoFormats = ["yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz"];

    public static (MaintRequest? Request, string? Problem) Parse(IReadOnlyList<string> args, MuteTargets known, DateTimeOffset now, TextCatalog text)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(text);
        if (args.Count == 2 && args[0] == "cancel")
        {
            return ArgCheck.Problem(args[1], text) is { } bad ? (null, bad)
                : long.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out _) ? (new MaintRequest.Cancel(args[1]), null)
                : (null, text.Format("maint.cancel_id", Html.Escape(args[1])));
        }

        if (args.Count < 3 || args.Count >= ChatCommandParser.MaxArgs)
        {
            return (null, text["maint.usage"]);
        }

        var (cronText, rest) = SplitCron(args);
        var structured = cronText is null ? args.Take(3) : [args[0], rest.FirstOrDefault() ?? string.Empty];
        var reasonWords = cronText is null ? args.Skip(3).ToList() : rest.Skip(1).ToList();
        if (ArgCheck.FirstProblem(structured.Concat(reasonWords), text) is { } problem)
        {
            return (null, problem);
        }

        if (MuteParser.TargetProblem(args[0], text) is not null || known.Resolve(args[0]) is not { } target)
        {
            return (null, text.Format("maint.target_unknown", Html.Escape(args[0])));
        }

        var durationText = cronText is null ? args[2] : rest.FirstOrDefault();
        if (!DurationText.TryParse(durationText, out var duration) || duration > MaxDuration)
        {
            return (null, text.Format("maint.duration_invalid", DurationText.Format(MaxDuration)));
        }

        var reason = reasonWords.Count == 0 ? text["maint.no_reason"] : string.Join(' ', reasonWords);
        if (reasonWords.Count > MuteParser.MaxReasonWords || reason.Length > MuteParser.MaxReasonLength)
        {
            return (null, text.Format("maint.reason_too_long", MuteParser.MaxReasonWords, MuteParser.MaxReasonLength));
        }

        if (cronText is not null)
        {
            var (cron, key, detail) = WeeklyCron.Parse(cronText);
            return cron is null
                ? (null, text.Format(key!, Html.Escape(detail ?? string.Empty)))
                : (new MaintRequest.Add(target, new MaintenanceTiming.Weekly(cron, duration), reason), null);
        }

        if (Start(args[1], now) is not { } starts)
        {
            return (null, text.Format("maint.start_invalid", Html.Escape(args[1])));
        }

        if (starts + duration <= now || starts > now + MaxLeadTime)
        {
            return (null, text.Format("maint.start_range", DurationText.Format(MaxLeadTime)));
        }

        return (new MaintRequest.Add(target, new MaintenanceTiming.Once(starts, starts + duration), reason), null);
    }

    /// <summary>"22:00" is its next occurrence (today or tomorrow, UTC); ISO times need a zone.</summary>
    public static DateTimeOffset? Start(string text, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            var today = new DateTimeOffset(now.UtcDateTime.Date + time.ToTimeSpan(), TimeSpan.Zero);
            return today > now ? today : today.AddDays(1);
        }

        return DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime()
            : null;
    }

    /// <summary>A quoted cron in args[1..] ("0 3 * * 0", also with the curly quotes phones type): its text and the tokens after it.</summary>
    private static (string? Cron, List<string> After) SplitCron(IReadOnlyList<string> args)
    {
        if (args[1].Length == 0 || !IsQuote(args[1][0]))
        {
            return (null, []);
        }

        for (var end = 1; end < args.Count; end++)
        {
            var token = args[end];
            if (IsQuote(token[^1]) && (end > 1 || token.Length > 1))
            {
                var fields = args.Skip(1).Take(end).Select(a => a.Trim('"', '“', '”'));
                return (string.Join(' ', fields), [.. args.Skip(end + 1)]);
            }
        }

        return (string.Join(' ', args.Skip(1)).Trim('"', '“', '”'), []);
    }

    private static bool IsQuote(char c) => c is '"' or '“' or '”';
}
