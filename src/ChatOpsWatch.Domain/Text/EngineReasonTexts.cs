namespace ChatOpsWatch.Domain.Text;

/// <summary>
/// Why a rule of the engine fired or resolved (<c>ISignalSource.Describe</c>), and the names of its learned rules.
/// Numbers are formatted by the placeholders, with the invariant culture, so both languages show the same figures.
/// </summary>
internal static class EngineReasonTexts
{
    public static readonly IReadOnlyDictionary<string, TextEntry> Entries = new Dictionary<string, TextEntry>(StringComparer.Ordinal)
    {
        ["reason.value"] = new("{0:0.##}", "{0:0.##}"),
        ["reason.above.warning"] = new("{0:0.##} above {1:0.##}", "{0:0.##} 高于 {1:0.##}"),
        ["reason.above.critical"] = new("{0:0.##} above {1:0.##} (critical)", "{0:0.##} 高于 {1:0.##}（严重）"),
        ["reason.below.warning"] = new("{0:0.##} below {1:0.##}", "{0:0.##} 低于 {1:0.##}"),
        ["reason.below.critical"] = new("{0:0.##} below {1:0.##} (critical)", "{0:0.##} 低于 {1:0.##}（严重）"),
        ["reason.absent"] = new("no samples", "没有样本"),
        ["reason.mean.over"] = new("{0:0.#} % on average over the last {2:0} min ({3} polls), above {1:0.#} %", "最近 {2:0} 分钟（{3} 次轮询）平均 {0:0.#} %，高于 {1:0.#} %"),
        ["reason.mean.back"] = new("back to {0:0.#} % on average over the last {1:0} min ({2} polls)", "最近 {1:0} 分钟（{2} 次轮询）平均已回落到 {0:0.#} %"),
        ["reason.worded.proc.running.down"] = new("not running", "未运行"),
        ["reason.worded.proc.running.up"] = new("running", "运行中"),
        ["reason.worded.port.listening.down"] = new("not listening", "未监听"),
        ["reason.worded.port.listening.up"] = new("listening", "监听中"),
        ["reason.worded.http.up.down"] = new("failing", "失败"),
        ["reason.worded.http.up.up"] = new("passing", "正常"),
        ["reason.worded.http.tls_days_left.down"] = new("expires in {0:0.#} days (under {1:0})", "{0:0.#} 天后过期（不足 {1:0} 天）"),
        ["reason.worded.http.tls_days_left.up"] = new("valid for {0:0.#} more days", "还有 {0:0.#} 天有效"),

        ["reason.streak.over"] = new("{0:0.#} % > {1:0.#} %", "{0:0.#} % > {1:0.#} %"),
        ["reason.streak.over_for"] = new("{0:0.#} % > {1:0.#} % for {2} samples", "{0:0.#} % > {1:0.#} %，连续 {2} 个样本"),
        ["reason.streak.back"] = new("back to {0:0.#} % (≤ {1:0.#} %)", "已回落到 {0:0.#} %（≤ {1:0.#} %）"),

        ["reason.rate"] = new("changing {0:0.####}/s", "每秒变化 {0:0.####}"),
        ["reason.rate.over"] = new(
            "changing {0:0.####}/s over {1:0.#} min (limit {2:0.####}/s)",
            "{1:0.#} 分钟内平均每秒变化 {0:0.####}（上限为每秒 {2:0.####}）"),

        ["reason.baseline.unusual"] = new(
            "{0:0.##} is unusual for this hour (normal up to {1:0.##}, median {2:0.##}, {3} days learned)",
            "{0:0.##} 在这个时段属于异常（正常上限 {1:0.##}，中位数 {2:0.##}，已学习 {3} 天）"),

        ["reason.shift.up"] = new(
            "{0:0.##} is above this node's own normal (about {1:0.##} at this hour) and stays there",
            "{0:0.##} 持续高于本节点此时段的正常水平（约 {1:0.##}）"),
        ["reason.shift.down"] = new(
            "{0:0.##} is below this node's own normal (about {1:0.##} at this hour) and stays there",
            "{0:0.##} 持续低于本节点此时段的正常水平（约 {1:0.##}）"),
        ["reason.shift.new_normal"] = new(
            "{0:0.##} has lasted a day: taken as the new normal (was about {1:0.##})",
            "{0:0.##} 已持续一天：视为新的正常水平（原约 {1:0.##}）"),

        ["reason.forecast"] = new(
            "full in about {0:0.#} h at the current trend ({1:P0} of the last {2:0} minutes agree)",
            "按当前趋势约 {0:0.#} 小时后写满（过去 {2:0} 分钟内 {1:P0} 的数据与趋势一致）"),
        ["reason.forecast.none"] = new("no steady trend", "没有稳定的趋势"),

        ["reason.io.climbing"] = new(
            "{0:0.##} and climbing steadily (+{1:0.###} a minute over {2:0} min{3}): act before it saturates",
            "{0:0.##} 且持续上升（{2:0} 分钟内每分钟 +{1:0.###}{3}）：请在饱和之前处理"),
        ["reason.io.normal"] = new("; normal for this hour up to {0:0.##}", "；这个时段的正常上限为 {0:0.##}"),

        ["reason.disk.system"] = new("system disk", "系统盘"),
        ["reason.disk.data"] = new("data disk", "数据盘"),
        ["reason.disk.other"] = new("{0} disk", "{0} 磁盘"),
        ["reason.rule.baseline"] = new("{0} (baseline)", "{0}（学习基线）"),
        ["reason.rule.forecast"] = new("{0} (forecast)", "{0}（写满预测）"),
        ["reason.rule.trend"] = new("{0} (trend)", "{0}（趋势）"),
        ["reason.rule.shift"] = new("{0} (unlike itself)", "{0}（偏离自身常态）"),
        ["reason.rule.io.queue"] = new("I/O queue {0}", "磁盘读写队列 {0}"),
        ["reason.rule.io.read_await"] = new("Read await {0}", "读取等待 {0}"),
        ["reason.rule.io.write_await"] = new("Write await {0}", "写入等待 {0}"),
    };
}
