namespace ChatOpsWatch.Domain.Text;

/// <summary>The InfluxDB archive's notices (issue 14).</summary>
internal static class ArchiveTexts
{
    public static readonly IReadOnlyDictionary<string, TextEntry> Entries = new Dictionary<string, TextEntry>(StringComparer.Ordinal)
    {
        ["archive.spool_full"] = new(
            "🗄️ <b>InfluxDB archive spool full</b>: it reached its bound of {0} MB (Archive:Influx:MaxSpoolMb) while InfluxDB could not take the points ({1}). New points are dropped and counted until it drains: {2} so far. The local database keeps every sample.",
            "🗄️ <b>InfluxDB 归档缓冲区已满</b>：已达上限 {0} MB（Archive:Influx:MaxSpoolMb），InfluxDB 无法接收数据点（{1}）。在缓冲区排空之前，新的数据点将被丢弃并计数：目前已丢弃 {2} 个。本地数据库仍保存全部样本。"),
        // {1} of archive.spool_full in languages other than English, where InfluxDB's own (English) error is not quoted.
        ["archive.error.status"] = new("HTTP {0}", "HTTP {0}，错误详情见监控日志"),
        ["archive.error.in_log"] = new("the error is in the log", "错误详情见监控日志"),
        ["archive.spool_room"] = new(
            "✅ <b>InfluxDB archive spool has room again</b>: {0} point(s) were dropped while it was full (since {1} UTC); they are missing from InfluxDB, not from the local database.",
            "✅ <b>InfluxDB 归档缓冲区已恢复空间</b>：缓冲区满期间（自 {1} UTC 起）丢弃了 {0} 个数据点；它们在 InfluxDB 中缺失，本地数据库中仍然保留。"),
    };
}
