using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Correlation;
using ChatOpsWatch.Domain.Incidents;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Tests.Correlation;

public sealed class CorrelatorTests
{
    private static CorrelationTimeline Tokyo(int nodes = 9)
    {
        var t = new CorrelationTimeline(CorrelationTimeline.Region("tokyo", nodes));
        t.AllUp();
        return t;
    }

    [Fact]
    public void Step_SevenOfNineFailAtDifferentPolls_OneOutageMessageListingThem()
    {
        var t = Tokyo();

        Assert.Empty(t.Down(0, "tokyo-1", "tokyo-2"));
        Assert.Empty(t.Down(20, "tokyo-3", "tokyo-4", "tokyo-5"));
        Assert.Empty(t.Down(90, "tokyo-6", "tokyo-7"));
        var opened = t.Step(120);  // the first down's hold is over

        var message = Assert.Single(opened);
        Assert.Contains("region <b>tokyo</b>: 7 of 9 nodes unreachable", message.Html, StringComparison.Ordinal);
        Assert.Contains("tokyo-1, tokyo-2, tokyo-3, tokyo-4, tokyo-5, tokyo-6, tokyo-7", message.Html, StringComparison.Ordinal);
        Assert.Equal(Severity.Critical, message.Severity);
        Assert.Empty(t.Step(300));
        Assert.All(t.State.Down.Values, d => Assert.Equal(DownStatus.Grouped, d.Status));
    }

    [Fact]
    public void Step_AllBackTogether_OneResolutionWithTheOutageDuration()
    {
        var t = Tokyo();
        t.Down(0, "tokyo-1", "tokyo-2", "tokyo-3", "tokyo-4", "tokyo-5", "tokyo-6", "tokyo-7");
        t.Step(120);

        var resolved = t.Up(840, "tokyo-1", "tokyo-2", "tokyo-3", "tokyo-4", "tokyo-5", "tokyo-6", "tokyo-7");

        var message = Assert.Single(resolved);
        Assert.Equal("✅ RESOLVED · region <b>tokyo</b>: all 9 reachable again after 14 min", message.Html);
        Assert.Empty(t.State.Groups);
        Assert.Empty(t.State.Down);
        Assert.Equal(2, t.Sent.Count);
    }

