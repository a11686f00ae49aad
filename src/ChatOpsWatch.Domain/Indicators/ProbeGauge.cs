namespace ChatOpsWatch.Domain.Indicators;

/// <summary>
/// A probe section that carries one indicator: <c>SECTION N1 N2 …</c>, <see cref="Fields"/> whole numbers, read the
/// moment the probe ran. <see cref="Value"/> turns them into the indicator's value, or null when they mean nothing
/// (a zero maximum). A node that does not print the section has no value: absent, never zero.
/// </summary>
public sealed record ProbeGauge(string Section, int Fields, Func<IReadOnlyList<long>, double?> Value);
