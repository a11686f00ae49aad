using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.SelfWatch;
using ChatOpsWatch.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsWatch.Worker.Cli;

/// <summary>
/// <c>chatopswatch health</c> (issue 13): judges a running monitor from another process (a container HEALTHCHECK, a
/// systemd watchdog) by its database: writable, a poll fired within 2 intervals, the oldest unsent message younger
/// than Health:OutboxMaxAge. Exit 0 healthy, 1 unhealthy (each failed check named on stderr), 2 bad configuration.
/// </summary>
internal static class HealthCommand
{
    public const int ExitUnhealthy = 1;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider time)
    {
        var loaded = CommandLine.Load(args);
        if (!CommandLine.Report(loaded, stderr))
        {
            return CommandLine.ExitConfig;
        }

        var config = loaded.Config!;
        var now = time.GetUtcNow();
        IReadOnlyList<HealthResult> results;
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var stores = StorageComposition.ForVerb(config, time);
            var facts = await stores.GetRequiredService<ISelfCheck>().ReadAsync(now, cts.Token);
            results =
            [
                new(HealthCheck.Database, facts.WriteError is null, facts.WriteError is null ? $"{Path.GetFullPath(config.DatabasePath)} is writable" : $"{Path.GetFullPath(config.DatabasePath)} is not writable: {facts.WriteError}"),
                HealthJudge.Scheduler(facts.Liveness, now),
                HealthJudge.Outbox(facts.OldestUnsent, facts.Unsent, now, config.Health.OutboxMaxAge),
            ];
        }
        catch (Exception ex) when (ex is StorageException or OperationCanceledException)
        {
            results = [new(HealthCheck.Database, false, ex.Message)];
        }

        var failed = results.Where(r => !r.Ok).ToList();
        foreach (var r in results)
        {
            await (r.Ok ? stdout : stderr).WriteLineAsync(r.ToString());
        }

        await (failed.Count == 0 ? stdout : stderr).WriteLineAsync(failed.Count == 0
            ? "healthy"
            : $"unhealthy: {string.Join(", ", failed.Select(f => f.Check.ToString().ToLowerInvariant()))}");
        return failed.Count == 0 ? 0 : ExitUnhealthy;
    }
}
