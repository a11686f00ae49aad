namespace ChatOpsWatch.Domain.Engine;

/// <summary>What is normal for one hour of the day, learned from the previous days' same hour.</summary>
/// <param name="Days">How many past days contributed (the band is only trusted from <see cref="HourlyBaseline.MinDays"/>).</param>
/// <param name="Median">Median of the days' medians.</param>
/// <param name="High">The second-highest daily 99th percentile: a pattern seen on two days or more is normal,
/// a one-off incident is not (so last Tuesday's outage does not become this Tuesday's normal).</param>
/// <param name="Spread">Robust scale: median of the daily MADs × 1.4826, floored at 5 % of |median|.</param>
public readonly record struct BaselineBand(int Days, double Median, double High, double Spread)
{
    public double Upper(double tolerance) => High + (tolerance * Spread);
}

/// <summary>
/// A causal, incremental baseline of one series over the last 7 days, kept as one summary (median, p99, MAD)
/// per hour of the week, 168 slots. The band for an hour pools the same hour of day over the previous 7 days:
/// with only a week of history each hour of the week occurs once, too little to learn from alone.
/// Samples must come in time order; the current hour never contributes to its own band.
/// Memory is constant (168 × 4 numbers plus one hour's samples), and the per-sample cost is an append.
/// </summary>
public sealed class HourlyBaseline
{
    public const int MinDays = 3;
    private const int Slots = 168;
    private const long TicksPerHour = TimeSpan.TicksPerHour;

    private readonly long[] _slotHour = new long[Slots];
    private readonly double[] _median = new double[Slots];
    private readonly double[] _high = new double[Slots];
    private readonly double[] _mad = new double[Slots];
    private readonly List<double> _hour = []; // grows to the samples of one hour (120 at 30 s); never preallocated per series
    private readonly double[] _scratchMedians = new double[7];
    private readonly double[] _scratchHighs = new double[7];
    private readonly double[] _scratchMads = new double[7];
    private long _currentHour = long.MinValue;

    public HourlyBaseline() => Array.Fill(_slotHour, long.MinValue);

    /// <summary>The band for the current hour, from earlier days only.</summary>
    public BaselineBand Band { get; private set; }

    /// <summary>Moves to <paramref name="now"/>'s hour (closing the previous one) without adding a sample.</summary>
    public void Advance(DateTimeOffset now)
    {
        var hour = now.UtcTicks / TicksPerHour;
        if (hour == _currentHour)
        {
            return;
        }

        if (hour < _currentHour)
        {
            throw new ArgumentException($"samples must come in time order: {now:O} is before the current hour", nameof(now));
        }

        CloseHour();
        _currentHour = hour;
        Band = Compute(hour);
    }

    /// <summary>
    /// The band the engine would use during <paramref name="at"/>'s hour, from the hours closed so far (for
    /// reports: the next 24 hours after the history show each hour of the day as live will judge it).
    /// </summary>
    public BaselineBand BandFor(DateTimeOffset at) => Compute(at.UtcTicks / TicksPerHour);

    public void Add(DateTimeOffset now, double value)
    {
        Advance(now);
        AddToCurrentHour(value);
    }

    /// <summary>Adds a sample to the hour of the latest <see cref="Advance"/> call.</summary>
    public void AddToCurrentHour(double value)
    {
        if (!double.IsNaN(value))
        {
            _hour.Add(value);
        }
    }

    private void CloseHour()
    {
        if (_hour.Count == 0)
        {
            return;
        }

        // Order statistics by quickselect rather than a sort: this runs once per hour per series, and is the
        // largest per-sample cost of a replay after the append itself.
        var values = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_hour);
        var slot = (int)(_currentHour % Slots);
        _slotHour[slot] = _currentHour;
        _high[slot] = Robust.Select(values, (int)(0.99 * (values.Length - 1)));
        var median = Robust.Median(values);
        _median[slot] = median;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Math.Abs(values[i] - median);
        }

        _mad[slot] = Robust.Median(values);
        _hour.Clear();
    }

    private BaselineBand Compute(long hour)
    {
        var days = 0;
        for (var back = 1; back <= 7; back++)
        {
            var h = hour - (24L * back);
            var slot = (int)(((h % Slots) + Slots) % Slots);
            if (_slotHour[slot] == h)
            {
                _scratchMedians[days] = _median[slot];
                _scratchHighs[days] = _high[slot];
                _scratchMads[days] = _mad[slot];
                days++;
            }
        }

        if (days == 0)
        {
            return default;
        }

        var medians = _scratchMedians.AsSpan(0, days);
        var highs = _scratchHighs.AsSpan(0, days);
        var mads = _scratchMads.AsSpan(0, days);
        medians.Sort();
        highs.Sort();
        mads.Sort();
        var median = Robust.SortedQuantile(medians, 0.5);
        var high = days >= 2 ? highs[days - 2] : highs[0];
        var spread = Math.Max(1.4826 * Robust.SortedQuantile(mads, 0.5), 0.05 * Math.Abs(median));
        return new BaselineBand(days, median, high, spread);
    }
}
