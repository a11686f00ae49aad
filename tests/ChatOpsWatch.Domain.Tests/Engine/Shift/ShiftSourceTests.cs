using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine;
using ChatOpsWatch.Domain.Engine.Shift;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Domain.Tests.Engine.Shift;

public sealed class ShiftSourceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero); // a Monday

    /// <summary>Steps a source along a fake clock, one sample a minute, and returns (minute, signal, reason) of every sample.</summary>
    private static List<(int Minute, Signal Signal, string Reason)> Run(ShiftSource source, int minutes, Func<int, double> value)
    {
        var clock = new FakeTimeProvider(T0);
        var signals = new List<(int, Signal, string)>(minutes);
        var current = Severity.None;
        for (var m = 0; m < minutes; m++)
        {
            var signal = source.Classify(value(m), clock.GetUtcNow(), current);
            current = signal == Signal.Warning ? Severity.Warning : Severity.None;
            signals.Add((m, signal, source.Describe(Domain.Text.TextCatalog.English)));
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        return signals;
    }

    private static double Noise(int m) => ((m * 7919) % 13) - 6; // deterministic ±6 wiggle

    [Fact]
    public void Classify_CpuFallsToZeroBelowAnyStaticLevel_FindsItWithin45Minutes()
    {
        // 15 % ± 6 for 8 days, then the service dies at day 8 and CPU sits at 1 %.
        var died = 8 * 1440;
        var signals = Run(new ShiftSource(ShiftOptions.Level), died + 180, m => m < died ? 15 + Noise(m) : 1);

        Assert.DoesNotContain(signals, s => s.Minute < died && s.Signal == Signal.Warning);
        var first = signals.First(s => s.Signal == Signal.Warning).Minute - died;
        Assert.InRange(first, 5, 45); // a 14-point drop on ±6 noise: about 2.8 spreads, so slower than a big step
    }

    [Fact]
    public void Classify_RunawayJobThatStays_BecomesTheNewNormalAfterADay()
    {
        // 15 % for 8 days, then a steady 50 % that never goes away: one finding, which ends after 24 h.
        var step = 8 * 1440;
        var source = new ShiftSource(ShiftOptions.Level);
        var signals = Run(source, step + (3 * 1440), m => (m < step ? 15 : 50) + Noise(m));

        var warned = signals.Where(s => s.Signal == Signal.Warning).Select(s => s.Minute).ToList();
        Assert.InRange(warned[0] - step, 5, 30);
        Assert.InRange(warned[^1] - warned[0], (24 * 60) - 2, 24 * 60);
        Assert.Equal(warned.Count, warned[^1] - warned[0] + 1); // one unbroken finding
        var notice = signals[warned[^1] + 1];
        Assert.Equal(Signal.Clear, notice.Signal);
        Assert.Contains("taken as the new normal", notice.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(signals.Skip(warned[^1] + 2), s => s.Signal == Signal.Warning); // the 50 % is normal now
    }

    [Fact]
    public void Classify_ShortBurstsOfAHeavyTail_AreNotFindings()
    {
        // A 12-minute burst to 60 % every 6 hours on a 15 % node: noise, not a shift.
        var signals = Run(new ShiftSource(ShiftOptions.Level), 12 * 1440, m => (m % 360 < 12 ? 60 : 15) + Noise(m));

        Assert.DoesNotContain(signals, s => s.Signal == Signal.Warning);
    }
}
