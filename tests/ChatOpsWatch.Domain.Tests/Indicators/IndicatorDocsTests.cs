using System.Text.RegularExpressions;
using ChatOpsWatch.Domain.Indicators;

namespace ChatOpsWatch.Domain.Tests.Indicators;

/// <summary>docs/indicators.md's metric tables list exactly the catalogue, and name each default rule on its row.</summary>
public sealed partial class IndicatorDocsTests
{
    [Fact]
    public void DocsTables_ListExactlyTheCatalogue()
    {
        var rows = MetricRows();
        var documented = rows.SelectMany(r => r.Names).ToHashSet(StringComparer.Ordinal);

        Assert.Equal("", string.Join(", ", IndicatorCatalog.All.Select(i => i.Name).Where(n => !documented.Contains(n)))); // undocumented
        Assert.Equal("", string.Join(", ", documented.Where(n => IndicatorCatalog.Find(n) is null))); // documented, not declared
    }

    [Fact]
    public void DocsTables_NameEverySeedRuleOnItsIndicatorsRow()
    {
        var rows = MetricRows();
        foreach (var indicator in IndicatorCatalog.All.Where(i => i.Rules.Seed is not null))
        {
            // An indicator measured two ways (loss by ICMP and by TCP) has two rows; one of them names the rule.
            var lines = rows.Where(r => r.Names.Contains(indicator.Name)).Select(r => r.Line).ToList();
            Assert.Contains(lines, l => l.Contains($"`{indicator.Name}`: default rule `{indicator.Rules.Seed!.Id}`", StringComparison.Ordinal));
        }
    }

    /// <summary>The rows of every table whose first column is "metric": the backticked names in that column, labels cut off.</summary>
    private static List<(string Line, string[] Names)> MetricRows()
    {
        var rows = new List<(string, string[])>();
        var inTable = false;
        foreach (var line in File.ReadAllLines(Path.Combine(Root(), "docs", "indicators.md")))
        {
            if (!line.StartsWith('|'))
            {
                inTable = false;
                continue;
            }

            var first = line.Split('|')[1].Trim();
            if (first == "metric")
            {
                inTable = true;
                continue;
            }

            if (inTable && !first.StartsWith("---", StringComparison.Ordinal))
            {
                rows.Add((line, [.. Backticked().Matches(first).Select(m => m.Groups[1].Value)]));
            }
        }

        return rows;
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatOpsWatch.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ChatOpsWatch.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"`([a-z0-9_.]+)(\{[^`]*\})?`")]
    private static partial Regex Backticked();
}
