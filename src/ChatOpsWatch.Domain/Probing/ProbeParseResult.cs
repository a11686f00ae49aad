using System.Diagnostics.CodeAnalysis;

namespace ChatOpsWatch.Domain.Probing;

/// <summary>Either a snapshot or a one-line error that says what was wrong with the output.</summary>
public sealed record ProbeParseResult
{
    private ProbeParseResult(ProbeSnapshot? snapshot, string? error)
    {
        Snapshot = snapshot;
        Error = error;
    }

    public ProbeSnapshot? Snapshot { get; }

    /// <summary>Text before the framed output that the parser skipped; null when the output started with its header.</summary>
    public ProbeNoise? Noise { get; init; }

    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Snapshot))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Snapshot is not null;

    public static ProbeParseResult Ok(ProbeSnapshot snapshot) => new(snapshot, null);

    public static ProbeParseResult Fail(string error) => new(null, error);
}
