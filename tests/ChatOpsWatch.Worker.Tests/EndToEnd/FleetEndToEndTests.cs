using System.Diagnostics;
using ChatOpsWatch.Testing.FakeBotApi;
using ChatOpsWatch.Worker.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Worker.Tests.EndToEnd;

/// <summary>
/// The walking skeleton's acceptance, end to end: the real chatopswatch process polls real sshd nodes
/// and talks to a Bot API server on 127.0.0.1 through the real Telegram.Bot client.
/// </summary>
[Collection(FleetGroup.Name)]
public sealed class FleetEndToEndTests(FleetFixture fleet) : IAsyncLifetime
{
    private const long OpsChat = -1001;
    private const long Admin = 42;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private readonly string _workDir = Directory.CreateTempSubdirectory("cow-e2e-").FullName;
    private readonly FakeBotApiServer _bot = FakeBotApiServer.Start();
    private readonly List<WorkerProcess> _workers = [];

    private WorkerProcess StartWorker(Action<Dictionary<string, string>>? tweak = null)
    {
        var env = fleet.Environment(_bot.BaseUrl, _bot.Token, OpsChat);
        tweak?.Invoke(env);
        var worker = WorkerProcess.Start(_workDir, env);
        _workers.Add(worker);
        return worker;
    }

    private Task AllNodesPinnedAsync() => _bot.WaitUntilSentAsync(
        sent => fleet.Lab.Nodes.All(n => sent.Any(m => m.Text.Contains("Pinned the SSH host key", StringComparison.Ordinal) && m.Text.Contains(n.Name, StringComparison.Ordinal))),
        TimeSpan.FromSeconds(30));

    private List<SentMessage> Alerts(string head, string node) =>
        [.. _bot.Sent.Where(m => m.ChatId == OpsChat && m.Text.Contains(head, StringComparison.Ordinal) && m.Text.Contains(node, StringComparison.Ordinal))];

