using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOpsWatch.Infrastructure.Storage;

/// <summary>A sample's metrics as one compact JSON object. NaN and infinities are kept as JSON strings rather than lost.</summary>
internal static class MetricsJson
{
    public static string Write(IReadOnlyDictionary<string, double> values) =>
        JsonSerializer.Serialize(values, MetricsJsonContext.Default.IReadOnlyDictionaryStringDouble);

    public static Dictionary<string, double> Read(string json) =>
        JsonSerializer.Deserialize(json, MetricsJsonContext.Default.DictionaryStringDouble)
        ?? throw new JsonException("a sample's metrics are JSON null");
}

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(IReadOnlyDictionary<string, double>))]
[JsonSerializable(typeof(Dictionary<string, double>))]
internal sealed partial class MetricsJsonContext : JsonSerializerContext;
