using ChatOpsWatch.Domain.Chat;
using Dapper;
using H = ChatOpsWatch.Infrastructure.Tests.Incidents.IncidentHarness;

namespace ChatOpsWatch.Infrastructure.Tests.Incidents;

/// <summary>
/// Issue 5's acceptance: "An incident's lifecycle (fire, escalate, ack by button, mute by button, resolve) produces one
/// message that is edited each time, plus the one resolution reply. The final text shows who acked and how long the
/// incident lasted."
/// </summary>
public sealed class IncidentLifecycleAcceptanceTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly H h = new();

    public Task InitializeAsync() => h.InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => h.DisposeAsync().AsTask();

    ValueTask IAsyncDisposable.DisposeAsync() => h.DisposeAsync();

    [Fact]
    public async Task Lifecycle_FireEscalateAckMuteResolve_OneMessageEditedEachTimePlusLoudEscalationAndResolutionReplies()
    {
        await h.PollEveryMinuteAsync(50, 90);                        // minute 1: CPU > 70: warning
        await h.DeliverAsync();
        var fired = Assert.Single(h.Api.Sent);
        Assert.StartsWith("🟠 WARNING · <b>web-1</b> (hetzner/fsn1/core)", fired.Text, StringComparison.Ordinal);
        Assert.Contains("CPU 90 % &gt; 70 %", fired.Text, StringComparison.Ordinal);
        Assert.True(fired.DisableNotification);                      // warnings are silent
        Assert.Equal(["ack:1", "chart:1", "details:1", "mute:1:1h", "mute:1:4h", "mute:1:24h"], fired.ButtonData);

        await h.PollEveryMinuteAsync(90, 90, 90, 90);                 // minute 5: five samples > 85: critical
        await h.DeliverAsync();
        Assert.StartsWith("🔴 CRITICAL", h.IncidentMessage().Text, StringComparison.Ordinal);
        var escalated = h.Api.Sent[^1];                               // the edit is silent: a loud reply tells it
        Assert.Equal(fired.MessageId, escalated.ReplyTo);
        Assert.False(escalated.DisableNotification);
        Assert.StartsWith("🔴 ESCALATED to CRITICAL · <b>web-1</b>", escalated.Text, StringComparison.Ordinal);
        Assert.Contains("CPU 90 %", escalated.Text, StringComparison.Ordinal);

        Assert.Equal("Acknowledged: reminders stop", await h.PressAsync(H.Admin, fired.MessageId, "ack:1"));
        await h.DeliverAsync();
        Assert.Contains("acked by @user42", h.IncidentMessage().Text, StringComparison.Ordinal);
        Assert.DoesNotContain("ack:1", h.IncidentMessage().ButtonData);

        var toast = await h.PressAsync(H.Admin, fired.MessageId, "mute:1:1h");
        await h.DeliverAsync();
        Assert.StartsWith("Muted until ", toast, StringComparison.Ordinal);
        Assert.Contains("🔕 muted until ", h.IncidentMessage().Text, StringComparison.Ordinal);
        var silence = Assert.Single((await h.Incidents.GetAsync(1, default))!.MutedUntil is { } ? await Silences() : []);
        Assert.Contains("\"Value\":\"web-1\"", silence, StringComparison.Ordinal);

        await h.PollEveryMinuteAsync([.. Enumerable.Repeat(75.0, 18)]); // de-escalates to warning (muted: no new message)
        await h.DeliverAsync();
        Assert.StartsWith("🟠 WARNING", h.IncidentMessage().Text, StringComparison.Ordinal);
        Assert.Contains("peaked at CRITICAL", h.IncidentMessage().Text, StringComparison.Ordinal);

        await h.PollEveryMinuteAsync(60);                             // minute 24: back under 66.5 %: resolved
        await h.DeliverAsync();

        var final = h.IncidentMessage();
        Assert.StartsWith("✅ RESOLVED · <b>web-1</b>", final.Text, StringComparison.Ordinal);
        Assert.Contains("acked by @user42", final.Text, StringComparison.Ordinal);
        Assert.True(final.Text.Contains("lasted 23 min", StringComparison.Ordinal), final.Text);
        Assert.Empty(final.ButtonData);                               // resolved incidents drop their buttons

        Assert.Equal(3, h.Api.Sent.Count);                            // the incident message, the escalation and the resolution
        var reply = h.Api.Sent[2];
        Assert.Equal(fired.MessageId, reply.ReplyTo);
        Assert.Contains("RESOLVED · <b>web-1</b> <code>cpu</code> after 23 min", reply.Text, StringComparison.Ordinal);
        Assert.Equal(5, h.Api.Edits.Count);                           // escalated, acked, muted, de-escalated, resolved
        Assert.All(h.Api.Edits, e => Assert.Equal(fired.MessageId, e.MessageId));
    }

    [Theory]
    [InlineData("/ack #1")]
    [InlineData("/ack@FakeOpsBot 1")]
    [InlineData("/ack web-1 cpu")]
    public async Task AckCommand_ByIncidentOrNode_EditsTheIncidentLikeTheButton(string command)
    {
        await h.PollEveryMinuteAsync(50, 90);
        await h.DeliverAsync();
        var fired = Assert.Single(h.Api.Sent);

        await h.CommandAsync(H.Admin, command);
        await h.DeliverAsync();

        Assert.Contains("acked by @user42", h.IncidentMessage().Text, StringComparison.Ordinal);
        Assert.DoesNotContain("ack:1", h.IncidentMessage().ButtonData);
        Assert.Equal("@user42", (await h.Incidents.GetAsync(1, default))!.AckedBy);
        Assert.Contains(h.Api.Sent, m => m.MessageId != fired.MessageId && m.Text.Contains("acknowledged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AckCommand_UnknownIncident_SaysSoAndChangesNothing()
    {
        await h.PollEveryMinuteAsync(50, 90);
        await h.DeliverAsync();

        await h.CommandAsync(H.Admin, "/ack #99");
        await h.DeliverAsync();

        Assert.Contains(h.Api.Sent, m => m.Text.Contains("No incident #99.", StringComparison.Ordinal));
        Assert.Null((await h.Incidents.GetAsync(1, default))!.AckedBy);
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 0)]
    public async Task Critical_StillFiringAfterHalfAnHour_RemindsWithALoudReplyUnlessAcked(bool ack, int reminders)
    {
        await h.PollEveryMinuteAsync(90, 90, 90, 90, 90);             // critical from minute 4
        await h.DeliverAsync();
        var message = Assert.Single(h.Api.Sent);
        if (ack)
        {
            await h.PressAsync(H.Admin, message.MessageId, "ack:1");
        }

        await h.PollEveryMinuteAsync([.. Enumerable.Repeat(90.0, 31)]);
        await h.DeliverAsync();

        var replies = h.Api.Sent.Where(m => m.ReplyTo == message.MessageId).ToList();
        Assert.Equal(reminders, replies.Count);
        Assert.All(replies, r => Assert.False(r.DisableNotification));
        Assert.All(replies, r => Assert.Contains("still critical after", r.Text, StringComparison.Ordinal));
    }

    private async Task<IReadOnlyList<string>> Silences()
    {
        await using var raw = h.Db.Raw();
        return [.. await raw.QueryAsync<string>("SELECT matcher FROM silences WHERE removed_at IS NULL;")];
    }

    [Fact]
    public async Task Ack_PressedByNonAdmin_ChangesNothing()
    {
        await h.PollEveryMinuteAsync(90);
        await h.DeliverAsync();
        var message = Assert.Single(h.Api.Sent);
        var before = await SnapshotAsync();

        var toast = await h.PressAsync(H.Member, message.MessageId, "ack:1");
        await h.DeliverAsync();

        Assert.Equal(ChatReplies.ButtonRefused(RefusalReason.UserNotAdmin, ChatOpsWatch.Domain.Text.TextCatalog.English), toast);
        Assert.Equal(before, await SnapshotAsync());
        Assert.Empty(h.Api.Edits);
    }

    [Theory]
    [InlineData("ack:2")]              // no such incident
    [InlineData("ack:1:x")]            // extra argument
    [InlineData("mute:1:1000h")]       // a duration no button offers
    [InlineData("ack:1;DROP TABLE")]   // not tokens at all
    [InlineData("reboot:1")]           // no such action
    public async Task Button_ForgedCallbackData_IsRefusedAndChangesNothing(string data)
    {
        await h.PollEveryMinuteAsync(90);
        await h.DeliverAsync();
        var message = Assert.Single(h.Api.Sent);
        var before = await SnapshotAsync();

        var toast = await h.PressAsync(H.Admin, message.MessageId, data);

        Assert.True(toast is "This button belongs to no known incident of this chat" || toast == ChatReplies.ButtonUnknown(ChatOpsWatch.Domain.Text.TextCatalog.English), toast);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Button_RealDataUnderAnotherMessage_IsRefused()
    {
        await h.PollEveryMinuteAsync(90);
        await h.DeliverAsync();
        var message = Assert.Single(h.Api.Sent);
        var before = await SnapshotAsync();

        var toast = await h.PressAsync(H.Admin, message.MessageId + 1, "ack:1");

        Assert.Equal("This button belongs to no known incident of this chat", toast);
        Assert.Equal(before, await SnapshotAsync());
    }

    /// <summary>Everything a press could change: acks, silences, audit, the incident and the outbox.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var raw = h.Db.Raw();
        var parts = new List<string>();
        foreach (var sql in new[]
        {
            "SELECT COUNT(*) FROM acks", "SELECT COUNT(*) FROM silences", "SELECT COUNT(*) FROM audit", "SELECT COUNT(*) FROM outbox",
            "SELECT COALESCE(acked_by, '') || '|' || COALESCE(muted_until, '') || '|' || COALESCE(last_text, '') FROM incidents",
        })
        {
            parts.Add(string.Join(",", await raw.QueryAsync<string>(sql)));
        }

        return string.Join("\n", parts);
    }
}
