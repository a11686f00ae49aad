using System.Globalization;
using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Domain.Incidents;

namespace ChatOpsWatch.Infrastructure.Chat.Incidents;

/// <summary>
/// Reads an incident button's callback data ("ack:42", "mute:42:4h") and finds its incident. The data is untrusted: a
/// press counts only when it names an incident whose message is the one the button is under (a client can send any
/// data, but only on messages of this chat).
/// </summary>
internal static class IncidentButton
{
    public static long? IdOf(CallbackData data, int expectedArgs) =>
        data.Args.Count == expectedArgs && long.TryParse(data.Args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static async Task<Incident?> FindAsync(IIncidentLog log, CallbackContext context, int expectedArgs, CancellationToken ct)
    {
        if (IdOf(context.Data, expectedArgs) is not { } id || await log.GetAsync(id, ct) is not { } incident)
        {
            return null;
        }

        var sameMessage = incident.MessageId is { } m && context.MessageId == m;
        var sameChat = incident.ChatId is null || incident.ChatId == context.ChatId;
        return sameMessage && sameChat ? incident : null;
    }

    /// <summary>"@alice (42)" → "@alice": the chat shows the name, the audit log keeps the id too.</summary>
    public static string Name(string who)
    {
        ArgumentNullException.ThrowIfNull(who);
        var cut = who.LastIndexOf(" (", StringComparison.Ordinal);
        return cut > 0 ? who[..cut] : who;
    }
}
