using System.Net;
using Microsoft.Extensions.Configuration;

namespace ChatOpsWatch.Worker.Configuration;

/// <summary>
/// The monitor watching itself (issue 13). Health:OutboxMaxAge bounds the oldest undelivered message of a healthy
/// monitor; Health:PingUrl is a dead man's switch, fetched after every healthy minute (Health:PingEvery); Metrics:Listen (host:port)
/// opts in to /metrics, /healthz and /readyz; Console:Format is simple (the default) or json.
/// </summary>
public sealed record SelfWatchSettings(TimeSpan OutboxMaxAge, Uri? PingUrl, IPEndPoint? MetricsListen, bool JsonConsole)
{
    public static readonly SelfWatchSettings Default = new(TimeSpan.FromMinutes(15), null, null, false);

    /// <summary>How often a healthy monitor pings <see cref="PingUrl"/> (Health:PingEvery).</summary>
    public TimeSpan PingEvery { get; init; } = TimeSpan.FromMinutes(1);
}

internal static class SelfWatchReader
{
    public static SelfWatchSettings Read(ConfigReader read, IConfigurationSection root)
    {
        var health = root.GetSection("Health");
        var maxAge = read.Duration(health, "OutboxMaxAge", TimeSpan.FromMinutes(1)) ?? SelfWatchSettings.Default.OutboxMaxAge;
        Uri? ping = null;
        if (read.String(health, "PingUrl") is { } raw)
        {
            if (Uri.TryCreate(raw, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                ping = uri;
            }
            else
            {
                read.Problem(health, "PingUrl", $"'{raw}' is not an http(s) URL");
            }
        }

        var metrics = root.GetSection("Metrics");
        IPEndPoint? listen = null;
        if (read.String(metrics, "Listen") is { } address)
        {
            if (IPEndPoint.TryParse(address, out var endpoint) && endpoint.Port > 0)
            {
                listen = endpoint;
            }
            else
            {
                read.Problem(metrics, "Listen", $"'{address}' is not an address and port (e.g. 127.0.0.1:9464, or 0.0.0.0:9464 in a container)");
            }
        }

        var format = read.String(root.GetSection("Console"), "Format", "simple")!;
        if (format is not ("simple" or "json"))
        {
            read.Problem(root.GetSection("Console"), "Format", $"'{format}' is not simple or json");
        }

        var every = read.Duration(health, "PingEvery", TimeSpan.FromSeconds(1)) ?? SelfWatchSettings.Default.PingEvery;
        return new SelfWatchSettings(maxAge, ping, listen, format == "json") { PingEvery = every };
    }
}
