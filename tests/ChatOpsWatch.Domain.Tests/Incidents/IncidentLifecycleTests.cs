using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Incidents;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;
using Microsoft.Extensions.Time.Testing;
using K = ChatOpsWatch.Domain.Incidents.IncidentIntentKind;

namespace ChatOpsWatch.Domain.Tests.Incidents;

/// <summary>The incident lifecycle as timelines on a fake clock: no database, only the pure steps.</summary>
public sealed class IncidentLifecycleTests
{
    private const long Ops = -100;
    private readonly FakeTimeProvider time = new(Some.T0);
    private long nextId = 1;
    private Incident? open;

    [Fact]
    public void Step_WarningThenCriticalThenWarningThenResolved_OneMessageEditedWithLoudRepliesForTheEscalationAndTheEnd()
    {
        (int Minute, IncidentChange Change, Severity Severity, K[] Intents, bool LoudReply)[] timeline =
        [
            (0, IncidentChange.Opened, Severity.Warning, [K.Send], false),
            (3, IncidentChange.Escalated, Severity.Critical, [K.Edit, K.Reply], true),   // a silent edit alone would ring no phone
            (9, IncidentChange.DeEscalated, Severity.Warning, [K.Edit], false),
            (20, IncidentChange.Resolved, Severity.Warning, [K.Edit, K.Reply], true),    // as loud as the worst it reached
        ];

        foreach (var (minute, change, severity, intents, loud) in timeline)
        {
            time.SetUtcNow(Some.At(minute));
            var step = Apply(change, severity, $"CPU at minute {minute}");

            Assert.Equal(intents, step.Intents.Select(i => i.Kind));
            Assert.All(step.Intents.Where(i => i.Kind != K.Reply), i => Assert.True(i.Message.Silent || i.Message.Severity == Severity.Critical));
            if (step.Intents.FirstOrDefault(i => i.Kind == K.Reply) is { } reply)
            {
                Assert.Equal(loud, !reply.Message.Silent);
            }

            Assert.All(step.Intents, i => Assert.Equal(Ops, i.Message.ChatId));
            Assert.Equal(1, step.Next!.Id);                                      // one incident, one message
        }

        Assert.Equal(Severity.Critical, open!.MaxSeverity);
        Assert.Equal(Some.At(20), open.ResolvedAt);
        Assert.Equal("CPU at minute 20", open.ResolvedDetail);
    }

