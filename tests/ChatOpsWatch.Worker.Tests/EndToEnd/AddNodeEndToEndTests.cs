using System.Text.RegularExpressions;
using ChatOpsWatch.Testing.FakeBotApi;
using ChatOpsWatch.Worker.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ChatOpsWatch.Worker.Tests.EndToEnd;

/// <summary>
/// /addnode end to end: the real chatopswatch process, a Bot API server on 127.0.0.1 driven through the real
/// Telegram.Bot client, real sshd nodes whose logs tell whether anything tried to log in, and a real SQLite file.
/// </summary>
[Collection(AddNodeLabGroup.Name)]
public sealed partial class AddNodeEndToEndTests(AddNodeLabFixture lab) : IAsyncLifetime
{
    private const long OpsChat = AddNodeLabFixture.OpsChat;
    private const long Admin = AddNodeLabFixture.Admin;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly Regex LoginAttempt = LoginPattern();
    private readonly string _workDir = Directory.CreateTempSubdirectory("cow-add-e2e-").FullName;
    private readonly FakeBotApiServer _bot = FakeBotApiServer.Start();
    private WorkerProcess? _worker;

    private string Db => Path.Combine(_workDir, "data", "chatopswatch.db");

    public Task InitializeAsync()
    {
        _worker = WorkerProcess.Start(_workDir, lab.Environment(_bot.BaseUrl, _bot.Token));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }

