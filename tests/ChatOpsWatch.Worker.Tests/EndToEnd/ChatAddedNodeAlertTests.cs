using System.Diagnostics;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Testing.FakeBotApi;
using ChatOpsWatch.Worker.Tests.Support;
using Xunit.Abstractions;

namespace ChatOpsWatch.Worker.Tests.EndToEnd;

/// <summary>
/// Issue 9.1: a node added with /addnode alerts like a configured one. The real chatopswatch process with the default
/// poll interval (30 s) and hold, two chat-added sshd nodes of one region, a Bot API server on 127.0.0.1: a metric
/// alert, a down that is an incident with an Ack, its return as a loud reply, and a group outage of both.
/// </summary>
[Collection(AddNodeLabGroup.Name)]
public sealed class ChatAddedNodeAlertTests(AddNodeLabFixture lab, ITestOutputHelper output) : IAsyncLifetime
{
    private const long OpsChat = AddNodeLabFixture.OpsChat;
    private const long Admin = AddNodeLabFixture.Admin;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);
    private readonly string _workDir = Directory.CreateTempSubdirectory("cow-chatnode-").FullName;
    private readonly FakeBotApiServer _bot = FakeBotApiServer.Start();
    private WorkerProcess? _worker;

    public Task InitializeAsync()
    {
        var env = lab.Environment(_bot.BaseUrl, _bot.Token);
        // Memory used is far above 1 % on any machine: a warning on the first sample, never a critical.
        env["ChatOpsWatch__Alerts__Rules__0__Id"] = "memory";
        env["ChatOpsWatch__Alerts__Rules__0__Warning"] = "1";
        env["ChatOpsWatch__Alerts__Rules__0__Critical"] = "100";
        _worker = WorkerProcess.Start(_workDir, env);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await lab.Lab.StartSshdAsync(lab.Lab.Nodes[0]);
        await lab.Lab.StartSshdAsync(lab.Lab.Nodes[1]);
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }

        await _bot.DisposeAsync();
        Directory.Delete(_workDir, recursive: true);
    }

    private static string Plain(SentMessage m) => Html.ToPlainText(m.Text);

    private async Task AddAsync(string name, int labNode)
    {
        var node = lab.Lab.Nodes[labNode];
        var before = _bot.Sent.Count;
        _bot.EnqueueMessage(OpsChat, Admin, $"/addnode {name} root@{node.Address} provider=lab region=netns");
        await _bot.WaitUntilSentAsync(sent => sent.Skip(before).Any(m => m.Text.Contains("SHA256:", StringComparison.Ordinal)), Wait);
        var prompt = _bot.Sent.Skip(before).First(m => m.Text.Contains("SHA256:", StringComparison.Ordinal));
        _bot.EnqueueButtonPress(OpsChat, Admin, prompt.MessageId, _bot.LastButtons(OpsChat).Single(b => b.Label.Contains("Trust", StringComparison.Ordinal)).Data);
        await _bot.WaitForCallAsync(c => c.Method == "editMessageText" && (c.Param("text") ?? "").Contains("added by", StringComparison.Ordinal) && (c.Param("text") ?? "").Contains(name, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task ChatAddedNodes_MetricDownAckRecoveryAndGroupOutage_AllReachTheChat()
    {
        await AddAsync("chat-a", 0);
        await AddAsync("chat-b", 1);

        // The first sample has CPU too (the first poll is primed), so a loaded test machine may warn of CPU first.
        var warning = await _bot.NextAsync(0, m => Plain(m).Contains("WARNING · chat-a", StringComparison.Ordinal) && Plain(m).Contains("Memory", StringComparison.Ordinal), Wait);
        Assert.DoesNotContain("CRITICAL", Plain(warning), StringComparison.Ordinal);

        // A lone down: sent once settled (no neighbour is failing), as an incident with an Ack button.
        var before = _bot.Sent.Count;
        var clock = Stopwatch.StartNew();
        await lab.Lab.StopSshdAsync(lab.Lab.Nodes[0]);
        var down = await _bot.NextAsync(before, m => Plain(m).Contains("CRITICAL · chat-a", StringComparison.Ordinal), Wait);
        var downAfter = clock.Elapsed;
        Assert.Contains("unreachable", Plain(down), StringComparison.Ordinal);
        Assert.False(down.DisableNotification);
        Assert.Contains(down.ButtonData, d => d.StartsWith("ack", StringComparison.OrdinalIgnoreCase) || d.Contains("ack", StringComparison.OrdinalIgnoreCase));

        _bot.EnqueueMessage(OpsChat, Admin, "/alerts");
        var alerts = await _bot.NextAsync(before, m => Plain(m).Contains("chat-a", StringComparison.Ordinal) && m.MessageId != down.MessageId && !m.ReplyTo.HasValue, Wait);
        Assert.Contains("unreachable", Plain(alerts), StringComparison.Ordinal);

        _bot.EnqueueMessage(OpsChat, Admin, "/ack chat-a");
        var acked = await _bot.NextAsync(before, m => Plain(m).Contains("chat-a", StringComparison.Ordinal) && Plain(m).Contains("acknowledged", StringComparison.OrdinalIgnoreCase), Wait);
        Assert.DoesNotContain("Nothing firing", Plain(acked), StringComparison.Ordinal);
        await _bot.WaitForCallAsync(c => c.Method == "editMessageText" && (c.Param("text") ?? "").Contains("acked by", StringComparison.Ordinal) && (c.Param("text") ?? "").Contains("chat-a", StringComparison.Ordinal), Wait);

        clock.Restart();
        await lab.Lab.StartSshdAsync(lab.Lab.Nodes[0]);
        var back = await _bot.NextAsync(before, m => Plain(m).Contains("RESOLVED", StringComparison.Ordinal) && Plain(m).Contains("chat-a", StringComparison.Ordinal), Wait);
        var backAfter = clock.Elapsed;
        Assert.Equal(down.MessageId, back.ReplyTo);
        Assert.False(back.DisableNotification);

        // Both down: one outage for the region, which includes the chat-added nodes.
        before = _bot.Sent.Count;
        clock.Restart();
        await Task.WhenAll(lab.Lab.StopSshdAsync(lab.Lab.Nodes[0]), lab.Lab.StopSshdAsync(lab.Lab.Nodes[1])); // as a provider outage does
        var outage = await _bot.NextAsync(before, m => Plain(m).Contains("OUTAGE", StringComparison.Ordinal), TimeSpan.FromSeconds(75));
        var outageAfter = clock.Elapsed;
        Assert.Contains("region netns: 2 of 2 nodes unreachable", Plain(outage), StringComparison.Ordinal);
        Assert.DoesNotContain(_bot.Sent.Skip(before), m => Plain(m).Contains("CRITICAL · chat-", StringComparison.Ordinal));

        await Task.WhenAll(lab.Lab.StartSshdAsync(lab.Lab.Nodes[0]), lab.Lab.StartSshdAsync(lab.Lab.Nodes[1]));
        await _bot.NextAsync(before, m => Plain(m).Contains("all 2 reachable again", StringComparison.Ordinal), Wait);
        output.WriteLine($"lone down {downAfter.TotalSeconds:0.0} s after sshd stopped; back {backAfter.TotalSeconds:0.0} s after it started; outage {outageAfter.TotalSeconds:0.0} s");
    }
}
