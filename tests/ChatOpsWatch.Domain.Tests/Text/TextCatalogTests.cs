using System.Text.RegularExpressions;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Tests.Text;

public sealed partial class TextCatalogTests
{
    [Fact]
    public void Entries_EveryKey_HasBothLanguagesWithTheSamePlaceholders()
    {
        Assert.NotEmpty(TextCatalog.Entries);
        foreach (var (key, entry) in TextCatalog.Entries)
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.En), $"{key}: English text is empty");
            Assert.False(string.IsNullOrWhiteSpace(entry.ZhCn), $"{key}: Chinese text is empty");
            Assert.True(Placeholders(entry.En).SetEquals(Placeholders(entry.ZhCn)), $"{key}: placeholders differ between en and zh-CN");
            Assert.True(entry.En != entry.ZhCn || !entry.En.Any(char.IsAsciiLetter), $"{key}: zh-CN is the English text copied");
        }
    }

    [Fact]
    public void Entries_EveryTemplate_FormatsWithItsPlaceholders()
    {
        foreach (var (key, entry) in TextCatalog.Entries)
        {
            var count = Placeholders(entry.En).Select(p => int.Parse(p.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture) + 1).DefaultIfEmpty(0).Max();
            var args = Enumerable.Range(0, count).Select(i => (object)i).ToArray();
            var en = TextCatalog.English.Format(key, args);
            var zh = TextCatalog.Chinese.Format(key, args);
            Assert.False(string.IsNullOrEmpty(en));
            Assert.False(string.IsNullOrEmpty(zh));
        }
    }

    [Fact]
    public void Indexer_UnknownKey_ThrowsNamingIt()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => TextCatalog.English["no.such.key"]);
        Assert.Contains("no.such.key", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", Language.En)]
    [InlineData("zh-CN", Language.ZhCn)]
    [InlineData("ZH-cn", Language.ZhCn)]
    [InlineData("zh-Hans", Language.ZhCn)]
    public void TryParse_KnownCode_GivesLanguage(string code, Language expected)
    {
        Assert.True(LanguageCodes.TryParse(code, out var language));
        Assert.Equal(expected, language);
    }

    [Fact]
    public void TryParse_UnknownCode_Fails() => Assert.False(LanguageCodes.TryParse("fr", out _));

    private static HashSet<string> Placeholders(string template) =>
        [.. PlaceholderPattern().Matches(template).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"(?<!\{)\{(\d+(?::[^}]*)?)\}")]
    private static partial Regex PlaceholderPattern();
}
