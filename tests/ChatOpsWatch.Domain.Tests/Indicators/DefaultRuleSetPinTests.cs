using System.Globalization;
using System.Reflection;
using System.Text;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Tests.Indicators;

/// <summary>
/// Pins the full default rule set as main produced it before the indicator catalogue (issue 16, item 5): every
/// rule <see cref="DefaultRules.For"/> and <see cref="LiveRule.For"/> give each series, with its timing, tier,
/// title and the settings of its signal source. Moving the rules into the catalogue must not change one line; a
/// deliberate change of the defaults rewrites the pin with COW_PIN_RULES_WRITE=tests/ChatOpsWatch.Domain.Tests/Indicators/default-rule-set.txt.
/// </summary>
public sealed class DefaultRuleSetPinTests
{
    /// <summary>Every series name main knew in 2026-12, labelled as the probe labels them, plus names it did not know.</summary>
    private static readonly string[] Series =
    [
        "cpu.busy_pct", "cpu.user_pct", "cpu.system_pct", "cpu.iowait_pct", "cpu.steal_pct", "cpu.idle_pct", "cpu.count",
        "load.1", "load.5", "load.15", "mem.used_pct", "swap.used_pct", "uptime.seconds",
        "disk.used_pct{kind=system,mount=/}", "disk.used_pct{kind=data,mount=/data}", "disk.inodes_used_pct{kind=system,mount=/}",
        "disk.io.util_pct{device=sda}", "disk.io.read_await_ms{device=sda}", "disk.io.write_await_ms{device=nvme0n1}",
        "disk.io.queue{device=sda}", "disk.io.read_iops{device=sda}", "disk.io.write_iops{device=sda}",
        "disk.io.read_bytes_per_s{device=sda}", "disk.io.write_bytes_per_s{device=sda}",
        "net.rx_bytes_per_s{iface=eth0}", "net.tx_bytes_per_s{iface=eth0}", "net.rx_errors{iface=eth0}", "net.tx_errors{iface=eth0}",
        "net.rx_drops{iface=eth0}", "net.tx_drops{iface=eth0}", "tcp.retrans_segs_per_s", "tcp.retrans_pct", "tcp.connections",
        "tcp.time_wait", "oom.kills", "systemd.failed_units", "node.rebooted", "node.clock_offset_s", "node.clock_resolution_s",
        "proc.running{name=nginx}", "proc.count{name=nginx}", "proc.rss_bytes{name=nginx}", "port.listening{port=443}",
        "net.tcp_connect_ms{port=22,stat=avg}", "net.loss_pct{method=icmp}", "net.tcp_open{port=22}", "net.icmp_rtt_ms{stat=avg}",
        "net.ssh_rtt_ms", "net.icmp_permitted", "traffic.cycle_used_bytes", "traffic.quota_used_pct", "node.expiry_days",
        "node.expiry_reminder", "http.up{check=site}", "http.latency_ms{check=site}", "app.queue_celsius", "something.new",
    ];

    [Fact]
    public void DefaultRulesAndLiveRules_EverySeries_AreExactlyTheRuleSetOfMainBeforeTheCatalogue()
    {
        var actual = Describe();
        if (Environment.GetEnvironmentVariable("COW_PIN_RULES_WRITE") is { Length: > 0 } path)
        {
            File.WriteAllText(path, actual); // a deliberate change of the defaults: write the new pin, review its diff, commit it
        }

        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Indicators", "default-rule-set.txt"));

        Assert.Equal(expected.ReplaceLineEndings("\n").Trim(), actual.Trim());
    }

    private static string Describe()
    {
        var sb = new StringBuilder();
        foreach (var series in Series)
        {
            var name = series.Split('{')[0];
            sb.Append("# ").Append(series).Append('\n');
            foreach (var rule in DefaultRules.For(name))
            {
                sb.Append("default ").Append(rule.Id).Append(' ').Append(rule.Tier).Append(' ').Append(rule.Timing)
                    .Append(' ').Append(Source(rule.NewSource())).Append('\n');
            }

            foreach (var rule in LiveRule.For(series, MonitorSettings.Default))
            {
                sb.Append("live ").Append(rule.Id).Append(' ').Append(rule.Tier).Append(' ').Append(rule.Timing)
                    .Append(" title=").Append(rule.Title).Append(" en=").Append(rule.TitleIn(TextCatalog.English))
                    .Append(" zh=").Append(rule.TitleIn(TextCatalog.Chinese)).Append(" key=").Append(rule.TitleKey)
                    .Append(' ').Append(Source(rule.NewSource())).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>A signal source as its type and the settings it was built with (its record and number fields).</summary>
    private static string Source(ISignalSource source)
    {
        var fields = source.GetType().GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            .Where(f => f.FieldType.IsPrimitive || f.FieldType.IsEnum || f.FieldType.GetProperty("EqualityContract", BindingFlags.Instance | BindingFlags.NonPublic) is not null)
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Name}={f.GetValue(source)}"));
        return source.GetType().Name + "(" + string.Join("; ", fields) + ")";
    }
}
