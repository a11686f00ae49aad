using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>An <c>alert_state</c> row as Dapper reads it; the SQL that reads and writes it lives beside it.</summary>
internal sealed record AlertStateRow
{
    public const string Select = """
        SELECT node AS Node, rule_id AS RuleId, series AS Series, severity AS Severity,
               warning_streak AS WarningStreak, critical_streak AS CriticalStreak,
               firing_since AS FiringSince, last_value AS LastValue, updated_at AS UpdatedAt
        FROM alert_state
        """;

    public const string Upsert = """
        INSERT INTO alert_state (node, rule_id, series, severity, warning_streak, critical_streak, firing_since, last_value, updated_at)
        VALUES (@Node, @RuleId, @Series, @Severity, @WarningStreak, @CriticalStreak, @FiringSince, @LastValue, @UpdatedAt)
        ON CONFLICT (node, rule_id, series) DO UPDATE SET
            severity = excluded.severity, warning_streak = excluded.warning_streak,
            critical_streak = excluded.critical_streak, firing_since = excluded.firing_since,
            last_value = excluded.last_value, updated_at = excluded.updated_at;
        """;

    public string Node { get; init; } = "";

    public string RuleId { get; init; } = "";

    public string Series { get; init; } = "";

    public long Severity { get; init; }

    public long WarningStreak { get; init; }

    public long CriticalStreak { get; init; }

    public long? FiringSince { get; init; }

    public double? LastValue { get; init; }

    public long UpdatedAt { get; init; }

    public static object Args(AlertState s) => new
    {
        s.Node,
        s.RuleId,
        s.Series,
        Severity = (int)s.Severity,
        s.WarningStreak,
        s.CriticalStreak,
        FiringSince = UnixMs.Of(s.FiringSince),
        s.LastValue,
        UpdatedAt = UnixMs.Of(s.UpdatedAt),
    };

    public AlertState ToState() => new(
        Node,
        RuleId,
        Series,
        (Severity)Severity,
        checked((int)WarningStreak),
        checked((int)CriticalStreak),
        UnixMs.At(FiringSince),
        LastValue,
        UnixMs.At(UpdatedAt));
}

/// <summary>A node with its latest sample, if any, as the fleet query reads it.</summary>
internal sealed record FleetRow
{
    // The correlated subquery is one seek on the points key (node_id, at) per node, instead of a scan of every
    // sample that a GROUP BY MAX(at) would need.
    public const string Select = """
        SELECT n.name AS Name, n.provider AS Provider, n.region AS Region, n.role AS Role,
               n.interval_ms AS IntervalMs, n.legacy_ssh AS LegacySsh, p.at AS SampleAt, p.data AS Data
        FROM nodes n
        LEFT JOIN node_ids i ON i.name = n.name
        LEFT JOIN points p ON p.node_id = i.id AND p.at = (SELECT max(at) FROM points WHERE node_id = i.id)
        WHERE n.retired_at IS NULL
        ORDER BY n.name;
        """;

    public string Name { get; init; } = "";

    public string Provider { get; init; } = "";

    public string Region { get; init; } = "";

    public long Role { get; init; }

    public long IntervalMs { get; init; }

    public long LegacySsh { get; init; }

    public long? SampleAt { get; init; }

    public byte[]? Data { get; init; }

    public NodeInfo ToNode() => new(Name, Provider, Region, (NodeRole)Role, TimeSpan.FromMilliseconds(IntervalMs)) { LegacySshAllowed = LegacySsh != 0 };

    public Sample? ToSample(Func<byte[], IReadOnlyDictionary<string, double>> decode) =>
        SampleAt is { } at && Data is { } data ? new Sample(Name, UnixMs.At(at), decode(data)) : null;
}
