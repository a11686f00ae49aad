namespace ChatOpsWatch.Domain.Samples;

/// <summary>
/// One successful poll of one node: every indicator it produced, keyed by a stable metric key
/// such as <c>cpu.busy_pct</c> or <c>disk.used_pct{kind=data,mount=/data}</c> (see <see cref="MetricKey"/>).
/// An indicator that could not be measured on this poll is absent, never zero.
/// </summary>
public sealed record Sample(string Node, DateTimeOffset At, IReadOnlyDictionary<string, double> Values)
{
    public double? Get(string key) => Values.TryGetValue(key, out var v) ? v : null;
}
