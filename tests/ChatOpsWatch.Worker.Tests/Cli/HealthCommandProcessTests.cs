using System.Diagnostics;
using ChatOpsWatch.Worker.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Worker.Tests.Cli;

/// <summary>
/// <c>chatopswatch health</c> as a container HEALTHCHECK runs it: a second process judging a real running monitor by
/// its database. The monitor polls this machine every second, so "2 intervals" pass in seconds.
/// </summary>
public sealed class HealthCommandProcessTests : IDisposable
{
    private readonly string _workDir = Directory.CreateTempSubdirectory("cow-health-").FullName;

    private string Database => Path.Combine(_workDir, "data", "chatopswatch.db");

    private static Dictionary<string, string> Env => new()
    {
        ["ChatOpsWatch__Local__Interval"] = "1s",
        ["ChatOpsWatch__Reports__DailyAt"] = "off",
        ["ChatOpsWatch__Health__OutboxMaxAge"] = "10m",
    };

    [Fact]
    public async Task Health_RunningMonitor_Exits0_ThenKilled_Exits1NamingTheScheduler()
    {
        await using var worker = WorkerProcess.Start(_workDir, Env);
        var (healthy, output) = await UntilAsync(0, TimeSpan.FromSeconds(60), "a poll fired");

        worker.KillHard();
        var killedAt = Stopwatch.StartNew();
        var (dead, deadOutput) = await UntilAsync(1, TimeSpan.FromSeconds(30));

        Assert.Equal(0, healthy);
        Assert.Contains("scheduler: ok: a poll fired", output, StringComparison.Ordinal);
        Assert.Contains("database: ok", output, StringComparison.Ordinal);
        Assert.EndsWith("healthy", output.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(1, dead);
        Assert.Contains("scheduler: FAILED: no poll fired for", deadOutput, StringComparison.Ordinal);
        Assert.Contains("unhealthy: scheduler", deadOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("unhealthy: database", deadOutput, StringComparison.Ordinal);
        // 2 intervals and one beat (1 s each) after the last fire, plus one process start of the verb.
        Assert.True(killedAt.Elapsed < TimeSpan.FromSeconds(20), $"took {killedAt.Elapsed} to turn unhealthy");
    }

    [Fact]
    public async Task Health_OldUndeliveredMessageAndLockedDatabase_Exit1NamingEachCheck()
    {
        await using (var worker = WorkerProcess.Start(_workDir, Env))
        {
            await UntilAsync(0, TimeSpan.FromSeconds(60));
        }

        // An outbox row 11 minutes old that nothing delivers (the monitor is stopped).
        await using var c = new SqliteConnection($"Data Source={Database};Pooling=False");
        await c.OpenAsync();
        await Exec(c, $"INSERT INTO outbox (kind, severity, html, silent, created_at, not_before) VALUES (0, 1, 'x', 1, {DateTimeOffset.UtcNow.AddMinutes(-11).ToUnixTimeMilliseconds()}, 0);");
        var (stale, staleOutput) = await WorkerProcess.RunToExitAsync(_workDir, Env, "health");
        await Exec(c, "BEGIN EXCLUSIVE; UPDATE health_checks SET checked_at = 0;");
        var (locked, lockedOutput) = await WorkerProcess.RunToExitAsync(_workDir, Env, "health");
        await Exec(c, "ROLLBACK;");

        Assert.Equal(1, stale);
        Assert.Contains("outbox: FAILED: 1 undelivered, the oldest for 6", staleOutput, StringComparison.Ordinal);
        Assert.Contains("(bound 600 s)", staleOutput, StringComparison.Ordinal);
        Assert.Matches("unhealthy: (scheduler, )?outbox", staleOutput); // the scheduler too once 3 s have passed since the stop
        Assert.Equal(1, locked);
        Assert.Contains("database: FAILED:", lockedOutput, StringComparison.Ordinal);
        Assert.Contains("is not writable: SQLite Error 5", lockedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_NoDatabase_Exits1NamingTheFileAndCreatesNothing()
    {
        var (exit, output) = await WorkerProcess.RunToExitAsync(_workDir, Env, "health");

        Assert.Equal(1, exit);
        Assert.Contains($"database: FAILED: SQLite database '{Database}': no such file", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Database));
    }

    private async Task<(int Exit, string Output)> UntilAsync(int wanted, TimeSpan within, string? saying = null)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var (exit, output) = await WorkerProcess.RunToExitAsync(_workDir, Env, "health");
            if ((exit == wanted && (saying is null || output.Contains(saying, StringComparison.Ordinal))) || watch.Elapsed > within)
            {
                return (exit, output);
            }

            await Task.Delay(500);
        }
    }

    private static async Task Exec(SqliteConnection c, string sql)
    {
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose() => Directory.Delete(_workDir, recursive: true);
}
