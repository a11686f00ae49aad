namespace ChatOpsWatch.Domain.Commands;

/// <summary>The spans /chart draws: 1h, 24h (the default) and 7d.</summary>
public sealed record ChartRange(string Name, TimeSpan Span)
{
    public static readonly ChartRange Hour = new("1h", TimeSpan.FromHours(1));
    public static readonly ChartRange Day = new("24h", TimeSpan.FromHours(24));
    public static readonly ChartRange Week = new("7d", TimeSpan.FromDays(7));

    public static IReadOnlyList<ChartRange> All { get; } = [Hour, Day, Week];

    public static ChartRange? Find(string name) =>
        All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
}
