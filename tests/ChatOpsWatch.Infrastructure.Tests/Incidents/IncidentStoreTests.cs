using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Incidents;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Infrastructure.Tests.Storage;
using Dapper;

namespace ChatOpsWatch.Infrastructure.Tests.Incidents;

/// <summary>Node-health incidents and the history, on a real SQLite file.</summary>
public sealed class IncidentStoreTests : IDisposable
{
    private readonly TestDb db = new();
    private readonly Dictionary<string, AlertState> states = new(StringComparer.Ordinal);

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task CommitPoll_NodeDownThenBackBeforeAnyDelivery_OneIncidentWhoseWaitingSendShowsTheEndThenAReply()
    {
        await db.Monitor.UpsertNodeAsync(Some.Node(), default);

        await PollAsync(new PollOutcome.Failed(Some.Now, "connection refused"));
        await PollAsync(new PollOutcome.Failed(Some.Now.AddMinutes(1), "connection refused"));
        await PollAsync(new PollOutcome.Succeeded(Some.Sample("tokyo-1", Some.Now.AddMinutes(6))));

        var incident = Assert.Single(await new Infrastructure.Storage.SqliteIncidentStore(db.Database, TextCatalog.English).HistoryAsync("tokyo-1", Some.Now.AddDays(-1), default));
        Assert.Equal("unreachable", incident.RuleId);
        Assert.Equal(Some.Now.AddMinutes(6), incident.ResolvedAt);
        Assert.Equal([OutboxAction.Send, OutboxAction.Reply], await ActionsAsync());   // the resolution edit folded into the waiting send
        var send = (await db.Outbox.DueAsync(Some.Now.AddMinutes(6), 10, default))[0];
        Assert.StartsWith("✅ RESOLVED · <b>tokyo-1</b>", send.Message.Html, StringComparison.Ordinal);
        Assert.Null(send.Message.Buttons);
    }

    [Fact]
    public async Task CommitPoll_ResolutionOfAnAlertWithoutIncident_IsSentAsAPlainMessage()
    {
        await db.Monitor.UpsertNodeAsync(Some.Node(), default);
        var notice = new IncidentNotice("tokyo-1", "vultr/nrt/core", "disk", "disk.used_pct", IncidentChange.Resolved, Severity.Warning, Some.Now.AddHours(-1), "back to 40 %");
        var message = new OutboxMessage(MessageKind.Alert, Severity.Warning, "✅ RESOLVED · <b>tokyo-1</b>") { Incident = notice };

        await db.Monitor.CommitPollAsync("tokyo-1", new PollDecision(null, [], [message]), Some.Now, default);

        var due = Assert.Single(await db.Outbox.DueAsync(Some.Now, 10, default));
        Assert.Equal(OutboxAction.Send, due.Action);
        Assert.Equal("✅ RESOLVED · <b>tokyo-1</b>", due.Message.Html);
    }

    [Fact]
    public async Task CommitPoll_LanguageSwitchedToChineseWhileAnIncidentIsOpen_ItsMessageIsRewordedInChinese()
    {
        await db.Monitor.UpsertNodeAsync(Some.Node(), default);
        await PollAsync(new PollOutcome.Failed(Some.Now, "connection refused"));
        await PollAsync(new PollOutcome.Failed(Some.Now.AddMinutes(1), "connection refused")); // opened in English

        // The operator sets Language: zh-CN; the monitor restarts and the node comes back.
        var chinese = new Infrastructure.Storage.SqliteMonitorStore(db.Database, db.Time, Domain.Text.TextCatalog.Chinese);
        var back = NodeMonitor.Decide(Some.Node(), states, new PollOutcome.Succeeded(Some.Sample("tokyo-1", Some.Now.AddMinutes(6))), MonitorSettings.Default, Domain.Text.TextCatalog.Chinese);
        await chinese.CommitPollAsync("tokyo-1", back, Some.Now.AddMinutes(6), default);

        var send = (await db.Outbox.DueAsync(Some.Now.AddMinutes(6), 10, default))[0];
        Assert.StartsWith(
            "✅ 已恢复 · <b>tokyo-1</b>（vultr/nrt/core）\n无法连接：连续 2 次轮询失败\n最后的错误：连接被拒绝\nSSH 已恢复连接\n⏱ 持续 5 分钟",
            send.Message.Html,
            StringComparison.Ordinal);
        var incident = Assert.Single(await new Infrastructure.Storage.SqliteIncidentStore(db.Database, TextCatalog.English).HistoryAsync("tokyo-1", Some.Now.AddDays(-1), default));
        Assert.Equal("unreachable: 2 failed polls in a row\nlast error: connection refused", incident.Detail); // as stored at opening
    }

    private async Task PollAsync(PollOutcome outcome)
    {
        var decision = NodeMonitor.Decide(Some.Node(), states, outcome, MonitorSettings.Default, TextCatalog.English);
        await db.Monitor.CommitPollAsync("tokyo-1", decision, outcome.At, default);
        foreach (var s in decision.ChangedStates)
        {
            states[AlertKey.Of(s)] = s;
        }
    }

    private async Task<List<OutboxAction>> ActionsAsync()
    {
        await using var raw = db.Raw();
        return [.. (await raw.QueryAsync<long>("SELECT action FROM outbox ORDER BY id;")).Select(a => (OutboxAction)a)];
    }
}
