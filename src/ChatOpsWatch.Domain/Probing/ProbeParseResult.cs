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

    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Snapshot))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Snapshot is not null;

    public static ProbeParseResult Ok(ProbeSnapshot snapshot) => new(snapshot, null);

    public static ProbeParseResult Fail(string error) => new(null, error);
}
