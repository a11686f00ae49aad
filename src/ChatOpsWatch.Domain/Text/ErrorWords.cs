namespace ChatOpsWatch.Domain.Text;

/// <summary>
/// Puts a poll error (SSH.NET's and the session's English, node text already sanitised) into the catalogue's language:
/// English keeps the error as it is; other languages name its class only, since the original is an English sentence
/// (issue 16). The poller's log line keeps the original for a search or a bug report. Pure: the error is only compared,
/// never parsed into anything else.
/// </summary>
public static class ErrorWords
{
    // The first match wins: a deadline is a kind of time-out, an auth failure can mention a closed connection.
    private static readonly (string Key, string[] Marks)[] Classes =
    [
        ("error.deadline", ["deadline"]),
        ("error.busy", ["has not finished"]),
        ("error.backoff", ["backing off"]),
        ("error.hostkey", ["host key"]),
        ("error.auth", ["permission denied", "authentication", "no supported authentication"]),
        ("error.timeout", ["timed out", "timeout", "no answer within"]),
        ("error.refused", ["refused"]),
        ("error.network", ["no route", "unreachable", "network is down"]),
        ("error.dns", ["name or service not known", "no such host", "name resolution", "temporary failure in name"]),
        ("error.broken", ["reset", "aborted", "broke", "closed", "disconnect", "broken pipe"]),
    ];

    /// <summary>The error for a chat message in <paramref name="texts"/>' language (not yet HTML-escaped).</summary>
    public static string Describe(string error, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Language == Language.En)
        {
            return error;
        }

        return texts[Classes.FirstOrDefault(c => c.Marks.Any(m => error.Contains(m, StringComparison.OrdinalIgnoreCase))).Key ?? "error.other"];
    }
}
