using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Reports;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>The alert episodes open at some time in a window, read from the incident history (schema v6).</summary>
internal static class IncidentEpisodes
{
    private const string Query = """
        SELECT node AS Node, rule_id AS Rule, max_severity AS Severity, opened_at AS OpenedAt, resolved_at AS ResolvedAt
        FROM incidents
        WHERE opened_at < @To AND (resolved_at IS NULL OR resolved_at >= @From)
        ORDER BY opened_at;
        """;

    public static async Task<IReadOnlyList<ReportEpisode>> ReadAsync(SqliteConnection connection, long fromMs, long toMs, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(Query, new { From = fromMs, To = toMs }, cancellationToken: ct));
        return [.. rows.Select(r => new ReportEpisode(r.Node, r.Rule, (Severity)r.Severity, UnixMs.At(r.OpenedAt), r.ResolvedAt is { } at ? UnixMs.At(at) : null))];
    }

    // Setters rather than a positional record: with no rows SQLite reports no column types, and Dapper then converts.
    private sealed class Row
    {
        public string Node { get; set; } = "";

        public string Rule { get; set; } = "";

        public long Severity { get; set; }

        public long OpenedAt { get; set; }

        public long? ResolvedAt { get; set; }
    }
}
