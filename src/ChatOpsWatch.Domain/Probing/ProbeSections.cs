using ChatOpsWatch.Domain.Indicators;

namespace ChatOpsWatch.Domain.Probing;

/// <summary>
/// One section of the probe's output. <see cref="Once"/>: at most one line per output (a second one is an error).
/// <see cref="Expected"/>: every probe of version <see cref="Since"/> or later prints it, as values or as an
/// 'unavailable' line, so its absence is noted. <see cref="Gauge"/> is set for a section that carries one catalogue
/// indicator (<see cref="IndicatorCatalog"/>); such a section is optional, a node without it has no value.
/// </summary>
public sealed record ProbeSection(string Name, int Since, bool Once, bool Expected, ProbeGauge? Gauge = null);

/// <summary>
/// The one table of probe sections: probe.sh prints them, <see cref="ProbeParser"/> reads them, and
/// <c>ProbeSectionsTests</c> checks that the script prints no section this table lacks.
/// </summary>
public static class ProbeSections
{
    private static readonly ProbeSection[] Builtin =
    [
        new("clock", 1, Once: true, Expected: true),
        new("uptime", 1, Once: true, Expected: true),
        new("boot", 1, Once: true, Expected: true),
        new("cpu", 1, Once: true, Expected: true),
        new("ncpu", 1, Once: true, Expected: true),
        new("load", 1, Once: true, Expected: true),
        new("mem", 1, Once: true, Expected: true),
        new("disk", 1, Once: false, Expected: true), // one line per mount
        new("dio", 2, Once: false, Expected: true), // one line per device
        new("net", 2, Once: false, Expected: true), // one line per interface
        new("tcp", 2, Once: true, Expected: true),
        new("tw", 2, Once: true, Expected: true),
        new("oom", 2, Once: true, Expected: true),
        new("systemd", 2, Once: true, Expected: true),
        new("proc", 2, Once: false, Expected: false), // only for the configured process names
        new("port", 2, Once: false, Expected: false), // only for the configured ports
    ];

    /// <summary>Every section, the catalogue's gauge sections after the built-in ones.</summary>
    public static IReadOnlyList<ProbeSection> All { get; } =
    [
        .. Builtin,
        .. IndicatorCatalog.Gauges.Select(i => new ProbeSection(i.Probe!.Section, 2, Once: true, Expected: false, i.Probe)),
    ];

    private static readonly Dictionary<string, ProbeSection> ByName = All.ToDictionary(s => s.Name, StringComparer.Ordinal);

    /// <summary>The section a line starts with; null for a section from a newer probe (ignored, so old monitors keep working).</summary>
    public static ProbeSection? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The sections a probe of <paramref name="version"/> always prints.</summary>
    public static IEnumerable<ProbeSection> ExpectedIn(int version) => All.Where(s => s.Expected && s.Since <= version);
}
