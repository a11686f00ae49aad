using System.Globalization;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Storage;
using ChatOpsWatch.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsWatch.Worker.Cli;

/// <summary>
/// <c>chatopswatch storage</c> (issue 14): the database's size by table and by tier, the rows, the bytes per poll and
/// per value, and the oldest data, read-only beside the running monitor. Exit 0, 2 bad configuration, 3 the database
/// cannot be read.
/// </summary>
internal static class StorageCommand
{
    public const string Usage = "usage: chatopswatch storage [--config FILE] [--maintain]\n  the database's size by table and by tier (raw, 5-minute, hourly), rows, bytes per poll and per value,\n  the oldest data and the retention settings; reads only (0 = printed, 2 = bad configuration, 3 = unreadable database)\n  --maintain: first run the rollups, retention, budget and incremental vacuum that are due now, as the monitor does\n  every 30 s (safe beside it, and to kill at any moment: each step is one transaction)";

    public static async Task<int> RunAsync(string[] args, bool maintain, TextWriter stdout, TextWriter stderr)
    {
        var loaded = CommandLine.Load(args);
        if (!CommandLine.Report(loaded, stderr))
        {
            return CommandLine.ExitConfig;
        }

        var config = loaded.Config!;
        StorageReport report;
        try
        {
            using var stores = StorageComposition.ForVerb(config, TimeProvider.System);
            if (maintain)
            {
                var steps = await stores.GetRequiredService<IStorageMaintenance>().RunUntilIdleAsync(CancellationToken.None);
                await stdout.WriteLineAsync($"maintenance: {steps} step(s) done, nothing more due");
            }

            report = await stores.GetRequiredService<IStorageStats>().ReadAsync(CancellationToken.None);
        }
        catch (StorageException e)
        {
            stderr.WriteLine($"storage: {e.Message}");
            return CommandLine.ExitStorage;
        }

        Print(report, stdout);
        return 0;
    }

    public static void Print(StorageReport r, TextWriter o)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine($"storage: {r.Path}");
        o.WriteLine($"file {StorageSummary.Size(r.FileBytes)}, of which {StorageSummary.Size(r.FreeBytes)} free pages (auto_vacuum {(r.IncrementalVacuum ? "incremental" : "none: freed pages are reused, the file does not shrink; VACUUM once with the monitor stopped")})");
        o.WriteLine($"budget: {(r.Retention.MaxBytes is { } max ? $"{max / (1024 * 1024)} MB (Storage:MaxSizeMb)" : "none (Storage:MaxSizeMb not set)")}");
        o.WriteLine();
        o.WriteLine($"{"tier",-9} {"rows",14} {"polls",14} {"size",11}  {"oldest (UTC)",-16}  {"newest (UTC)",-16}  kept");
        foreach (var t in r.Tiers)
        {
            o.WriteLine(string.Create(inv, $"{Name(t.Tier),-9} {t.Rows,14:N0} {t.Polls,14:N0} {StorageSummary.Size(t.Bytes),11}  {Time(t.Oldest),-16}  {Time(t.Newest),-16}  {r.Retention.Keep(t.Tier).TotalDays:0} days"));
        }

        o.WriteLine(string.Create(inv, $"bytes per poll: {r.BytesPerPoll:0} ({r.ValuesPerPoll:0.#} values per poll, {r.BytesPerValue:0.0} bytes per value)"));
        if (r.LegacyRows > 0)
        {
            o.WriteLine(string.Create(inv, $"old JSON samples not yet converted: {r.LegacyRows:N0} (the monitor converts them when it starts)"));
        }

        o.WriteLine();
        o.WriteLine("tables (sizes are estimates: the used pages shared out by the bytes each table's rows store)");
        foreach (var t in r.Tables)
        {
            o.WriteLine(string.Create(inv, $"  {t.Name,-20} {t.Rows,14:N0} rows {StorageSummary.Size(t.Bytes),11}"));
        }
    }

    private static string Name(SampleTier tier) => tier switch
    {
        SampleTier.Raw => "raw",
        SampleTier.FiveMinutes => "5-minute",
        _ => "hourly",
    };

    private static string Time(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "–";
}
