using ChatOpsWatch.Domain.Ports;

namespace ChatOpsWatch.Infrastructure.Tests.Incidents;

/// <summary>Info findings a test sets, as the monitor's nodes would report them.</summary>
public sealed class ListFindings : IFindingSource
{
    public List<InfoFinding> Open { get; } = [];

    public IReadOnlyList<InfoFinding> Findings() => [.. Open];
}

/// <summary>No info findings.</summary>
public sealed class NoFindings : IFindingSource
{
    public IReadOnlyList<InfoFinding> Findings() => [];
}
