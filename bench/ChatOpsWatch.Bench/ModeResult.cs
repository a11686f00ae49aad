namespace ChatOpsWatch.Bench;

/// <summary>
/// Everything one mode measured. <see cref="Unit"/> is what one operation is: a poll or a handshake.
/// <see cref="Runtime"/> names the .NET thread-pool setting the measuring process ran with.
/// </summary>
internal sealed record ModeResult(
    string Name,
    string Runtime,
    string Unit,
    string Description,
    int WarmupOperations,
    IReadOnlyList<RoundResult> Rounds,
    int ConnectionsOpened,
    int Failures,
    IReadOnlyList<string> FirstErrors,
    double? MeanOutputChars,
    double? MeanMetricsPerSample,
    string? KeyExchange)
{
    public Medians Median { get; } = Medians.Of(Rounds);

    public int MeasuredOperations => Rounds.Sum(r => r.Operations);
}
