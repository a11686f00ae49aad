using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Probing;

/// <summary>
/// Reads the output of the node probe (probe.sh): first line <c>cowprobe 1</c> or <c>cowprobe 2</c>, one line per
/// section, last line <c>end</c>. Pure; every failure is a one-line error naming the line.
/// </summary>
public static class ProbeParser
{
    /// <summary>The newest format this parser reads; it also reads every older one down to <see cref="OldestVersion"/>.</summary>
    public const int SupportedVersion = 2;

    public const int OldestVersion = 1;

    private const string Magic = "cowprobe";
    private const string EndLine = "end";
    private const int Shown = 60;

    public static ProbeParseResult Parse(string output) => Parse(output, null);

    /// <summary>
    /// Reads the framed output wherever it starts: the first line <c>cowprobe N</c> (<c>cowprobe N NONCE</c> when a
    /// <paramref name="nonce"/> is given) to the line <c>end</c> (<c>end NONCE</c>). Lines before it are
    /// <see cref="ProbeParseResult.Noise"/>. Never throws on any output.
    /// </summary>
    public static ProbeParseResult Parse(string output, string? nonce)
    {
        ArgumentNullException.ThrowIfNull(output);
        var lines = output.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = lines[i].TrimEnd('\r');
        }

        var last = lines.Length - 1;
        while (last >= 0 && lines[last].Length == 0)
        {
            last--;
        }

        if (last < 0)
        {
            return ProbeParseResult.Fail("probe.error.empty");
        }

        var start = Array.FindIndex(lines, 0, last + 1, l => IsHeader(l, nonce));
        if (start < 0 && nonce is not null && IsHeader(lines[0], null))
        {
            // A runner that was given no nonce: read as before the framing, from its first line only.
            nonce = null;
            start = 0;
        }

        var shown = start >= 0 ? start : Math.Max(0, Array.FindIndex(lines, l => l.Trim().Length > 0));
        var version = ReadVersion(lines[shown], start >= 0, out var headerError);
        if (headerError is not null)
        {
            return headerError;
        }

        var endLine = nonce is null ? EndLine : $"{EndLine} {nonce}";
        var end = Array.IndexOf(lines, endLine, start + 1);
        if (end < 0)
        {
            return ProbeParseResult.Fail("probe.error.truncated", EndLine, last + 1, Shorten(lines[last]));
        }

        if (end < last)
        {
            var extra = Array.FindIndex(lines, end + 1, l => l.Length > 0);
            return ProbeParseResult.Fail("probe.error.trailing", extra + 1, EndLine, Shorten(lines[extra]));
        }

        var builder = new ProbeSnapshotBuilder(version);
        for (var i = start + 1; i < end; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var fields = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                return ProbeParseResult.Fail("probe.error.blank", i + 1);
            }

            var error = builder.Add(fields);
            if (error is not null)
            {
                // The builder's detail is English; a chat in another language quotes the line instead.
                var line = i + 1;
                var quoted = $"'{Shorten(lines[i])}'";
                return ProbeParseResult.Fail(TextEntry.Render(texts => texts.Format("probe.error.line", line, texts.Language == Language.En ? error : quoted)));
            }
        }

        return ProbeParseResult.Ok(builder.Build()) with { Noise = Noise(lines, start) };
    }

    private static bool IsHeader(string line, string? nonce)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == (nonce is null ? 2 : 3) && fields[0] == Magic && (nonce is null || fields[2] == nonce);
    }

    private static ProbeNoise? Noise(string[] lines, int start)
    {
        var noise = lines.Take(start).ToList();
        var first = noise.FindIndex(l => l.Trim().Length > 0);
        return first < 0 ? null : new ProbeNoise(noise.Sum(l => l.Length + 1), noise.Count, Shorten(noise[first]));
    }

    private static int ReadVersion(string header, bool framed, out ProbeParseResult? error)
    {
        var fields = header.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!framed || fields.Length < 2 || fields[0] != Magic)
        {
            error = ProbeParseResult.Fail("probe.error.header", Shorten(header));
            return 0;
        }

        if (!int.TryParse(fields[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            || version is < OldestVersion or > SupportedVersion)
        {
            error = ProbeParseResult.Fail("probe.error.version", Shorten(fields[1]), OldestVersion, SupportedVersion);
            return 0;
        }

        error = null;
        return version;
    }

    /// <summary>Node text quoted in an error: control characters escaped, at most 60 characters.</summary>
    internal static string Shorten(string text) => NodeText.Sanitize(text, Shown);
}
