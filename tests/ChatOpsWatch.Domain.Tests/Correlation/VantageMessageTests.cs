using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Correlation;

namespace ChatOpsWatch.Domain.Tests.Correlation;

public sealed class VantageMessageTests
{
    [Fact]
    public void Step_VantageReachesTheSuspect_PathProblemWarningInsteadOfCritical()
    {
        var t = new CorrelationTimeline(CorrelationTimeline.Region("tokyo", 3));
        t.AllUp();
        t.Report(new NodeReport(t.Fleet[0], true, 2, "connect timed out", VantageVerdict.Reachable, "tokyo-2", "10.0.0.5:22"));

        Assert.Empty(t.Step(0));
        var sent = Assert.Single(t.Step(3)); // alone in its region and provider: no hold beyond the settle
        Assert.Empty(t.Step(120));

        Assert.Contains("PATH PROBLEM · <b>tokyo-1</b>", sent.Html, StringComparison.Ordinal);
        Assert.Contains("but tokyo-2 reaches its SSH port 10.0.0.5:22", sent.Html, StringComparison.Ordinal);
        Assert.Equal(Severity.Warning, sent.Severity);
        var back = Assert.Single(t.Up(300, "tokyo-1"));
        Assert.Contains("RESOLVED · <b>tokyo-1</b>", back.Html, StringComparison.Ordinal);
        Assert.True(back.Silent);
    }

    [Fact]
    public void Step_VantageCannotReachEither_CriticalSaysSo()
    {
        var t = new CorrelationTimeline(CorrelationTimeline.Region("tokyo", 3));
        t.AllUp();
        t.Report(new NodeReport(t.Fleet[0], true, 2, "connect timed out", VantageVerdict.Unreachable, "tokyo-2", "10.0.0.5:22"));

        Assert.Empty(t.Step(0));
        var sent = Assert.Single(t.Step(3));

        Assert.Contains("CRITICAL · <b>tokyo-1</b>", sent.Html, StringComparison.Ordinal);
        Assert.Contains("tokyo-2 cannot reach it either", sent.Html, StringComparison.Ordinal);
    }
}
