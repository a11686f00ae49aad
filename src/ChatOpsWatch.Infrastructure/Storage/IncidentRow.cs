using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Incidents;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>An <c>incidents</c> row (schema v6) as Dapper reads it, and the SQL that writes it. It stores what <see cref="IncidentLifecycle"/> decided.</summary>
internal sealed record IncidentRow
{
    public const string Select = """
        SELECT id AS Id, node AS Node, tags AS Tags, rule_id AS RuleId, series AS Series, security AS Security,
               severity AS Severity, max_severity AS MaxSeverity, firing_since AS FiringSince, opened_at AS OpenedAt,
               resolved_at AS ResolvedAt, detail AS Detail, resolved_detail AS ResolvedDetail, detail_en AS DetailEn, detail_zh AS DetailZh,
               resolved_detail_en AS ResolvedDetailEn, resolved_detail_zh AS ResolvedDetailZh, acked_by AS AckedBy,
               acked_at AS AckedAt, muted_until AS MutedUntil, muted_by AS MutedBy, chat_id AS ChatId, message_id AS MessageId
        FROM incidents
        """;

    /// <summary>A new incident under the id the lifecycle gave it (<see cref="IncidentSql"/> reserved it in the same transaction).</summary>
    public const string Insert = """
        INSERT INTO incidents (id, node, tags, rule_id, series, security, severity, max_severity, firing_since, opened_at,
                               detail, detail_en, detail_zh, chat_id, last_text, updated_at)
        VALUES (@Id, @Node, @Tags, @RuleId, @Series, @Security, @Severity, @MaxSeverity, @FiringSince, @OpenedAt,
                @Detail, @DetailEn, @DetailZh, @ChatId, @LastText, @Now);
        """;

    /// <summary>
    /// The id the next incident takes: past every id ever given (AUTOINCREMENT's sequence), so an old message's buttons
    /// never reach a new incident.
    /// </summary>
    public const string NextId = """
        SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'incidents'), 0), COALESCE((SELECT MAX(id) FROM incidents), 0)) + 1;
        """;

    /// <summary>Everything that moves during an episode; message_id is only written by the outbox, on delivery.</summary>
    public const string Update = """
        UPDATE incidents SET severity = @Severity, max_severity = @MaxSeverity, resolved_at = @ResolvedAt, detail = @Detail,
               resolved_detail = @ResolvedDetail, detail_en = @DetailEn, detail_zh = @DetailZh,
               resolved_detail_en = @ResolvedDetailEn, resolved_detail_zh = @ResolvedDetailZh, acked_by = @AckedBy, acked_at = @AckedAt, muted_until = @MutedUntil,
               muted_by = @MutedBy, last_text = @LastText, updated_at = @Now
        WHERE id = @Id;
        """;

    public long Id { get; init; }

    public string Node { get; init; } = "";

    public string Tags { get; init; } = "";

    public string RuleId { get; init; } = "";

    public string Series { get; init; } = "";

    public long Security { get; init; }

    public long Severity { get; init; }

    public long MaxSeverity { get; init; }

    public long? FiringSince { get; init; }

    public long OpenedAt { get; init; }

    public long? ResolvedAt { get; init; }

    public string Detail { get; init; } = "";

    public string? ResolvedDetail { get; init; }

    public string? DetailEn { get; init; }

    public string? DetailZh { get; init; }

    public string? ResolvedDetailEn { get; init; }

    public string? ResolvedDetailZh { get; init; }

    public string? AckedBy { get; init; }

    public long? AckedAt { get; init; }

    public long? MutedUntil { get; init; }

    public string? MutedBy { get; init; }

    public long? ChatId { get; init; }

    public long? MessageId { get; init; }

    public static object Args(Incident i, DateTimeOffset now, string? lastText = null) => new
    {
        i.Id,
        i.Node,
        i.Tags,
        i.RuleId,
        i.Series,
        i.Security,
        Severity = (int)i.Severity,
        MaxSeverity = (int)i.MaxSeverity,
        FiringSince = UnixMs.Of(i.FiringSince),
        OpenedAt = UnixMs.Of(i.OpenedAt),
        ResolvedAt = UnixMs.Of(i.ResolvedAt),
        i.Detail,
        i.ResolvedDetail,
        DetailEn = i.Details?.En,
        DetailZh = i.Details?.ZhCn,
        ResolvedDetailEn = i.ResolvedDetails?.En,
        ResolvedDetailZh = i.ResolvedDetails?.ZhCn,
        i.AckedBy,
        AckedAt = UnixMs.Of(i.AckedAt),
        MutedUntil = UnixMs.Of(i.MutedUntil),
        i.MutedBy,
        i.ChatId,
        LastText = lastText,
        Now = UnixMs.Of(now),
    };

    public Incident ToIncident() => new(
        Id,
        Node,
        Tags,
        RuleId,
        Series,
        Security != 0,
        (Severity)Severity,
        (Severity)MaxSeverity,
        UnixMs.At(FiringSince),
        UnixMs.At(OpenedAt),
        UnixMs.At(ResolvedAt),
        Detail,
        ResolvedDetail,
        AckedBy,
        UnixMs.At(AckedAt),
        UnixMs.At(MutedUntil),
        MutedBy,
        ChatId,
        MessageId)
    {
        Details = Both(DetailEn, DetailZh),
        ResolvedDetails = Both(ResolvedDetailEn, ResolvedDetailZh),
    };

    private static TextEntry? Both(string? en, string? zh) => en is null || zh is null ? null : new(en, zh);
}
