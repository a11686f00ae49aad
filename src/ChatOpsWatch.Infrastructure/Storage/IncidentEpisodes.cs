using ChatOpsWatch.Domain.Reports;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>The alert episodes open at some time in a window, read from the incident history.</summary>
internal static class IncidentEpisodes
{
    public static Task<IReadOnlyList<ReportEpisode>> ReadAsync(SqliteConnection connection, long fromMs, long toMs, CancellationToken ct)
    {
        // Filled in when the incident history (schema v6) lands.
        _ = (connection, fromMs, toMs, ct);
        return Task.FromResult<IReadOnlyList<ReportEpisode>>([]);
    }
}
