namespace ChatOpsWatch.Domain.Text;

/// <summary>Texts shared by every area: units and words that many messages use.</summary>
internal static class CoreTexts
{
    public static readonly IReadOnlyDictionary<string, TextEntry> Entries = new Dictionary<string, TextEntry>(StringComparer.Ordinal)
    {
        ["core.list.separator"] = new(", ", "、"),
        ["core.severity.critical"] = new("CRITICAL", "严重"),
        ["core.severity.warning"] = new("WARNING", "警告"),
        ["core.severity.ok"] = new("OK", "正常"),
        ["core.severity.unknown"] = new("UNKNOWN", "未知"),
        ["core.never"] = new("never", "从未"),
        ["core.none"] = new("none", "无"),
    };
}