    [Fact]
    public void Step_LoneRecoveryInsideTheOutage_OneUpdateInsideItAndNoPerNodeResolution()
    {
        var t = Tokyo();
        t.Down(0, "tokyo-1", "tokyo-2", "tokyo-3", "tokyo-4");
        t.Step(120);

        Assert.Empty(t.Up(300, "tokyo-2")); // held: the others may follow within the hold
        var back = Assert.Single(t.Step(420));
        Assert.Contains("OUTAGE · region <b>tokyo</b>: reachable again: tokyo-2; 3 of 9 nodes still unreachable", back.Html, StringComparison.Ordinal);
        Assert.True(back.Silent);
        Assert.DoesNotContain("RESOLVED", back.Html, StringComparison.Ordinal);

        var resolved = Assert.Single(t.Up(600, "tokyo-1", "tokyo-3", "tokyo-4"));
        Assert.Contains("all 9 reachable again after 10 min", resolved.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_MembersReturnAtDifferentPollsWithinTheHold_OnlyTheOneResolution()
    {
        var t = Tokyo(5);
        t.Down(0, "tokyo-1", "tokyo-2", "tokyo-3", "tokyo-4", "tokyo-5");
        t.Step(120);

        Assert.Empty(t.Up(600, "tokyo-2"));
        Assert.Empty(t.Up(602, "tokyo-1", "tokyo-5"));
        var resolved = Assert.Single(t.Up(604, "tokyo-3", "tokyo-4"));

        Assert.Contains("all 5 reachable again after 10 min", resolved.Html, StringComparison.Ordinal);
        Assert.Equal(2, t.Sent.Count);
    }

    [Fact]
    public void Step_MemberBackThenDownAgainWithinTheHold_NothingSaidAndStillInTheOutage()
    {
        var t = Tokyo(5);
        t.Down(0, "tokyo-1", "tokyo-2", "tokyo-3");
        t.Step(120);

        Assert.Empty(t.Up(300, "tokyo-1"));
        Assert.Empty(t.Down(330, "tokyo-1"));
        Assert.Empty(t.Step(600));

        Assert.Equal(DownStatus.Grouped, t.State.Down["tokyo-1"].Status);
    }

    [Fact]
    public void Step_LateJoinerAfterTheOutageOpened_FoldedInWithOneQuietUpdate()
    {
        var t = Tokyo();
        t.Down(0, "tokyo-1", "tokyo-2", "tokyo-3");
        t.Step(120);

        var joined = Assert.Single(t.Down(200, "tokyo-8", "tokyo-9"));
        Assert.Contains("now 5 of 9 nodes unreachable; also down: tokyo-8, tokyo-9", joined.Html, StringComparison.Ordinal);
        Assert.True(joined.Silent);
        Assert.Empty(t.Step(400)); // no per-node "down" for the joiners, ever
        Assert.Equal(DownStatus.Grouped, t.State.Down["tokyo-9"].Status);
    }

    [Fact]
    public void Step_NodeAnnouncedAloneThenOthersFollowWithinTheWindow_FoldedIntoTheOutage()
    {
        var t = Tokyo();
        Assert.Empty(t.Down(0, "tokyo-1"));
        var alone = Assert.Single(t.Step(3)); // no neighbour down or failing: sent once settled
        Assert.Contains("CRITICAL · <b>tokyo-1</b>", alone.Html, StringComparison.Ordinal);
        Assert.Equal(IncidentChange.Opened, alone.Incident?.Change);

        Assert.Empty(t.Down(100, "tokyo-2", "tokyo-3"));
        var opened = Assert.Single(t.Step(220));
        Assert.Contains("3 of 9 nodes unreachable", opened.Html, StringComparison.Ordinal);
        Assert.Equal(DownStatus.Grouped, t.State.Down["tokyo-1"].Status);

        // The outage tells the return; tokyo-1's own incident closes with it, without a reply of its own.
        var back = t.Up(600, "tokyo-1", "tokyo-2", "tokyo-3");
        Assert.Equal(2, back.Count);
        Assert.Contains("all 9 reachable again", back[0].Html, StringComparison.Ordinal);
        Assert.Equal(IncidentChange.Closed, back[1].Incident?.Change);
        Assert.Equal("tokyo-1", back[1].Incident?.Node);
    }

    [Fact]
    public void Step_LoneDownThenANeighbour_TheFirstGoesAtOnceTheNeighbourIsHeldForAGroup()
    {
        var t = Tokyo();

        Assert.Empty(t.Down(0, "tokyo-1"));
        var first = Assert.Single(t.Step(3));
        Assert.Empty(t.Down(30, "tokyo-2")); // tokyo-1 is down: a group may be forming
        Assert.Empty(t.Step(149));
        var second = Assert.Single(t.Step(150));
        var back = Assert.Single(t.Up(400, "tokyo-1"));

        Assert.Contains("<b>tokyo-1</b> (acme/tokyo/core)\nunreachable: 2 failed polls in a row\nlast error: connect refused", first.Html, StringComparison.Ordinal);
        Assert.Contains("<b>tokyo-2</b>", second.Html, StringComparison.Ordinal);
        Assert.Contains("RESOLVED · <b>tokyo-1</b>", back.Html, StringComparison.Ordinal);
        Assert.Contains("after 6 min", back.Html, StringComparison.Ordinal);
        Assert.Equal(IncidentChange.Resolved, back.Incident?.Change);
    }

    [Fact]
    public void Step_DownWhileANeighbourIsFailing_HeldUntilTheNeighbourClears()
    {
        var t = Tokyo();
        t.Report(new NodeReport(t.Fleet[1], false, 1, "timed out")); // tokyo-2 failed one poll
        Assert.Empty(t.Down(0, "tokyo-1"));
        t.Report(new NodeReport(t.Fleet[2], false, 0, null, Suspect: true)); // tokyo-3's heartbeat went unanswered
        Assert.Empty(t.Up(10, "tokyo-2"));

        Assert.Single(t.Up(15, "tokyo-3")); // nobody else failing any more: tokyo-1 is alone
    }

    [Fact]
    public void Step_LoneDownBackWithinTheSettle_NeverAnnounced()
    {
        var t = Tokyo();

        Assert.Empty(t.Down(0, "tokyo-1")); // e.g. its sshd restarted, or it came back with another host key
        Assert.Empty(t.Up(2, "tokyo-1"));
        Assert.Empty(t.Step(60));
        Assert.Empty(t.Sent);
    }

    [Fact]
    public void Step_NodeRecoversWithinItsHold_NothingIsSent()
    {
        var t = Tokyo();
        t.Report(new NodeReport(t.Fleet[1], false, 1, "timed out")); // a neighbour failing: tokyo-1 is held
        t.Down(0, "tokyo-1");

        Assert.Empty(t.Up(60, "tokyo-1", "tokyo-2"));
        Assert.Empty(t.Step(300));
        Assert.Empty(t.State.Down);
    }

    [Fact]
    public void Step_TwoNodeRegionBothDown_PercentRuleNeedsTwoSoItIsAnOutage()
    {
        var t = new CorrelationTimeline([.. CorrelationTimeline.Region("paris", 2), .. CorrelationTimeline.Region("lima", 5, provider: "other")]);
        t.AllUp();

        Assert.Empty(t.Down(0, "paris-1", "paris-2", "lima-1"));
        var lone = Assert.Single(t.Step(3));
        var sent = t.Step(120);

        Assert.Contains("CRITICAL · <b>lima-1</b>", lone.Html, StringComparison.Ordinal);
        Assert.Contains("region <b>paris</b>: 2 of 2 nodes unreachable", Assert.Single(sent).Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_WholeProviderAcrossRegionsDown_OneProviderOutage()
    {
        var t = new CorrelationTimeline([.. CorrelationTimeline.Region("paris", 2, "hostx"), .. CorrelationTimeline.Region("lima", 2, "hostx"), .. CorrelationTimeline.Region("oslo", 3, "hosty")]);
        t.AllUp();

        t.Down(0, "paris-1", "paris-2", "lima-1", "lima-2");
        var opened = Assert.Single(t.Step(120));

        Assert.Contains("provider <b>hostx</b>: 4 of 4 nodes unreachable", opened.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_SurvivesARestartMidOutage_ResolutionStillSentOnce()
    {
        var t = Tokyo();
        t.Down(0, "tokyo-1", "tokyo-2", "tokyo-3");
        t.Step(120);

        // A restart: the state comes back from storage, and no node has been polled yet.
        var state = t.State;
        var step = Correlator.Step(state, new CorrelationInput(t.Fleet, new Dictionary<string, NodeReport>(), CanaryStatus.None), t.Options, TextCatalog.English, Some.T0.AddSeconds(200));
        Assert.Empty(step.Messages);
        Assert.Equal(3, step.Next.Down.Count);

        var resume = Correlator.Step(step.Next, new CorrelationInput(t.Fleet, t.Fleet.ToDictionary(n => n.Name, n => new NodeReport(n, false, 0, null)), CanaryStatus.None), t.Options, TextCatalog.English, Some.T0.AddSeconds(400));
        var resolved = Assert.Single(resume.Messages);
        Assert.Contains("all 9 reachable again", resolved.Html, StringComparison.Ordinal);
    }
}
