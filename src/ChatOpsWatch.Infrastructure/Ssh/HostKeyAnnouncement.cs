using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Security;

namespace ChatOpsWatch.Infrastructure.Ssh;

public static class HostKeyAnnouncement
{
    public static OutboxMessage FirstUse(PinnedHostKey pin, string host, int port) => new(
        MessageKind.Security,
        Severity.None,
        $"🔑 Pinned the SSH host key of <b>{Html.Escape(pin.Node)}</b> ({Html.Escape(host)}:{port}) on first contact:\n"
        + $"<code>{Html.Escape(pin.Algorithm)} {Html.Escape(pin.Fingerprint)}</code>\n"
        + "Compare it with the server's own (<code>ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</code>). Any other key will be refused.");
}
