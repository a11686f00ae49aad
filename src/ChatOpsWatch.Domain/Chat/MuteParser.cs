using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Time;

namespace ChatOpsWatch.Domain.Chat;

/// <summary>What a /mute target may name: the fleet's node names, tag values (label → values) and rule ids.</summary>
public sealed record MuteTargets(IReadOnlySet<string> Nodes, IReadOnlyDictionary<string, IReadOnlySet<string>> Tags, IReadOnlySet<string> Rules)
{
    /// <summary>The matcher for a known target: a node first, then a rule id, then a tag value; null when unknown.</summary>
    public Matcher? Resolve(string target)
    {
        if (Nodes.Contains(target))
        {
            return new Matcher("node", target);
        }

        if (Rules.Contains(target))
        {
            return new Matcher("rule", target);
        }

        return Tags.Where(t => t.Value.Contains(target)).Select(t => new Matcher(t.Key, target)).FirstOrDefault();
    }
}

/// <summary>A valid /mute: what, for how long, and why.</summary>
public sealed record MuteRequest(Matcher Target, TimeSpan Duration, string Reason);

/// <summary>
/// Validates /mute, /unmute and /ack arguments. Pure. A target is data compared with known names, never shell
/// text: anything outside <see cref="TargetRule"/> is refused before it is looked up, with the reason.
/// </summary>
public static class MuteParser
{
    public const int MaxTargetLength = 64;

    public const int MaxReasonWords = 24;

    public const int MaxReasonLength = 200;

    /// <summary>Silences longer than this are a forgotten silence waiting to hide an outage.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(30);

    public const string NoReason = "(no reason given)";

    public const string TargetRule = "1-64 characters: letters, digits, '-', '_', '.' or ':', starting with a letter or digit";

    /// <summary>Null when <paramref name="target"/> is well-formed, else why not.</summary>
    public static string? TargetProblem(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Length is 0 or > MaxTargetLength)
        {
            return $"a target is {TargetRule} (got {target.Length} characters)";
        }

        if (!char.IsAsciiLetterOrDigit(target[0]) || !target.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
        {
            return $"a target is {TargetRule}";
        }

        return null;
    }

    /// <summary>/mute &lt;target&gt; &lt;duration&gt; [reason…]: the request, or the problem to tell the user.</summary>
    public static (MuteRequest? Request, string? Problem) ParseMute(IReadOnlyList<string> args, MuteTargets known)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(known);
        if (args.Count < 2)
        {
            return (null, "usage: /mute <node|tag|rule> <duration> [reason], e.g. /mute web-1 2h kernel upgrade");
        }

        if (TargetProblem(args[0]) is { } bad)
        {
            return (null, bad);
        }

        if (!DurationText.TryParse(args[1], out var duration) || duration > MaxDuration)
        {
            return (null, $"the duration must be like 30m, 2h or 1d, at most {DurationText.Format(MaxDuration)}");
        }

        var words = args.Skip(2).ToArray();
        var reason = string.Join(' ', words);
        if (words.Length > MaxReasonWords || reason.Length > MaxReasonLength)
        {
            return (null, $"the reason is at most {MaxReasonWords} words and {MaxReasonLength} characters");
        }

        if (known.Resolve(args[0]) is not { } matcher)
        {
            return (null, "no node, tag or rule has that name; /status lists the nodes");
        }

        return (new MuteRequest(matcher, duration, words.Length == 0 ? NoReason : reason), null);
    }
}
