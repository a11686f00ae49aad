using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Text;
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
/// text: anything outside the target rule (catalogue text "mute.target_rule") is refused before it is looked up, with the reason.
/// </summary>
public static class MuteParser
{
    public const int MaxTargetLength = 64;

    public const int MaxReasonWords = 24;

    public const int MaxReasonLength = 200;

    /// <summary>Silences longer than this are a forgotten silence waiting to hide an outage.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(30);

    /// <summary>Null when <paramref name="target"/> is well-formed, else why not (plain text, in the catalogue's language).</summary>
    public static string? TargetProblem(string target, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(texts);
        if (target.Length is 0 or > MaxTargetLength)
        {
            return texts.Format("mute.problem.target_length", texts["mute.target_rule"], target.Length);
        }

        if (!char.IsAsciiLetterOrDigit(target[0]) || !target.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
        {
            return texts.Format("mute.problem.target", texts["mute.target_rule"]);
        }

        return null;
    }

    /// <summary>
    /// /mute &lt;target&gt; &lt;duration&gt; [reason…]: the request, or the problem to tell the user (plain text).
    /// Both are in the catalogue's language: a silence without a reason records "(no reason given)" in it.
    /// </summary>
    public static (MuteRequest? Request, string? Problem) ParseMute(IReadOnlyList<string> args, MuteTargets known, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(texts);
        if (args.Count < 2)
        {
            return (null, texts["mute.problem.usage_mute"]);
        }

        if (TargetProblem(args[0], texts) is { } bad)
        {
            return (null, bad);
        }

        if (!DurationText.TryParse(args[1], out var duration) || duration > MaxDuration)
        {
            return (null, texts.Format("mute.problem.duration", DurationText.Format(MaxDuration)));
        }

        var words = args.Skip(2).ToArray();
        var reason = string.Join(' ', words);
        if (words.Length > MaxReasonWords || reason.Length > MaxReasonLength)
        {
            return (null, texts.Format("mute.problem.reason", MaxReasonWords, MaxReasonLength));
        }

        if (known.Resolve(args[0]) is not { } matcher)
        {
            return (null, texts["mute.problem.unknown_target"]);
        }

        return (new MuteRequest(matcher, duration, words.Length == 0 ? texts["mute.no_reason"] : reason), null);
    }
}
