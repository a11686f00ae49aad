using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Samples;
using H = ChatOpsWatch.Infrastructure.Tests.Incidents.IncidentHarness;
using ChatOpsWatch.Infrastructure.Tests.Telegram;

namespace ChatOpsWatch.Infrastructure.Tests.Chat;

/// <summary>
/// Issue 5: "The first-contact experience is documented in the README, with a screenshot-like transcript of a real
/// exchange taken from the tests." A first session through the real Telegram.Bot client, the fake Bot API on 127.0.0.1,
/// the live engine and a real SQLite file, recorded as docs/first-contact.md. Run with COW_WRITE_TRANSCRIPT=1 to
/// rewrite that file; otherwise the committed file must match what the session produces now.
/// </summary>
public sealed class FirstContactTranscriptTests : IAsyncLifetime, IAsyncDisposable
{
    private const long Stranger = 555;

    /// <summary>A healthy host's other indicators, sent with every poll so /status shows a whole node.</summary>
    private static readonly Dictionary<string, double> Host = new()
    {
        [MetricNames.CpuCount] = 4,
        [MetricNames.CpuUserPct] = 30,
        [MetricNames.CpuSystemPct] = 8,
        [MetricNames.CpuIowaitPct] = 1,
        [MetricNames.CpuStealPct] = 0,
        [MetricNames.Load1] = 0.6,
        [MetricNames.Load5] = 0.5,
        [MetricNames.Load15] = 0.4,
        [MetricNames.MemUsedPct] = 47,
        [MetricNames.SwapUsedPct] = 0,
        ["disk.used_pct{kind=system,mount=/}"] = 58,
    };

    private readonly H h = new();

    public Task InitializeAsync() => h.InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => h.DisposeAsync().AsTask();

    ValueTask IAsyncDisposable.DisposeAsync() => h.DisposeAsync();

    [Fact]
    public async Task FirstSession_FromJoiningToAStrangersRefusal_IsTheDocumentedTranscript()
    {
        var t = new Transcript(h.Api, H.Ops);

        t.Narrate("An admin (@user42) adds the bot to the ops group, which is on `Telegram:AllowedChatIds`. The bot stays quiet until spoken to.");
        h.Api.EnqueueBotAdded(H.Ops, H.Admin, "supergroup");
        await h.PumpAsync();
        await PollAsync(38, 41, 40, 42);
        await SayAsync(t, "/start");
        await SayAsync(t, "/help");
        await SayAsync(t, "/status");
        await SayAsync(t, "/status web-1");

        t.Narrate("CPU on web-1 climbs to 90 %: an incident opens, with one message and its buttons.");
        await PollAsync(90);
        await h.DeliverAsync();
        t.Record();

        var incident = h.IncidentMessage();
        t.Narrate("@user42 presses [Ack]. Telegram shows the bot's answer as a toast, and the same message is edited in place.");
        var toast = await h.PressAsync(H.Admin, incident.MessageId, "ack:1");
        await h.DeliverAsync();
        t.Toast("@user42", "Ack", toast);
        t.Record();

        t.Narrate("CPU stays above 85 % for five polls: the incident escalates. Its message is edited (edits notify nobody), and a loud reply to it tells the group.");
        await PollAsync(91, 93, 94, 92);
        await h.DeliverAsync();
        t.Record();

        t.Narrate("db-1 stops answering: a heartbeat on its SSH session goes unanswered and a fresh connect fails, so it is down at once. It is an incident too, with its buttons.");
        await h.ReachabilityAsync(down: true, "connect to 203.0.113.20:22 failed: timed out (after: no heartbeat reply within 3 s)");
        await h.DeliverAsync();
        t.Record();
        var down = h.Api.Sent.Last(m => m.Text.Contains("db-1", StringComparison.Ordinal) && m.ButtonData.Count > 0);

        t.Narrate("@user42 presses [Ack] on it: the down message is edited in place.");
        toast = await h.PressAsync(H.Admin, down.MessageId, down.ButtonData[0]);
        await h.DeliverAsync();
        t.Toast("@user42", "Ack", toast);
        t.Record();

        t.Narrate("db-1 answers again: the message says so, and a reply to it notifies the group.");
        await PollAsync(92, 91, 93, 92, 90, 91, 92, 93); // web-1 goes on answering, 4 minutes of polls
        await h.ReachabilityAsync(down: false);
        await h.DeliverAsync();
        t.Record();

        await SayAsync(t, "/mute web-1 1h deploy");
        await SayAsync(t, "/silences");
        await SayAsync(t, "/report");

        t.Narrate($"Someone not on the allowlist (user {Stranger}) finds the bot and writes to it in private.");
        h.Api.EnqueueMessage(Stranger, Stranger, "/status", "private");
        await h.PumpAsync();
        await h.DeliverAsync();
        t.User($"@user{Stranger} (private chat)", "/status");
        t.Record(Stranger);

        var text = t.ToMarkdown();
        var expected = FirstContactDoc.WriteIfAsked(text);
        Assert.Contains("@user42 (admin) › /start", text, StringComparison.Ordinal);
        Assert.Contains("Fleet status", text, StringComparison.Ordinal);
        Assert.Contains("WARNING · web-1", text, StringComparison.Ordinal);
        Assert.Contains("[✋ Ack] [📈 Chart] [ℹ️ Details]", text, StringComparison.Ordinal);
        Assert.Contains("acked by @user42", text, StringComparison.Ordinal);
        Assert.Contains("deploy", text, StringComparison.Ordinal);
        Assert.Contains("Daily report", text, StringComparison.Ordinal);
        Assert.Contains("ESCALATED to CRITICAL · web-1", text, StringComparison.Ordinal);
        Assert.Contains("CRITICAL · db-1 (hetzner/hel1/core)", text, StringComparison.Ordinal);
        Assert.Contains("Incidents: 2 (2 critical, 1 still open)", text, StringComparison.Ordinal);
        Assert.Contains("This chat's id is 555", text, StringComparison.Ordinal);
        Assert.Equal(expected, FirstContactDoc.Read());
        Assert.All(FirstContactDoc.ReadmeExcerptLines(), line => Assert.Contains(line, text, StringComparison.Ordinal));
    }

    /// <summary>Polls every 30 s (a core node's interval), with the rest of a healthy host's indicators.</summary>
    private async Task PollAsync(params double[] cpu)
    {
        foreach (var value in cpu)
        {
            await h.PollAsync(value, Host);
            h.Db.Time.Advance(NodeInfo.CoreInterval);
        }
    }

    private async Task SayAsync(Transcript t, string text)
    {
        t.User("@user42 (admin)", text);
        await h.CommandAsync(H.Admin, text);
        await h.DeliverAsync();
        t.Record();
    }
}
