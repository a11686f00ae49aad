using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Io;
using ChatOpsWatch.Domain.Indicators;
using ChatOpsWatch.Domain.Probing;
using ChatOpsWatch.Domain.Samples;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Engine.Live;

/// <summary>
/// One rule the live engine applies to a series. <see cref="Definition"/> is what the rule was built from
/// (a configured <see cref="ThresholdRule"/> or a default rule's id): when it changes on a configuration
/// reload the series gets a fresh source but keeps its lifecycle state.
/// </summary>
public sealed record LiveRule(string Id, string Title, RuleTiming Timing, Func<ISignalSource> NewSource, object Definition)
{
    /// <summary>
    /// The catalogue key that names a rule the product made up (a seed rule's title, learned rules, I/O early
    /// warnings), with <see cref="TitleArgument"/> (or the text of <see cref="TitleArgumentKey"/>) as its
    /// placeholder; null when an operator titled the rule, since that title is theirs. <see cref="Title"/> is the
    /// English rendering.
    /// </summary>
    public string? TitleKey { get; init; }

    public string TitleArgument { get; init; } = "";

    /// <summary>Info-tier rules are stepped and persisted like the others, and never page (<see cref="LiveEngine"/>).</summary>
    public RuleTier Tier { get; init; } = RuleTier.Page;

    public string? TitleArgumentKey { get; init; }

    /// <summary>The rule's name as an alert shows it in <paramref name="texts"/>' language.</summary>
    public string TitleIn(TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return TitleKey is null ? Title : texts.Format(TitleKey, TitleArgumentKey is { } key ? texts[key] : TitleArgument);
    }

    /// <summary>
    /// The rules of one metric: every configured threshold rule on it (the seed's CPU/memory/disk defaults unless
    /// Alerts:Rules overrides them), plus the learned rules <see cref="DefaultRules"/> gives that metric (hour-of-day
    /// baseline for CPU and memory, fill forecast for disk). DefaultRules' static "full" level is left out: the
    /// configured disk threshold is that rule. Learned rules only apply to metrics some threshold rule watches.
    /// </summary>
    public static IReadOnlyList<LiveRule> For(string metricKey, MonitorSettings settings, EngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        options ??= EngineOptions.Default;
        var metric = MetricKey.NameOf(metricKey);
        var rules = new List<LiveRule>();
        var statics = settings.Rules.Where(r => r.Metric == metric).ToList();
        foreach (var rule in statics)
        {
            var recovery = options.RecoveryOf(rule.Id);
            var live = Configured(rule)
                ?? new LiveRule(rule.Id, rule.Title, Threshold, ThresholdSource(rule, recovery, metric), recovery is null ? rule : new RecoveredThreshold(rule, recovery));
            rules.Add(live with { TitleKey = SeedTitleKey(rule) });
        }

        if (options.IoEarlyWarning && IoTrendOptions.Watches(metric))
        {
            rules.AddRange(IoRules(metricKey, metric));
        }

        // A percentage rule at Warning = Critical = 100 can never fire: that is how an operator switches a metric
        // off, so its learned rules go quiet with it (other units have no such ceiling, and keep theirs).
        if (statics.Count > 0 && statics.All(SwitchedOff))
        {
            return rules;
        }

        // A series no threshold watches gets no live rule. Giving each its kind's info shift (as `evaluate`'s "engine
        // defaults" do) found traffic drops and packet loss on the corpus, but a shift source keeps a 14-day hour
        // profile (about 12 KB): at 40 such series a node, 200 nodes took 311 MB instead of about 170 (issue 10's
        // budget is 300 MB at 1,000 nodes). A leaner profile comes first.
        if (rules.Count == 0 || !Learned(metric))
        {
            return rules;
        }

        var (title, titleKey) = (rules[0].Title, rules[0].TitleKey);
        foreach (var learned in DefaultRules.For(metric).Where(r => !r.Id.EndsWith(":full", StringComparison.Ordinal)))
        {
            var key = "reason.rule." + learned.Id[(learned.Id.LastIndexOf(':') + 1)..];
            rules.Add(new LiveRule(learned.Id, TextCatalog.English.Format(key, title), learned.Timing, learned.NewSource, learned.Id)
            {
                TitleKey = key,
                TitleArgument = title,
                TitleArgumentKey = titleKey,
                Tier = learned.Tier,
            });
        }

        return rules;
    }

    /// <summary>The rule was built from a configured threshold rule (with or without its own recovery levels).</summary>
    public bool IsThreshold => Definition is ThresholdRule { Kind: RuleKind.Threshold, Direction: Direction.Above } or RecoveredThreshold;

