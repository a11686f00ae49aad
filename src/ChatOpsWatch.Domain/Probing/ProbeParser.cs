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

    public static ProbeParseResult Parse(string output)
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
            return ProbeParseResult.Fail("not a cowprobe output: the output was empty");
        }

        var version = ReadVersion(lines[0], out var headerError);
        if (headerError is not null)
        {
            return ProbeParseResult.Fail(headerError);
        }

        var end = Array.IndexOf(lines, EndLine, 1);
        if (end < 0)
        {
            return ProbeParseResult.Fail($"truncated: no '{EndLine}' line (output stops at line {last + 1}: '{Shorten(lines[last])}')");
        }

        if (end < last)
        {
            var extra = Array.FindIndex(lines, end + 1, l => l.Length > 0);
            return ProbeParseResult.Fail($"line {extra + 1}: unexpected text after the '{EndLine}' line: '{Shorten(lines[extra])}'");
        }

        var builder = new ProbeSnapshotBuilder(version);
        for (var i = 1; i < end; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var error = builder.Add(lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (error is not null)
            {
                return ProbeParseResult.Fail($"line {i + 1}: {error}");
            }
        }

        return ProbeParseResult.Ok(builder.Build());
    }

    private static int ReadVersion(string header, out string? error)
    {
        var fields = header.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 2 || fields[0] != Magic)
        {
            error = $"not a cowprobe output: first line was '{Shorten(header)}'";
            return 0;
        }

        if (!int.TryParse(fields[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            || version is < OldestVersion or > SupportedVersion)
        {
            error = $"unsupported probe format version {Shorten(fields[1])} (this parser reads versions {OldestVersion} to {SupportedVersion})";
            return 0;
        }

        error = null;
        return version;
    }

    internal static string Shorten(string text) =>
        text.Length <= Shown ? text : string.Concat(text.AsSpan(0, Shown), "...");
}
