namespace ChatOpsWatch.Domain.Engine.Policy;

/// <summary>What an alert is matched on: its node, its rule, and the node's tags (provider, region, role, …).</summary>
public sealed record AlertLabels(string Node, string Rule, IReadOnlyDictionary<string, string> Tags)
{
    public string? Get(string label) => label switch
    {
        "node" => Node,
        "rule" => Rule,
        _ => Tags.TryGetValue(label, out var v) ? v : null,
    };
}

/// <summary>Label equals value, case-insensitively; a value ending in '*' matches by prefix.</summary>
public sealed record Matcher(string Label, string Value)
{
    public bool Matches(AlertLabels labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var actual = labels.Get(Label);
        return actual is not null && (Value.EndsWith('*')
            ? actual.StartsWith(Value[..^1], StringComparison.OrdinalIgnoreCase)
            : actual.Equals(Value, StringComparison.OrdinalIgnoreCase));
    }

    public static bool All(IReadOnlyList<Matcher> matchers, AlertLabels labels) => matchers.Count > 0 && matchers.All(m => m.Matches(labels));
}

/// <summary>Mutes matching alerts from <see cref="Starts"/> until <see cref="Expires"/> (mandatory), with who and why.</summary>
public sealed record Silence(string Id, IReadOnlyList<Matcher> Matchers, DateTimeOffset Starts, DateTimeOffset Expires, string CreatedBy, string Comment)
{
    public bool Mutes(AlertLabels labels, DateTimeOffset now) => now >= Starts && now < Expires && Matcher.All(Matchers, labels);

    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (Matchers.Count == 0)
        {
            yield return (nameof(Matchers), "at least one matcher is required (a silence never mutes everything)");
        }

        if (Expires <= Starts)
        {
            yield return (nameof(Expires), $"must be after Starts ({Starts:O}), got {Expires:O}");
        }

        if (string.IsNullOrWhiteSpace(CreatedBy))
        {
            yield return (nameof(CreatedBy), "is required: who silenced it");
        }

        if (string.IsNullOrWhiteSpace(Comment))
        {
            yield return (nameof(Comment), "is required: why it is silenced");
        }
    }
}

/// <summary>A weekly recurring window in UTC, e.g. Sundays 02:00 for 3 h. A window may cross midnight.</summary>
public sealed record MaintenanceWindow(string Id, IReadOnlyList<Matcher> Matchers, IReadOnlySet<DayOfWeek> Days, TimeOnly Start, TimeSpan Duration, string CreatedBy, string Comment)
{
    public bool Covers(AlertLabels labels, DateTimeOffset now)
    {
        if (!Matcher.All(Matchers, labels))
        {
            return false;
        }

        var utc = now.UtcDateTime;
        for (var back = 0; back <= (int)Math.Ceiling(Duration.TotalDays); back++)
        {
            var day = utc.Date.AddDays(-back);
            var opens = day + Start.ToTimeSpan();
            if (Days.Contains(day.DayOfWeek) && utc >= opens && utc < opens + Duration)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Someone took an episode (node, rule, firing since): its repeat reminders stop; other notices still go.</summary>
public sealed record Acknowledgement(string Node, string Rule, DateTimeOffset FiringSince, string By, DateTimeOffset At);
