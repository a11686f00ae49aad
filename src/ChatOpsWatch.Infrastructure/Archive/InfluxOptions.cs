namespace ChatOpsWatch.Infrastructure.Archive;

/// <summary>Which InfluxDB write API the archive speaks.</summary>
public enum InfluxApi
{
    /// <summary>InfluxDB 1.x: <c>/write?db=&amp;rp=&amp;precision=ms</c>, optional user and password (HTTP basic).</summary>
    V1,

    /// <summary>InfluxDB 2.x: <c>/api/v2/write?org=&amp;bucket=&amp;precision=ms</c>, <c>Authorization: Token …</c>.</summary>
    V2,
}

/// <summary>
/// The InfluxDB archive (Archive:Influx:*, issue 14). Secrets (<see cref="Password"/>, <see cref="Token"/>) are resolved
/// from the environment or a file by the configuration loader, never read from JSON.
/// </summary>
public sealed record InfluxOptions(Uri Url, InfluxApi Api)
{
    /// <summary>1.x: the database; required.</summary>
    public string? Database { get; init; }

    /// <summary>1.x: the retention policy; null: the database's default.</summary>
    public string? RetentionPolicy { get; init; }

    /// <summary>1.x: the user, with <see cref="Password"/>; null: no authentication.</summary>
    public string? User { get; init; }

    public string? Password { get; init; }

    /// <summary>2.x: the organisation and bucket; required.</summary>
    public string? Org { get; init; }

    public string? Bucket { get; init; }

    /// <summary>2.x: the API token; required.</summary>
    public string? Token { get; init; }

    /// <summary>A batch is sent once it holds this many points (lines)…</summary>
    public int BatchPoints { get; init; } = 5000;

    /// <summary>…or once its oldest point waited this long.</summary>
    public TimeSpan FlushAge { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The spool's bound in bytes of line protocol; past it, new polls' points are dropped (counted, logged, and told to the chat).</summary>
    public long MaxSpoolBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Deadline of one write request.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after 5xx, timeouts and refused connections: 1 s doubling to 1 min, jittered.</summary>
    public TimeSpan RetryFirst { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryCap { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The write URL (without credentials: 1.x user and password go in a basic Authorization header).</summary>
    public Uri WriteUri()
    {
        var baseText = Url.ToString().TrimEnd('/');
        var query = Api == InfluxApi.V1
            ? $"/write?db={Uri.EscapeDataString(Database ?? string.Empty)}" + (RetentionPolicy is { } rp ? $"&rp={Uri.EscapeDataString(rp)}" : string.Empty)
            : $"/api/v2/write?org={Uri.EscapeDataString(Org ?? string.Empty)}&bucket={Uri.EscapeDataString(Bucket ?? string.Empty)}";
        return new Uri(baseText + query + "&precision=ms");
    }

    public override string ToString() =>
        $"InfluxOptions {{ Url = {Url.GetLeftPart(UriPartial.Path)}, Api = {Api}, Database = {Database}, Org = {Org}, Bucket = {Bucket}, User = {User}, Secret = {((Password ?? Token) is null ? "none" : "***")} }}";
}