    [Fact]
    public async Task Fleet_SshdStopsAndStarts_CriticalThenRecoveryAndStatusWorstFirst()
    {
        var bad = fleet.Lab.Nodes[1];
        StartWorker();
        await AllNodesPinnedAsync();

        await fleet.Lab.StopSshdAsync(bad);
        var clock = Stopwatch.StartNew();
        var critical = await _bot.WaitForAsync(m => m.Text.Contains("CRITICAL", StringComparison.Ordinal) && m.Text.Contains(bad.Name, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var elapsed = clock.Elapsed;

        Assert.True(elapsed <= (2 * PollInterval) + TimeSpan.FromSeconds(10), $"critical after {elapsed}");
        Assert.Equal(OpsChat, critical.ChatId);
        Assert.False(critical.DisableNotification);

        _bot.EnqueueMessage(OpsChat, Admin, "/status");
        var status = await _bot.WaitForAsync(m => m.ChatId == OpsChat && fleet.Lab.Nodes.All(n => m.Text.Contains(n.Name, StringComparison.Ordinal)), TimeSpan.FromSeconds(15));
        var positions = fleet.Lab.Nodes.Select(n => status.Text.IndexOf(n.Name, StringComparison.Ordinal)).ToList();
        Assert.True(positions[1] < positions[0] && positions[1] < positions[2], $"the unreachable node is not listed first:\n{status.Text}");

        const long Stranger = -777;
        _bot.EnqueueMessage(Stranger, 666, "/status");
        _bot.EnqueueMessage(OpsChat, Admin, "/status");
        await _bot.WaitUntilSentAsync(sent => sent.Count(m => m.ChatId == OpsChat && m.Text.Contains(bad.Name, StringComparison.Ordinal) && m.Text.Contains(fleet.Lab.Nodes[0].Name, StringComparison.Ordinal)) >= 2, TimeSpan.FromSeconds(15));
        Assert.DoesNotContain(_bot.Sent, m => m.ChatId == Stranger && fleet.Lab.Nodes.Any(n => m.Text.Contains(n.Name, StringComparison.Ordinal)));

        await fleet.Lab.StartSshdAsync(bad);
        await _bot.WaitForAsync(m => m.Text.Contains("RESOLVED", StringComparison.Ordinal) && m.Text.Contains(bad.Name, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Single(Alerts("CRITICAL", bad.Name));
    }

    [Fact]
    public async Task Fleet_KilledWhileAlertFiring_NoSecondFiringAndRecoveryStillSent()
    {
        var bad = fleet.Lab.Nodes[2];
        var first = StartWorker();
        await AllNodesPinnedAsync();
        await fleet.Lab.StopSshdAsync(bad);
        await _bot.WaitForAsync(m => m.Text.Contains("CRITICAL", StringComparison.Ordinal) && m.Text.Contains(bad.Name, StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        // Kill only once the outbox has recorded the delivery: a crash in the instant between Telegram
        // accepting a message and the outbox recording it resends that message once (at-least-once).
        await OutboxDrainedAsync();
        first.KillHard();
        var second = StartWorker();
        // Let the restarted monitor poll the dead node several times.
        await second.WaitForLineAsync(l => l.Contains($"Node {bad.Name}: poll failed", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await Task.Delay(3 * PollInterval);

        Assert.Single(Alerts("CRITICAL", bad.Name));

        await fleet.Lab.StartSshdAsync(bad);
        await _bot.WaitForAsync(m => m.Text.Contains("RESOLVED", StringComparison.Ordinal) && m.Text.Contains(bad.Name, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Single(Alerts("CRITICAL", bad.Name));
    }

    [Fact]
    public async Task Fleet_HostKeyChanges_OneSecurityAlertAndNoAuthenticationAttempt()
    {
        var node = fleet.Lab.Nodes[0];
        var worker = StartWorker();
        await AllNodesPinnedAsync();

        await fleet.Lab.RekeyAsync(node);
        var logBefore = (await File.ReadAllLinesAsync(fleet.Lab.LogPath(node))).Length;
        await _bot.WaitForAsync(m => m.Text.Contains("SECURITY", StringComparison.Ordinal) && m.Text.Contains(node.Name, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await Task.Delay(3 * PollInterval);

        Assert.Single(Alerts("SECURITY", node.Name));
        var after = (await File.ReadAllLinesAsync(fleet.Lab.LogPath(node))).Skip(logBefore).ToList();
        Assert.Contains(after, l => l.Contains("Connection from", StringComparison.Ordinal)); // it did knock...
        Assert.DoesNotContain(after, l => l.Contains("Accepted", StringComparison.Ordinal) || l.Contains("publickey", StringComparison.Ordinal) || l.Contains("Failed", StringComparison.Ordinal) || l.Contains("Postponed", StringComparison.Ordinal));
        Assert.Contains(worker.Lines, l => l.Contains("host key CHANGED", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fleet_HostKeyChangesWhileTheReconnectBacksOff_ExactlyOneMessageOverTenPollsAndNeverUnreachable()
    {
        var node = fleet.Lab.Nodes[2];
        // The default backoff cap: polls that fall inside the backoff must still say "host key refused", not "unreachable".
        StartWorker(env =>
        {
            env["ChatOpsWatch__Ssh__MaxBackoff"] = "60s";
            env.Remove("ChatOpsWatch__Monitor__Correlation__Hold"); // the product's hold and settle
        });
        await AllNodesPinnedAsync();
        var before = _bot.Sent.Count;

        await fleet.Lab.RekeyAsync(node);
        await _bot.WaitForAsync(m => m.Text.Contains("SECURITY", StringComparison.Ordinal) && m.Text.Contains(node.Name, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await Task.Delay(10 * PollInterval);

        var aboutNode = _bot.Sent.Skip(before).Where(m => m.Text.Contains(node.Name, StringComparison.Ordinal)).ToList();
        Assert.True(aboutNode.Count == 1, string.Join("\n---\n", aboutNode.Select(m => m.Text)));
        Assert.Equal(0, await FiringAsync(node.Name, "unreachable"));
        Assert.Equal(1, await FiringAsync(node.Name, "hostkey"));
    }

    [Fact]
    public async Task Fleet_ConfiguredProcessDiesAndAPortHasNoListener_CriticalNamingEachThenResolvedWhenItStarts()
    {
        // A program of our own with a name no other process has: the lab nodes share this machine's processes.
        var name = $"cowd{Environment.ProcessId % 100000}";
        var program = Path.Combine(_workDir, name);
        File.Copy("/bin/sleep", program);
        var node = fleet.Lab.Nodes[0];
        StartWorker(env =>
        {
            env["ChatOpsWatch__Nodes__0__Processes__0"] = "sshd";
            env["ChatOpsWatch__Nodes__0__Processes__1"] = name;
            env["ChatOpsWatch__Nodes__0__Ports__0"] = "22";
            env["ChatOpsWatch__Nodes__0__Ports__1"] = "9";
        });

        bool About(SentMessage m, string what) => m.ChatId == OpsChat && m.Text.Contains(node.Name, StringComparison.Ordinal) && m.Text.Contains(what, StringComparison.Ordinal);
        var down = await _bot.WaitForAsync(m => About(m, "CRITICAL") && About(m, name) && About(m, "not running"), TimeSpan.FromSeconds(40));
        var port = await _bot.WaitForAsync(m => About(m, "CRITICAL") && About(m, ">9<") && About(m, "not listening"), TimeSpan.FromSeconds(20));
        Assert.False(down.DisableNotification); // critical rings
        Assert.False(port.DisableNotification);

        using var process = Process.Start(program, "600")!;
        try
        {
            var resolved = await _bot.WaitForAsync(m => About(m, "RESOLVED") && About(m, name), TimeSpan.FromSeconds(30));
            Assert.Equal(down.MessageId, resolved.ReplyTo); // threaded under the alert it ends
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        Assert.DoesNotContain(_bot.Sent, m => About(m, ">sshd<") || About(m, ">22<")); // what runs and listens is never news
        Assert.Single(_bot.Sent, m => About(m, "CRITICAL") && About(m, ">9<"));    // held, not repeated
    }

    [Fact]
    public async Task Fleet_LinkLosesMostIcmpEchoes_OneCriticalLossAlertThenResolvedWhileTheNodeStaysUp()
    {
        var node = fleet.Lab.Nodes[1];
        StartWorker();
        await AllNodesPinnedAsync();

        // 80 % of the echo requests (and new SYNs) reaching the node are dropped; the open SSH session is untouched.
        await fleet.Lab.RunAsync("drop-nth", node.Name, "80");
        bool About(SentMessage m, string what) => m.ChatId == OpsChat && m.Text.Contains(node.Name, StringComparison.Ordinal) && m.Text.Contains(what, StringComparison.Ordinal);
        var loss = await _bot.WaitForAsync(m => About(m, "CRITICAL") && About(m, "Packet loss <b>icmp</b>"), TimeSpan.FromSeconds(40));
        Assert.False(loss.DisableNotification);

        await fleet.Lab.RunAsync("undrop", node.Name);
        // It clears when the mean falls to half the warning level: about 10 clean polls per lossy one at 2 s.
        var resolved = await _bot.WaitForAsync(m => About(m, "RESOLVED") && About(m, "icmp"), TimeSpan.FromSeconds(180));

        // Threaded under the incident's first message: a warning when the mean passed 15 % a poll before 50 %.
        var opened = _bot.Sent.First(m => About(m, "Packet loss") && m.ReplyTo is null);
        Assert.Equal(opened.MessageId, resolved.ReplyTo);
        Assert.Single(_bot.Sent, m => About(m, "CRITICAL") && About(m, "Packet loss"));
        Assert.DoesNotContain(_bot.Sent, m => About(m, "unreachable")); // the node answered all along
    }

    private async Task<long> FiringAsync(string node, string rule)
    {
        await using var c = new SqliteConnection($"Data Source={Path.Combine(_workDir, "data", "chatopswatch.db")};Mode=ReadOnly;Pooling=false");
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM alert_state WHERE node = $node AND rule_id = $rule AND severity > 0";
        cmd.Parameters.AddWithValue("$node", node);
        cmd.Parameters.AddWithValue("$rule", rule);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Fleet_DefaultChecks_PollsOpenNoConnectionAndLeaveNoSshdLogLine()
    {
        // Issue 10: every TCP connect to the SSH port made sshd fork a pre-auth child (about 18 ms of node
        // CPU) and, unless reset early enough, log "kex_exchange_identification: Connection closed". By
        // default a poll is one exec on the open session: no SYN reaches the node's SSH port per poll.
        var node = fleet.Lab.Nodes[0];
        string[] rule = ["INPUT", "-p", "tcp", "--dport", node.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--syn", "-m", "comment", "--comment", "cow-syn-count"];
        await fleet.Lab.RunAsync(["exec", node.Name, "--", "iptables", "-I", .. rule]);
        try
        {
            StartWorker();
            await AllNodesPinnedAsync();
            var before = await SamplesAsync(node.Name);
            var synsBefore = await SynsAsync(node);
            var logBefore = (await File.ReadAllLinesAsync(fleet.Lab.LogPath(node))).Length;

            await WaitUntilAsync(async () => await SamplesAsync(node.Name) >= before + 4, TimeSpan.FromSeconds(30));

            Assert.Equal(synsBefore, await SynsAsync(node));
            // The lab's sshd logs at VERBOSE, where each exec says "Starting session: command ..." and "Close
            // session: ..."; sshd's default level (INFO) logs neither. Anything else would be a line per poll.
            var after = (await File.ReadAllLinesAsync(fleet.Lab.LogPath(node))).Skip(logBefore).ToList();
            Assert.DoesNotContain(after, l => !l.Contains("Starting session: command", StringComparison.Ordinal) && !l.Contains("Close session:", StringComparison.Ordinal));
            // At least 3: the first of the 4 new samples may have started its exec before the log was read.
            Assert.InRange(after.Count(l => l.Contains("Starting session: command", StringComparison.Ordinal)), 3, 15);
        }
        finally
        {
            await fleet.Lab.RunAsync(["exec", node.Name, "--", "iptables", "-D", .. rule]);
        }
    }

    /// <summary>SYNs that reached the node's SSH port since the counting rule was inserted.</summary>
    private async Task<long> SynsAsync(Testing.Lab.LabNode node)
    {
        var table = await fleet.Lab.RunAsync("exec", node.Name, "--", "iptables", "-nvxL", "INPUT");
        var line = table.Split('\n').Single(l => l.Contains("cow-syn-count", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Fleet_KnownHostsImported_TrustsThoseKeysWithoutAFirstUseAnnouncement()
    {
        var node = fleet.Lab.Nodes[0];
        var knownHosts = Path.Combine(_workDir, "known_hosts");
        await File.WriteAllTextAsync(knownHosts, await Testing.Lab.ShellCommand.RunAsync("ssh-keyscan", [node.Address]));
        var env = fleet.Environment(_bot.BaseUrl, _bot.Token, OpsChat);

        var (exit, output) = await WorkerProcess.RunToExitAsync(_workDir, env, "import-known-hosts", knownHosts);
        Assert.True(exit == 0, output);
        Assert.Contains($"pinned {node.Name}", output, StringComparison.Ordinal);

        StartWorker();
        await _bot.WaitUntilSentAsync(sent => fleet.Lab.Nodes.Skip(1).All(n => sent.Any(m => m.Text.Contains("Pinned the SSH host key", StringComparison.Ordinal) && m.Text.Contains(n.Name, StringComparison.Ordinal))), TimeSpan.FromSeconds(30));
        await Task.Delay(2 * PollInterval);
        _bot.EnqueueMessage(OpsChat, Admin, "/status");
        var status = await _bot.WaitForAsync(m => m.Text.Contains("Fleet status", StringComparison.Ordinal), TimeSpan.FromSeconds(15));

        Assert.DoesNotContain(_bot.Sent, m => m.Text.Contains(node.Name, StringComparison.Ordinal) && !m.Text.Contains("Fleet status", StringComparison.Ordinal));
        Assert.Contains("0 critical", status.Text, StringComparison.Ordinal);
        Assert.Contains("3 ok", status.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fleet_ConfigFileEdited_AddsAndRemovesNodesWithoutRestart()
    {
        var env = fleet.Environment(_bot.BaseUrl, _bot.Token, OpsChat);
        var file = Path.Combine(_workDir, "nodes.json");
        var keep = fleet.Lab.Nodes[0];
        var added = fleet.Lab.Nodes[1];
        await File.WriteAllTextAsync(file, NodesJson(keep));
        // Only the file lists nodes here: drop the environment's node list.
        foreach (var key in env.Keys.Where(k => k.StartsWith("ChatOpsWatch__Nodes__", StringComparison.Ordinal)).ToList())
        {
            env.Remove(key);
        }

        var worker = WorkerProcess.Start(_workDir, env, "--config", file);
        _workers.Add(worker);
        await _bot.WaitForAsync(m => m.Text.Contains("Pinned the SSH host key", StringComparison.Ordinal) && m.Text.Contains(keep.Name, StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        await File.WriteAllTextAsync(file, NodesJson(keep, added));
        await _bot.WaitForAsync(m => m.Text.Contains("Pinned the SSH host key", StringComparison.Ordinal) && m.Text.Contains(added.Name, StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        await File.WriteAllTextAsync(file, NodesJson(added));
        await worker.WaitForLineAsync(l => l.Contains($"Node {keep.Name} removed", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        _bot.EnqueueMessage(OpsChat, Admin, "/status");
        var status = await _bot.WaitForAsync(m => m.Text.Contains("Fleet status", StringComparison.Ordinal), TimeSpan.FromSeconds(15));

        Assert.Contains(added.Name, status.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(keep.Name, status.Text, StringComparison.Ordinal);

        await File.WriteAllTextAsync(file, "{ \"ChatOpsWatch\": { \"Nodes\": [ { \"Name\": \"broken\" } ] } }");
        await worker.WaitForLineAsync(l => l.Contains("Configuration edit rejected", StringComparison.Ordinal) && l.Contains("ChatOpsWatch:Nodes:0:Host", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.False(worker.HasExited);
    }

    private string NodesJson(params Testing.Lab.LabNode[] nodes) => System.Text.Json.JsonSerializer.Serialize(new
    {
        ChatOpsWatch = new
        {
            Nodes = nodes.Select(n => new { n.Name, Host = n.Address, n.Port, KeyFile = fleet.Lab.Ed25519Key, Interval = "2s", Provider = "lab", Region = "netns" }),
        },
    });

    private async Task<long> SamplesAsync(string node)
    {
        var db = Path.Combine(_workDir, "data", "chatopswatch.db");
        await using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sample_rows WHERE node = $node";
        command.Parameters.AddWithValue("$node", node);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            await Task.Delay(200, cts.Token);
        }
    }

    private async Task OutboxDrainedAsync()
    {
        var db = Path.Combine(_workDir, "data", "chatopswatch.db");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            await using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=false");
            await connection.OpenAsync(cts.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL";
            if (Convert.ToInt64(await command.ExecuteScalarAsync(cts.Token), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                return;
            }

            await Task.Delay(100, cts.Token);
        }
    }

    public Task InitializeAsync() => fleet.Lab.ResetAsync();

    public async Task DisposeAsync()
    {
        foreach (var w in _workers)
        {
            await w.DisposeAsync();
        }

        await _bot.DisposeAsync();
        Directory.Delete(_workDir, recursive: true);
    }
}