        await _bot.DisposeAsync();
        Directory.Delete(_workDir, recursive: true);
    }

    [Fact]
    public async Task AddNode_AdminTrusts_SshKeygenFingerprintNoLoginBeforeTrustThenPolledThenRemoved()
    {
        var node = lab.Lab.Nodes[0];
        var logStart = lab.LogLength(node);

        _bot.EnqueueMessage(OpsChat, Admin, $"/addnode lab-a root@{node.Address} provider=lab region=netns");
        var prompt = await _bot.WaitForAsync(m => m.Text.Contains("SHA256:", StringComparison.Ordinal), Wait);

        var shown = ShownKey().Match(prompt.Text);
        Assert.True(shown.Success, prompt.Text);
        Assert.Equal(await lab.KeygenFingerprintAsync(node, shown.Groups[1].Value), shown.Groups[2].Value);
        var beforeTrust = lab.LogSince(node, logStart);
        Assert.Contains("Connection from", beforeTrust, StringComparison.Ordinal);
        Assert.DoesNotMatch(LoginAttempt, beforeTrust);
        Assert.False(await HasSampleAsync("lab-a"));

        _bot.EnqueueButtonPress(OpsChat, Admin, prompt.MessageId, _bot.LastButtons(OpsChat).Single(b => b.Label.Contains("Trust", StringComparison.Ordinal)).Data);
        await _bot.WaitForCallAsync(c => c.Method == "editMessageText" && (c.Param("text") ?? "").Contains("added by", StringComparison.Ordinal), Wait);
        await WaitUntilAsync(() => HasSampleAsync("lab-a"), TimeSpan.FromSeconds(45));

        Assert.Contains("Accepted publickey for root", lab.LogSince(node, logStart), StringComparison.Ordinal);
        Assert.DoesNotContain(_bot.Sent, m => m.Text.Contains("on first contact", StringComparison.Ordinal));

        _bot.EnqueueMessage(OpsChat, Admin, "/removenode lab-a");
        var removal = await _bot.WaitForAsync(m => m.Text.Contains("Stop monitoring", StringComparison.Ordinal), Wait);
        _bot.EnqueueButtonPress(OpsChat, Admin, removal.MessageId, _bot.LastButtons(OpsChat).Single(b => b.Label.Contains("Remove", StringComparison.Ordinal)).Data);
        await _worker!.WaitForLineAsync(l => l.Contains("Node lab-a removed: no longer polled", StringComparison.Ordinal), Wait);
        Assert.True(await ScalarAsync("SELECT COUNT(*) FROM nodes WHERE name = 'lab-a' AND retired_at IS NOT NULL") == 1);
        Assert.True(await ScalarAsync("SELECT COUNT(*) FROM audit WHERE action IN ('addnode', 'removenode') AND who LIKE '%(42)'") == 2);
    }

    [Fact]
    public async Task AddNode_UnauthorisedSpoofedOrHostile_NoConnectionReachesTheNode()
    {
        var node = lab.Lab.Nodes[1];
        var logStart = lab.LogLength(node);
        var file = Path.Combine(Path.GetTempPath(), $"cow-add-{Guid.NewGuid():N}");

        _bot.EnqueueMessage(-777, Admin, $"/addnode s1 root@{node.Address}");
        _bot.EnqueueMessage(OpsChat, 7, $"/addnode s2 root@{node.Address}");
        _bot.EnqueueMessage(OpsChat, Admin, $"/addnode s3 root@{node.Address}", senderChatId: OpsChat);
        _bot.EnqueueMessage(OpsChat, Admin, $"/addnode s4 root@{node.Address}", forwarded: true);
        _bot.EnqueueMessage(OpsChat, Admin, $"/addnode s5 root@{node.Address};touch {file}");
        _bot.EnqueueMessage(OpsChat, Admin, $"/addnode s6 -oProxyCommand=touch@{node.Address}");
        _bot.EnqueueMessage(OpsChat, Admin, $"/addnode $(touch {file}) root@{node.Address}");
        await _bot.WaitUntilSentAsync(sent => sent.Count(m => m.Text.Contains("Node not added", StringComparison.Ordinal)) == 3, Wait);
        await _bot.WaitForLeaveAsync(-777, Wait);

        Assert.Single(_bot.Sent, m => m.Text.Contains("Only admins may run /addnode", StringComparison.Ordinal));
        Assert.DoesNotContain(_bot.Sent, m => m.Text.Contains("SHA256:", StringComparison.Ordinal));
        Assert.DoesNotContain("Connection from", lab.LogSince(node, logStart), StringComparison.Ordinal);
        Assert.False(File.Exists(file));
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM chat_nodes"));
    }

    [Fact]
    public async Task AddNode_HostRekeyedBeforeTrust_FirstPollRefusesTheNewKeyWithoutLoggingIn()
    {
        var node = lab.Lab.Nodes[1];
        _bot.EnqueueMessage(OpsChat, Admin, $"/addnode lab-b root@{node.Address}");
        var prompt = await _bot.WaitForAsync(m => m.Text.Contains("SHA256:", StringComparison.Ordinal), Wait);
        await lab.Lab.RekeyAsync(node);
        var logStart = lab.LogLength(node);

        _bot.EnqueueButtonPress(OpsChat, Admin, prompt.MessageId, _bot.LastButtons(OpsChat).Single(b => b.Label.Contains("Trust", StringComparison.Ordinal)).Data);
        var alert = await _bot.WaitForAsync(m => m.Text.Contains("SSH host key CHANGED", StringComparison.Ordinal) && m.Text.Contains("lab-b", StringComparison.Ordinal), TimeSpan.FromSeconds(45));

        Assert.Contains(ShownKey().Match(prompt.Text).Groups[2].Value, alert.Text, StringComparison.Ordinal);
        Assert.DoesNotMatch(LoginAttempt, lab.LogSince(node, logStart));
        Assert.False(await HasSampleAsync("lab-b"));
    }

    private async Task<bool> HasSampleAsync(string node) =>
        File.Exists(Db) && await ScalarAsync($"SELECT COUNT(*) FROM sample_rows WHERE node = '{node}'") > 0;

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Db};Mode=ReadOnly;Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
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

    [GeneratedRegex(@"<code>(\S+) (SHA256:[A-Za-z0-9+/]+)</code>")]
    private static partial Regex ShownKey();

    // sshd (LogLevel VERBOSE) logs each of these only once a client has asked to authenticate.
    [GeneratedRegex("Accepted|Failed|Invalid user|authenticating user|Postponed|userauth", RegexOptions.IgnoreCase)]
    private static partial Regex LoginPattern();
}
