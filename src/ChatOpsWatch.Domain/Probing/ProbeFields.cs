using System.Globalization;
using System.Text;

namespace ChatOpsWatch.Domain.Probing;

/// <summary>Field-level reading for <see cref="ProbeSnapshotBuilder"/>: numbers and /proc/mounts escapes.</summary>
internal static class ProbeFields
{
    /// <summary>Null when the line has at least <paramref name="expected"/> values after its name.</summary>
    public static string? CountError(string[] fields, int expected) =>
        fields.Length - 1 >= expected
            ? null
            : $"{fields[0]} line has {fields.Length - 1} fields, expected ≥ {expected}";

    public static string? Whole(string[] fields, int index, out long value) =>
        long.TryParse(fields[index], NumberStyles.None, CultureInfo.InvariantCulture, out value)
            ? null
            : $"{fields[0]} field {index} '{ProbeParser.Shorten(fields[index])}' is not a whole number";

    /// <summary>Reads <paramref name="count"/> whole numbers starting at field <paramref name="from"/>.</summary>
    public static string? Wholes(string[] fields, int from, int count, out long[] values)
    {
        values = new long[count];
        for (var i = 0; i < count; i++)
        {
            var error = Whole(fields, from + i, out values[i]);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>A non-negative decimal. .NET reads "NaN", "Infinity" and 400-digit overflows as doubles whatever the style, so finiteness is checked here.</summary>
    public static string? Decimal(string[] fields, int index, out double value) =>
        !double.TryParse(fields[index], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
            ? $"{fields[0]} field {index} '{ProbeParser.Shorten(fields[index])}' is not a number"
            : !double.IsFinite(value) || value < 0
                ? $"{fields[0]} field {index} '{ProbeParser.Shorten(fields[index])}' is not a finite number"
                : null;

    /// <summary>A name the node reported (mount, device, interface, process, boot id): control characters escaped, length capped.</summary>
    public static string Name(string text) => Text.NodeText.Sanitize(text, 256);

    /// <summary>Undoes the octal escapes of /proc/mounts (\040 space, \011 tab, \012 newline, \134 backslash).</summary>
    public static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 3 < text.Length && IsOctal(text[i + 1]) && IsOctal(text[i + 2]) && IsOctal(text[i + 3]))
            {
                sb.Append((char)(((text[i + 1] - '0') * 64) + ((text[i + 2] - '0') * 8) + (text[i + 3] - '0')));
                i += 3;
            }
            else
            {
                sb.Append(text[i]);
            }
        }

        return sb.ToString();
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
