namespace ChatOpsWatch.Domain.Engine.Shift;

/// <summary>What the same hour looked like on earlier days of the same type: its level and how far it strays.</summary>
/// <param name="Days">How many earlier days contributed (none: no opinion yet).</param>
/// <param name="Level">Median of those days' hourly medians.</param>
/// <param name="Scale">Robust spread: within the hour (median MAD) and across days (MAD of the medians), combined.</param>
public readonly record struct SeasonalReference(int Days, double Level, double Scale);

/// <summary>
/// A causal hour-of-day profile over the last 14 days, one summary (median, MAD) per hour, with weekly seasonality by
/// day type: a weekday hour is compared with earlier weekdays, a weekend hour with earlier weekend days; it has an
/// opinion once <see cref="MinDays"/> earlier days and two of the hour's type are learned. Samples must come in time order; the current hour never
/// contributes to its own reference. Constant memory: 336 summaries and one hour's samples.
/// </summary>
public sealed class SeasonalProfile(double minScale)
{
    public const int MinDays = 5;
    private const int Slots = 14 * 24;
    private readonly long[] _slotHour = InitialSlots();
    private readonly double[] _median = new double[Slots];
    private readonly double[] _mad = new double[Slots];
    private readonly List<double> _hour = new(512);
    private readonly double[] _levels = new double[14];
    private readonly double[] _mads = new double[14];
    private long _currentHour = long.MinValue;

    public SeasonalReference Reference { get; private set; }

    /// <summary>Moves to <paramref name="now"/>'s hour, closing the previous one.</summary>
    public void Advance(DateTimeOffset now)
    {
        var hour = now.UtcTicks / TimeSpan.TicksPerHour;
        if (hour <= _currentHour)
        {
            return;
        }

        Close();
        _currentHour = hour;
        Reference = Compute(hour);
    }

    public void Add(double value) => _hour.Add(value);

    /// <summary>
    /// Moves every learned hour by <paramref name="offset"/> (in the judged unit), keeping the daily and weekly shape
    /// and the spreads: a shift that persisted is the new normal from now on, without forgetting when the node is busy.
    /// </summary>
    public void Shift(double offset)
    {
        for (var i = 0; i < Slots; i++)
        {
            _median[i] += offset;
        }

        Reference = Reference with { Level = Reference.Level + offset };
    }

    private static long[] InitialSlots()
    {
        var slots = new long[Slots];
        Array.Fill(slots, long.MinValue);
        return slots;
    }

    private void Close()
    {
        if (_hour.Count == 0)
        {
            return;
        }

        var values = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_hour);
        var slot = (int)(_currentHour % Slots);
        var median = Robust.Median(values);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Math.Abs(values[i] - median);
        }

        (_slotHour[slot], _median[slot], _mad[slot]) = (_currentHour, median, Robust.Median(values));
        _hour.Clear();
    }

    private SeasonalReference Compute(long hour)
    {
        var weekend = Weekend(hour);
        if (Gather(hour, weekend, sameTypeOnly: false) < MinDays)
        {
            return default;
        }

        // The first weekend is not judged by weekdays: a shop's Saturday is not an outage.
        var same = Gather(hour, weekend, sameTypeOnly: true);
        if (same < 2)
        {
            return default;
        }

        var levels = _levels.AsSpan(0, same);
        var mads = _mads.AsSpan(0, same);
        var level = Robust.Median(levels);
        var within = 1.4826 * Robust.Median(mads);
        for (var i = 0; i < same; i++)
        {
            levels[i] = Math.Abs(levels[i] - level);
        }

        var across = 1.4826 * Robust.Median(levels);
        return new SeasonalReference(same, level, Math.Max(minScale, Math.Sqrt((within * within) + (across * across))));
    }

    private int Gather(long hour, bool weekend, bool sameTypeOnly)
    {
        var n = 0;
        for (var back = 1; back <= 14; back++)
        {
            var h = hour - (24L * back);
            var slot = (int)(((h % Slots) + Slots) % Slots);
            if (_slotHour[slot] == h && (!sameTypeOnly || Weekend(h) == weekend))
            {
                (_levels[n], _mads[n]) = (_median[slot], _mad[slot]);
                n++;
            }
        }

        return n;
    }

    private static bool Weekend(long hour)
    {
        // Day 0 of the tick epoch (0001-01-01) was a Monday.
        var day = (int)((hour / 24) % 7);
        return day >= 5;
    }
}
