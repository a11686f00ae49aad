using System.Globalization;
using System.Text.RegularExpressions;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Correlation;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Maintenance;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Storage;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Archive;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Infrastructure.Local;
using ChatOpsWatch.Infrastructure.Maintenance;
using ChatOpsWatch.Infrastructure.Probe;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Worker.Configuration;
using ChatOpsWatch.Worker.Correlation;
using ChatOpsWatch.Worker.Hosting;
using ChatOpsWatch.Worker.Polling;
using ChatOpsWatch.Worker.SelfWatch;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatOpsWatch.Worker.Tests.Hosting;

/// <summary>
/// Issue 16, item 4, the notices beside a single node's poll outcomes: a group outage, the monitor isolated, flapping, no data, a disk forecast,
/// a repeat, a digest, mute and maintenance reminders, the daily report, storage failing and its budget, a stalled
/// monitor, the archive spool full. Each is made by the service the composition root registers, in zh-CN, and every message is checked for
/// English words as in <see cref="PollerFromTheCompositionRoot_Chinese_SendsNoEnglishWordForAnyOutcome"/>.
/// </summary>
public sealed partial class ChineseCompositionTests
{
    private static readonly string[] Fleet = ["web-1", "web-2", "web-3"];

    /// <summary>
    /// The hosted services that speak to the chat on their own, each driven by a step below. A new hosted service is in
    /// neither list and fails <see cref="Speakers_EveryHostedService_IsDrivenOrSaysNothingOnItsOwn"/>.
    /// </summary>
    private static readonly string[] Speakers =
    [
        "NodeScheduler", "OutboxDispatcher", "MuteReminderService", "StorageAlarmService", "DailyReportService", "SelfWatchService", "StorageMaintenanceService", "InfluxArchiveLoop", "CorrelationService",
    ];

    /// <summary>Hosted services that send nothing by themselves: the chat (replies to commands, tested with the chat handlers), and the scheduler's host.</summary>
    private static readonly string[] Silent = ["TelegramUpdatePoller", "QuartzHostedService"];

    [Fact]
    public async Task Speakers_EveryHostedService_IsDrivenOrSaysNothingOnItsOwn()
    {
        await using var services = BuildFleet(new FleetRunners(Normal()));

        var hosted = services.GetServices<IHostedService>().Select(s => s.GetType().Name).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(Speakers.Concat(Silent).Order(StringComparer.Ordinal), hosted);
    }

