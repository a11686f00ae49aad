namespace ChatOpsWatch.Bench;

/// <summary>A CPU-like series: noise around 20 %, a nightly 40-minute backup at 95 %, a 2-hour saturation every 9 days.</summary>
internal static class CpuTrace
{
    public static (long[] Ticks, double[] Values) Cpu(DateTimeOffset start, int count, TimeSpan step)
    {
        var random = new Random(42);
        var ticks = new long[count];
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            var t = start + (step * i);
            var minute = (int)t.TimeOfDay.TotalMinutes;
            var day = (t - start).Days;
            ticks[i] = t.UtcTicks;
            values[i] = minute is >= 130 and < 170 ? 93 + (random.NextDouble() * 4)
                : day % 9 == 8 && minute is >= 840 and < 960 ? 99
                : 15 + (random.NextDouble() * 15);
        }

        return (ticks, values);
    }
}
