namespace ChatOpsWatch.Domain.Indicators;

/// <summary>How a value is written in /status and chart captions.</summary>
public enum ValueFormat
{
    /// <summary>"87 %".</summary>
    Pct,

    /// <summary>"12.5 ms".</summary>
    Ms,

    /// <summary>"1.25" (invariant, at most two decimals).</summary>
    Num,

    /// <summary>"1.5 MiB".</summary>
    Size,
}

/// <summary>Where /status shows an indicator.</summary>
public enum StatusPlacement
{
    /// <summary>Not shown in /status (charts and alerts only).</summary>
    None,

    /// <summary>Part of a hand-written line of its layer that shows several indicators together (the CPU line, a disk's line).</summary>
    Grouped,

    /// <summary>A line of its own in the system layer: "title: value".</summary>
    Line,
}

/// <summary>
/// How an indicator is shown: <see cref="ShortName"/> is what /chart accepts for it (<c>/chart web-1 conntrack</c>),
/// <see cref="Format"/> how its values are written, <see cref="Status"/> where /status shows it.
/// </summary>
public sealed record IndicatorDisplay(ValueFormat Format, StatusPlacement Status = StatusPlacement.None, string? ShortName = null);
