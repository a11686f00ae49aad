using ChatOpsWatch.Domain.Engine;
using static ChatOpsWatch.Domain.Tests.Engine.Timeline;

namespace ChatOpsWatch.Domain.Tests.Engine;

public sealed class HourlyBaselineTests
{
    /// <summary>Feeds <paramref name="days"/> days of one sample a minute: 20 everywhere, or <paramref name="at"/>'s override.</summary>
    private static HourlyBaseline Learn(int days, Func<int, int, double?> at)
    {
        var baseline = new HourlyBaseline();
        for (var minute = 0; minute < days * 1440; minute++)
        {
            baseline.Add(T0.AddMinutes(minute), at(minute / 1440, minute % 1440 / 60) ?? 20);
        }

        return baseline;
    }

    [Fact]
    public void Band_PatternSeenOnSeveralDays_BecomesNormalForThatHourOnly()
    {
        var baseline = Learn(7, (_, hour) => hour == 2 ? 95 : null);

        baseline.Advance(T0.AddDays(7).AddHours(2));
        Assert.True(baseline.Band.Upper(3) >= 95);
        baseline.Advance(T0.AddDays(7).AddHours(3));
        Assert.True(baseline.Band.Upper(3) < 30);
    }

    [Fact]
    public void Band_OneOffIncident_IsNotLearnedAsNormal()
    {
        var baseline = Learn(7, (day, hour) => day == 5 && hour == 14 ? 100 : null);

        baseline.Advance(T0.AddDays(7).AddHours(14));

        Assert.Equal(7, baseline.Band.Days);
        Assert.True(baseline.Band.Upper(3) < 30, $"upper {baseline.Band.Upper(3)}");
    }

    [Fact]
    public void Band_OnlyDaysOlderThanAWeekDropOut()
    {
        var baseline = Learn(10, (day, hour) => day < 3 && hour == 2 ? 95 : null);

        baseline.Advance(T0.AddDays(10).AddHours(2));

        Assert.True(baseline.Band.Upper(3) < 30, "the backup that stopped 7 days ago is forgotten");
    }

    [Fact]
    public void Add_SampleFromAnEarlierHour_IsRefused()
    {
        var baseline = Learn(1, (_, _) => null);

        Assert.Throws<ArgumentException>(() => baseline.Add(T0, 1));
    }
}
