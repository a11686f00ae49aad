using ChatOpsWatch.Domain.Chat;
using H = ChatOpsWatch.Infrastructure.Tests.Incidents.IncidentHarness;
using ChatOpsWatch.Infrastructure.Chat;

namespace ChatOpsWatch.Infrastructure.Tests.Chat.Incidents;

/// <summary>/alerts, /history and the read-only buttons (Details, Chart), answered in the topic they came from.</summary>
public sealed class IncidentCommandTests : IAsyncDisposable
{
    private readonly RecordingChart chart = new();
    private H h;

    public IncidentCommandTests() => h = new H(_ => [chart]);

    public async ValueTask DisposeAsync() => await h.DisposeAsync();

    [Fact]
    public async Task Alerts_OneOpenIncident_ListsItWithWhoAckedInTheCommandsTopic()
    {
        await FireAsync();
        await h.PressAsync(H.Admin, h.Api.Sent[0].MessageId, "ack:1");

        await h.CommandAsync(H.Member, "/alerts", threadId: 9);
        await h.DeliverAsync();

        var reply = h.Api.Sent[^1];
        Assert.Equal(9, reply.MessageThreadId);
        Assert.Contains("<b>Open alerts</b> (1)", reply.Text, StringComparison.Ordinal);
        Assert.Contains("🟠 WARNING <b>web-1</b> <code>cpu</code> for ", reply.Text, StringComparison.Ordinal);
        Assert.Contains("✋ @user42", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alerts_InfoFindingBesideAnIncident_ListedAfterItAsNeverPaged()
    {
        await FireAsync();
        var since = h.Db.Time.GetUtcNow().AddMinutes(-90);
        h.Findings.Open.Add(new("db-1", "cpu.busy_pct", "cpu.shift", since, "CPU 4 % vs 35 % usual for this hour <sigh>"));

        await h.CommandAsync(H.Member, "/alerts");
        await h.DeliverAsync();

        var reply = h.Api.Sent[^1].Text;
        Assert.Contains("<b>Open alerts</b> (1)", reply, StringComparison.Ordinal);
        Assert.Contains("ℹ️ <b>Info</b> (1), never paged", reply, StringComparison.Ordinal);
        Assert.Contains("ℹ️ <b>db-1</b> <code>cpu.busy_pct</code> for 1 h 30 min: CPU 4 % vs 35 % usual for this hour &lt;sigh&gt;", reply, StringComparison.Ordinal);
        Assert.True(reply.IndexOf("web-1", StringComparison.Ordinal) < reply.IndexOf("db-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Alerts_OnlyAnInfoFinding_SaysNoOpenAlertsThenListsIt()
    {
        h.Findings.Open.Add(new("db-1", "mem.used_pct", "memory.shift", h.Db.Time.GetUtcNow().AddMinutes(-5), "memory drifts up"));

        await h.CommandAsync(H.Member, "/alerts");
        await h.DeliverAsync();

        var reply = h.Api.Sent[^1].Text;
        Assert.StartsWith("✅ No open alerts.", reply, StringComparison.Ordinal);
        Assert.Contains("<b>db-1</b> <code>mem.used_pct</code>", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_AskedInATopic_IsAnsweredInThatTopic()
    {
        await FireAsync();

        await h.CommandAsync(H.Member, "/status", threadId: 12);
        await h.DeliverAsync();

        Assert.Equal(12, h.Api.Sent[^1].MessageThreadId);
        Assert.Contains("web-1", h.Api.Sent[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mute_PressRedelivered_MutesOnceAndEditsOnce()
    {
        var message = await FireAsync();
        await h.PressAsync(H.Admin, message.MessageId, "mute:1:4h");

        await h.RedeliverAsync();
        await h.DeliverAsync();

        await using var raw = h.Db.Raw();
        Assert.Equal(1L, await Dapper.SqlMapper.ExecuteScalarAsync<long>(raw, "SELECT COUNT(*) FROM silences;"));
        Assert.Equal(1L, await Dapper.SqlMapper.ExecuteScalarAsync<long>(raw, "SELECT COUNT(*) FROM audit WHERE action = 'mute';"));
        Assert.Contains("🔕 muted until", Assert.Single(h.Api.Edits).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_ResolvedIncident_ShowsHowLongItLasted()
    {
        await FireAsync();
        await h.PollEveryMinuteAsync(90, 90, 60);
        await h.DeliverAsync(); // the incident's own messages first: answers to commands would overtake them

        await h.CommandAsync(H.Member, "/history web-1 7d");
        await h.CommandAsync(H.Member, "/history web-1 1000d");
        await h.CommandAsync(H.Member, "/history ../etc");
        await h.DeliverAsync();

        var replies = h.Api.Sent.TakeLast(3).Select(m => m.Text).ToList();
        Assert.Contains("<b>Incidents on web-1</b> in the last 7d: 1", replies[0], StringComparison.Ordinal);
        Assert.Contains("<code>cpu</code>: 3 min", replies[0], StringComparison.Ordinal);
        Assert.StartsWith("Usage: /history", replies[1], StringComparison.Ordinal);
        Assert.StartsWith("Not a node name", replies[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Details_PressedByAMember_RepliesToTheIncidentMessage()
    {
        var message = await FireAsync();

        Assert.Null(await h.PressAsync(H.Member, message.MessageId, "details:1"));
        await h.DeliverAsync();

        var reply = h.Api.Sent[^1];
        Assert.Equal(message.MessageId, reply.ReplyTo);
        Assert.Contains("<b>Incident #1</b>", reply.Text, StringComparison.Ordinal);
        Assert.Contains("series <code>cpu.busy_pct</code>", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chart_Pressed_AsksTheChartCommandForTheSeriesOverTheLastDay()
    {
        var message = await FireAsync();

        Assert.Null(await h.PressAsync(H.Member, message.MessageId, "chart:1"));

        var asked = Assert.Single(chart.Asked);
        Assert.Equal(["web-1", "cpu.busy_pct", "24h"], asked.Command.Args);
        Assert.Equal(H.Ops, asked.Request.ChatId);
    }

    [Fact]
    public async Task Chart_PressedWithTheProductHandlers_SendsTheSeriesChart()
    {
        // The harness stands on the product's chat wiring, where /chart is always registered (issue 16: the test of a
        // missing chart command tested a wiring production never has).
        await h.DisposeAsync();
        h = new H();
        var message = await FireAsync();

        Assert.Null(await h.PressAsync(H.Member, message.MessageId, "chart:1"));
        await h.DeliverAsync();

        var photo = await h.Api.WaitForPhotoAsync(p => p.ChatId == H.Ops);
        Assert.Contains("web-1", photo.Caption, StringComparison.Ordinal);
        Assert.True(photo.Bytes.Length > 1000, $"a rendered chart, not {photo.Bytes.Length} bytes");
    }

    private async Task<Testing.FakeBotApi.SentMessage> FireAsync()
    {
        await h.InitializeAsync();
        await h.PollEveryMinuteAsync(90);
        await h.DeliverAsync();
        return h.Api.Sent[0];
    }

    private sealed class RecordingChart : IChatCommandHandler
    {
        public List<CommandContext> Asked { get; } = [];

        public IReadOnlyCollection<ChatCommandKind> Kinds { get; } = [ChatCommandKind.Chart];

        public Task HandleAsync(CommandContext context, CancellationToken ct)
        {
            Asked.Add(context);
            return Task.CompletedTask;
        }
    }
}
