using System.Globalization;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Storage;

/// <summary>The short form of a <see cref="StorageReport"/> for /storage, from the catalogue (<c>storage.*</c>). Pure.</summary>
public static class StorageSummary
{
    public static string Format(StorageReport report, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(texts);
        var lines = new List<string>
        {
            texts.Format("storage.summary.head", Size(report.FileBytes), Size(report.FreeBytes), report.Retention.MaxBytes is { } max ? Size(max) : "–"),
        };
        foreach (var tier in report.Tiers)
        {
            lines.Add(texts.Format(
                "storage.summary.tier",
                texts[TierKey(tier.Tier)],
                tier.Rows.ToString("N0", CultureInfo.InvariantCulture),
                Size(tier.Bytes),
                tier.Oldest is { } o ? o.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "–",
                (int)report.Retention.Keep(tier.Tier).TotalDays));
        }

        lines.Add(texts.Format(
            "storage.summary.per_poll",
            report.BytesPerPoll.ToString("0", CultureInfo.InvariantCulture),
            report.BytesPerValue.ToString("0.0", CultureInfo.InvariantCulture),
            report.ValuesPerPoll.ToString("0.#", CultureInfo.InvariantCulture)));
        if (report.LegacyRows > 0)
        {
            lines.Add(texts.Format("storage.summary.legacy", report.LegacyRows.ToString("N0", CultureInfo.InvariantCulture)));
        }

        return string.Join('\n', lines);
    }

    public static string TierKey(SampleTier tier) => tier switch
    {
        SampleTier.Raw => "storage.tier.raw",
        SampleTier.FiveMinutes => "storage.tier.5m",
        _ => "storage.tier.1h",
    };

    /// <summary>Bytes in KB, MB or GB (1,024-based), one decimal.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 * 1024 => (bytes / 1024d).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        < 1024L * 1024 * 1024 => (bytes / (1024d * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        _ => (bytes / (1024d * 1024 * 1024)).ToString("0.00", CultureInfo.InvariantCulture) + " GB",
    };
}
