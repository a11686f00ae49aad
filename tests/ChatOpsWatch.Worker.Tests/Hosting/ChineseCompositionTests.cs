using System.Text.RegularExpressions;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Correlation;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Infrastructure.Local;
using ChatOpsWatch.Infrastructure.Probe;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Testing.FakeBotApi;
using ChatOpsWatch.Worker.Configuration;
using ChatOpsWatch.Worker.Correlation;
using ChatOpsWatch.Worker.Hosting;
using ChatOpsWatch.Worker.Polling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Worker.Tests.Hosting;

/// <summary>
/// Issue 16, item 4: the poller, engine, outbox and Telegram sender as the composition root wires them, in zh-CN, with
/// test parts only where IO is (a scripted probe runner, a fake clock, the fake Bot API). Every kind of poll outcome is
/// driven, and every message that reaches the chat is checked for English words.
/// </summary>
public sealed partial class ChineseCompositionTests : IAsyncDisposable
{
    private const long OpsChat = -100;
    private readonly string dir = Directory.CreateTempSubdirectory("chatopswatch-zh-").FullName;
    private readonly FakeBotApiServer bot = FakeBotApiServer.Start();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 4, 3, 0, 0, TimeSpan.Zero));

    /// <summary>The poll outcomes the test drives, by the <see cref="ProbeRun"/> type that makes each.</summary>
    private static readonly string[] Covered = [nameof(ProbeRun.Output), nameof(ProbeRun.Failure), nameof(ProbeRun.HostKeyRejected), nameof(ProbeRun.CryptoRefused)];

    public async ValueTask DisposeAsync()
    {
        await bot.DisposeAsync();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Covered_EveryKindOfProbeRun_IsDrivenByTheChineseTest()
    {
        var kinds = typeof(ProbeRun).GetNestedTypes().Where(t => t.IsSubclassOf(typeof(ProbeRun))).Select(t => t.Name).Order(StringComparer.Ordinal);

        Assert.Equal(Covered.Order(StringComparer.Ordinal), kinds); // a new kind of outcome needs a step below
    }

    [Fact]
    public async Task PollerFromTheCompositionRoot_Chinese_SendsNoEnglishWordForAnyOutcome()
    {
        var normal = (await new LocalProbeRunner(ProbeScript.Script, TimeSpan.FromSeconds(10), TimeProvider.System).RunAsync(CancellationToken.None)) as ProbeRun.Output;
        Assert.NotNull(normal);
        var memoryFull = new ProbeRun.Output(MemoryLine().Replace(normal.Stdout, m => $"mem {m.Groups[1].Value} {long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) / 50} 0 0"), normal.Elapsed);
        (string Step, ProbeRun Run, bool Speaks)[] steps =
        [
            ("normal", normal, false),
            ("memory warning", memoryFull, true),
            ("memory held", memoryFull, false),
            ("memory critical", memoryFull, true),
            ("memory resolved", normal, true),
            ("probe garbage", new ProbeRun.Output("Welcome to web-1!\nLast login: Fri Dec  4 03:00:00 2026\n", normal.Elapsed), true),
            ("garbage gone", normal, true),
            ("line unreadable", normal with { Stdout = MemoryLine().Replace(normal.Stdout, "mem 100 abc 0 0") }, true),
            ("line readable", normal, true),
            ("unreachable", new ProbeRun.Failure("connect to 127.0.0.1:9 failed: Connection refused", Confirmed: true), true),
            ("reachable", normal, true),
            ("host key changed", new ProbeRun.HostKeyRejected("SHA256:presentedpresentedpresentedpresented", "SHA256:pinnedpinnedpinnedpinnedpinnedpinned"), true),
            ("host key back", normal, true),
            ("crypto refused", new ProbeRun.CryptoRefused(SshAlgorithmPolicy.Refusal("No matching host key algorithm (server offers ssh-rsa,ssh-dss)", legacyAllowed: false)!), true),
            ("crypto back", normal, true),
        ];
        var runner = new ScriptedRunner([normal, .. steps.Select(s => s.Run)]); // the first poll probes twice (PollPriming)
        await using var services = Build(runner);
        var poller = services.GetRequiredService<NodePoller>();
        var dispatcher = services.GetRequiredService<OutboxDispatcher>();
        var hub = services.GetRequiredService<CorrelationHub>();
        var nodes = services.GetRequiredService<ConfigHolder>().Current.Nodes;
        services.GetRequiredService<NodeRegistry>().Apply(nodes);
        await Drive(services.GetRequiredService<IMonitorStore>().UpsertNodeAsync(nodes[0].Info, CancellationToken.None));
        var leaks = new List<string>();

        foreach (var (step, _, speaks) in steps)
        {
            var (sentBefore, editsBefore) = (bot.Sent.Count, bot.Edits.Count);
            await Drive(poller.PollAsync("web-1", CancellationToken.None));
            clock.Advance(CorrelationOptions.DefaultSettle); // a lone down is held this long, then told on the hub's tick
            await Drive(hub.TickAsync(CancellationToken.None));
            await DeliverAll(dispatcher);
            var said = bot.Sent.Skip(sentBefore).Concat(bot.Edits.Skip(editsBefore)).Where(m => m.ChatId == OpsChat).Select(m => m.Text).ToList(); // an incident is edited as it escalates
            if (speaks)
            {
                Assert.True(said.Count > 0, $"step '{step}' sent nothing");
            }

            leaks.AddRange(said.SelectMany(text => EnglishWords(text).Select(w => $"{step}: '{w}' in: {text}")));
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    /// <summary>Dispatches until the outbox is quiet: the pacer lets about one message a second through to a chat.</summary>
    private async Task DeliverAll(OutboxDispatcher dispatcher)
    {
        for (var quiet = 0; quiet < 3;)
        {
            var before = bot.Sent.Count + bot.Edits.Count;
            var wait = await Drive(dispatcher.DispatchDueAsync(CancellationToken.None));
            clock.Advance(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(100));
            quiet = bot.Sent.Count + bot.Edits.Count == before ? quiet + 1 : 0;
        }
    }

    /// <summary>Advances the fake clock until <paramref name="task"/> completes (the group commit waits its tick on the clock).</summary>
    private async Task Drive(Task task)
    {
        for (var i = 0; !task.IsCompleted && i < 20_000; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(1);
        }

        await task;
    }

    private async Task<T> Drive<T>(Task<T> task)
    {
        await Drive((Task)task);
        return await task;
    }

    /// <summary>Latin words of three letters or more, leaving out what is the same in every language: names, units, metric names, URLs, technical terms.</summary>
    internal static IEnumerable<string> EnglishWords(string html)
    {
        var text = Tag().Replace(Allowed().Replace(html, " "), " ");
        return Word().Matches(text).Select(m => m.Value).Where(w => !Terms.Contains(w));
    }

    private static readonly HashSet<string> Terms = new(StringComparer.Ordinal)
    {
        "README", "Telegram", "InfluxDB", "CPU", "TCP", "SSH", "HTTP", "HTTPS", "ICMP", "DNS", "UTC", "OOM", "TLS", "SHA256", "MiB", "KiB", "GiB", "inode", "systemd", "MemAvailable",
    };

    private ServiceProvider Build(IProbeRunner runner)
    {
        var node = new NodeConfig(
            new NodeInfo("web-1", "p", "r", NodeRole.Core, TimeSpan.FromSeconds(30)),
            new SshTarget("web-1", "127.0.0.1", 9, "root", new SshAuth.Password("x")),
            Checks: NodeChecks.Default with { Icmp = false, Plan = VpsPlan.None });
        var telegram = new TelegramConfig(bot.Token, bot.BaseUrl, OpsChat, new HashSet<long> { OpsChat }, new HashSet<long> { 42 });
        var config = new WatchConfig(Path.Combine(dir, "watch.db"), [node], SshSettings.Default, MonitorSettings.Default, telegram, TimeSpan.FromMinutes(10)) { Language = Language.ZhCn };
        var builder = Host.CreateApplicationBuilder();
        builder.AddChatOpsWatch(config); // the store opens on first use, on the fake clock registered below
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<IProbeRunnerFactory>(new OneRunner(runner));
        builder.Services.AddSingleton(new PollPriming(TimeSpan.Zero));
        return builder.Services.BuildServiceProvider();
    }

    [GeneratedRegex(@"^mem (\d+) \d+ \d+ \d+$", RegexOptions.Multiline)]
    private static partial Regex MemoryLine();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    /// <summary>Node and metric names, user names, rule ids (in code tags or as metric:kind), file paths in code tags, commands, URLs, key fingerprints and algorithm names, setting keys, quoted node text.</summary>
    [GeneratedRegex(@"<code>[A-Za-z0-9_.{}=/,:-]+</code>|web-\d|@[A-Za-z0-9_]+|[a-z0-9_]+(\.[a-z0-9_]+)+(\{[^}]*\})?(:[a-z_]+)?|/[a-z_]+|https?://\S+|SHA256:\S+|ssh-[a-z0-9-]+|[A-Z][A-Za-z]+(:[A-Za-z0-9]+)+(: (true|false))?|'[^']*'|“[^”]*”|&[a-z]+;")]
    private static partial Regex Allowed();

    [GeneratedRegex("[A-Za-z]{3,}")]
    private static partial Regex Word();

    private sealed class OneRunner(IProbeRunner runner) : IProbeRunnerFactory
    {
        public IProbeRunner Create(NodeConfig node) => runner;
    }

    /// <summary>Gives the scripted runs in order; past the end, the last one again.</summary>
    private sealed class ScriptedRunner(IEnumerable<ProbeRun> runs) : IProbeRunner
    {
        private readonly Queue<ProbeRun> queue = new(runs);
        private ProbeRun last = new ProbeRun.Failure("no run scripted");

        public Task<ProbeRun> RunAsync(CancellationToken ct)
        {
            if (queue.TryDequeue(out var run))
            {
                last = run;
            }

            return Task.FromResult(last);
        }
    }
}
