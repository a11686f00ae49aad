using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ChatOpsWatch.Testing.Lab;
using ChatOpsWatch.Worker.Tests.Support;

namespace ChatOpsWatch.Worker.Tests.SelfWatch;

/// <summary>
/// The opt-in listener of a real monitor process (issue 13): promtool lints /metrics, a real Prometheus from Debian
/// scrapes it, and the dead man's switch pings a local HTTP server until the process is frozen.
/// </summary>
public sealed class MetricsEndpointTests : IDisposable
{
    private readonly string _workDir = Directory.CreateTempSubdirectory("cow-metrics-").FullName;

    private static Dictionary<string, string> Env(int metricsPort) => new()
    {
        ["ChatOpsWatch__Local__Interval"] = "1s",
        ["ChatOpsWatch__Reports__DailyAt"] = "off",
        ["ChatOpsWatch__Metrics__Listen"] = $"127.0.0.1:{metricsPort}",
    };

    [Fact]
    public async Task Metrics_PassPromtool_AndARealPrometheusScrapesThePollHistograms()
    {
        var port = FreePort();
        await using var worker = WorkerProcess.Start(_workDir, Env(port));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var metrics = await UntilAsync(async () =>
        {
            var text = await TryGetAsync(http, $"http://127.0.0.1:{port}/metrics");
            return text is not null && text.Contains("chatopswatch_polls_total{outcome=\"succeeded\"}", StringComparison.Ordinal) ? text : null;
        }, worker);
        var file = Path.Combine(_workDir, "metrics.txt");
        await File.WriteAllTextAsync(file, metrics);
        var lint = await ShellCommand.RunAsync("sh", ["-c", $"promtool check metrics < '{file}' 2>&1"]);

        var promPort = FreePort();
        await File.WriteAllTextAsync(Path.Combine(_workDir, "prometheus.yml"), $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: chatopswatch
                static_configs:
                  - targets: ['127.0.0.1:{port}']
            """);
        using var prometheus = Process.Start(new ProcessStartInfo("prometheus")
        {
            ArgumentList = { $"--config.file={Path.Combine(_workDir, "prometheus.yml")}", $"--storage.tsdb.path={Path.Combine(_workDir, "tsdb")}", $"--web.listen-address=127.0.0.1:{promPort}" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        try
        {
            var up = await UntilAsync(() => QueryAsync(http, promPort, "up{job=\"chatopswatch\"}"), worker);
            var histogram = await UntilAsync(() => QueryAsync(http, promPort, "sum(chatopswatch_poll_duration_seconds_count{role=\"core\"})"), worker);

            Assert.Equal(string.Empty, lint.Trim());
            Assert.Equal("1", up);
            Assert.True(double.Parse(histogram, System.Globalization.CultureInfo.InvariantCulture) >= 1, histogram);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri($"http://localhost:{port}/readyz"))).StatusCode);
            Assert.Contains("process_cpu_seconds_total", metrics, StringComparison.Ordinal);
            Assert.Contains("process_working_set_bytes", metrics, StringComparison.Ordinal);
            Assert.Contains("chatopswatch_database_size_bytes", metrics, StringComparison.Ordinal);
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task DeadMansSwitch_PingsEveryHealthyPeriod_AndStopsWhenTheProcessIsFrozen()
    {
        using var listener = new HttpListener();
        var pingPort = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{pingPort}/");
        listener.Start();
        var pings = 0;
        var serving = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                try
                {
                    var context = await listener.GetContextAsync();
                    if (context.Request.Url?.AbsolutePath == "/ping/abc")
                    {
                        Interlocked.Increment(ref pings);
                    }

                    context.Response.Close();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
            }
        });
        var env = Env(FreePort());
        env["ChatOpsWatch__Health__PingUrl"] = $"http://127.0.0.1:{pingPort}/ping/abc";
        env["ChatOpsWatch__Health__PingEvery"] = "1s";
        await using var worker = WorkerProcess.Start(_workDir, env);

        await UntilAsync(() => Task.FromResult(Volatile.Read(ref pings) >= 3 ? "yes" : null), worker);
        await ShellCommand.RunAsync("kill", ["-STOP", worker.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await Task.Delay(500); // a ping already on the wire may still land
        var frozenAt = Volatile.Read(ref pings);
        await Task.Delay(TimeSpan.FromSeconds(4));
        var whileFrozen = Volatile.Read(ref pings) - frozenAt;
        await ShellCommand.RunAsync("kill", ["-CONT", worker.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        listener.Stop();
        await serving;

        Assert.True(frozenAt >= 3);
        Assert.Equal(0, whileFrozen);
        Assert.DoesNotContain("/ping/abc", worker.Output, StringComparison.Ordinal); // the URL's token is never logged
    }

    private static async Task<string?> QueryAsync(HttpClient http, int port, string query)
    {
        var json = await TryGetAsync(http, $"http://127.0.0.1:{port}/api/v1/query?query={Uri.EscapeDataString(query)}");
        if (json is null)
        {
            return null;
        }

        var result = JsonDocument.Parse(json).RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0 ? null : result[0].GetProperty("value")[1].GetString();
    }

    private static async Task<string?> TryGetAsync(HttpClient http, string url)
    {
        try
        {
            return await http.GetStringAsync(new Uri(url));
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task<string> UntilAsync(Func<Task<string?>> probe, WorkerProcess worker)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.False(worker.HasExited, worker.Output);
            await Task.Delay(250);
        }

        throw new TimeoutException($"not within 60 s:\n{worker.Output}");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public void Dispose() => Directory.Delete(_workDir, recursive: true);
}
