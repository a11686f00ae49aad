using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Engine.Policy;
using Telegram.Bot;
using Telegram.Bot.Types;
using H = ChatOpsWatch.Infrastructure.Tests.Telegram.ChatBotHarness;

namespace ChatOpsWatch.Infrastructure.Tests.Chat;

/// <summary>/mute, /unmute, /silences and /ack through the real Telegram.Bot client, the fake Bot API and a real SQLite file.</summary>
public sealed class MuteCommandsTests : IAsyncLifetime, IAsyncDisposable
{
    private const long StrangerGroup = -100999;
    private readonly H bot = new(H.Fleet(TimeProvider.System.GetUtcNow()));

    public Task InitializeAsync() => bot.StartAsync();

    Task IAsyncLifetime.DisposeAsync() => bot.DisposeAsync().AsTask();

    ValueTask IAsyncDisposable.DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task Mute_ByAdmin_RecordsTheSilenceWithItsAuditAndRepliesWhoWhatUntil()
    {
        bot.Api.EnqueueMessage(H.OpsGroup, H.Admin, "/mute web-1 2h kernel <b>upgrade</b>");

        var reply = await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup);

        Assert.Contains("@user42 (42) muted node <b>web-1</b> until", reply.Text, StringComparison.Ordinal);
        Assert.Contains("kernel &lt;b&gt;upgrade&lt;/b&gt;", reply.Text, StringComparison.Ordinal);
        var silence = Assert.Single((await bot.Muting.ActiveAsync(TimeProvider.System.GetUtcNow(), default)).Silences);
        Assert.Equal(new Matcher("node", "web-1"), Assert.Single(silence.Matchers));
        Assert.Equal(TimeSpan.FromHours(2), silence.Expires - silence.Starts);
        Assert.Contains("mute|@user42 (42)|silence 1: node=web-1|kernel <b>upgrade</b>|", Dump(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(H.OpsGroup, H.Member, null, false, "Only admins may run /mute")]
    [InlineData(H.OpsGroup, H.Admin, H.OpsGroup, false, "anonymously")]
    [InlineData(H.OpsGroup, H.Admin, null, true, "Forwarded commands are ignored")]
    [InlineData(H.OpsGroup, H.Admin, -100777L, false, "on behalf of a channel")]
    public async Task Mute_NotByAnIdentifiedAdmin_ChangesNothing(long chat, long user, long? senderChat, bool forwarded, string expected)
    {
        var before = Dump();
        bot.Api.EnqueueMessage(chat, user, "/mute web-1 2h sneaky", senderChatId: senderChat, forwarded: forwarded);

        var reply = await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup);

        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
        Assert.Equal(before, Dump());
    }

    [Fact]
    public async Task Mute_InStrangerGroup_LeavesAndChangesNothing()
    {
        var before = Dump();
        bot.Api.EnqueueMessage(StrangerGroup, H.Admin, "/mute web-1 2h");

        await bot.Api.WaitForLeaveAsync(StrangerGroup);
        await ProveTheBotIsIdleAsync();

        Assert.Equal(before, Dump());
        Assert.DoesNotContain(bot.Api.Sent, m => m.ChatId == StrangerGroup);
    }

    [Theory]
    [InlineData("/mute a;touch /tmp/x 1h", "a target is")]
    [InlineData("/mute $(id) 1h", "a target is")]
    [InlineData("/mute -oProxyCommand=touch 1h", "a target is")]
    [InlineData("/mute web-1 forever", "duration")]
    [InlineData("/mute web-1", "usage: /mute")]
    [InlineData("/mute nope-9 1h", "no node, tag or rule")]
    public async Task Mute_InvalidArguments_IsRefusedWithTheReasonAndChangesNothing(string text, string expected)
    {
        var before = Dump();
        bot.Api.EnqueueMessage(H.OpsGroup, H.Admin, text);

        var reply = await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup);

