using System.Net;
using System.Text;
using System.Text.Json;
using System.Web;

namespace ChatOpsWatch.Testing.FakeBotApi;

public sealed partial class FakeBotApiServer
{
    private async Task<(int, string?)> FailAsync(FakeFailure failure)
    {
        switch (failure)
        {
            case FakeFailure.TooManyRequests t:
                return (429, Json(FakeJson.Error(429, $"Too Many Requests: retry after {t.RetryAfterSeconds}", t.RetryAfterSeconds)));
            case FakeFailure.ServerError { HtmlBody: true } s:
                return (s.Status, $"<html><head><title>{s.Status} Bad Gateway</title></head><body><center><h1>{s.Status} Bad Gateway</h1></center><hr><center>nginx</center></body></html>");
            case FakeFailure.ServerError s:
                return (s.Status, Json(FakeJson.Error(s.Status, "Bad Gateway")));
            case FakeFailure.Conflict:
                return (409, Json(FakeJson.Error(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running")));
            case FakeFailure.BadRequestParse:
                return (400, Json(FakeJson.Error(400, "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 0")));
            case FakeFailure.Forbidden:
                return (403, Json(FakeJson.Error(403, "Forbidden: bot was kicked from the group chat")));
            case FakeFailure.Dropped:
                return (0, null);
            default:
                try
                {
                    await Task.Delay(Timeout.Infinite, stopping.Token);
                }
                catch (OperationCanceledException)
                {
                }

                return (0, null);
        }
    }

    private static async Task<(Dictionary<string, string> Params, Dictionary<string, byte[]> Files)> ReadParamsAsync(HttpListenerRequest request)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        AddAll(result, HttpUtility.ParseQueryString(request.Url!.Query));
        using var buffer = new MemoryStream();
        await request.InputStream.CopyToAsync(buffer);
        var bytes = buffer.ToArray();
        var body = Encoding.UTF8.GetString(bytes);
        var type = request.ContentType ?? string.Empty;
        if (body.Length == 0)
        {
            return (result, files);
        }

        if (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    result[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                }
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                throw new FormatException("invalid JSON body: " + e.Message, e);
            }
        }
        else if (type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            AddAll(result, HttpUtility.ParseQueryString(body));
        }
        else if (type.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            FakeMultipart.Parse(type, bytes, result, files);
        }
        else
        {
            throw new FormatException($"the fake Bot API does not parse '{type}' bodies");
        }

        return (result, files);
    }

    private static void AddAll(Dictionary<string, string> into, System.Collections.Specialized.NameValueCollection values)
    {
        foreach (var key in values.AllKeys.OfType<string>())
        {
            into[key] = values[key]!;
        }
    }
}
