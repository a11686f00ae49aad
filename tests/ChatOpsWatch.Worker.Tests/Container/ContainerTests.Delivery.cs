using System.Globalization;
using ChatOpsWatch.Testing.FakeBotApi;
using ChatOpsWatch.Testing.Lab;
using ChatOpsWatch.Worker.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Worker.Tests.Container;

/// <summary>
/// Issue 13's "no message lost or repeated" across a SIGTERM restart, counted at the Bot API: the container (host
/// network) reports to the fake Bot API on 127.0.0.1, with the token from a secret file. Messages are delivered before
/// the stop, queued during a Bot API outage that spans the stop, and raised after the restart; every outbox send must
/// arrive exactly once.
/// </summary>
public sealed partial class ContainerTests
{
    private const long OpsChat = -100200300;

    [PodmanFact]
    public async Task Image_SigtermWithMessagesQueued_EveryOutboxMessageDeliveredExactlyOnceAcrossTheRestart()
    {
        var node = image.Lab.Nodes[0];
        await using var api = FakeBotApiServer.Start();
        var token = await SecretFileAsync("telegram_token", api.Token);
        await image.Lab.ResetAsync(); // sshd up: the other container test may have left it any way
        await StartAsync(node, [.. TelegramArgs(api, token)]);
        var dbFile = Path.Combine((await Podman.RunAsync("volume", "inspect", "--format", "{{.Mountpoint}}", _volume)).Trim(), "chatopswatch.db");

        // Before the stop: the host key pinned, the node down; both delivered and recorded.
        await api.WaitUntilSentAsync(s => s.Any(m => m.Text.Contains("Pinned the SSH host key", StringComparison.Ordinal)), TimeSpan.FromSeconds(60));
        await image.Lab.StopSshdAsync(node);
        await api.WaitUntilSentAsync(s => s.Any(m => Is(m, "CRITICAL", node.Name)), TimeSpan.FromSeconds(60));
        await UntilAsync(async () => await UnsentAsync(dbFile) == 0, TimeSpan.FromSeconds(30), "the outbox drained");
        var sentBeforeStop = api.Sent.Count;

        // During a Bot API outage: the node recovers (an edit of the alert and a reply) and fails again (a new alert);
        // all wait in the outbox when SIGTERM arrives: the first tried and refused, the rest held by the dispatcher's pause.
        var callsBeforeOutage = api.Calls.Count;
        bool Refused() => api.Calls.Skip(callsBeforeOutage).Any(c => c.Method is "sendMessage" or "editMessageText");
        api.BeginOutage(new FakeFailure.ServerError());
        await image.Lab.StartSshdAsync(node);
        await UntilAsync(async () => await QueuedAsync(dbFile, "RESOLVED") > 0 && Refused(), TimeSpan.FromSeconds(60), "the recovery queued, its delivery refused by the Bot API");
        await image.Lab.StopSshdAsync(node);
        await UntilAsync(async () => await QueuedAsync(dbFile, "CRITICAL") > 0, TimeSpan.FromSeconds(60), "the second failure queued");
        var queuedAtStop = await UnsentAsync(dbFile);
        await Podman.RunAsync("stop", "--time", "30", _name);
        var exit = (await Podman.RunAsync("inspect", "--format", "{{.State.ExitCode}}", _name)).Trim();
        var sentWhileStopping = api.Sent.Count - sentBeforeStop;
        api.EndOutage();

        // After the restart: the queue drains, and the node's next recovery is raised and delivered.
        await Podman.RunAsync("start", _name);
        await api.WaitUntilSentAsync(s => s.Count(m => Is(m, "CRITICAL", node.Name)) >= 2 && s.Any(m => Is(m, "RESOLVED", node.Name)), TimeSpan.FromSeconds(90));
        await image.Lab.StartSshdAsync(node);
        await api.WaitUntilSentAsync(s => s.Count(m => Is(m, "RESOLVED", node.Name)) >= 2, TimeSpan.FromSeconds(60));
        await UntilAsync(async () => await UnsentAsync(dbFile) == 0, TimeSpan.FromSeconds(30), "the outbox drained after the restart");
        await Podman.RunAsync("stop", "--time", "30", _name);

        var rows = await OutboxSendsAsync(dbFile);
        var edits = Convert.ToInt64(await ScalarAsync(dbFile, "SELECT COUNT(*) FROM outbox WHERE action = 1;"), CultureInfo.InvariantCulture);
        var sent = api.Sent;
        var byId = sent.GroupBy(m => m.MessageId).ToDictionary(g => (long)g.Key, g => g.ToList());
        var unmatched = rows.Where(r => r.MessageId is not { } id || !byId.TryGetValue(id, out var m) || m.Count != 1 || m[0].Text != r.Html).ToList();
        var strays = sent.Where(m => !rows.Any(r => r.MessageId == m.MessageId)).ToList();
        output.WriteLine($"{rows.Count} outbox sends and {edits} edits, {sent.Count} sendMessage and {api.Edits.Count} editMessageText accepted ({api.CallCount("sendMessage")} calls, the rest refused in the outage): {sentBeforeStop} before the stop, {queuedAtStop} queued at SIGTERM, {sent.Count - sentBeforeStop - sentWhileStopping} after the restart");
        Directory.CreateDirectory(Path.Combine(Repo.Root, "TestResults"));
        File.WriteAllText(Path.Combine(Repo.Root, "TestResults", "container-delivery.txt"), $"outbox_sends {rows.Count}\nsent {sent.Count}\nsend_calls {api.CallCount("sendMessage")}\nsent_before_stop {sentBeforeStop}\nqueued_at_stop {queuedAtStop}\nedits {edits}\nedits_accepted {api.Edits.Count}\n");

        Assert.Equal("0", exit);
        Assert.True(queuedAtStop >= 2, $"{queuedAtStop} messages queued at SIGTERM");
        Assert.Equal(0, sentWhileStopping);
        Assert.True(rows.Count >= 5, $"{rows.Count} outbox sends");
        Assert.Empty(unmatched.Select(r => $"outbox {r.Id} (message {r.MessageId}): {r.Html}"));
        Assert.Empty(strays.Select(m => $"sent {m.MessageId} with no outbox row: {m.Text}"));
        Assert.Equal(rows.Count, sent.Count);
        Assert.Equal(edits, api.Edits.Count); // each edit of an alert (its resolution) made once too
        Assert.Equal(0, await UnsentAsync(dbFile));
    }

