using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Domain.Security;

namespace ChatOpsWatch.Infrastructure.Tests.Ssh;

internal sealed class InMemoryHostKeyStore : IHostKeyStore
{
    public List<PinnedHostKey> Pins { get; } = [];

    public List<OutboxMessage> Announcements { get; } = [];

    public Task<IReadOnlyList<PinnedHostKey>> PinsAsync(string node, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<PinnedHostKey>>([.. Pins.Where(p => p.Node == node)]);

    public Task PinAsync(PinnedHostKey pin, OutboxMessage? announcement, DateTimeOffset now, CancellationToken ct)
    {
        if (!Pins.Contains(pin))
        {
            Pins.Add(pin);
            if (announcement is not null)
            {
                Announcements.Add(announcement);
            }
        }

        return Task.CompletedTask;
    }

    public Task ForgetAsync(string node, CancellationToken ct)
    {
        Pins.RemoveAll(p => p.Node == node);
        return Task.CompletedTask;
    }
}
