using System.Text;

namespace ChatOpsWatch.Testing.FakeBotApi;

/// <summary>
/// Just enough multipart/form-data parsing for the Bot API's uploads: text parts become parameters, parts with a
/// filename become files (their name is kept as the parameter "field#filename").
/// </summary>
internal static class FakeMultipart
{
    public static void Parse(string contentType, byte[] body, Dictionary<string, string> parameters, Dictionary<string, byte[]> files)
    {
        var boundary = contentType.Split(';').Select(p => p.Trim())
            .FirstOrDefault(p => p.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase))?["boundary=".Length..].Trim('"')
            ?? throw new FormatException("multipart body without a boundary");
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var parts = Split(body, delimiter);
        foreach (var part in parts)
        {
            var headerEnd = part.AsSpan().IndexOf("\r\n\r\n"u8);
            if (headerEnd < 0)
            {
                continue;
            }

            var headers = Encoding.UTF8.GetString(part, 0, headerEnd);
            var content = part[(headerEnd + 4)..];
            if (content.AsSpan().EndsWith("\r\n"u8))
            {
                content = content[..^2];
            }

            var name = Attribute(headers, "name") ?? throw new FormatException("multipart part without a name");
            if (Attribute(headers, "filename") is { } fileName)
            {
                files[name] = content;
                parameters[name + "#filename"] = fileName;
            }
            else
            {
                parameters[name] = Encoding.UTF8.GetString(content);
            }
        }
    }

    private static List<byte[]> Split(byte[] body, byte[] delimiter)
    {
        var parts = new List<byte[]>();
        var span = body.AsSpan();
        var start = span.IndexOf(delimiter);
        while (start >= 0)
        {
            var from = start + delimiter.Length;
            if (span[from..].StartsWith("--"u8))
            {
                break;
            }

            from += 2; // the CRLF after the delimiter
            var next = span[from..].IndexOf(delimiter);
            if (next < 0)
            {
                throw new FormatException("multipart body without a closing boundary");
            }

            parts.Add(span.Slice(from, next).ToArray());
            start = from + next;
        }

        return parts;
    }

    private static string? Attribute(string headers, string attribute)
    {
        var marker = attribute + "=";
        foreach (var piece in headers.Split(';', '\r', '\n').Select(p => p.Trim()))
        {
            if (piece.StartsWith(marker, StringComparison.OrdinalIgnoreCase))
            {
                return piece[marker.Length..].Trim('"');
            }
        }

        return null;
    }
}
