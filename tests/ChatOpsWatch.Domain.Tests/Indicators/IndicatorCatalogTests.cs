using ChatOpsWatch.Domain.Indicators;
using ChatOpsWatch.Domain.Probing;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Tests.Probing;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Tests.Indicators;

public sealed class IndicatorCatalogTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 2, 0, 0, TimeSpan.Zero);

    /// <summary>Every recorded probe capture, as the sample it gives on its own and after its earlier capture.</summary>
    public static IEnumerable<Sample> FixtureSamples()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Probing", "Fixtures"), "*.txt").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            yield return SampleCalculator.Compute("n", null, ProbeFixtures.Snapshot(file!), At);
        }

        yield return SampleCalculator.Compute("n", ProbeFixtures.Snapshot(ProbeFixtures.V2Dash), ProbeFixtures.Snapshot(ProbeFixtures.V2DashLater), At);
        yield return SampleCalculator.Compute("n", ProbeFixtures.Snapshot(ProbeFixtures.Debian12), ProbeFixtures.Snapshot(ProbeFixtures.Debian12Later), At);
    }

    [Fact]
    public void Catalogue_EverySeriesTheProbeGivesOnRecordedCaptures_IsDeclaredWithItsLabels()
    {
        var keys = FixtureSamples().SelectMany(s => s.Values.Keys).Distinct().ToList();

        Assert.True(keys.Count > 60, $"only {keys.Count} series from the captures");
        foreach (var key in keys)
        {
            var indicator = IndicatorCatalog.Find(key);
            Assert.True(indicator is not null, $"{key} is not in the indicator catalogue");
            var labels = key.Contains('{', StringComparison.Ordinal) ? key[(key.IndexOf('{', StringComparison.Ordinal) + 1)..^1].Split(',').Select(p => p.Split('=')[0]) : [];
            Assert.All(labels, l => Assert.Contains(l, indicator!.Labels));
        }
    }

    [Fact]
    public void Catalogue_EveryIndicator_HasOneDeclarationAndATitleInBothLanguages()
    {
        Assert.Equal(IndicatorCatalog.All.Count, IndicatorCatalog.All.Select(i => i.Name).Distinct().Count());
        foreach (var indicator in IndicatorCatalog.All)
        {
            Assert.Equal(indicator.Title.En, TextCatalog.English[indicator.TitleKey]);
            Assert.Equal(indicator.Title.ZhCn, TextCatalog.Chinese[indicator.TitleKey]);
            Assert.Matches("[\u4e00-\u9fff]", indicator.Title.ZhCn);
            Assert.DoesNotMatch("[\u4e00-\u9fff]", indicator.Title.En);
        }
    }

    [Fact]
    public void Catalogue_ShortNames_AreUniqueAndNeverAnotherIndicatorsRuleId()
    {
        var shortNames = IndicatorCatalog.All.Select(i => i.Display.ShortName).OfType<string>().ToList();

        Assert.Equal(shortNames.Count, shortNames.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var indicator in IndicatorCatalog.All.Where(i => i.Display.ShortName is not null))
        {
            Assert.All(IndicatorCatalog.Seeds.Where(r => string.Equals(r.Id, indicator.Display.ShortName, StringComparison.OrdinalIgnoreCase)), r => Assert.Equal(indicator.Name, r.Metric));
        }
    }

    [Fact]
    public void Catalogue_SeedRules_WatchTheirOwnIndicatorAndHaveTitlesInBothLanguages()
    {
        foreach (var indicator in IndicatorCatalog.All.Where(i => i.Rules.Seed is not null))
        {
            var seed = indicator.Rules.Seed!;
            Assert.Equal(indicator.Name, seed.Metric);
            Assert.Empty(seed.Problems());
            Assert.Equal(seed.Title, TextCatalog.English["reason.title." + seed.Id]);
            Assert.Matches("[\u4e00-\u9fff]", TextCatalog.Chinese["reason.title." + seed.Id]);
        }
    }

    [Fact]
    public void GaugeIndicators_AreReadFromARecordedCaptureAndAbsentFromCapturesWithoutTheirSection()
    {
        foreach (var indicator in IndicatorCatalog.Gauges)
        {
            var section = indicator.Probe!.Section;
            var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Probing", "Fixtures"), "*.txt").Select(Path.GetFileName).OfType<string>().ToList();
            var with = files.Where(f => ProbeFixtures.Read(f).Split('\n').Any(l => l.StartsWith(section + " ", StringComparison.Ordinal))).ToList();
            Assert.True(with.Count > 0, $"no recorded capture has a '{section}' line for {indicator.Name}");
            foreach (var file in files)
            {
                var value = SampleCalculator.Compute("n", null, ProbeFixtures.Snapshot(file), At).Get(indicator.Name);
                if (with.Contains(file))
                {
                    Assert.True(value is { } v && (indicator.Kind != IndicatorKind.Percent || v is >= 0 and <= 100), $"{file}: {indicator.Name} = {value}");
                }
                else
                {
                    Assert.Null(value); // absent is not zero
                }
            }
        }
    }

    [Fact]
    public void GaugeSection_MalformedLine_CostsOnlyItsIndicator()
    {
        foreach (var indicator in IndicatorCatalog.Gauges)
        {
            var section = indicator.Probe!.Section;
            var output = ProbeFixtures.Read(ProbeFixtures.V2Dash).Replace("\nend", $"\n{section} x\nend", StringComparison.Ordinal);

            var snapshot = ProbeFixtures.Parsed(output);

            Assert.Contains(snapshot.Unavailable, u => u.Section == section);
            Assert.Null(SampleCalculator.Compute("n", null, snapshot, At).Get(indicator.Name));
            Assert.NotNull(snapshot.Memory);
        }
    }
}
