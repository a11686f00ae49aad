using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOpsWatch.Domain.Correlation;

/// <summary>
/// The correlator's state as JSON, for storage: a value that grows fields over time, and nothing queries inside it.
/// A missing or unreadable document is an error for the caller to report, never silently an empty state.
/// </summary>
public static class CorrelationStateJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write(CorrelationState state) => JsonSerializer.Serialize(state, Options);

    /// <exception cref="JsonException">The text is not a correlation state.</exception>
    public static CorrelationState Read(string json)
    {
        var state = JsonSerializer.Deserialize<CorrelationState>(json, Options) ?? throw new JsonException("the correlation state is null");
        return state with
        {
            Down = new Dictionary<string, TrackedDown>(state.Down ?? new Dictionary<string, TrackedDown>(), StringComparer.Ordinal),
            Groups = state.Groups ?? [],
        };
    }
}
