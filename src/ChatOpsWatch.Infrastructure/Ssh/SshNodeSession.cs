using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Security;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Time;
using ChatOpsWatch.Infrastructure.Probe;
using Microsoft.Extensions.Logging;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace ChatOpsWatch.Infrastructure.Ssh;

/// <summary>
/// One node's persistent SSH session: connected once, reused by every poll, reopened with backoff
/// when it breaks. The host key is checked against the pins before anything authenticates.
/// SSH.NET blocks threads in places (FACTS.md), so the work runs off the caller's thread and the
/// caller gets an answer at the deadline whatever the library does; a late finisher only frees the gate.
/// <paramref name="command"/> is our own probe text, never anything typed in chat. <paramref name="texts"/>: the
/// language of the first-use announcement. <paramref name="connects"/>: the connect budget it takes
/// turns from (<see cref="SshConnectBudget.Shared"/> when null).
/// </summary>
public sealed partial class SshNodeSession(
    SshTarget target,
    ProbeCommand command,
    SshSettings settings,
    IHostKeyStore hostKeys,
    TimeProvider time,
    ILogger<SshNodeSession> log,
    TextCatalog texts,
    SshConnectBudget? connects = null) : IProbeRunner, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    // When to try a broken connection again (issue 16): at once after the first break, then 2 s, 4 s, 8 s ... up to
    // Ssh:MaxBackoff, each ±25 %, so that nodes broken together (a provider's outage) do not reconnect together. A poll
    // inside the wait reports the node failed without touching the network, so a dead node costs only a counter.
    private readonly Backoff _backoff = new(new BackoffOptions(TimeSpan.FromSeconds(2), settings.MaxBackoff, Immediate: 1), time);
    private SshClient? _client;
    private string? _lastConnectError;
    private ProbeRun? _rejected; // HostKeyRejected or CryptoRefused: the node answered and we refused it
    private bool _rechecked;
    private int _recheckDue;
    private bool _disposed;

    /// <summary>Connections opened so far; the benchmark and tests read it to prove reuse.</summary>
    public int Connects { get; private set; }

    public async Task<ProbeRun> RunAsync(CancellationToken ct)
    {
        StartWatch();
        if (!await _gate.WaitAsync(0, ct))
        {
            return new ProbeRun.Failure("the previous probe of this node has not finished yet (node or link hung)");
        }

        var turn = await TakeConnectTurnAsync(ct);
        var started = time.GetTimestamp();
        var work = Task.Run(() => RunGatedAsync(started, turn, ct), CancellationToken.None);
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

    private async Task<ProbeRun> RunGatedAsync(long started, IDisposable? turn, CancellationToken ct)
    {
        Interlocked.Exchange(ref _polling, 1);
        try
        {
            // Something already went wrong (a heartbeat went unanswered, the session broke, the last poll failed): this
            // poll's fresh connect confirms the loss, or clears it.
            var suspect = _suspect ?? (_lastFailed ? "the previous poll failed" : null);
            if (_suspect is not null)
            {
                DropClient();
            }

            if (_client is not { IsConnected: true })
            {
                ProbeRun? failure;
                try
                {
                    failure = await ConnectAsync(suspect, ct);
                }
                finally
                {
                    turn?.Dispose();
                }

                if (failure is not null)
                {
                    return Settle(failure, requestConfirmation: !_lastFailed && failure is ProbeRun.Failure { Confirmed: false });
                }
            }

            var run = await ExecuteAsync(_client!, started, ct);
            return Settle(run, requestConfirmation: run is ProbeRun.Failure && _client is null && !_lastFailed);
        }
        finally
        {
            turn?.Dispose(); // idempotent: a poll that found the session connected after all gives its turn back here
            Interlocked.Exchange(ref _polling, 0);
            _gate.Release();
        }
    }

    /// <summary>
    /// Remembers how the poll ended. A first failure asks for a confirming poll at once (<see cref="PollNow"/>), so a
    /// lost node is declared down within a connect timeout instead of after more full poll intervals.
    /// </summary>
    private ProbeRun Settle(ProbeRun run, bool requestConfirmation)
    {
        var failed = run is not ProbeRun.Output;
        _lastFailed = failed;
        _suspect = null; // this poll confirmed or cleared it; a failure is remembered in _lastFailed
        if (!failed)
        {
            Interlocked.Exchange(ref _lastContact, time.GetTimestamp());
            _rechecked = false;
        }

        if (requestConfirmation)
        {
            log.LogInformation("Node {Node}: poll failed; confirming with a fresh connect now", target.Node);
            PollNow?.Invoke();
        }
        else if (run is ProbeRun.Failure { Confirmed: true } && !_rechecked)
        {
            _rechecked = true;
            // One look again a second later: an sshd that only restarted (or came back with another host key) is seen
            // before the down is told, instead of at the next interval.
            _ = RecheckAsync();
        }

        return run;
    }

    private async Task RecheckAsync()
    {
        try
        {
            await Task.Delay(RecheckDelay, time);
            if (!_disposed)
            {
                // The look again must reach the node: a scheduled poll in between may have pushed the backoff out.
                Interlocked.Exchange(ref _recheckDue, 1);
                PollNow?.Invoke();
            }
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static int s_socketFallbackLogged; // the blocking-socket fallback is told once per process, not per connect

    private static readonly TimeSpan RecheckDelay = TimeSpan.FromSeconds(1);

    /// <summary>How long a confirming connect waits for the SSH banner once TCP is connected (issue 10).</summary>
    private static readonly TimeSpan ConfirmBannerWait = TimeSpan.FromSeconds(2);

    private async Task<ProbeRun?> ConnectAsync(string? suspect, CancellationToken ct)
    {
        DropClient();
        var now = time.GetUtcNow();
        var recheck = Interlocked.Exchange(ref _recheckDue, 0) == 1;
        if (now < _backoff.RetryAt && !recheck)
        {
            // A refused host key (or refused algorithms) stays refused while backing off: the node answers, it is not unreachable.
            return _rejected is { } rejected
                ? rejected
                : new ProbeRun.Failure($"reconnect backing off until {_backoff.RetryAt:HH:mm:ss}Z after {_backoff.Failures} failures; last error: {_lastConnectError}");
        }

        if (suspect is not null && await NoBannerAsync(ConfirmBannerWait, ct) is { } noBanner)
        {
            // A frozen sshd's kernel still accepts the TCP connect; SSH.NET would wait out the whole connect timeout for
            // the identification line. A live sshd sends it within a round trip (a lost segment is resent within about
            // 200 ms), so its absence for 2 s after the connect confirms the loss that early.
            _backoff.Fail();
            _rejected = null;
            _networkFailure = true;
            _lastConnectError = noBanner;
            return new ProbeRun.Failure($"connect to {target.Host}:{target.Port} failed: {noBanner} (after: {suspect})", Confirmed: true);
        }

        var pins = await hostKeys.PinsAsync(target.Node, ct);
        HostKeySeen? seen = null;
        var client = SshConnectionFactory.Create(target, settings, out var fallback);
        if (fallback is not null && Interlocked.Exchange(ref s_socketFallbackLogged, 1) == 0)
        {
            log.LogWarning("SSH sessions use SSH.NET's own async socket path, about twice the thread wake-ups per packet: {Reason}", fallback);
        }

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
            _backoff.Fail();
            if (seen is { Verdict: HostKeyVerdict.Mismatch })
            {
                var pinned = string.Join(", ", pins.Select(p => $"{p.Algorithm} {p.Fingerprint}"));
                log.LogError("Node {Node}: host key CHANGED to {Algorithm} {Fingerprint}; pinned {Pinned}. Not authenticating.", target.Node, seen.Algorithm, seen.Fingerprint, pinned);
                _rejected = new ProbeRun.HostKeyRejected($"{seen.Algorithm} {seen.Fingerprint}", pinned);
                return _rejected;
            }

            // issue 12: a node offering only refused algorithms answered; like a refused host key, it is not a link loss.
            if (SshAlgorithmPolicy.Refusal(ex.Message, target.AllowLegacyAlgorithms) is { } refusal)
            {
                log.LogError("Node {Node}: {Refusal}. Not authenticating.", target.Node, refusal.En);
                _rejected = new ProbeRun.CryptoRefused(refusal);
                return _rejected;
            }

            _rejected = null;
            _lastConnectError = Describe(ex);
            _networkFailure = ex is System.Net.Sockets.SocketException or OperationCanceledException or SshConnectionException or SshOperationTimeoutException
                || ex.InnerException is System.Net.Sockets.SocketException;
            var error = $"connect to {target.Host}:{target.Port} failed: {_lastConnectError}";
            return suspect is null ? new ProbeRun.Failure(error) : new ProbeRun.Failure($"{error} (after: {suspect})", Confirmed: true);
        }

        _backoff.Succeed();
        _rejected = null;
        _client = client;
        Attach(client);
        if (seen is { Verdict: HostKeyVerdict.FirstUse })
        {
            await PinFirstUseAsync(seen, ct);
        }

        return null;
    }

    private async Task PinFirstUseAsync(HostKeySeen seen, CancellationToken ct)
    {
        var pin = new PinnedHostKey(target.Node, seen.Algorithm, seen.Fingerprint, "first-use");
        await hostKeys.PinAsync(pin, HostKeyAnnouncement.FirstUse(pin, target.Host, target.Port, texts), time.GetUtcNow(), ct);
        log.LogInformation("Node {Node}: pinned host key {Algorithm} {Fingerprint} on first use", target.Node, seen.Algorithm, seen.Fingerprint);
    }

    private async Task<ProbeRun> ExecuteAsync(SshClient client, long started, CancellationToken ct)
    {
        try
        {
            using var exec = client.CreateCommand(command.Text());
            exec.CommandTimeout = settings.ProbeDeadline;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(settings.ProbeDeadline);
            await exec.ExecuteAsync(deadline.Token);
            var output = exec.Result;
            if (exec.ExitStatus is 124 or 137)
            {
                return new ProbeRun.Failure($"probe exceeded its {settings.ProbeDeadline.TotalSeconds:0} s deadline on the node");
            }

            var received = time.GetUtcNow();
            var elapsed = time.GetElapsedTime(started);
            return new ProbeRun.Output(output, elapsed) { Received = received, RoundTrip = await RoundTripForClockAsync(ct) };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A failed exec on an open session means the session is suspect: start clean, and confirm at once.
            DropClient();
            _suspect = $"probe failed: {Describe(ex)}";
            return new ProbeRun.Failure(_suspect);
        }
    }

    /// <summary>An exception as one line of text. SSH.NET quotes the server (its version line, disconnect reasons), so it is node text.</summary>
    internal static string Describe(Exception ex) => NodeText.Sanitize(ex switch
    {
        OperationCanceledException => "timed out",
        _ when ex.InnerException is { } inner && ex.Message.Length < 20 => $"{ex.Message}: {inner.Message}",
        _ => ex.Message,
    });

    private void Abandon()
    {
        Detach();
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
        Detach();
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
        StopWatch();
        Detach();
        Abandon();
    }

    private sealed record HostKeySeen(string Algorithm, string Fingerprint, HostKeyVerdict Verdict);
}
