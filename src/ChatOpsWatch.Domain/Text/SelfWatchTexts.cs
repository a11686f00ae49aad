namespace ChatOpsWatch.Domain.Text;

/// <summary>The monitor's notices about itself (issue 13).</summary>
internal static class SelfWatchTexts
{
    public static readonly IReadOnlyDictionary<string, TextEntry> Entries = new Dictionary<string, TextEntry>(StringComparer.Ordinal)
    {
        ["selfwatch.stalled"] = new(
            "🛑 <b>Monitoring stalled</b>: no poll has completed for {0} ({1} node(s), polled every {2}). Alerts about the nodes cannot fire until polls resume.",
            "🛑 <b>监控停滞</b>：已有 {0} 没有完成任何轮询（{1} 个节点，每 {2} 轮询一次）。轮询恢复之前，节点告警无法触发。"),
        ["selfwatch.resumed"] = new(
            "✅ <b>Monitoring resumed</b>: polls complete again, after {0} without one.",
            "✅ <b>监控已恢复</b>：轮询重新完成，此前中断 {0}。"),
    };
}
