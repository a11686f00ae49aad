using System.Text.Json;
using System.Text.Json.Serialization;
using ChatOpsWatch.Domain.Engine;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Engine.Policy;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>An <c>engine_state</c> row as Dapper reads it; the SQL that reads and writes it lives beside it.</summary>
internal sealed record EngineStateRow
{
    public const string Select = """
        SELECT node AS Node, series AS Series, rule_id AS RuleId, state AS State, updated_at AS UpdatedAt
        FROM engine_state WHERE node = @node;
        """;

    public const string Upsert = """
        INSERT INTO engine_state (node, series, rule_id, state, updated_at)
        VALUES (@Node, @Series, @RuleId, @State, @UpdatedAt)
        ON CONFLICT (node, series, rule_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at;
        """;

    public string Node { get; init; } = "";

    public string Series { get; init; } = "";

    public string RuleId { get; init; } = "";

    public string State { get; init; } = "";

    public long UpdatedAt { get; init; }

    public static object Args(EngineAlert a) => new
    {
        a.Node,
        a.Series,
        a.RuleId,
        State = JsonSerializer.Serialize(new EngineStateJson(a.State, a.Ledger, a.LastValue), EngineStateJsonContext.Default.EngineStateJson),
        UpdatedAt = UnixMs.Of(a.UpdatedAt),
    };

    public EngineAlert ToAlert()
    {
        var json = JsonSerializer.Deserialize(State, EngineStateJsonContext.Default.EngineStateJson)
            ?? throw new JsonException($"engine state of {Node}/{Series}/{RuleId} is JSON null");
        return new EngineAlert(Node, Series, RuleId, json.State, json.Ledger, json.LastValue, UnixMs.At(UpdatedAt));
    }
}

internal sealed record EngineStateJson(RuleState State, NotifyLedger Ledger, double? LastValue);

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(EngineStateJson))]
internal sealed partial class EngineStateJsonContext : JsonSerializerContext;
