using System.Diagnostics;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Probing;
using ChatOpsWatch.Domain.Samples;

namespace ChatOpsWatch.Bench;

/// <summary>
/// Runs polls the way the monitor does each one: run the probe on a node, parse its output, compute
/// the sample against the node's previous snapshot. Polls go round-robin over the nodes with
/// <c>concurrency</c> in flight; worker w owns nodes w, w+C, w+2C ..., so a node never has two
/// polls at once (a session refuses a second one). Failures are counted and kept, never skipped.
/// </summary>
internal sealed class PollDriver(Lab lab, int concurrency, double rate, Func<int, CancellationToken, Task<ProbeRun>> probe, List<Sample>? keep = null, int keepAtMost = 0)
{
    private const int ErrorsKept = 5;

    private readonly ProbeSnapshot?[] _previous = new ProbeSnapshot?[lab.Nodes.Count];
    private readonly List<string> _errors = [];
    private long _outputBytes;
    private int _succeeded;
    private int _failed;
    private long _metrics;

    public int Workers { get; } = Math.Min(concurrency, lab.Nodes.Count);

    public int Succeeded => _succeeded;

    public int Failed => _failed;

    public IReadOnlyList<string> FirstErrors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Mean characters of probe output per successful poll (the SSH payload read each poll).</summary>
    public double MeanOutputChars => _succeeded == 0 ? 0 : (double)Interlocked.Read(ref _outputBytes) / _succeeded;

    /// <summary>Mean metrics per sample: shows the parse and compute did real work.</summary>
    public double MeanMetrics => _succeeded == 0 ? 0 : (double)Interlocked.Read(ref _metrics) / _succeeded;

    public Task RunAsync(int polls) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(w => WorkerAsync(w, polls / Workers + (w < polls % Workers ? 1 : 0))));

    private async Task WorkerAsync(int worker, int polls)
    {
        var mine = Enumerable.Range(0, lab.Nodes.Count).Where(i => i % Workers == worker).ToArray();
        var started = Stopwatch.GetTimestamp();
        for (var j = 0; j < polls; j++)
        {
            if (rate > 0)
            {
                // Paced: poll j of this worker is due at j * Workers / rate seconds, as a scheduler would fire it.
                var wait = TimeSpan.FromSeconds(j * Workers / rate) - Stopwatch.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
            }

            await PollAsync(mine[j % mine.Length]);
        }
    }

    private async Task PollAsync(int node)
    {
        var name = lab.Nodes[node].Name;
        var run = await probe(node, CancellationToken.None);
        if (run is not ProbeRun.Output output)
        {
            Fail($"{name}: {run}");
            return;
        }

        var parsed = ProbeParser.Parse(output.Stdout);
        if (!parsed.IsSuccess)
        {
            Fail($"{name}: probe output did not parse: {parsed.Error}");
            return;
        }

        var hadPrevious = _previous[node] is not null;
        var sample = SampleCalculator.Compute(name, _previous[node], parsed.Snapshot, TimeProvider.System.GetUtcNow());
        _previous[node] = parsed.Snapshot;
        if (keep is not null && hadPrevious)
        {
            // Only samples with rates (a previous snapshot), as every poll but a node's first stores.
            lock (keep)
            {
                if (keep.Count < keepAtMost)
                {
                    keep.Add(sample);
                }
            }
        }

        Interlocked.Add(ref _outputBytes, output.Stdout.Length);
        Interlocked.Add(ref _metrics, sample.Values.Count);
        Interlocked.Increment(ref _succeeded);
    }

    private void Fail(string error)
    {
        Interlocked.Increment(ref _failed);
        lock (_errors)
        {
            if (_errors.Count < ErrorsKept)
            {
                _errors.Add(error);
            }
        }
    }
}