    /// <summary>An absence rule: a poll that failed as a whole says nothing about the series (the node's own alert covers it).</summary>
    public bool IsAbsence => Definition is ThresholdRule { Kind: RuleKind.Absence };

    /// <summary>Warning and critical at or above 100 % on a percentage: the rule never fires.</summary>
    public static bool SwitchedOff(ThresholdRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Metric.EndsWith("_pct", StringComparison.Ordinal) && rule.Warning >= 100 && rule.Critical >= 100;
    }

    /// <summary>Streaks do the "for": the machine fires on the first held signal and resolves at once below the recovery level.</summary>
    public static RuleTiming Threshold { get; } = RuleTiming.Immediate;

    /// <summary>
    /// A rule of another kind than "above a level" (below, rate, absence, baseline) as an engine rule: its WarningFor
    /// samples in a row (M of M) hold it, and CriticalFor is not used. Null for the plain above-threshold rule, which
    /// keeps its per-tier streaks (<see cref="StreakThresholdSource"/>).
    /// </summary>
    private static LiveRule? Configured(ThresholdRule rule)
    {
        if (rule.Kind == RuleKind.Threshold && rule.Direction == Direction.Above)
        {
            return null;
        }

        var timing = rule.WarningFor > 1 ? new RuleTiming(TimeSpan.Zero, rule.WarningFor, rule.WarningFor) : RuleTiming.Immediate;
        var levels = new Levels(rule.Direction, rule.Warning, rule.Critical);
        Func<ISignalSource> source = rule.Kind switch
        {
            RuleKind.Rate => () => new RateSource(levels, rule.Window ?? TimeSpan.FromMinutes(5)),
            RuleKind.Absence => () => new AbsenceSource(),
            RuleKind.Baseline => () => new BaselineSource(new BaselineOptions(rule.Tolerance, rule.Warning, rule.Critical)),
            _ => () => new ThresholdSource(levels, Worded(rule.Metric)),
        };
        return new LiveRule(rule.Id, rule.Title, timing, source, rule);
    }

    private static IEnumerable<LiveRule> IoRules(string metricKey, string metric)
    {
        var device = MetricKey.Label(metricKey, "device") ?? "?";
        var key = metric == SystemMetricNames.DiskIoQueue ? "reason.rule.io.queue"
            : metric == SystemMetricNames.DiskIoReadAwaitMs ? "reason.rule.io.read_await"
            : "reason.rule.io.write_await";
        return DefaultRules.For(metric).Select(r => new LiveRule(r.Id, TextCatalog.English.Format(key, device), r.Timing, r.NewSource, r.Id)
        {
            TitleKey = key,
            TitleArgument = device,
            Tier = r.Tier,
        });
    }

    /// <summary>
    /// An upward threshold's source. The seed's own CPU levels, as shipped, fall back to the learned baseline once it
    /// knows the hour (<see cref="SeedFallbackSource"/>): a busy CPU is slow, not broken, and a nightly job is normal.
    /// Memory and disk are capacities that run out whatever is usual, so their levels, and levels an operator set, hold always.
    /// </summary>
    private static Func<ISignalSource> ThresholdSource(ThresholdRule rule, RecoveryLevels? recovery, string metric)
    {
        if (IndicatorCatalog.Find(metric)?.Rules is { SeedWindow: { } window, Seed: { } seed } && seed.Id == rule.Id)
        {
            return () => new WindowMeanSource(rule, recovery, window);
        }

        return metric == MetricNames.CpuBusyPct && ThresholdRule.Defaults.Contains(rule)
            ? () => new SeedFallbackSource(new StreakThresholdSource(rule, recovery))
            : () => new StreakThresholdSource(rule, recovery);
    }

    /// <summary>The indicators whose reasons the catalogue words itself (<c>reason.worded.METRIC.down</c>); null for the rest.</summary>
    private static string? Worded(string metric) =>
        TextCatalog.Entries.ContainsKey($"reason.worded.{metric}.down") ? metric : null;

    /// <summary>The catalogue key of a seed rule's title ("Memory"), unless the operator gave the rule their own.</summary>
    private static string? SeedTitleKey(ThresholdRule rule) =>
        ThresholdRule.Defaults.Any(d => d.Id == rule.Id && d.Title == rule.Title) && TextCatalog.Entries.ContainsKey("reason.title." + rule.Id)
            ? "reason.title." + rule.Id
            : null;

    /// <summary>An indicator that ships with a seed rule gets its other default rules live too.</summary>
    private static bool Learned(string metric) => IndicatorCatalog.Find(metric)?.Rules.Seed is not null;
}

/// <summary>A threshold rule with configured recovery levels: a change of either gives the series a fresh source.</summary>
public sealed record RecoveredThreshold(ThresholdRule Rule, RecoveryLevels Recovery);
