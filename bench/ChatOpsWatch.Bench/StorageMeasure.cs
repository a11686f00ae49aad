using ChatOpsWatch.Domain.Text;
using System.Diagnostics;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Infrastructure.Storage;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Bench;

/// <summary>
/// What storing a poll costs, measured on the samples the persistent mode really polled (the full probe):
/// each is committed through <see cref="SqliteMonitorStore.CommitPollAsync"/> into a fresh SQLite file, one
/// transaction per poll as the monitor does. Bytes per poll is the database's growth (WAL checkpointed) over
/// the measured polls, indexes and page slack included; the row's metrics JSON is reported beside it.
/// </summary>
internal sealed record StorageResult(int Polls, double BytesPerPoll, double MetricsJsonBytesPerRow, double MetricsPerSample, double CommitCpuMsPerPoll, double CommitWallMsPerPoll);

internal static class StorageMeasure
{
    public static async Task<StorageResult> RunAsync(IReadOnlyList<Sample> samples, int warmup)
    {
        if (samples.Count <= warmup)
        {
            throw new InvalidOperationException($"storage: {samples.Count} samples kept, need more than {warmup}");
        }

        var dir = Directory.CreateTempSubdirectory("cow-bench-storage");
        try
        {
            var path = Path.Combine(dir.FullName, "monitor.db");
            var time = TimeProvider.System;
            long measuredBytes;
            double cpuMs, wallMs;
            using (var db = SqliteDatabase.Open(path, time))
            {
                var store = new SqliteMonitorStore(db, time, TextCatalog.English);
                foreach (var node in samples.Select(s => s.Node).Distinct(StringComparer.Ordinal))
                {
                    await store.UpsertNodeAsync(new NodeInfo(node, "bench", "lab", NodeRole.Core, TimeSpan.FromSeconds(30)), CancellationToken.None);
                }

                foreach (var sample in samples.Take(warmup))
                {
                    await CommitAsync(store, sample);
                }

                var before = Checkpoint(path);
                var cpuBefore = Environment.CpuUsage.TotalTime;
                var started = Stopwatch.GetTimestamp();
                foreach (var sample in samples.Skip(warmup))
                {
                    await CommitAsync(store, sample);
                }

                wallMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                cpuMs = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds;
                measuredBytes = Checkpoint(path) - before;
            }

            var polls = samples.Count - warmup;
            return new StorageResult(
                polls,
                (double)measuredBytes / polls,
                MeanMetricsJson(path),
                samples.Average(s => s.Values.Count),
                cpuMs / polls,
                wallMs / polls);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    private static Task CommitAsync(SqliteMonitorStore store, Sample sample) =>
        store.CommitPollAsync(sample.Node, new PollDecision(sample, [], []), sample.At, CancellationToken.None);

    /// <summary>Moves the WAL into the main file and returns the main file's size: the bytes the samples really take.</summary>
    private static long Checkpoint(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        command.ExecuteNonQuery();
        return new FileInfo(path).Length;
    }

    private static double MeanMetricsJson(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT avg(length(CAST(metrics AS BLOB))) FROM samples;";
        return Convert.ToDouble(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
