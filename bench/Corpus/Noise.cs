namespace ChatOpsWatch.Corpus;

/// <summary>How one healthy series behaves: a level, daily and weekly cycles, heavy-tailed noise, bursts,
/// benign level changes and a slow wander. Additive for percentages, multiplicative for counters and latencies.</summary>
internal sealed record NoiseSpec(
    double Level,
    double DailyAmp,
    double PeakHour,
    double WeekendFactor,
    double Sigma,
    int Nu,
    double BurstsPerDay,
    double BurstSize,
    int BurstMinutes,
    double LevelChangesPerWeek,
    double LevelChangeSize,
    double Min,
    double Max,
    bool Multiplicative,
    double GrowthPerDay = 0,
    double NightlyJob = 0);

/// <summary>Draws a healthy series on a regular grid.</summary>
internal static class Noise
{
    public static double[] Draw(NoiseSpec s, DateTimeOffset start, TimeSpan step, int count, Random rng)
    {
        var values = new double[count];
        var perMinute = 60.0 / step.TotalSeconds;
        var level = s.Level;
        var wander = 0.0;
        var burstLeft = 0;
        var burstSize = 0.0;
        var stepsPerDay = 1440 * perMinute;
        for (var i = 0; i < count; i++)
        {
            var t = start + (step * i);
            var hour = t.TimeOfDay.TotalHours;
            if (rng.NextDouble() < s.LevelChangesPerWeek / (7 * stepsPerDay))
            {
                // A deploy or a config change: a modest step that stays (benign, not labelled).
                level = Math.Max(s.Level * 0.5, level + (s.LevelChangeSize * s.Level * (rng.NextDouble() < 0.5 ? -1 : 1) * (0.5 + rng.NextDouble())));
            }

            wander = (wander * 0.9995) + (Rng.Normal(rng) * 0.002);
            if (burstLeft == 0 && rng.NextDouble() < s.BurstsPerDay / stepsPerDay)
            {
                burstLeft = (int)(Math.Max(1, s.BurstMinutes * (0.3 + rng.NextDouble())) * perMinute);
                burstSize = s.BurstSize * (0.5 + rng.NextDouble());
            }

            var daily = 1 + (s.DailyAmp * Math.Cos(2 * Math.PI * (hour - s.PeakHour) / 24));
            var weekly = t.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? s.WeekendFactor : 1;
            var grown = level + (s.GrowthPerDay * i / stepsPerDay);
            var noise = Rng.StudentT(rng, s.Nu);
            double v;
            if (s.Multiplicative)
            {
                v = grown * daily * weekly * Math.Exp((s.Sigma * noise) + wander) * (burstLeft > 0 ? burstSize : 1);
            }
            else
            {
                v = (grown * (1 + wander)) + ((daily - 1) * s.Level * weekly) + (s.Sigma * noise) + (burstLeft > 0 ? burstSize : 0);
                if (s.NightlyJob > 0 && hour is >= 2.5 and < 3.1)
                {
                    v = Math.Max(v, s.NightlyJob + (3 * Rng.Normal(rng)));
                }
            }

            burstLeft = Math.Max(0, burstLeft - 1);
            values[i] = Math.Clamp(v, s.Min, s.Max);
        }

        return values;
    }
}

internal static class Rng
{
    public static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>Student's t with <paramref name="nu"/> degrees of freedom, scaled to unit variance-ish for nu &gt; 2.</summary>
    public static double StudentT(Random rng, int nu)
    {
        var chi = 0.0;
        for (var k = 0; k < nu; k++)
        {
            var z = Normal(rng);
            chi += z * z;
        }

        return Normal(rng) / Math.Sqrt(chi / nu) * Math.Sqrt((nu - 2.0) / nu);
    }

    public static double Between(Random rng, double lo, double hi) => lo + ((hi - lo) * rng.NextDouble());
}
