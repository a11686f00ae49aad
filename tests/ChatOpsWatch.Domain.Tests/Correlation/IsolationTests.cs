using ChatOpsWatch.Domain.Correlation;

namespace ChatOpsWatch.Domain.Tests.Correlation;

public sealed class IsolationTests
{
    private static CorrelationTimeline Fleet()
    {
        var t = new CorrelationTimeline([.. CorrelationTimeline.Region("tokyo", 3), .. CorrelationTimeline.Region("lima", 3, "other")]);
        t.AllUp();
        t.Canaries(allFailed: false, 0);
        return t;
    }

    [Fact]
    public void Step_CanariesFailWhileNodesFail_OneIsolatedMessageAndNoNodeAlerts()
    {
        var t = Fleet();
        t.Down(10, "tokyo-1", "lima-2");
        t.Canaries(allFailed: true, 15);

        var isolated = Assert.Single(t.Step(15));
        Assert.Contains("MONITOR ISOLATED: canaries unreachable (10.0.0.1:53, 10.0.0.2:53) while 2 node(s) fail", isolated.Html, StringComparison.Ordinal);

        t.Down(30, "tokyo-1", "tokyo-2", "tokyo-3", "lima-1", "lima-2", "lima-3");
        Assert.Empty(t.Step(600));
        Assert.All(t.State.Down.Values, d => Assert.Equal(DownStatus.Isolated, d.Status));
    }

    [Fact]
    public void Step_CanariesAnswerAgainAndNodesToo_OneRestoredMessageAndNoResolutions()
    {
        var t = Fleet();
        t.Down(10, "tokyo-1", "tokyo-2", "tokyo-3", "lima-1");
        t.Canaries(allFailed: true, 15);
        t.Step(15);

        t.Canaries(allFailed: false, 700);
        t.AllUp();
        var restored = Assert.Single(t.Step(700));

        Assert.Contains("MONITOR CONNECTIVITY RESTORED after 11 min", restored.Html, StringComparison.Ordinal);
        Assert.Empty(t.Step(1000));
        Assert.Empty(t.State.Down);
        Assert.Equal(2, t.Sent.Count);
    }

    [Fact]
    public void Step_CanariesBackButALoneNodeStaysDown_ItsDownIsSentOnceSettledAfresh()
    {
        var t = Fleet();
        t.Down(10, "lima-1"); // alone, but not sent before the canaries were checked after it
        t.Canaries(allFailed: true, 15);
        t.Step(15);
        t.Canaries(allFailed: false, 300);

        Assert.Contains("MONITOR CONNECTIVITY RESTORED", Assert.Single(t.Step(300)).Html, StringComparison.Ordinal);
        var down = Assert.Single(t.Step(303)); // a fresh settle, then alone: sent

        Assert.Contains("CRITICAL · <b>lima-1</b>", down.Html, StringComparison.Ordinal);
        Assert.Empty(t.Step(420));
    }

    [Fact]
    public void Step_CanariesBackButTwoNeighboursStayDown_HeldAfreshThenOneOutage()
    {
        var t = Fleet();
        t.Down(10, "lima-1", "lima-2");
        t.Canaries(allFailed: true, 15);
        t.Step(15);
        t.Canaries(allFailed: false, 300);

        Assert.Single(t.Step(300)); // restored
        Assert.Empty(t.Step(400));
        Assert.Contains("region <b>lima</b>: 2 of 3 nodes unreachable", Assert.Single(t.Step(420)).Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_LoneDownBeforeTheCanariesWereChecked_WaitsForTheirCheck()
    {
        var t = Fleet(); // canaries last checked at 0
        Assert.Empty(t.Down(5, "lima-1"));

        t.Canaries(allFailed: false, 10);
        var down = Assert.Single(t.Step(10));

        Assert.Contains("CRITICAL · <b>lima-1</b>", down.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_CanariesFailButEveryNodeAnswers_NotIsolated()
    {
        var t = Fleet();
        t.Canaries(allFailed: true, 5);

        Assert.Empty(t.Step(5));
        Assert.Null(t.State.IsolatedSince);
    }

    [Fact]
    public void Step_NodeAnnouncedBeforeIsolationRecoversAfter_ItsResolutionIsSent()
    {
        var t = Fleet();
        t.Down(0, "lima-1");
        t.Step(120);
        t.Down(200, "tokyo-1");
        t.Canaries(allFailed: true, 200);
        t.Step(200);
        t.Canaries(allFailed: false, 300);
        t.AllUp();

        var sent = t.Step(300);

        Assert.Contains(sent, m => m.Html.Contains("RESOLVED · <b>lima-1</b>", StringComparison.Ordinal));
        Assert.DoesNotContain(sent, m => m.Html.Contains("tokyo-1", StringComparison.Ordinal));
    }
}
