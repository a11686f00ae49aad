namespace ChatOpsWatch.Domain.Indicators;

/// <summary>What kind of quantity an indicator is: it decides the scale its deviations are judged on.</summary>
public enum IndicatorKind
{
    /// <summary>A share of a whole, 0-100.</summary>
    Percent,

    /// <summary>Events counted since the previous poll (errors, drops, OOM kills).</summary>
    Counter,

    /// <summary>Per second (bytes/s, IOPS, segments/s): multiplicative, heavy-tailed noise, judged on a log scale.</summary>
    Rate,

    /// <summary>Milliseconds: heavy-tailed upwards, judged on a log scale.</summary>
    Latency,

    /// <summary>A value as it is now (load, seconds, 0/1 flags, sizes).</summary>
    Level,

    /// <summary>How many things there are now (CPUs, connections, processes, failed units).</summary>
    Count,
}
