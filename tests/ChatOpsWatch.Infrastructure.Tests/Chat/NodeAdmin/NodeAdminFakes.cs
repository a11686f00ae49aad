using System.Collections.Concurrent;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Infrastructure.Chat.NodeAdmin;

namespace ChatOpsWatch.Infrastructure.Tests.Chat.NodeAdmin;

/// <summary>A scanner that answers with one fixed key and remembers every host it was asked to contact.</summary>
internal sealed class RecordingScanner : IHostKeyScanner
{
    public static readonly ScannedHostKey Key = new("ssh-ed25519", "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU", 256);

    public ConcurrentQueue<(string Host, int Port)> Contacted { get; } = new();

    public Task<HostKeyScan> ScanAsync(string host, int port, CancellationToken ct)
    {
        Contacted.Enqueue((host, port));
        return Task.FromResult(new HostKeyScan(Key, null));
    }
}

/// <summary>A fleet with a fixed configuration file: its node names and login keys; counts schedule refreshes.</summary>
internal sealed class FakeFleet(params string[] configuredNames) : INodeFleet
{
    private int _refreshes;

    public int Refreshes => _refreshes;

    public bool IsConfigured(string name) => configuredNames.Contains(name, StringComparer.OrdinalIgnoreCase);

    public bool HasKey(string keyName) => keyName is "default" or "ops";

    public Task NodesChangedAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _refreshes);
        return Task.CompletedTask;
    }
}
