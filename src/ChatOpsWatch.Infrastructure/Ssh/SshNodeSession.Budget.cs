namespace ChatOpsWatch.Infrastructure.Ssh;

/// <summary>A poll that will connect first takes a turn from the process's connect budget (<see cref="SshConnectBudget"/>).</summary>
public sealed partial class SshNodeSession
{
    private SshConnectBudget ConnectBudget => connects ?? SshConnectBudget.Shared;

    /// <summary>
    /// Waits for a connect turn when this poll will open a connection, before the poll's clocks start, so a queued connect
    /// is not a failure; null when the session is open (or backing off) and needs none. Hands the gate back when cancelled.
    /// </summary>
    private async Task<IDisposable?> TakeConnectTurnAsync(CancellationToken ct)
    {
        try
        {
            return NeedsConnect() ? await ConnectBudget.EnterAsync(ct) : null;
        }
        catch (OperationCanceledException)
        {
            _gate.Release();
            throw;
        }
    }

    /// <summary>Whether this poll will open a connection (the backoff may still refuse it; then the turn is handed back unused).</summary>
    private bool NeedsConnect() =>
        (_suspect is not null || _client is not { IsConnected: true })
        && (time.GetUtcNow() >= _backoff.RetryAt || Volatile.Read(ref _recheckDue) == 1);
}
