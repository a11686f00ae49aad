using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Incidents;
using ChatOpsWatch.Domain.Network;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Probing;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Tests.Engine.Live;

/// <summary>
/// A process, a listening port or an HTTP check an operator configured pages on the defaults: critical (loud) after
/// two polls reading 0, resolved on the first 1, naming which one. Before, these series had no live rule at all: a
/// dead nginx showed ✗ in /node and never reached the chat.
/// </summary>
public sealed class ApplicationChecksDefaultTests
{
    public static TheoryData<string, string, string> Checks => new()
    {
        { SystemMetricNames.Process(SystemMetricNames.ProcRunning, "nginx"), "Process <b>nginx</b> not running", "进程「<b>nginx</b>」 未运行" },
        { SystemMetricNames.Port(443), "Port <b>443</b> not listening", "端口「<b>443</b>」 未监听" },
        { MetricKey.Format(HttpMetrics.Up, ("check", "shop")), "HTTP check <b>shop</b> failing", "HTTP 检查「<b>shop</b>」 失败" },
    };

    [Theory]
    [MemberData(nameof(Checks))]
    public void DefaultRules_CheckReadsZeroTwice_PagesCriticalOnceAndResolvesOnTheFirstOne(string series, string english, string chinese)
    {
        foreach (var (texts, down) in new[] { (TextCatalog.English, english), (TextCatalog.Chinese, chinese) })
        {
            var engine = new LiveEngine { Texts = texts };
            var projections = new Dictionary<string, AlertState>(StringComparer.Ordinal);
            (int Minute, double Value, string? Says)[] timeline =
            [
                (0, 1, null),
                (1, 0, null),       // one poll may catch a restart
                (2, 1, null),       // it was one: nothing to tell
                (3, 0, null),
                (4, 0, down),       // the second 0 in a row: critical
                (5, 0, null),       // held, not repeated
                (6, 1, null),       // resolved (checked below)
            ];

            foreach (var (minute, value, says) in timeline)
            {
                var messages = Poll(engine, projections, series, minute, value);
                if (minute == 6)
                {
                    var resolved = Assert.Single(messages);
                    Assert.Equal(Severity.Critical, resolved.Severity);
                    Assert.NotNull(resolved.Incident);
                    Assert.Equal(IncidentChange.Resolved, resolved.Incident!.Change);
                    continue;
                }

                if (says is null)
                {
                    Assert.Empty(messages);
                    continue;
                }

                var message = Assert.Single(messages);
                Assert.Equal(Severity.Critical, message.Severity);
                Assert.False(message.Silent); // critical rings
                Assert.Contains(says, message.Html, StringComparison.Ordinal);
                Assert.Contains("<b>tokyo-1</b>", message.Html, StringComparison.Ordinal);
                Assert.Equal(IncidentChange.Opened, message.Incident!.Change);
            }
        }
    }

    [Fact]
    public void DefaultRules_CertificateRunningOut_WarnsUnderFourteenDaysEscalatesUnderThreeAndResolvesWhenRenewed()
    {
        var series = MetricKey.Format(HttpMetrics.TlsDaysLeft, ("check", "shop"));
        foreach (var (texts, warns, rings) in new[]
        {
            (TextCatalog.English, "TLS certificate <b>shop</b> expires in 13.5 days (under 14)", "TLS certificate <b>shop</b> expires in 2.5 days (under 3)"),
            (TextCatalog.Chinese, "站点证书「<b>shop</b>」 13.5 天后过期（不足 14 天）", "站点证书「<b>shop</b>」 2.5 天后过期（不足 3 天）"),
        })
        {
            var engine = new LiveEngine { Texts = texts };
            var projections = new Dictionary<string, AlertState>(StringComparer.Ordinal);
            (int Minute, double Days, Severity? Sent, string? Says)[] timeline =
            [
                (0, 20, null, null),
                (1, 14.5, null, null),
                (2, 13.5, Severity.Warning, warns),
                (3, 13, null, null),
                (4, 2.5, Severity.Critical, rings),   // escalated: rings
                (5, 89, Severity.Critical, null),     // renewed: resolved
                (6, 89, null, null),
            ];

            foreach (var (minute, days, sent, says) in timeline)
            {
                var messages = Poll(engine, projections, series, minute, days);
                if (sent is null)
                {
                    Assert.Empty(messages);
                    continue;
                }

                var message = Assert.Single(messages);
                Assert.Equal(sent, message.Severity);
                if (says is not null)
                {
                    Assert.True(message.Html.Contains(says, StringComparison.Ordinal), message.Html);
                }
            }
        }
    }

    [Fact]
    public void DefaultRules_OperatorSwitchesTheProcessRuleOff_NothingPages()
    {
        var settings = MonitorSettings.Default with { Rules = [.. MonitorSettings.Default.Rules.Where(r => r.Id != "process")] };
        var engine = new LiveEngine { Texts = TextCatalog.English };
        var projections = new Dictionary<string, AlertState>(StringComparer.Ordinal);
        var series = SystemMetricNames.Process(SystemMetricNames.ProcRunning, "nginx");

        for (var minute = 0; minute < 5; minute++)
        {
            Assert.Empty(Poll(engine, projections, series, minute, 0, settings));
        }
    }

    private static List<OutboxMessage> Poll(LiveEngine engine, Dictionary<string, AlertState> projections, string series, int minute, double value, MonitorSettings? settings = null)
    {
        var sample = new Sample("tokyo-1", Some.At(minute), new Dictionary<string, double>(Some.Sample(minute).Values) { [series] = value });
        var decision = engine.Evaluate(Some.Node(), new PollOutcome.Succeeded(sample), settings ?? MonitorSettings.Default, projections);
        engine.Apply(decision.Changed);
        foreach (var t in decision.Projections)
        {
            projections[AlertKey.Of(t.Next)] = t.Next;
        }

        return [.. decision.Messages];
    }
}
