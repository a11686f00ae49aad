using ChatOpsWatch.Domain.Correlation;
using ChatOpsWatch.Domain.Rules;

namespace ChatOpsWatch.Worker.Correlation;

/// <summary>A TCP endpoint the monitor should always reach (<c>Monitor:Canaries</c>), e.g. 1.1.1.1:53 or its gateway.</summary>
public sealed record CanaryTarget(string Host, int Port)
{
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}

/// <summary>
/// Correlation and rule-override settings: group outage options, canaries (checked every <see cref="CanaryInterval"/>,
/// each connect bounded by <see cref="CanaryTimeout"/>), rule overrides, and each node's second vantage (node → vantage node).
/// </summary>
public sealed record CorrelationConfig(
    CorrelationOptions Options,
    IReadOnlyList<CanaryTarget> Canaries,
    TimeSpan CanaryInterval,
    TimeSpan CanaryTimeout,
    IReadOnlyList<RuleOverride> Overrides,
    IReadOnlyDictionary<string, string> Vantages)
{
    public static CorrelationConfig Default { get; } = new(
        CorrelationOptions.Default,
        [],
        TimeSpan.FromSeconds(10),
        TimeSpan.FromSeconds(2),
        [],
        new Dictionary<string, string>(StringComparer.Ordinal));

    // Value equality over the lists: a reload compares configurations.
    public bool Equals(CorrelationConfig? other) =>
        other is not null && Options == other.Options && Canaries.SequenceEqual(other.Canaries) && CanaryInterval == other.CanaryInterval
        && CanaryTimeout == other.CanaryTimeout && Overrides.SequenceEqual(other.Overrides) && Vantages.Count == other.Vantages.Count
        && Vantages.All(v => other.Vantages.TryGetValue(v.Key, out var o) && o == v.Value);

    public override int GetHashCode() => HashCode.Combine(Options, Canaries.Count, Overrides.Count, Vantages.Count);
}
