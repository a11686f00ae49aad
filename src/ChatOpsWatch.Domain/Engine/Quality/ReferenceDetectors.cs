using ChatOpsWatch.Domain.Alerts;

namespace ChatOpsWatch.Domain.Engine.Quality;

/// <summary>
/// The detectors the engine's defaults are compared with, applied alike to every series whatever its unit (as a
/// new user pointing them at an export would): the seed's static rule, the seed's "sustained 10 minutes" fix, and
/// a rolling mean + 3σ over 10 minutes.
/// </summary>
public static class ReferenceDetectors
{
    private static EngineRule Seed { get; } = new(
        "seed-static",
        RuleTiming.Immediate,
        () => new Live.StreakThresholdSource(new ThresholdRule("seed", "any", "seed", 70, 1, 85, 5)));

    private static EngineRule Sustained { get; } = new(
        "sustained-10m",
        new RuleTiming(TimeSpan.FromMinutes(10)),
        () => new ThresholdSource(new Levels(Direction.Above, 70, 85)));

    private static EngineRule Rolling { get; } = new("rolling-3sigma", RuleTiming.Immediate, () => new RollingSigmaSource(TimeSpan.FromMinutes(10), 3));

    // Declared after the rules it lists: static initialisers run in order.
    public static IReadOnlyList<(string Name, Func<string, IReadOnlyList<EngineRule>> Rules)> All { get; } =
    [
        ("seed static rule (>70 % warning, 5 × >85 % critical)", _ => [Seed]),
        ("seed \"sustained 10 min\" (>70 % for 10 min)", _ => [Sustained]),
        ("rolling mean + 3σ over 10 min", _ => [Rolling]),
        ("engine defaults", DefaultRules.For),
        ("live defaults (what the monitor runs)", Live),
    ];

    /// <summary>The rules the live engine gives a series on the product's defaults: seed thresholds plus learned rules.</summary>
    private static IReadOnlyList<EngineRule> Live(string metric) =>
        [.. Engine.Live.LiveRule.For(metric, MonitorSettings.Default, Engine.Live.EngineOptions.Default).Select(r => new EngineRule(r.Id, r.Timing, r.NewSource, r.Tier))];
}
