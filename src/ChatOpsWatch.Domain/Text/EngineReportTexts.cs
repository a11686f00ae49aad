namespace ChatOpsWatch.Domain.Text;

/// <summary>
/// Texts of the engine's operator reports: the learned baselines next to the static levels (<c>baseline</c>) and
/// the noise report with its suggestions (<c>noise</c>). Plain text for a terminal; a chat caller escapes its arguments.
/// </summary>
internal static class EngineReportTexts
{
    public static readonly IReadOnlyDictionary<string, TextEntry> Entries = new Dictionary<string, TextEntry>(StringComparer.Ordinal)
    {
        ["report.baseline.head"] = new("{0} · {1} — rule {2}, up to {3} day(s) learned per hour", "{0} · {1} — 规则 {2}，每个时段最多已学习 {3} 天"),
        ["report.baseline.not_live"] = new("  (no learned rule runs live on this metric: shown with the backtest's default, no floor)", "  （此指标在实时监控中没有学习型规则：按回测默认规则显示，无下限）"),
        ["report.baseline.static"] = new("  static:  warning > {0}, critical > {1} (rule {2})", "  静态阈值：警告 > {0}，严重 > {1}（规则 {2}）"),
        ["report.baseline.static_off"] = new("  static:  switched off (rule {0} at 100/100)", "  静态阈值：已关闭（规则 {0} 设为 100/100）"),
        ["report.baseline.static_none"] = new("  static:  none on this metric", "  静态阈值：此指标没有"),
        ["report.baseline.learned"] = new("  learned: typical median {0}; warns above {1} to {2} depending on the hour{3}", "  学习所得：典型中位数 {0}；按时段不同，高于 {1} 至 {2} 时告警{3}"),
        ["report.baseline.critical_from"] = new(", critical from {0}", "，{0} 起为严重"),
        ["report.baseline.floor"] = new("  (never below the floor {0}: quiet hours do not page on noise)", "  （不低于下限 {0}：安静时段的噪声不会告警）"),
        ["report.baseline.peaks"] = new("  highest learned hours (UTC): {0}", "  学习水平最高的时段（UTC）：{0}"),
        ["report.baseline.not_enough"] = new("  not learned yet: {0} of the {1} days an hour needs", "  尚未学成：每个时段需要 {1} 天，目前只有 {0} 天"),
        ["report.baseline.table"] = new("  hour  days  median  high  warns above  critical from", "  时段  天数  中位数  高位  告警线  严重线"),
        ["report.baseline.summary"] = new("{0} series on {1} node(s) from {2:N0} sample(s) since {3} UTC.", "共 {1} 个节点的 {0} 个序列，来自 {3} UTC 以来的 {2:N0} 个样本。"),
        ["report.noise.head"] = new("{0}: {1} episode(s); {2} resolved by themselves within {3} ({4:0} %); {5} flapping; {6} muted before being acknowledged; median length {7}", "{0}：{1} 次告警；{2} 次在 {3} 内自行恢复（{4:0} %）；{5} 次抖动；{6} 次在确认前被静音；时长中位数 {7}"),
        ["report.noise.raise"] = new("  suggestion: raise warning to {0}", "  建议：将警告阈值提高到 {0}"),
        ["report.noise.for"] = new("  suggestion: for: {0}", "  建议：for: {0}（持续该时长才告警）"),
        ["report.noise.keep_firing"] = new("  suggestion: keep_firing_for: {0}, or a lower recovery level (Alerts:Recovery)", "  建议：keep_firing_for: {0}，或调低恢复阈值（Alerts:Recovery）"),
        ["report.noise.muted"] = new("  suggestion: it is muted rather than handled; check that it is actionable", "  建议：此告警常被静音而非处理，请确认它是否值得处理"),
        ["report.noise.keep"] = new("  no change suggested: its episodes last", "  无需调整：其告警均持续存在"),
        ["report.noise.few"] = new("  too few episodes to judge", "  告警次数太少，无法判断"),
        ["report.noise.none"] = new("No alert episodes in this period.", "此期间没有告警。"),
        ["report.noise.summary"] = new("{0} episode(s) of {1} rule(s) since {2} UTC.", "自 {2} UTC 起，{1} 条规则共 {0} 次告警。"),
    };
}