        Assert.Contains("/mute refused", reply.Text, StringComparison.Ordinal);
        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
        Assert.Equal(before, Dump());
    }

    [Fact]
    public async Task Mute_SameUpdateDeliveredTwice_IsAppliedOnce()
    {
        const string Text = "/mute db-1 1h failover";
        var id = bot.Api.EnqueueMessage(H.OpsGroup, H.Admin, Text);
        await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup);
        var after = Dump();

        await bot.Handler.HandleAsync(Redelivered(id, Text), default);

        Assert.Equal(after, Dump());
        Assert.Single((await bot.Muting.ActiveAsync(TimeProvider.System.GetUtcNow(), default)).Silences);
    }

    [Fact]
    public async Task Unmute_ByTarget_EndsTheSilenceAndSilencesListsNone()
    {
        bot.Api.EnqueueMessage(H.OpsGroup, H.Admin, "/mute hetzner 1h provider maintenance");
        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, "/silences");
        bot.Api.EnqueueMessage(H.OpsGroup, H.Admin, "/unmute hetzner");
        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, "/silences");

        await bot.Api.WaitForCallsAsync("sendMessage", 4);
        var texts = bot.Api.Sent.Select(m => m.Text).ToList();

        Assert.Contains("muted provider <b>hetzner</b>", texts[0], StringComparison.Ordinal);
        Assert.Contains("provider maintenance", texts[1], StringComparison.Ordinal);
        Assert.Contains("ended silence <code>1</code>", texts[2], StringComparison.Ordinal);
        Assert.StartsWith("No silences in force.", texts[3], StringComparison.Ordinal);
        Assert.Contains("unmute|@user42 (42)|silence 1: provider=hetzner", Dump(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ack_ByAdmin_AcknowledgesTheFiringEpisodesOfTheNode()
    {
        var since = TimeProvider.System.GetUtcNow().AddMinutes(-40);
        var firing = RuleState.Initial with { Phase = RulePhase.Firing, Severity = Severity.Critical, FiringSince = since };
        bot.Store.EngineStates["db-1"] = [new EngineAlert("db-1", "system.cpu.busy_pct", "cpu", firing, new NotifyLedger(true, since, 0), 97, since)];
        bot.Api.EnqueueMessage(H.OpsGroup, H.Admin, "/ack db-1");

        var reply = await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup);

        Assert.Contains("acknowledged 1 firing alert(s) on <b>db-1</b>: cpu", reply.Text, StringComparison.Ordinal);
        var ack = Assert.Single((await bot.Muting.ActiveAsync(TimeProvider.System.GetUtcNow(), default)).Acks);
        Assert.Equal(("db-1", "cpu", since.ToUnixTimeMilliseconds()), (ack.Node, ack.Rule, ack.FiringSince.ToUnixTimeMilliseconds()));
    }

    [Fact]
    public async Task Ack_ByNonAdmin_ChangesNothing()
    {
        var before = Dump();
        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, "/ack db-1");

        var reply = await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup);

        Assert.Contains("Only admins may run /ack", reply.Text, StringComparison.Ordinal);
        Assert.Equal(before, Dump());
    }

    private static Update Redelivered(int updateId, string text)
    {
        var json = new JsonObject
        {
            ["update_id"] = updateId,
            ["message"] = new JsonObject
            {
                ["message_id"] = 77,
                ["date"] = 1700000000,
                ["chat"] = new JsonObject { ["id"] = H.OpsGroup, ["type"] = "group", ["title"] = "ops" },
                ["from"] = new JsonObject { ["id"] = H.Admin, ["is_bot"] = false, ["first_name"] = "user42", ["username"] = "user42" },
                ["text"] = text,
            },
        }.ToJsonString();
        return JsonSerializer.Deserialize<Update>(json, JsonBotAPI.Options)!;
    }

    /// <summary>Every row of the tables a state change writes, as text, to compare before and after.</summary>
    private string Dump()
    {
        using var c = bot.Db.Raw();
        var sb = new StringBuilder();
        foreach (var table in new[] { "silences", "acks", "audit" })
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = table == "audit" ? "SELECT action, who, what, why, until FROM audit ORDER BY id" : $"SELECT * FROM {table}";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                sb.Append(table).Append(": ");
                for (var i = 0; i < r.FieldCount; i++)
                {
                    sb.Append(r.IsDBNull(i) ? "null" : r.GetValue(i).ToString()).Append('|');
                }

                sb.AppendLine();
            }
        }

        return sb.ToString();
    }

    private async Task ProveTheBotIsIdleAsync()
    {
        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, "/status");
        await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup && m.Text.Contains("Fleet status", StringComparison.Ordinal));
    }
}
