using System.Diagnostics.CodeAnalysis;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Probing;

/// <summary>Either a snapshot or a one-line error, in each language, that says what was wrong with the output.</summary>
public sealed record ProbeParseResult
{
    private ProbeParseResult(ProbeSnapshot? snapshot, TextEntry? problem)
    {
        Snapshot = snapshot;
        Problem = problem;
    }

    public ProbeSnapshot? Snapshot { get; }

    /// <summary>Text before the framed output that the parser skipped; null when the output started with its header.</summary>
    public ProbeNoise? Noise { get; init; }

    /// <summary>What was wrong, for a chat in either language (plain text, not yet HTML-escaped).</summary>
    public TextEntry? Problem { get; }

    /// <summary>What was wrong, in English: the log line, and what tests and tools compare.</summary>
    public string? Error => Problem?.En;

    [MemberNotNullWhen(true, nameof(Snapshot))]
    [MemberNotNullWhen(false, nameof(Error), nameof(Problem))]
    public bool IsSuccess => Snapshot is not null;

    public static ProbeParseResult Ok(ProbeSnapshot snapshot) => new(snapshot, null);

    public static ProbeParseResult Fail(TextEntry problem) => new(null, problem);

    /// <summary>A failure worded by the catalogue text <paramref name="key"/>; <paramref name="args"/> are data or quoted node text.</summary>
    internal static ProbeParseResult Fail(string key, params object[] args) => Fail(TextEntry.Render(texts => texts.Format(key, args)));
}
