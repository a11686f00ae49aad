using System.Diagnostics;
using System.Globalization;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Testing.FakeBotApi;
using ChatOpsWatch.Worker.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Worker.Tests.EndToEnd;

/// <summary>
/// Storage failures as an operator meets them (issue 9, item 6): the real executable with its database on a really
/// full filesystem (a 4 MB tmpfs filled by a file), reporting to the fake Bot API or to the console; and a database
/// whose lock another process holds at start-up. Needs root, for mount.
/// </summary>
public sealed class StorageFailureTests : IAsyncDisposable
{
    private const long Ops = -100200300;
    private readonly string workDir = Directory.CreateTempSubdirectory("cow-storage-").FullName;
    private readonly string mount;
    private bool mounted;

    public StorageFailureTests() => mount = Path.Combine(workDir, "small");

    [Theory]
    [InlineData("telegram")]
    [InlineData("console")]
    public async Task Run_DiskFillsUpThenFrees_OneFailingNoticeFromMemoryThenOneRecoveryNotice(string notifier)
    {
        await MountSmallTmpfsAsync();
        var dbPath = Path.Combine(mount, "chatopswatch.db");
        await using var api = FakeBotApiServer.Start();
        var env = new Dictionary<string, string>
        {
            ["ChatOpsWatch__Storage__Path"] = dbPath,
            ["ChatOpsWatch__Local__Interval"] = "1s",
            ["Logging__LogLevel__Default"] = "Information",
        };
        if (notifier == "telegram")
        {
            env["CHATOPSWATCH_TELEGRAM_TOKEN"] = api.Token;
            env["ChatOpsWatch__Telegram__ApiBaseUrl"] = api.BaseUrl;
            env["ChatOpsWatch__Telegram__OpsChatId"] = Ops.ToString(CultureInfo.InvariantCulture);
        }

        await using var worker = WorkerProcess.Start(workDir, env);
        await worker.WaitForLineAsync(l => l.Contains("ChatOpsWatch starting", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await WaitForSamplesAsync(worker, dbPath); // running and polling: the disk fills under a working monitor
        var filler = Path.Combine(mount, "filler");
        Fill(filler);

        await worker.WaitForLineAsync(l => l.Contains("database or disk is full", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var failing = await WaitForNoticeAsync(worker, api, notifier, "Storage is failing: the disk is full.");
        Assert.Contains(dbPath, failing, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(5)); // several more failing polls: still one notice
        Assert.Equal(1, Count(worker, api, notifier, "Storage is failing"));

        File.Delete(filler);
        var recovered = await WaitForNoticeAsync(worker, api, notifier, "Storage works again");
        Assert.Contains(dbPath, recovered, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(1, Count(worker, api, notifier, "Storage is failing"));
        Assert.Equal(1, Count(worker, api, notifier, "Storage works again"));
    }

    [Fact]
    public async Task Run_DatabaseLockedByAnotherProcess_SaysWhatItWaitsForAndStartsOnceReleased()
    {
        var dbPath = Path.Combine(workDir, "data", "chatopswatch.db");
        SqliteDatabase.Open(dbPath, TimeProvider.System).Dispose();
        await using var holder = new SqliteConnection($"Data Source={dbPath};Pooling=False");
        await holder.OpenAsync();
        await using (var take = holder.CreateCommand())
        {
            // What a sqlite3 shell with an open transaction, or a second instance mid-migration, holds.
            take.CommandText = "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; CREATE TABLE lock_holder (x); INSERT INTO lock_holder VALUES (1);";
            await take.ExecuteNonQueryAsync();
        }

        await using var worker = WorkerProcess.Start(workDir, new Dictionary<string, string>());
        await worker.WaitForLineAsync(l => l.Contains("Waiting for the database", StringComparison.Ordinal) && l.Contains(dbPath, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.DoesNotContain("ChatOpsWatch starting", worker.Output, StringComparison.Ordinal);

        await using (var release = holder.CreateCommand())
        {
            release.CommandText = "ROLLBACK; PRAGMA locking_mode = NORMAL;";
            await release.ExecuteNonQueryAsync();
        }

        await holder.CloseAsync();
        await worker.WaitForLineAsync(l => l.Contains("ChatOpsWatch starting", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.False(worker.HasExited);
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (mounted)
        {
            await RunAsync("umount", "-l", mount);
        }

        Directory.Delete(workDir, recursive: true);
    }

    private static async Task WaitForSamplesAsync(WorkerProcess worker, string dbPath)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await using (var read = new SqliteConnection($"Data Source={dbPath};Mode=ReadOnly;Pooling=False"))
            {
                await read.OpenAsync();
                await using var count = read.CreateCommand();
                count.CommandText = "SELECT COUNT(*) FROM sample_rows;";
                if ((long)(await count.ExecuteScalarAsync())! > 1)
                {
                    return;
                }
            }

            Assert.False(worker.HasExited, worker.Output);
            await Task.Delay(200);
        }

        throw new TimeoutException("no samples stored within 30 s:\n" + worker.Output);
    }

    private static void Fill(string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        var chunk = new byte[64 * 1024];
        try
        {
            while (true)
            {
                file.Write(chunk);
                file.Flush(flushToDisk: true);
            }
        }
        catch (IOException)
        {
            // ENOSPC: the filesystem is really full now.
        }
    }

    private static async Task<string> WaitForNoticeAsync(WorkerProcess worker, FakeBotApiServer api, string notifier, string text)
    {
        if (notifier == "telegram")
        {
            return (await api.WaitForAsync(m => m.ChatId == Ops && m.Text.Contains(text, StringComparison.Ordinal), TimeSpan.FromSeconds(60))).Text;
        }

        // The console notifier prints the plain text, its body indented under an "[Alert/...]:" line.
        await worker.WaitForLineAsync(l => l.Contains(text, StringComparison.Ordinal) && !l.Contains(": warn:", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var lines = worker.Lines.ToList();
        var at = lines.FindIndex(l => l.Contains(text, StringComparison.Ordinal));
        return string.Join('\n', lines.Skip(at).Take(4));
    }

    private static int Count(WorkerProcess worker, FakeBotApiServer api, string notifier, string text) => notifier == "telegram"
        ? api.Sent.Count(m => m.Text.Contains(text, StringComparison.Ordinal))
        : worker.Lines.Count(l => l.Contains(text, StringComparison.Ordinal));

    private async Task MountSmallTmpfsAsync()
    {
        Directory.CreateDirectory(mount);
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount);
        mounted = true;
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        var error = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {error} (these tests need root)");
        }
    }
}
