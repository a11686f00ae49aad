using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Security;
using ChatOpsWatch.Domain.Text;
using Microsoft.Extensions.Logging;
using Renci.SshNet;

namespace ChatOpsWatch.Infrastructure.Ssh;

/// <summary>
/// One node's persistent SSH session: connected once, reused by every poll, reopened with backoff
/// when it breaks. The host key is checked against the pins before anything authenticates.
/// SSH.NET blocks threads in places (FACTS.md), so the work runs off the caller's thread and the
/// caller gets an answer at the deadline whatever the library does; a late finisher only frees the gate.
/// <paramref name="command"/> is our own probe text, never anything typed in chat. <paramref name="texts"/>: the
/// language of the first-use announcement (English when null).
/// </summary>
public sealed partial class SshNodeSession(
    SshTarget target,
    string command,
    SshSettings settings,
    IHostKeyStore hostKeys,
    TimeProvider time,
    ILogger<SshNodeSession> log,
    TextCatalog? texts = null) : IProbeRunner, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ReconnectBackoff _backoff = new(settings.MaxBackoff);
    private SshClient? _client;
    private string? _lastConnectError;
    private bool _disposed;

    /// <summary>Connections opened so far; the benchmark and tests read it to prove reuse.</summary>
    public int Connects { get; private set; }

    public async Task<ProbeRun> RunAsync(CancellationToken ct)
    {
        if (!await _gate.WaitAsync(0, ct))
        {
            return new ProbeRun.Failure("the previous probe of this node has not finished yet (node or link hung)");
        }

        var started = time.GetTimestamp();
        var work = Task.Run(() => RunGatedAsync(started, ct), CancellationToken.None);
        var hardDeadline = settings.ConnectTimeout + settings.ProbeDeadline + TimeSpan.FromSeconds(2);
        try
        {
            return await work.WaitAsync(hardDeadline, time, ct);
        }
        catch (TimeoutException)
        {
            Abandon();
            return new ProbeRun.Failure($"no answer within {hardDeadline.TotalSeconds:0} s");
        }
    }

    private async Task<ProbeRun> RunGatedAsync(long started, CancellationToken ct)
    {
        try
        {
            if (_client is not { IsConnected: true })
            {
                var failure = await ConnectAsync(ct);
                if (failure is not null)
                {
                    return failure;
                }
            }

            return await ExecuteAsync(_client!, started, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ProbeRun?> ConnectAsync(CancellationToken ct)
    {
        DropClient();
        var now = time.GetUtcNow();
        if (!_backoff.MayAttempt(now))
        {
            return new ProbeRun.Failure($"reconnect backing off until {_backoff.NextAttempt:HH:mm:ss}Z after {_backoff.Failures} failures; last error: {_lastConnectError}");
        }

        var pins = await hostKeys.PinsAsync(target.Node, ct);
        HostKeySeen? seen = null;
        var client = SshConnectionFactory.Create(target, settings);
        client.HostKeyReceived += (_, e) =>
        {
            var fingerprint = HostKeyFingerprint.Format(e.FingerPrintSHA256);
            var verdict = HostKeyPolicy.Decide(pins, e.HostKeyName, fingerprint);
            seen = new HostKeySeen(e.HostKeyName, fingerprint, verdict);
            e.CanTrust = verdict != HostKeyVerdict.Mismatch;
        };

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(settings.ConnectTimeout);
            await client.ConnectAsync(timeout.Token);
            Connects++;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            client.Dispose();
            _backoff.Failed(time.GetUtcNow());
            if (seen is { Verdict: HostKeyVerdict.Mismatch })
            {
                var pinned = string.Join(", ", pins.Select(p => $"{p.Algorithm} {p.Fingerprint}"));
                log.LogError("Node {Node}: host key CHANGED to {Algorithm} {Fingerprint}; pinned {Pinned}. Not authenticating.", target.Node, seen.Algorithm, seen.Fingerprint, pinned);
                return new ProbeRun.HostKeyRejected($"{seen.Algorithm} {seen.Fingerprint}", pinned);
            }

            _lastConnectError = Describe(ex);
            return new ProbeRun.Failure($"connect to {target.Host}:{target.Port} failed: {_lastConnectError}");
        }

        _backoff.Succeeded();
        _client = client;
        if (seen is { Verdict: HostKeyVerdict.FirstUse })
        {
            await PinFirstUseAsync(seen, ct);
        }

        return null;
    }

    private async Task PinFirstUseAsync(HostKeySeen seen, CancellationToken ct)
    {
        var pin = new PinnedHostKey(target.Node, seen.Algorithm, seen.Fingerprint, "first-use");
        await hostKeys.PinAsync(pin, HostKeyAnnouncement.FirstUse(pin, target.Host, target.Port, texts ?? TextCatalog.English), time.GetUtcNow(), ct);
        log.LogInformation("Node {Node}: pinned host key {Algorithm} {Fingerprint} on first use", target.Node, seen.Algorithm, seen.Fingerprint);
    }

    private async Task<ProbeRun> ExecuteAsync(SshClient client, long started, CancellationToken ct)
    {
        try
        {
            using var exec = client.CreateCommand(command);
            exec.CommandTimeout = settings.ProbeDeadline;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(settings.ProbeDeadline);
            await exec.ExecuteAsync(deadline.Token);
            var output = exec.Result;
            if (exec.ExitStatus is 124 or 137)
            {
                return new ProbeRun.Failure($"probe exceeded its {settings.ProbeDeadline.TotalSeconds:0} s deadline on the node");
            }

            return new ProbeRun.Output(output, time.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A failed exec on an open session means the session is suspect: start clean next time.
            DropClient();
            return new ProbeRun.Failure($"probe failed: {Describe(ex)}");
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        OperationCanceledException => "timed out",
        _ when ex.InnerException is { } inner && ex.Message.Length < 20 => $"{ex.Message}: {inner.Message}",
        _ => ex.Message,
    };

    private void Abandon()
    {
        var client = _client;
        _client = null;
        if (client is not null)
        {
            // Dispose may itself block on a dead link; never on the caller's thread.
            _ = Task.Run(client.Dispose);
        }
    }

    private void DropClient()
    {
        _client?.Dispose();
        _client = null;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Abandon();
    }

    private sealed record HostKeySeen(string Algorithm, string Fingerprint, HostKeyVerdict Verdict);
}
