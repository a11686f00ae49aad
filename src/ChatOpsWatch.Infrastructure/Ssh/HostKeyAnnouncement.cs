using System.Globalization;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Security;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Infrastructure.Ssh;

public static class HostKeyAnnouncement
{
    /// <summary>The ops-chat message that a node's host key was pinned on first contact, in the catalogue's language.</summary>
    public static OutboxMessage FirstUse(PinnedHostKey pin, string host, int port, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(pin);
        ArgumentNullException.ThrowIfNull(texts);
        return new(
            MessageKind.Security,
            Severity.None,
            texts.Format(
                "hostkey.first_use",
                Html.Escape(pin.Node),
                Html.Escape(host),
                port.ToString(CultureInfo.InvariantCulture),
                Html.Escape(pin.Algorithm),
                Html.Escape(pin.Fingerprint)));
    }
}
