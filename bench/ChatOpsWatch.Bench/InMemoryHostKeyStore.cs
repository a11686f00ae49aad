using System.Collections.Concurrent;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Security;

namespace ChatOpsWatch.Bench;

/// <summary>
/// Pins kept in memory, so a poll costs what the SQLite store's cached path would and no disk IO
/// enters the figures. Each node pins its key on the first connection (warm-up); later connections
/// take the "trusted" path that production takes.
/// </summary>
internal sealed class InMemoryHostKeyStore : IHostKeyStore
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<PinnedHostKey>> _pins = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<PinnedHostKey>> PinsAsync(string node, CancellationToken ct) =>
        Task.FromResult(_pins.TryGetValue(node, out var pins) ? pins : []);

    public Task PinAsync(PinnedHostKey pin, OutboxMessage? announcement, DateTimeOffset now, CancellationToken ct)
    {
        _pins.AddOrUpdate(pin.Node, [pin], (_, old) => old.Contains(pin) ? old : [.. old, pin]);
        return Task.CompletedTask;
    }

    public Task ForgetAsync(string node, CancellationToken ct)
    {
        _pins.TryRemove(node, out _);
        return Task.CompletedTask;
    }
}