    [Fact]
    public async Task FleetFromTheCompositionRoot_Chinese_SendsNoEnglishWordInAnyNotice()
    {
        var normal = Normal();
        var runners = new FleetRunners(normal);
        await using var services = BuildFleet(runners);
        var poller = services.GetRequiredService<NodePoller>();
        var dispatcher = services.GetRequiredService<OutboxDispatcher>();
        var hub = services.GetRequiredService<CorrelationHub>();
        var hosted = services.GetServices<IHostedService>().ToList();
        var nodes = services.GetRequiredService<ConfigHolder>().Current.Nodes;
        services.GetRequiredService<NodeRegistry>().Apply(nodes);
        foreach (var node in nodes)
        {
            await Drive(services.GetRequiredService<IMonitorStore>().UpsertNodeAsync(node.Info, CancellationToken.None));
        }

        var leaks = new List<string>();

        async Task PollAsync(params string[] names)
        {
            foreach (var name in names)
            {
                await Drive(poller.PollAsync(name, CancellationToken.None));
            }

            clock.Advance(CorrelationOptions.DefaultHold); // held downs go out on the hub's tick
            await Drive(hub.TickAsync(CancellationToken.None));
        }

        async Task MinutesAsync(int minutes, Func<int, ProbeRun> web1)
        {
            for (var i = 0; i < minutes; i++)
            {
                runners.Next["web-1"] = web1(i);
                await PollAsync(Fleet);
                await DeliverAll(dispatcher);
                clock.Advance(TimeSpan.FromSeconds(30));
            }

            runners.Next["web-1"] = normal;
        }

        async Task Step(string step, string markerKey, Func<Task> act)
        {
            var (sentBefore, editsBefore) = (bot.Sent.Count, bot.Edits.Count);
            await act();
            await DeliverAll(dispatcher);
            var said = bot.Sent.Skip(sentBefore).Concat(bot.Edits.Skip(editsBefore)).Where(m => m.ChatId == OpsChat).Select(m => m.Text).ToList();
            var marker = Marker(TextCatalog.Chinese[markerKey]);
            Assert.True(said.Any(t => t.Contains(marker, StringComparison.Ordinal)), $"step '{step}' sent no '{marker}' ({markerKey}); it sent: {string.Join(" | ", said)}");
            leaks.AddRange(said.SelectMany(text => EnglishWords(text).Select(w => $"{step}: '{w}' in: {text}")));
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        await PollAsync(Fleet);
        await Step("group outage", "corr.group.opened", async () =>
        {
            foreach (var name in Fleet)
            {
                runners.Next[name] = new ProbeRun.Failure("connect to 127.0.0.1:9 failed: Connection refused", Confirmed: true);
            }

            await PollAsync(Fleet);
        });
        await Step("outage over", "corr.group.resolved.all", async () =>
        {
            foreach (var name in Fleet)
            {
                runners.Next[name] = normal;
            }

            await PollAsync(Fleet);
        });
        // The canary round of CorrelationService: nothing listens on port 9, and the listener below answers.
        var canaries = services.GetRequiredService<CanaryChecker>();
        using var answering = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        answering.Start();
        await Step("monitor isolated", "corr.isolated", async () =>
        {
            foreach (var name in Fleet)
            {
                runners.Next[name] = new ProbeRun.Failure("connect to 127.0.0.1:9 failed: Network is unreachable", Confirmed: true);
            }

            await Drive(hub.CanariesAsync(await canaries.CheckAsync([new CanaryTarget("127.0.0.1", 9)], TimeSpan.FromSeconds(2), CancellationToken.None), CancellationToken.None));
            await PollAsync(Fleet);
        });
        await Step("connectivity restored", "corr.restored", async () =>
        {
            foreach (var name in Fleet)
            {
                runners.Next[name] = normal;
            }

            var port = ((System.Net.IPEndPoint)answering.LocalEndpoint).Port;
            await Drive(hub.CanariesAsync(await canaries.CheckAsync([new CanaryTarget("127.0.0.1", port)], TimeSpan.FromSeconds(2), CancellationToken.None), CancellationToken.None));
            await PollAsync(Fleet);
        });
        await Step("flapping", "incident.head.flapping", () => MinutesAsync(12, i => i % 2 == 0 ? MemoryFull(normal) : normal));
        await Step("settled", "incident.head.stable", () => MinutesAsync(30, _ => normal));
        await Step("no data", "incident.head.nodata", () => MinutesAsync(14, _ => Without(normal, "mem")));
        await Step("still critical", "incident.reply.repeat", () => MinutesAsync(35, _ => MemoryFull(normal)));
        await Step("disk forecast", "reason.forecast", () => MinutesAsync(120, i => DiskAt(normal, 40 + (i * 0.2))));
        var reminders = hosted.OfType<MuteReminderService>().Single();
        await Step("mute reminder", "remind.silence", async () =>
        {
            var now = clock.GetUtcNow();
            await Drive(services.GetRequiredService<IMutingStore>().RecordAsync(
                new MutingChange.Mute(new Silence("", [new Matcher("node", "web-2")], now, now.AddMinutes(30), "@alice (42)", "内核升级")), CancellationToken.None));
            clock.Advance(TimeSpan.FromMinutes(21));
            await Drive(reminders.CheckAsync(CancellationToken.None));
        });
        await Step("maintenance reminder", "remind.maintenance", async () =>
        {
            var now = clock.GetUtcNow();
            var plan = new MaintenancePlan("", [new Matcher("node", "web-3")], new MaintenanceTiming.Once(now, now.AddMinutes(30)), "@bob (7)", "备份", now);
            await Drive(services.GetRequiredService<IMaintenanceStore>().AddAsync(plan, null, CancellationToken.None));
            clock.Advance(TimeSpan.FromMinutes(21));
            await Drive(reminders.CheckAsync(CancellationToken.None));
        });
        await Step("digest", "delivery.digest.header", async () =>
        {
            // Twelve mutes that end together: their reminders are more than the digest threshold (10), so they are folded.
            var now = clock.GetUtcNow();
            for (var i = 0; i < 12; i++)
            {
                await Drive(services.GetRequiredService<IMutingStore>().RecordAsync(
                    new MutingChange.Mute(new Silence("", [new Matcher("node", Fleet[i % Fleet.Length])], now, now.AddMinutes(30), "@alice (42)", $"变更 {i}")), CancellationToken.None));
            }

            clock.Advance(TimeSpan.FromMinutes(21));
            await Drive(reminders.CheckAsync(CancellationToken.None));
        });
        await Step("daily report", "report.uptime.heading", async () =>
        {
            var due = new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date.AddHours(12).AddSeconds(1), TimeSpan.Zero); // Reports:DailyAt 12:00
            clock.SetUtcNow(due > clock.GetUtcNow() ? due : due.AddDays(1)); // its day holds the polls above
            Assert.True(await Drive(hosted.OfType<DailyReportService>().Single().RunDueAsync(CancellationToken.None)));
        });
        await Step("storage budget", "storage.budget", () => Drive(services.GetRequiredService<IStorageMaintenance>().RunUntilIdleAsync(CancellationToken.None)));

        var health = services.GetRequiredService<StorageHealth>();
        var alarm = hosted.OfType<StorageAlarmService>().Single();
        await Step("storage failing", "storage.failing", async () =>
        {
            health.Failed(new SqliteException("SQLite Error 13: 'database or disk is full'.", 13));
            await Drive(alarm.NotifyDueAsync(CancellationToken.None));
        });
        await Step("storage back", "storage.recovered", async () =>
        {
            clock.Advance(StorageAlarmService.MinGap);
            health.Wrote();
            await Drive(alarm.NotifyDueAsync(CancellationToken.None));
        });

        var self = services.GetRequiredService<SelfWatchService>();
        var pulse = services.GetRequiredService<SchedulerPulse>();
        await Step("monitoring stalled", "selfwatch.stalled", async () =>
        {
            pulse.Fired();
            pulse.Completed();
            await Drive(self.BeatAsync(CancellationToken.None));
            clock.Advance(TimeSpan.FromMinutes(10)); // no poll completes: the scheduler is stuck
            await Drive(self.BeatAsync(CancellationToken.None));
        });
        await Step("monitoring resumed", "selfwatch.resumed", async () =>
        {
            pulse.Fired();
            pulse.Completed();
            await Drive(self.BeatAsync(CancellationToken.None));
        });

        // The archive's bound (4 KiB) is reached by the first polls; InfluxDB does not answer (nothing listens on port 9).
        var archive = hosted.OfType<InfluxArchiveLoop>().Single();
        await Step("archive spool full", "archive.spool_full", async () =>
        {
            for (var i = 0; i < 3; i++)
            {
                await Drive(archive.RunOnceAsync(CancellationToken.None));
                clock.Advance(TimeSpan.FromSeconds(5));
            }
        });

        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    /// <summary>The longest literal run of a catalogue template: what any message rendered from it contains.</summary>
    private static string Marker(string template) =>
        Placeholder().Split(Tag().Replace(template, "\u0001")).SelectMany(p => p.Split('\u0001')).MaxBy(p => p.Trim().Length)!.Trim();

    private static ProbeRun.Output Normal()
    {
        var run = new LocalProbeRunner(ProbeScript.Script, TimeSpan.FromSeconds(10), TimeProvider.System).RunAsync(CancellationToken.None).GetAwaiter().GetResult();
        return Assert.IsType<ProbeRun.Output>(run);
    }

    private static ProbeRun.Output MemoryFull(ProbeRun.Output normal) =>
        normal with { Stdout = MemoryLine().Replace(normal.Stdout, m => $"mem {m.Groups[1].Value} {long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) / 50} 0 0") };

    private static ProbeRun.Output Without(ProbeRun.Output normal, string section) =>
        normal with { Stdout = string.Join('\n', normal.Stdout.Split('\n').Where(l => !l.StartsWith(section + " ", StringComparison.Ordinal))) };

    /// <summary>The root file system <paramref name="percent"/> % used (1 KiB blocks: total, used, available).</summary>
    private static ProbeRun.Output DiskAt(ProbeRun.Output normal, double percent)
    {
        const long Total = 100_000_000;
        var used = (long)(Total * percent / 100);
        return normal with { Stdout = RootDisk().Replace(normal.Stdout, m => $"{m.Groups[1].Value}{Total} {used} {Total - used} {m.Groups[2].Value}") };
    }

    private ServiceProvider BuildFleet(FleetRunners runners)
    {
        var nodes = Fleet.Select((name, i) => new NodeConfig(
            new NodeInfo(name, "p", "r", NodeRole.Core, TimeSpan.FromSeconds(30)),
            new SshTarget(name, "127.0.0.1", 9, "root", new SshAuth.Password("x")),
            Checks: NodeChecks.Default with { Icmp = false, Plan = VpsPlan.None })).ToList();
        var telegram = new TelegramConfig(bot.Token, bot.BaseUrl, OpsChat, new HashSet<long> { OpsChat }, new HashSet<long> { 42 });
        var config = new WatchConfig(Path.Combine(dir, "watch.db"), nodes, SshSettings.Default, MonitorSettings.Default, telegram, TimeSpan.FromMinutes(10))
        {
            Language = Language.ZhCn,
            Reports = new ReportSettings(new TimeOnly(12, 0)),
            Retention = RetentionOptions.Default with { MaxBytes = 64 * 1024 },
            Archive = new InfluxOptions(new Uri("http://127.0.0.1:9"), InfluxApi.V1) { Database = "cow", MaxSpoolBytes = 4096 },
        };
        var builder = Host.CreateApplicationBuilder();
        builder.AddChatOpsWatch(config);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<IProbeRunnerFactory>(runners);
        builder.Services.AddSingleton(new PollPriming(TimeSpan.Zero));
        return builder.Services.BuildServiceProvider();
    }

    [GeneratedRegex(@"^(disk / \S+ \S+ )\d+ \d+ \d+ (.*)$", RegexOptions.Multiline)]
    private static partial Regex RootDisk();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Placeholder();

    /// <summary>Each node's next probe run, set by the test; a node with none set gets the normal output.</summary>
    private sealed class FleetRunners(ProbeRun normal) : IProbeRunnerFactory
    {
        public Dictionary<string, ProbeRun> Next { get; } = new(StringComparer.Ordinal);

        public IProbeRunner Create(NodeConfig node) => new Runner(this, node.Name, normal);

        private sealed class Runner(FleetRunners owner, string name, ProbeRun normal) : IProbeRunner
        {
            public Task<ProbeRun> RunAsync(CancellationToken ct) => Task.FromResult(owner.Next.GetValueOrDefault(name, normal));
        }
    }
}
