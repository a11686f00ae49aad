using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace ChatOpsWatch.Testing.Influx;

/// <summary>
/// A real <c>influxd</c> (Debian's influxdb 1.6.7, from scripts/install-deps.sh) on free loopback ports, with its data in
/// a temporary directory deleted on dispose. It can be stopped and started again on the same port and data, to make an outage.
/// </summary>
public sealed class InfluxServer : IAsyncDisposable
{
    public const string Missing = "influxd is not installed: apt-get install -y influxdb (scripts/install-deps.sh does)";

    private readonly string _config;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private Process? _process;

    private InfluxServer(string dir, int port)
    {
        Directory = dir;
        Port = port;
        _config = Path.Combine(dir, "influxdb.conf");
        File.WriteAllText(_config, $"""
            reporting-disabled = true
            bind-address = "127.0.0.1:{FreePort()}"
            [meta]
              dir = "{dir}/meta"
            [data]
              dir = "{dir}/data"
              wal-dir = "{dir}/wal"
              query-log-enabled = false
            [http]
              enabled = true
              bind-address = "127.0.0.1:{port}"
              log-enabled = false
            [logging]
              level = "warn"
            [monitor]
              store-enabled = false
            [continuous_queries]
              enabled = false
            [subscriber]
              enabled = false
            """);
    }

    /// <summary>Where influxd is, or null when it is not installed.</summary>
    public static string? Binary { get; } = new[] { "/usr/bin/influxd", "/usr/sbin/influxd", "/usr/local/bin/influxd" }.FirstOrDefault(File.Exists);

    public string Directory { get; }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public bool Running => _process is { HasExited: false };

    /// <summary>Starts influxd and waits until it answers /ping.</summary>
    public static async Task<InfluxServer> StartAsync()
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("chatopswatch-influx-").FullName;
        var server = new InfluxServer(dir, FreePort());
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts influxd (again) on the same port and data.</summary>
    public async Task StartAgainAsync()
    {
        _process = Process.Start(new ProcessStartInfo(Binary ?? throw new InvalidOperationException(Missing))
        {
            ArgumentList = { "-config", _config },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"influxd exited with {_process.ExitCode} at start (config {_config})");
            }

            try
            {
                using var ping = await _http.GetAsync(new Uri(Url, "/ping"));
                if (ping.StatusCode == HttpStatusCode.NoContent)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("influxd did not answer /ping within 30 s");
    }

    /// <summary>Kills influxd (SIGKILL), as a crash or a pulled plug would; its port refuses connections until <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
    }

    /// <summary>Runs an InfluxQL statement through /query and returns the parsed answer.</summary>
    public async Task<JsonDocument> QueryAsync(string q, string? db = null)
    {
        var uri = new Uri(Url, $"/query?q={Uri.EscapeDataString(q)}" + (db is null ? string.Empty : $"&db={Uri.EscapeDataString(db)}") + "&epoch=ms");
        using var response = await _http.PostAsync(uri, null);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"influxd /query answered {(int)response.StatusCode}: {text}");
        }

        return JsonDocument.Parse(text);
    }

    /// <summary>The rows of a SELECT's first series, each as its columns' values (time in ms first).</summary>
    public async Task<IReadOnlyList<JsonElement[]>> RowsAsync(string q, string db)
    {
        using var doc = await QueryAsync(q, db);
        var result = doc.RootElement.GetProperty("results")[0];
        if (result.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"influxd: {error.GetString()}");
        }

        if (!result.TryGetProperty("series", out var series))
        {
            return [];
        }

        return [.. series.EnumerateArray().SelectMany(s => s.GetProperty("values").EnumerateArray()).Select(v => v.EnumerateArray().Select(e => e.Clone()).ToArray())];
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        _http.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