    private static IEnumerable<string> TelegramArgs(FakeBotApiServer api, string tokenFile)
    {
        string[] env =
        [
            "ChatOpsWatch__Telegram__BotTokenFile=/run/secrets/telegram_token",
            $"ChatOpsWatch__Telegram__ApiBaseUrl={api.BaseUrl}",
            $"ChatOpsWatch__Telegram__OpsChatId={OpsChat.ToString(CultureInfo.InvariantCulture)}",
            "ChatOpsWatch__Ssh__ConnectTimeout=2s",
            "ChatOpsWatch__Ssh__ProbeDeadline=3s",
            "ChatOpsWatch__Ssh__MaxBackoff=2s",
            "ChatOpsWatch__Alerts__FailuresBeforeDown=2",
            "ChatOpsWatch__Monitor__Correlation__Hold=0s",

            // Only reachability alerts: the lab node shares this loaded machine (as FleetFixture does).
            "ChatOpsWatch__Alerts__Rules__0__Id=cpu", "ChatOpsWatch__Alerts__Rules__0__Warning=100", "ChatOpsWatch__Alerts__Rules__0__Critical=100",
            "ChatOpsWatch__Alerts__Rules__1__Id=memory", "ChatOpsWatch__Alerts__Rules__1__Warning=100", "ChatOpsWatch__Alerts__Rules__1__Critical=100",
            "ChatOpsWatch__Alerts__Rules__2__Id=disk", "ChatOpsWatch__Alerts__Rules__2__Warning=100", "ChatOpsWatch__Alerts__Rules__2__Critical=100",
        ];
        return [.. env.SelectMany(e => new[] { "-e", e }), "-v", $"{tokenFile}:/run/secrets/telegram_token:ro"];
    }

    /// <summary>An alert (CRITICAL) or a resolution (RESOLVED) about <paramref name="node"/>; a resolution never counts as an alert.</summary>
    private static bool Is(SentMessage m, string head, string node) =>
        m.ChatId == OpsChat && m.Text.Contains(head, StringComparison.Ordinal) && m.Text.Contains(node, StringComparison.Ordinal)
        && (head == "RESOLVED" || !m.Text.Contains("RESOLVED", StringComparison.Ordinal));

    private static async Task<long> UnsentAsync(string db) =>
        File.Exists(db) ? Convert.ToInt64(await ScalarAsync(db, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL;"), CultureInfo.InvariantCulture) : -1;

    /// <summary>Unsent sends and replies containing <paramref name="head"/>.</summary>
    private static async Task<long> QueuedAsync(string db, string head) => Convert.ToInt64(
        await ScalarAsync(db, $"SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND action <> 1 AND html LIKE '%{head}%'{(head == "RESOLVED" ? "" : " AND html NOT LIKE '%RESOLVED%'")};"),
        CultureInfo.InvariantCulture);

    /// <summary>Every outbox row that is a sendMessage of its own: sends and replies, not edits, not rows folded into a digest.</summary>
    private static async Task<List<(long Id, long? MessageId, string Html)>> OutboxSendsAsync(string db)
    {
        await using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        await c.OpenAsync();
        await using var command = c.CreateCommand();
        command.CommandText = "SELECT id, telegram_message_id, html FROM outbox WHERE action <> 1 AND folded_into IS NULL ORDER BY id;";
        var rows = new List<(long, long?, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetString(2)));
        }

        return rows;
    }
}
