using System.Globalization;

namespace ChatOpsWatch.Testing.FakeBotApi;

/// <summary>
/// One request the fake received, whatever it answered. JSON string parameters are stored unquoted,
/// every other JSON value as its raw JSON text (numbers, booleans, arrays, objects).
/// </summary>
public sealed record FakeCall(string Method, IReadOnlyDictionary<string, string> Params, DateTimeOffset At)
{
    /// <summary>The file parts of a multipart upload (sendPhoto), by field name.</summary>
    public IReadOnlyDictionary<string, byte[]> Files { get; init; } = new Dictionary<string, byte[]>();

    public string? Param(string name) => Params.TryGetValue(name, out var v) ? v : null;

    public long? Number(string name) =>
        long.TryParse(Param(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    public bool Bool(string name) => string.Equals(Param(name), "true", StringComparison.OrdinalIgnoreCase);
}
