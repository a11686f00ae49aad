using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Chat.Commands;
using Microsoft.Extensions.Logging.Abstractions;
using H = ChatOpsWatch.Infrastructure.Tests.Telegram.ChatBotHarness;

namespace ChatOpsWatch.Infrastructure.Tests.Chat.Commands;

/// <summary>/status, /status &lt;node&gt;, /node and /nodes through the real client and the fake Bot API.</summary>
public sealed class StatusCommandsTests : IAsyncLifetime, IAsyncDisposable
{
    private static readonly DateTimeOffset Now = TimeProvider.System.GetUtcNow();
    private readonly H bot = new(Fleet(), h => [new StatusCommands(h.Store, h.Writer, TextCatalog.English, TimeProvider.System, NullLogger<StatusCommands>.Instance)]);

    public Task InitializeAsync() => bot.StartAsync();

    Task IAsyncLifetime.DisposeAsync() => bot.DisposeAsync().AsTask();

    ValueTask IAsyncDisposable.DisposeAsync() => bot.DisposeAsync();

    [Theory]
    [InlineData("/status db-1")]
    [InlineData("/node db-1")]
    [InlineData("/node@FakeOpsBot DB-1")]
    public async Task Node_KnownNode_ShowsItsIndicatorsByLayerAndItsOpenAlerts(string command)
    {
        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, command);

        var text = (await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup)).Text;

        Assert.Matches(@"^🔴 <b>db-1</b> · hetzner/fsn1/core · critical\nlast poll 1\d s ago \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)", text);
        Assert.Contains("<b>Network</b>\n  TCP :22 connect 12.5 ms (jitter 1.2 ms) · loss 0 %", text, StringComparison.Ordinal);
        Assert.Contains("CPU 97 % (user 80 % · system 10 % · iowait 5 % · steal 2 %) · 4 cores", text, StringComparison.Ordinal);
        Assert.Contains("memory 50 % · swap none", text, StringComparison.Ordinal);
        Assert.Contains("disk / (system) 40 % · inodes 5 %", text, StringComparison.Ordinal);
        Assert.Contains("disk /data (data) 91 % · inodes ?", text, StringComparison.Ordinal);
        Assert.Contains("I/O sda: util 12 % · await read 1.5 / write 3 ms · queue 0.2", text, StringComparison.Ordinal);
        Assert.Contains("<b>Application</b>\n  process nginx ✅ ×4\n  process php-fpm ❌ ×0\n  port 443 ✅\n  HTTP home ✅ status 200 · 120 ms", text, StringComparison.Ordinal);
        Assert.Contains("<b>Open alerts</b>\n  🔴 cpu 97 % since", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Fleet_StartsWithCountsByState()
    {
        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, "/status");

        var text = (await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup)).Text;

        Assert.StartsWith("<b>Fleet status</b>\n2 nodes: 🔴 1 critical · 🟠 0 warning · 🟢 1 ok · ⚪ 0 unknown\n🔴 <b>db-1</b>", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/node nope", "No node is called <b>nope</b>")]
    [InlineData("/node $(id)", "contains '$'")]
    [InlineData("/nodes <b>", "markup is not accepted")]
    [InlineData("/nodes aws", "No provider, region or role is called “aws”. Known: core, fsn1, hetzner")]
    public async Task Commands_BadArgument_AreAnsweredWithTheReason(string command, string expected)
    {
        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, command);

        var text = (await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup)).Text;

        Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nodes_ByTag_ListsNameRoleProviderRegionStateAndLastSeen()
    {
        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, "/nodes Hetzner");

        var text = (await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup)).Text;

        Assert.Matches(
            @"^<b>Nodes</b> tagged Hetzner · 2\n🔴 <b>db-1</b> core · hetzner/fsn1 · critical · seen 1\d s ago\n🟢 <b>web-1</b> core · hetzner/fsn1 · ok · seen 1\d s ago$",
            text);
    }

    private static IReadOnlyList<NodeStatus> Fleet()
    {
        var values = new Dictionary<string, double>
        {
            [MetricNames.CpuBusyPct] = 97,
            [MetricNames.CpuUserPct] = 80,
            [MetricNames.CpuSystemPct] = 10,
            [MetricNames.CpuIowaitPct] = 5,
            [MetricNames.CpuStealPct] = 2,
            [MetricNames.CpuCount] = 4,
            [MetricNames.Load1] = 3.5,
            [MetricNames.MemUsedPct] = 50,
            [MetricNames.DiskUsed(DiskKind.System, "/")] = 40,
            ["disk.inodes_used_pct{kind=system,mount=/}"] = 5,
            [MetricNames.DiskUsed(DiskKind.Data, "/data")] = 91,
            ["disk.io.util_pct{device=sda}"] = 12,
            ["disk.io.read_await_ms{device=sda}"] = 1.5,
            ["disk.io.write_await_ms{device=sda}"] = 3,
            ["disk.io.queue{device=sda}"] = 0.2,
            ["net.tcp_connect_ms{port=22,stat=avg}"] = 12.5,
            ["net.tcp_connect_ms{port=22,stat=jitter}"] = 1.2,
            ["net.loss_pct{method=tcp,port=22}"] = 0,
            ["proc.running{name=nginx}"] = 1,
            ["proc.count{name=nginx}"] = 4,
            ["proc.running{name=php-fpm}"] = 0,
            ["proc.count{name=php-fpm}"] = 0,
            ["port.listening{port=443}"] = 1,
            ["http.up{check=home}"] = 1,
            ["http.status{check=home}"] = 200,
            ["http.latency_ms{check=home}"] = 120,
        };
        var db = new NodeStatus(
            new NodeInfo("db-1", "hetzner", "fsn1", NodeRole.Core, NodeInfo.CoreInterval),
            new Sample("db-1", Now.AddSeconds(-10), values),
            [AlertState.Initial("db-1", "cpu", MetricNames.CpuBusyPct, Now) with { Severity = Severity.Critical, LastValue = 97, FiringSince = Now.AddMinutes(-5) }]);
        return [H.Fleet(Now)[0], db];
    }
}
