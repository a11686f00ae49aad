using System.Globalization;

namespace ChatOpsWatch.Domain.Text;

/// <summary>
/// Every user-facing chat text, in English and Simplified Chinese. Each area of the product keeps its keys in its
/// own <c>&lt;Area&gt;Texts</c> class, listed in <see cref="Areas"/>. A missing key is a programming error and
/// throws; <c>TextCatalogTests</c> checks that every key has both languages with the same placeholders.
/// </summary>
public sealed class TextCatalog
{
    /// <summary>The areas whose texts make up the catalogue. Add one line per area.</summary>
    internal static readonly IReadOnlyList<IReadOnlyDictionary<string, TextEntry>> Areas =
    [
        CoreTexts.Entries,
        ReportTexts.Entries,
        NodeAdminTexts.Entries,
        ChatTexts.Entries,
        CommandTexts.Entries,
        MuteTexts.Entries,
        DeliveryTexts.Entries,
        SelfWatchTexts.Entries,
        ArchiveTexts.Entries,
        HostKeyTexts.Entries,
        CommandsTexts.Entries,
        IncidentTexts.Entries,
        CorrelationTexts.Entries,
        EngineReportTexts.Entries,
        EngineReasonTexts.Entries,
        RetentionTexts.Entries,
        ProbeErrorTexts.Entries,
        Indicators.IndicatorCatalog.Texts,
    ];

    private static readonly Lazy<Dictionary<string, TextEntry>> AllEntries = new(Merge);

    public static readonly TextCatalog English = new(Language.En);

    public static readonly TextCatalog Chinese = new(Language.ZhCn);

    private TextCatalog(Language language) => Language = language;

    public Language Language { get; }

    /// <summary>Every key with its two texts, for tests and tools.</summary>
    public static IReadOnlyDictionary<string, TextEntry> Entries => AllEntries.Value;

    public static TextCatalog For(Language language) => language == Language.ZhCn ? Chinese : English;

    /// <summary>The raw template of <paramref name="key"/> in this language.</summary>
    public string this[string key] => Entries.TryGetValue(key, out var entry)
        ? entry.In(Language)
        : throw new KeyNotFoundException($"The message catalogue has no text '{key}'.");

    /// <summary>The text of <paramref name="key"/> with its placeholders filled, formatted with the invariant culture.</summary>
    public string Format(string key, params object?[] args) => string.Format(CultureInfo.InvariantCulture, this[key], args);

    /// <summary>Items of a list in a sentence: "a, b" in English, "a、b" in Chinese (an ASCII comma reads wrong there).</summary>
    public string List(IEnumerable<string> items) => string.Join(this["core.list.separator"], items);

    private static Dictionary<string, TextEntry> Merge()
    {
        var all = new Dictionary<string, TextEntry>(StringComparer.Ordinal);
        foreach (var area in Areas)
        {
            foreach (var (key, entry) in area)
            {
                if (!all.TryAdd(key, entry))
                {
                    throw new InvalidOperationException($"The message catalogue defines '{key}' twice.");
                }
            }
        }

        return all;
    }
}
