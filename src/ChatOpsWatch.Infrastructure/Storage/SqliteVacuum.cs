using Dapper;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>
/// auto_vacuum=INCREMENTAL (issue 14), so pages freed by retention go back to the file system in small steps
/// (<c>PRAGMA incremental_vacuum</c>) instead of a VACUUM that rewrites the whole file. SQLite can only switch an
/// existing file with a VACUUM: done once at open for files up to <see cref="SwitchLimitBytes"/>; a larger file keeps
/// its mode (freed pages are reused, the file does not shrink) until the operator runs VACUUM while the monitor is stopped.
/// </summary>
internal static class SqliteVacuum
{
    public const long SwitchLimitBytes = 256L * 1024 * 1024;

    public const long Incremental = 2;

    /// <summary>A file with no table yet takes the mode directly (it must precede the first table).</summary>
    public static void PrepareNew(SqliteConnection c)
    {
        if (c.ExecuteScalar<long>("SELECT count(*) FROM sqlite_master;") == 0)
        {
            c.Execute("PRAGMA auto_vacuum = INCREMENTAL;");
        }
    }

    public static void SwitchSmall(SqliteConnection c)
    {
        if (c.ExecuteScalar<long>("PRAGMA auto_vacuum;") == Incremental)
        {
            return;
        }

        var bytes = c.ExecuteScalar<long>("PRAGMA page_count;") * c.ExecuteScalar<long>("PRAGMA page_size;");
        if (bytes <= SwitchLimitBytes)
        {
            c.Execute("PRAGMA auto_vacuum = INCREMENTAL;");
            c.Execute("VACUUM;");
        }
    }

    /// <summary>
    /// Gives free pages back, <paramref name="pages"/> per statement (each its own short transaction) until none is left,
    /// <paramref name="maxPages"/> are given back or the budget is spent; returns how many were free before.
    /// </summary>
    public static long Step(SqliteConnection c, int pages, int maxPages, MaintenanceBudget budget)
    {
        var free = c.ExecuteScalar<long>("PRAGMA freelist_count;");
        var started = budget.Start();
        for (var left = Math.Min(free, maxPages); left > 0 && !budget.Spent(started); left -= pages)
        {
            c.Execute($"PRAGMA incremental_vacuum({pages});");
        }

        return free;
    }
}
