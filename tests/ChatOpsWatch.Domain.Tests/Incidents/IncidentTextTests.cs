using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Incidents;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Tests.Incidents;

public sealed class IncidentTextTests
{
    private static readonly Incident Open = new(
        7, "tokyo-1", "vultr/tokyo/core", "cpu", "cpu.busy_pct", false, Severity.Critical, Severity.Critical, Some.At(0), Some.At(0), null,
        "CPU 97 % &gt; 85 %", null, null, null, null, null, null, 1001);

    [Fact]
    public void Compose_AckedAndMutedCritical_ShowsWhoAndUntilWhenUnderTheReason()
    {
        var text = IncidentText.Compose(Open with { AckedBy = "@alice", AckedAt = Some.At(3), MutedUntil = Some.At(120), MutedBy = "@bob" }, TextCatalog.English);

        Assert.Equal(
            "🔴 CRITICAL · <b>tokyo-1</b> (vultr/tokyo/core)\nCPU 97 % &gt; 85 %\n✋ acked by @alice at 12:03 UTC\n🔕 muted until 14:00 UTC by @bob\n⏱ open since 12:00 UTC",
            text);
    }

    [Fact]
    public void Compose_ResolvedInChinese_SaysHowLongItLastedAndHasNoButtons()
    {
        var resolved = Open with { ResolvedAt = Some.At(23), AckedBy = "@alice", AckedAt = Some.At(3) };

        var text = IncidentText.Compose(resolved, TextCatalog.Chinese);

        Assert.StartsWith("✅ 已恢复 · <b>tokyo-1</b>（vultr/tokyo/core）", text, StringComparison.Ordinal);
        Assert.Contains("✋ @alice 已于 12:03 UTC 确认", text, StringComparison.Ordinal);
        Assert.Contains("⏱ 持续 23 分钟（12:00 UTC–12:23 UTC）", text, StringComparison.Ordinal);
        Assert.Null(IncidentText.Buttons(resolved, TextCatalog.Chinese));
    }

    [Fact]
    public void Buttons_OpenIncident_FitTelegramsCallbackLimitAndNameTheIncident()
    {
        var buttons = IncidentText.Buttons(Open with { Id = long.MaxValue }, TextCatalog.English)!;

        var data = buttons.SelectMany(r => r).Select(b => b.Data).ToList();
        Assert.Equal(6, data.Count);
        Assert.All(data, d => Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(d), 1, 64));
        Assert.Contains($"mute:{long.MaxValue}:24h", data);
    }

    [Fact]
    public void Buttons_ChangedHostKey_OffersNoMute()
    {
        var buttons = IncidentText.Buttons(Open with { Security = true, RuleId = "hostkey" }, TextCatalog.English)!;

        Assert.DoesNotContain(buttons.SelectMany(r => r), b => b.Data.StartsWith("mute:", StringComparison.Ordinal));
        Assert.StartsWith("🔐 SECURITY", IncidentText.Compose(Open with { Security = true }, TextCatalog.English), StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_NodeNameWithMarkup_IsEscaped()
    {
        var text = IncidentText.Compose(Open with { Node = "<b>x</b>" }, TextCatalog.English);

        Assert.Contains("<b>&lt;b&gt;x&lt;/b&gt;</b>", text, StringComparison.Ordinal);
    }
}
