namespace ChatOpsWatch.Domain.Text;

/// <summary>The sample store's retention texts (issue 14): the size-budget notice and /storage.</summary>
internal static class RetentionTexts
{
    public static readonly IReadOnlyDictionary<string, TextEntry> Entries = new Dictionary<string, TextEntry>(StringComparer.Ordinal)
    {
        ["storage.budget"] = new(
            "💾 <b>Storage budget reached</b>: {0} in use, Storage:MaxSizeMb is {1} MB. The oldest {2} samples (from {3:yyyy-MM-dd} UTC) are being deleted to stay within it. Alert history, the audit log and the outbox are kept.",
            "💾 <b>存储已达预算上限</b>：已用 {0}，Storage:MaxSizeMb 为 {1} MB。正在删除最早的{2}数据（自 {3:yyyy-MM-dd} UTC 起）以保持在预算之内。告警历史、审计日志和发件队列均保留。"),
        ["storage.tier.raw"] = new("raw", "原始"),
        ["storage.tier.5m"] = new("5-minute", "5 分钟汇总"),
        ["storage.tier.1h"] = new("hourly", "1 小时汇总"),
        ["storage.summary.head"] = new(
            "💾 <b>Storage</b>: {0} on disk, {1} free for reuse, budget {2}",
            "💾 <b>存储</b>：磁盘占用 {0}，可复用空间 {1}，预算 {2}"),
        ["storage.summary.tier"] = new(
            "• {0}: {1} rows, {2}, oldest {3} UTC, kept {4} days",
            "• {0}：{1} 行，{2}，最早 {3} UTC，保留 {4} 天"),
        ["storage.summary.per_poll"] = new(
            "{0} bytes per poll, {1} per value ({2} values per poll)",
            "每次采集 {0} 字节，每个数值 {1} 字节（每次采集 {2} 个数值）"),
        ["storage.summary.legacy"] = new(
            "{0} samples still in the old JSON form (converted at the next start)",
            "仍有 {0} 条旧格式的样本（下次启动时转换）"),
        ["storage.unavailable"] = new(
            "The storage figures cannot be read now; see the monitor's log.",
            "暂时无法读取存储统计；请查看监控程序日志。"),
    };
}