    [Fact]
    public void Step_Escalated_TheReplySaysCriticalAndTheEditStillShowsThePeakAfterDeEscalation()
    {
        Apply(IncidentChange.Opened, Severity.Warning, "CPU 90 %");
        time.Advance(TimeSpan.FromMinutes(2));

        var escalated = Apply(IncidentChange.Escalated, Severity.Critical, "CPU 99 %");
        time.Advance(TimeSpan.FromMinutes(2));
        var calmer = Apply(IncidentChange.DeEscalated, Severity.Warning, "CPU 91 %");

        var reply = escalated.Intents.Single(i => i.Kind == K.Reply).Message;
        Assert.Equal("🔴 ESCALATED to CRITICAL · <b>tokyo-1</b>\nCPU 99 %", reply.Html);
        Assert.Equal(Severity.Critical, reply.Severity);
        Assert.StartsWith("🔴 CRITICAL · <b>tokyo-1</b>", escalated.Text, StringComparison.Ordinal);
        Assert.Contains("peaked at CRITICAL", calmer.Text, StringComparison.Ordinal);
        Assert.StartsWith("🟠", calmer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_EscalatedWhileTheFirstSendStillWaits_TheSendGoesAsTheCriticalItselfWithNoReply()
    {
        Apply(IncidentChange.Opened, Severity.Warning, "CPU 90 %");
        time.Advance(TimeSpan.FromMinutes(1));

        var step = Apply(IncidentChange.Escalated, Severity.Critical, "CPU 99 %", sendWaiting: true);

        var edit = Assert.Single(step.Intents);
        Assert.Equal(K.Edit, edit.Kind);
        Assert.False(edit.Message.Silent);                                       // folded into the send, it rings
    }

    [Fact]
    public void Step_ResolvedThenFiringAgain_OpensANewIncidentWithANewMessage()
    {
        Apply(IncidentChange.Opened, Severity.Critical, "down");
        time.Advance(TimeSpan.FromMinutes(5));
        Apply(IncidentChange.Resolved, Severity.Critical, "back");
        var first = open!;
        open = null;                                                              // storage finds no open incident now
        time.Advance(TimeSpan.FromMinutes(5));

        var again = Apply(IncidentChange.Opened, Severity.Critical, "down again");

        Assert.Equal(K.Send, Assert.Single(again.Intents).Kind);
        Assert.NotEqual(first.Id, again.Next!.Id);
        Assert.Equal(Some.At(10), again.Next.OpenedAt);
        Assert.False(first.IsOpen);
    }

    [Fact]
    public void Step_OpenedWithTheEnginesEpisodeStart_TheIncidentIsDatedFromIt()
    {
        time.Advance(TimeSpan.FromMinutes(7));

        var step = IncidentLifecycle.Step(null, Notice(IncidentChange.Opened, Severity.Warning, "d", Some.At(2)), time.GetUtcNow(), TextCatalog.English, 9);

        Assert.Equal(Some.At(2), step.Next!.OpenedAt);
        Assert.Equal(Some.At(2), step.Next.FiringSince);
        Assert.Equal(9, step.Next.Id);
    }

    [Fact]
    public void Step_RepeatOfAnOpenCritical_IsALoudReplyAndTheIncidentDoesNotChange()
    {
        Apply(IncidentChange.Opened, Severity.Critical, "disk 97 %");
        var before = open;
        time.Advance(TimeSpan.FromHours(1));

        var step = Apply(IncidentChange.Repeat, Severity.Critical, "disk 98 %");

        var reply = Assert.Single(step.Intents);
        Assert.Equal(K.Reply, reply.Kind);
        Assert.False(reply.Message.Silent);
        Assert.Equal("🔁 <b>tokyo-1</b> <code>cpu</code>: still critical after 1 h 0 min, not acknowledged", reply.Message.Html);
        Assert.Same(before, step.Next);
    }

    [Fact]
    public void Step_ResolvedWithNoOpenIncident_IsPostedAsThePlainMessageAndNothingIsStored()
    {
        var message = Notice(IncidentChange.Resolved, Severity.Warning, "back to 40 %") with { Html = "✅ RESOLVED · <b>tokyo-1</b>" };

        var step = IncidentLifecycle.Step(null, message, time.GetUtcNow(), TextCatalog.English, 1);

        Assert.Null(step.Next);
        var post = Assert.Single(step.Intents);
        Assert.Equal(K.Post, post.Kind);
        Assert.Equal("✅ RESOLVED · <b>tokyo-1</b>", post.Message.Html);
        Assert.Null(post.Message.Incident);
    }

    [Fact]
    public void Step_ClosedBecauseAnOutageTellsIt_ResolvesWithAnEditAndNoReply()
    {
        Apply(IncidentChange.Opened, Severity.Critical, "down");
        time.Advance(TimeSpan.FromMinutes(3));

        var step = Apply(IncidentChange.Closed, Severity.Warning, "reachable");

        Assert.Equal([K.Edit], step.Intents.Select(i => i.Kind));
        Assert.False(step.Next!.IsOpen);
        Assert.Equal(Severity.Critical, step.Next.Severity);                    // the closing notice does not rewrite it
    }

    [Fact]
    public void Ack_TwoPeople_TheFirstAcknowledgementStaysAndTheSecondQueuesNoEdit()
    {
        Apply(IncidentChange.Opened, Severity.Critical, "disk 97 %");
        time.Advance(TimeSpan.FromMinutes(2));
        var alice = IncidentLifecycle.Ack(open!, "@alice", time.GetUtcNow(), TextCatalog.English);
        time.Advance(TimeSpan.FromMinutes(1));

        var bob = IncidentLifecycle.Ack(alice.Next!, "@bob", time.GetUtcNow(), TextCatalog.English);

        Assert.Equal([K.Edit], alice.Intents.Select(i => i.Kind));
        Assert.Contains("✋ acked by @alice at 12:02 UTC", alice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(alice.Intents.Single().Message.Buttons![0], b => b.Data.StartsWith("ack", StringComparison.Ordinal));
        Assert.Empty(bob.Intents);
        Assert.Equal("@alice", bob.Next!.AckedBy);
        Assert.Equal(Some.At(2), bob.Next.AckedAt);
    }

    [Fact]
    public void Ack_ResolvedIncident_ChangesNothing()
    {
        var resolved = Opened() with { ResolvedAt = Some.At(5) };

        var step = IncidentLifecycle.Ack(resolved, "@alice", Some.At(6), TextCatalog.English);

        Assert.Same(resolved, step.Next);
        Assert.Empty(step.Intents);
    }

    [Fact]
    public void Mute_ShorterThenLonger_AnEarlierEndChangesNothingAndALaterOneExtends()
    {
        var now = time.GetUtcNow();
        var hour = IncidentLifecycle.Mute(Opened(), now.AddHours(1), "@alice", TextCatalog.English);
        var shorter = IncidentLifecycle.Mute(hour.Next!, now.AddMinutes(30), "@bob", TextCatalog.English);
        var longer = IncidentLifecycle.Mute(shorter.Next!, now.AddHours(4), "@bob", TextCatalog.English);

        Assert.Equal([K.Edit], hour.Intents.Select(i => i.Kind));
        Assert.Empty(shorter.Intents);
        Assert.Equal((now.AddHours(1), "@alice"), (shorter.Next!.MutedUntil!.Value, shorter.Next.MutedBy));
        Assert.Equal((now.AddHours(4), "@bob"), (longer.Next!.MutedUntil!.Value, longer.Next.MutedBy));
        Assert.Contains("🔕 muted until 16:00 UTC by @bob", longer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Follow_AlertMovedAndStoppedWhileSilenced_TheIncidentFollowsAndEndsWithAQuietReply()
    {
        var incident = Opened(Severity.Warning);
        time.Advance(TimeSpan.FromMinutes(4));
        var up = IncidentLifecycle.Follow(incident, Severity.Critical, time.GetUtcNow(), TextCatalog.English);
        var same = IncidentLifecycle.Follow(up.Next!, Severity.Critical, time.GetUtcNow(), TextCatalog.English);
        time.Advance(TimeSpan.FromMinutes(4));

        var gone = IncidentLifecycle.Follow(up.Next!, Severity.None, time.GetUtcNow(), TextCatalog.English);

        Assert.Equal([K.Edit], up.Intents.Select(i => i.Kind));                   // no reply: it was held back
        Assert.Equal(Severity.Critical, up.Next!.MaxSeverity);
        Assert.Empty(same.Intents);
        Assert.Equal([K.Edit, K.Reply], gone.Intents.Select(i => i.Kind));
        Assert.True(gone.Intents[1].Message.Silent);
        Assert.Equal(Some.At(8), gone.Next!.ResolvedAt);
    }

    [Fact]
    public void Unannounced_MovesToldByThisPollOrElsewhere_AreLeftOut()
    {
        static AlertTransition Moved(string rule, string series, Severity to) => new(
            AlertState.Initial("tokyo-1", rule, series, Some.T0),
            AlertState.Initial("tokyo-1", rule, series, Some.T0) with { Severity = to },
            NotifyReason.None);
        var told = Notice(IncidentChange.Opened, Severity.Warning, "probe") with { Incident = Notice(IncidentChange.Opened, Severity.Warning, "x").Incident! with { RuleId = "probe", Series = "probe.output" } };
        var decision = new PollDecision(null, [Moved("cpu", "cpu.busy_pct", Severity.Warning), Moved("probe", "probe.output", Severity.Warning), Moved("unreachable", "ssh", Severity.Critical)], [told])
        {
            ToldElsewhere = new HashSet<string>([AlertKey.Of("unreachable", "ssh")], StringComparer.Ordinal),
        };

        var quiet = IncidentLifecycle.Unannounced(decision);

        Assert.Equal("cpu", Assert.Single(quiet).Next.RuleId);
    }

    [Fact]
    public void Step_InChinese_EveryRenderedTextIsChinese()
    {
        var texts = TextCatalog.Chinese;
        var opened = IncidentLifecycle.Step(null, Notice(IncidentChange.Opened, Severity.Warning, "CPU 90 %"), Some.At(0), texts, 1);
        var escalated = IncidentLifecycle.Step(opened.Next, Notice(IncidentChange.Escalated, Severity.Critical, "CPU 99 %"), Some.At(2), texts, 2);
        var resolved = IncidentLifecycle.Step(escalated.Next, Notice(IncidentChange.Resolved, Severity.Critical, "CPU 20 %"), Some.At(9), texts, 3);

        var all = new[] { opened, escalated, resolved }.SelectMany(s => s.Intents).Select(i => i.Message.Html).ToList();
        Assert.Equal(5, all.Count);
        Assert.All(all, html => Assert.DoesNotMatch("CRITICAL|WARNING|RESOLVED|ESCALATED|open since|after", html));
        Assert.StartsWith("🔴 升级为严重", escalated.Intents[1].Message.Html, StringComparison.Ordinal);
    }

    private IncidentStep Apply(IncidentChange change, Severity severity, string detail, bool sendWaiting = false)
    {
        var step = IncidentLifecycle.Step(open, Notice(change, severity, detail), time.GetUtcNow(), TextCatalog.English, nextId, sendWaiting);
        if (open is null && step.Next is not null)
        {
            nextId++;
        }

        open = step.Next;
        return step;
    }

    private Incident Opened(Severity severity = Severity.Critical) =>
        IncidentLifecycle.Step(null, Notice(IncidentChange.Opened, severity, "disk 97 %"), time.GetUtcNow(), TextCatalog.English, 42).Next!;

    private static OutboxMessage Notice(IncidentChange change, Severity severity, string detail, DateTimeOffset? since = null) =>
        new(MessageKind.Alert, severity, "(the poll's own rendering, unused for incidents)", Ops)
        {
            Incident = new IncidentNotice("tokyo-1", "vultr/tokyo/core", "cpu", "cpu.busy_pct", change, severity, since, detail),
        };
}
