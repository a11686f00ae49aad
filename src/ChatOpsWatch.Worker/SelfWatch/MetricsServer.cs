using System.Net;
using System.Text;
using ChatOpsWatch.Domain.SelfWatch;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Infrastructure.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace ChatOpsWatch.Worker.SelfWatch;

/// <summary>
/// The opt-in listener of Metrics:Listen (issue 13). /metrics is prometheus-net's text exposition of the monitor's
/// registry (<see cref="SelfMetrics"/>) with the process and GC collectors (CPU, memory); nothing here writes the
/// format. /healthz answers 200 while the scheduler fires (a container orchestrator restarts on 503); /readyz 200 once
/// the database takes writes and the first liveness beat is recorded.
/// </summary>
public sealed class MetricsServer(IPEndPoint listen, SelfWatchService self, StorageHealth storage, TimeProvider time, ILogger<MetricsServer> log) : BackgroundService
{
    private readonly HttpListener _listener = new();
    private readonly CollectorRegistry _registry = SelfMetrics.Registry;

    /// <summary>
    /// The prefixes HttpListener takes: a wildcard address listens on every interface for any Host header; HttpListener
    /// matches the Host header, so a loopback address also answers to "localhost".
    /// </summary>
    public static IReadOnlyList<string> Prefixes(IPEndPoint listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        if (listen.Address.Equals(IPAddress.Any) || listen.Address.Equals(IPAddress.IPv6Any))
        {
            return [$"http://+:{listen.Port}/"];
        }

        var host = listen.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{listen.Address}]" : listen.Address.ToString();
        return IPAddress.IsLoopback(listen.Address) ? [$"http://{host}:{listen.Port}/", $"http://localhost:{listen.Port}/"] : [$"http://{host}:{listen.Port}/"];
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        RegisterProcessCollectors(_registry);
        foreach (var prefix in Prefixes(listen))
        {
            _listener.Prefixes.Add(prefix);
        }

        try
        {
            _listener.Start();
        }
        catch (HttpListenerException e)
        {
            throw new InvalidOperationException($"Cannot listen for /metrics on {listen} (Metrics:Listen): {e.Message}. Is another process using the port?", e);
        }

        log.LogInformation("Serving /metrics, /healthz and /readyz on {Listen}", listen);
        return base.StartAsync(cancellationToken);
    }

    private static readonly Lock Registering = new();
    private static bool registered;

    /// <summary>process_cpu_seconds_total, process_working_set_bytes and the GC's figures; once per registry.</summary>
    private static void RegisterProcessCollectors(CollectorRegistry registry)
    {
        lock (Registering)
        {
            if (!registered)
            {
                DotNetStats.Register(registry);
                registered = true;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stop = stoppingToken.Register(_listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                if (stoppingToken.IsCancellationRequested || !_listener.IsListening)
                {
                    return;
                }

                continue;
            }

            _ = Task.Run(() => AnswerAsync(context, stoppingToken), CancellationToken.None);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context, CancellationToken ct)
    {
        var response = context.Response;
        try
        {
            switch (context.Request.Url?.AbsolutePath)
            {
                case "/metrics":
                    response.ContentType = "text/plain; version=0.0.4; charset=utf-8"; // the text format prometheus-net writes
                    await _registry.CollectAndExportAsTextAsync(response.OutputStream, ct);
                    break;
                case "/healthz":
                    await TextAsync(response, HealthJudge.Scheduler(self.Current(), time.GetUtcNow()), ct);
                    break;
                case "/readyz":
                    await TextAsync(response, Ready(), ct);
                    break;
                default:
                    response.StatusCode = 404;
                    break;
            }
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            log.LogDebug("A /metrics client went away: {Error}", e.Message);
        }
        finally
        {
            response.Close();
        }
    }

    private HealthResult Ready()
    {
        if (storage.IsFailing)
        {
            return new(HealthCheck.Database, false, "the database fails to take writes");
        }

        return self.Snapshot.Liveness is null
            ? new(HealthCheck.Scheduler, false, "starting: no liveness beat recorded yet")
            : new(HealthCheck.Database, true, "the database takes writes and the monitor records its liveness");
    }

    private static async Task TextAsync(HttpListenerResponse response, HealthResult result, CancellationToken ct)
    {
        response.StatusCode = result.Ok ? 200 : 503;
        response.ContentType = "text/plain; charset=utf-8";
        var body = Encoding.UTF8.GetBytes(result + "\n");
        await response.OutputStream.WriteAsync(body, ct);
    }

    public override void Dispose()
    {
        _listener.Close();
        base.Dispose();
    }
}
