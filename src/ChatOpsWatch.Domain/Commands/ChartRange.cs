namespace ChatOpsWatch.Domain.Commands;

/// <summary>
/// The spans /chart draws: 1h, 24h (the default) and 7d, and 30d, 90d and 1y (issue 14), each with the tier it reads:
/// raw polls up to a day, 5-minute rollups for 7 days, hourly rollups beyond.
/// </summary>
public sealed record ChartRange(string Name, TimeSpan Span, Storage.SampleTier Tier)
{
    public static readonly ChartRange Hour = new("1h", TimeSpan.FromHours(1), Storage.SampleTier.Raw);
    public static readonly ChartRange Day = new("24h", TimeSpan.FromHours(24), Storage.SampleTier.Raw);
    public static readonly ChartRange Week = new("7d", TimeSpan.FromDays(7), Storage.SampleTier.FiveMinutes);
    public static readonly ChartRange Month = new("30d", TimeSpan.FromDays(30), Storage.SampleTier.Hour);
    public static readonly ChartRange Quarter = new("90d", TimeSpan.FromDays(90), Storage.SampleTier.Hour);
    public static readonly ChartRange Year = new("1y", TimeSpan.FromDays(365), Storage.SampleTier.Hour);

    public static IReadOnlyList<ChartRange> All { get; } = [Hour, Day, Week, Month, Quarter, Year];

    public static ChartRange? Find(string name) =>
        All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
}
