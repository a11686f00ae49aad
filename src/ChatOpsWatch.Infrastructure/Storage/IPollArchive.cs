using System.Data.Common;
using ChatOpsWatch.Domain.Samples;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// A second home for a poll's sample, written in the poll's own transaction (issue 14: the InfluxDB archive's spool), so
/// that a committed sample is always also queued for the archive and a rolled-back one never is. A failure throws, and
/// rolls back the poll's savepoint with it, like any other row of the poll.
/// </summary>
public interface IPollArchive
{
    Task AppendAsync(SqliteConnection connection, DbTransaction tx, Sample sample, DateTimeOffset now);
}
