using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Reports;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>The alert episodes open at some time in a window, read from the incident history (schema v6).</summary>
internal static class IncidentEpisodes
{
    /// <summary>
    /// Every incident that overlaps [<paramref name="fromMs"/>, <paramref name="toMs"/>): opened before the end and not
    /// resolved before the start. The severity is the worst it reached, so an episode that escalated counts as critical.
    /// </summary>
    public static async Task<IReadOnlyList<ReportEpisode>> ReadAsync(SqliteConnection connection, long fromMs, long toMs, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT node AS Node, rule_id AS Rule, max_severity AS Severity, opened_at AS OpenedAt, resolved_at AS ResolvedAt
            FROM incidents
            WHERE opened_at < @To AND (resolved_at IS NULL OR resolved_at >= @From)
            ORDER BY opened_at, id;
            """,
            new { From = fromMs, To = toMs },
            cancellationToken: ct));
        return [.. rows.Select(r => new ReportEpisode(r.Node, r.Rule, (Severity)r.Severity, UnixMs.At(r.OpenedAt), UnixMs.At(r.ResolvedAt)))];
    }

    private sealed record Row(string Node, string Rule, long Severity, long OpenedAt, long? ResolvedAt);
}
