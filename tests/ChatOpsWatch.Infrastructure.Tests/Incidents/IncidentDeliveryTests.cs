using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Testing.FakeBotApi;
using H = ChatOpsWatch.Infrastructure.Tests.Incidents.IncidentHarness;

namespace ChatOpsWatch.Infrastructure.Tests.Incidents;

/// <summary>Edits through the durable outbox: crashes, coalescing, lost messages, rate limits, forum topics.</summary>
public sealed class IncidentDeliveryTests : IAsyncDisposable
{
    private H h = new();

    public async ValueTask DisposeAsync() => await h.DisposeAsync();

    [Fact]
    public async Task Edit_CrashBetweenQueueingAndSending_IsDeliveredAfterTheRestart()
    {
        var message = await FireAsync();
        await h.PressAsync(H.Admin, message.MessageId, "ack:1");   // the edit is queued, then the process dies
        h.Db.Reopen();

        await h.DeliverAsync();

        Assert.Contains("acked by @user42", h.IncidentMessage().Text, StringComparison.Ordinal);
        Assert.Single(h.Api.Sent);
        Assert.Equal(0, await h.Outbox.BacklogAsync(default));
    }

    [Fact]
    public async Task Edit_CrashAfterTelegramAcceptedIt_IsMadeAgainUnmarkedAndNothingIsSentTwice()
    {
        var message = await FireAsync();
        await h.PressAsync(H.Admin, message.MessageId, "ack:1");
        await Assert.ThrowsAsync<InvalidOperationException>(() => h.DeliverWithAsync(new CrashingSender(h.Sender())));
        h.Db.Reopen();

        await h.DeliverAsync();

        Assert.Equal(0, await h.Outbox.BacklogAsync(default));
        Assert.Single(h.Api.Sent);
        Assert.Single(h.Api.Edits);                                  // the second edit was "not modified": delivered
        Assert.Equal(2, h.Api.CallCount("editMessageText"));
        Assert.DoesNotContain(PossibleDuplicate.Marker(TextCatalog.English), h.IncidentMessage().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_QueuedWhileTheFirstSendWaits_IsFoldedIntoThatSend()
    {
        await h.InitializeAsync();
        await h.PollEveryMinuteAsync(50, 90, 90, 90, 90, 90);       // warning, then critical, before any delivery

        await h.DeliverAsync();

        var only = Assert.Single(h.Api.Sent);
        Assert.StartsWith("🔴 CRITICAL", only.Text, StringComparison.Ordinal);
        Assert.False(only.DisableNotification);                      // it is a critical now: loud
        Assert.Empty(h.Api.Edits);
    }

    [Fact]
    public async Task Edit_MessageDeletedInTheChat_SendsAFreshOneWhichLaterEditsUpdate()
    {
        var first = await FireAsync();
        h.Api.DeleteMessage(H.Ops, first.MessageId);

        await h.PollEveryMinuteAsync(90, 90, 90, 90);                // escalates: the edit finds no message
        await h.DeliverAsync();

        var fresh = h.Api.Sent[1];
        Assert.Equal(3, h.Api.Sent.Count);                           // the fresh message, then the escalation reply to it
        Assert.StartsWith("🔴 CRITICAL", fresh.Text, StringComparison.Ordinal);
        Assert.StartsWith("🔴 ESCALATED", h.Api.Sent[2].Text, StringComparison.Ordinal);
        Assert.Equal(fresh.MessageId, (await h.Incidents.GetAsync(1, default))!.MessageId);
        Assert.Equal("Acknowledged: reminders stop", await h.PressAsync(H.Admin, fresh.MessageId, "ack:1"));
        await h.DeliverAsync();
        Assert.Contains("acked by", h.Api.Current(H.Ops, fresh.MessageId)!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_TooManyRequests_WaitsForRetryAfterThenEdits()
    {
        var message = await FireAsync();
        await h.PressAsync(H.Admin, message.MessageId, "ack:1");
        h.Api.FailNext("editMessageText", 1, new FakeFailure.TooManyRequests(30));
        var start = h.Db.Time.GetUtcNow();

        await h.DeliverAsync();

        var edit = Assert.Single(h.Api.Edits);
        Assert.Contains("acked by", edit.Text, StringComparison.Ordinal);
        Assert.True(h.Db.Time.GetUtcNow() - start >= TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task IncidentMessages_OpsThreadConfigured_GoToThatTopicWithTheirReply()
    {
        await h.DisposeAsync();
        h = new H(opsThread: 77);
        await h.InitializeAsync();

        await h.PollEveryMinuteAsync(90, 50);
        await h.DeliverAsync();

        Assert.Equal(2, h.Api.Sent.Count);
        Assert.All(h.Api.Sent, m => Assert.Equal(77, m.MessageThreadId));
        Assert.Equal(h.Api.Sent[0].MessageId, h.Api.Sent[1].ReplyTo);
    }

    private async Task<SentMessage> FireAsync()
    {
        await h.InitializeAsync();
        await h.PollEveryMinuteAsync(90);
        await h.DeliverAsync();
        return Assert.Single(h.Api.Sent);
    }
}
