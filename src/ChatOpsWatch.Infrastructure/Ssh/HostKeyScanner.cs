using Renci.SshNet;
using Renci.SshNet.Common;

namespace ChatOpsWatch.Infrastructure.Ssh;

/// <summary>The host key a server presented: its algorithm (e.g. ssh-ed25519), OpenSSH fingerprint and size in bits.</summary>
public sealed record ScannedHostKey(string Algorithm, string Fingerprint, int Bits);

/// <summary>What a host-key scan found: the key, or why none was read.</summary>
public sealed record HostKeyScan(ScannedHostKey? Key, string? Error);

/// <summary>
/// Reads a server's SSH host key without logging in. Never throws for network trouble: a refused connection, a
/// timeout or a server that is not SSH come back as <see cref="HostKeyScan.Error"/>.
/// </summary>
public interface IHostKeyScanner
{
    Task<HostKeyScan> ScanAsync(string host, int port, CancellationToken ct);
}

/// <summary>
/// SSH.NET up to the host key and no further: HostKeyReceived records the key and refuses it (CanTrust = false), so
/// the key exchange ends before any authentication request is sent. The values are parsed ones (host, port); no shell
/// and no ssh process is involved. The user name sent is a fixed placeholder that never reaches the server.
/// </summary>
public sealed class SshHostKeyScanner(SshSettings settings) : IHostKeyScanner
{
    private const string NoUser = "chatopswatch-hostkey-scan";

    public async Task<HostKeyScan> ScanAsync(string host, int port, CancellationToken ct)
    {
        ScannedHostKey? seen = null;
        var info = new ConnectionInfo(host, port, NoUser, new NoneAuthenticationMethod(NoUser))
        {
            Timeout = settings.ConnectTimeout,
        };
        using var client = new SshClient(info);
        client.HostKeyReceived += (_, e) =>
        {
            seen = new ScannedHostKey(e.HostKeyName, HostKeyFingerprint.Format(e.FingerPrintSHA256), e.KeyLength);
            e.CanTrust = false;
        };

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(settings.ConnectTimeout);

            // SSH.NET blocks in places (FACTS.md): keep it off the caller's thread and give up at the deadline.
            await Task.Run(() => client.ConnectAsync(timeout.Token), CancellationToken.None)
                .WaitAsync(settings.ConnectTimeout + TimeSpan.FromSeconds(2), ct);
            client.Disconnect();
            return new HostKeyScan(null, "the server accepted a session without a host key check");
        }
        catch (Exception) when (seen is not null)
        {
            // The refusal of the key ends the connection: the expected way out.
            return new HostKeyScan(seen, null);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return new HostKeyScan(null, ex switch
            {
                OperationCanceledException or TimeoutException or SshOperationTimeoutException => $"no SSH answer within {settings.ConnectTimeout.TotalSeconds:0} s",
                _ => ChatOpsWatch.Domain.Text.NodeText.Sanitize(ex.Message), // SSH.NET quotes the server's version line
            });
        }
    }
}
