namespace ChatOpsWatch.Domain.Ports;

/// <summary>
/// One open info-tier finding (docs/alert-tiers.md): <paramref name="Node"/>'s <paramref name="Series"/> behaves unlike
/// itself by rule <paramref name="Rule"/> since <paramref name="Since"/>. Never paged; listed where operators look.
/// </summary>
public sealed record InfoFinding(string Node, string Series, string Rule, DateTimeOffset Since, string Reason);

/// <summary>The info findings open now, as the last committed polls left them. Never throws; empty when there are none.</summary>
public interface IFindingSource
{
    IReadOnlyList<InfoFinding> Findings();
}
