using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsWatch.Infrastructure.Storage;
using Telegram.Bot;
using Telegram.Bot.Types;
using H = ChatOpsWatch.Infrastructure.Tests.Telegram.ChatBotHarness;

namespace ChatOpsWatch.Infrastructure.Tests.Chat.Commands;

/// <summary>/maint and /silences through the real client, the fake Bot API and a real SQLite file.</summary>
public sealed class MaintCommandsTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly H bot = new(H.Fleet(TimeProvider.System.GetUtcNow()));

    public Task InitializeAsync() => bot.StartAsync();

    Task IAsyncLifetime.DisposeAsync() => bot.DisposeAsync().AsTask();

    ValueTask IAsyncDisposable.DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task Maint_ByAdmin_StoresTheWindowWithItsAuditAndTheEngineSeesIt()
    {
        var day = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(2);
        bot.Api.EnqueueMessage(H.OpsGroup, H.Admin, $"/maint web-1 {day:yyyy-MM-dd}T22:00Z 2h kernel upgrade");

        var reply = await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup);

        Assert.Equal($"🛠 Maintenance #1 set: <b>web-1</b> from {day:yyyy-MM-dd} 22:00 to {day.AddDays(1):yyyy-MM-dd} 00:00 UTC (by @user42: kernel upgrade)", reply.Text);
        Assert.Contains($"maint|@user42 (42)|maintenance 1: node=web-1 from {day:yyyy-MM-dd}T22:00:00.0000000+00:00", Dump(), StringComparison.Ordinal);
        var silence = (await new SqliteMaintenanceStore(bot.Db.Database).ActiveAsync(TimeProvider.System.GetUtcNow(), default))[0].ToSilence()!;
        Assert.True(silence.Mutes(new Domain.Engine.Policy.AlertLabels("web-1", "cpu", new Dictionary<string, string>()), new DateTimeOffset(day.AddHours(23), TimeSpan.Zero)));
    }

    [Fact]
    public async Task Maint_WeeklyCron_IsStoredAndListedInSilences()
    {
        bot.Api.EnqueueMessage(H.OpsGroup, H.Admin, "/maint hetzner \"0 3 * * 0\" 2h backups");
        await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup);

        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, "/silences");
        await bot.Api.WaitForCallsAsync("sendMessage", 2);

        var list = bot.Api.Sent[1].Text;
        Assert.Contains("<b>Maintenance windows</b> · 1\n#1 <b>provider=hetzner</b> weekly at “0 3 * * 0” for 2h (UTC) (by @user42: backups)", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Maint_ByNonAdmin_ChangesNothingInTheDatabase()
    {
        var before = Dump();
        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, "/maint web-1 22:00 2h sneaky");

        var reply = await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup);

        Assert.Contains("Only admins may run /maint", reply.Text, StringComparison.Ordinal);
        Assert.Equal(before, Dump());
    }

    [Fact]
    public async Task Maint_SameUpdateDeliveredTwice_IsAppliedOnce()
    {
        const string Text = "/maint web-1 22:00 2h once";
        var id = bot.Api.EnqueueMessage(H.OpsGroup, H.Admin, Text);
        await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup);
        var after = Dump();

        await bot.Handler.HandleAsync(Redelivered(id, Text), default);

        Assert.Equal(after, Dump());
        Assert.Single(await new SqliteMaintenanceStore(bot.Db.Database).ActiveAsync(TimeProvider.System.GetUtcNow(), default));
        Assert.Contains("This /maint was already applied.", (await bot.Api.WaitForAsync(m => m.Text.Contains("already", StringComparison.Ordinal))).Text, StringComparison.Ordinal);
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

    [Theory]
    [InlineData("/maint a;touch 22:00 2h", "contains ';'")]
    [InlineData("/maint $(id) 22:00 2h", "contains '$'")]
    [InlineData("/maint -oProxyCommand=x 22:00 2h", "starts with '-'")]
    [InlineData("/maint web-1 22:00 2h <b>", "markup is not accepted")]
    [InlineData("/maint web-1 25:00 2h", "is not a start time")]
    [InlineData("/maint web-1 \"0 3 1 * 0\" 2h", "Only weekly windows are supported")]
    [InlineData("/maint web-1 22:00 9d", "at most 7d")]
    [InlineData("/maint nope 22:00 2h", "No node, tag or rule is called “nope”")]
    public async Task Maint_BadArguments_AreRefusedWithTheReasonAndChangeNothing(string command, string reason)
    {
        var before = Dump();
        bot.Api.EnqueueMessage(H.OpsGroup, H.Admin, command);

        var reply = await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup);

        Assert.Contains(reason, reply.Text, StringComparison.Ordinal);
        Assert.Equal(before, Dump());
    }

    [Fact]
    public async Task Maint_300Characters_IsRefusedAsTooLong()
    {
        bot.Api.EnqueueMessage(H.OpsGroup, H.Admin, "/maint " + new string('x', 300) + " 22:00 2h");

        var reply = await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup);

        Assert.Contains("is too long (300 characters)", reply.Text, StringComparison.Ordinal);
        Assert.Empty(await new SqliteMaintenanceStore(bot.Db.Database).ActiveAsync(TimeProvider.System.GetUtcNow(), default));
    }

    /// <summary>Every maintenance and audit row, one per line.</summary>
    private string Dump()
    {
        using var c = bot.Db.Raw();
        var sb = new StringBuilder();
        foreach (var sql in new[]
        {
            "SELECT id, matcher, starts_at, ends_at, cron, duration_ms, created_by, reason, removed_at FROM maintenance ORDER BY id;",
            "SELECT action, who, what, why, until, update_id FROM audit ORDER BY id;",
        })
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                sb.AppendLine(string.Join('|', Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }
        }

        return sb.ToString();
    }
}
