using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;

namespace ChatOpsWatch.Infrastructure.Tests.Archive;

/// <summary>One write as the writer sent it: its points and how it ended (an HTTP status, or 0 when no answer came).</summary>
internal sealed record SentWrite(IReadOnlyList<string> Lines, int Status, string? Error);

/// <summary>Records every write the archive makes on its way to a real InfluxDB, so a test can tell which points arrived, how often and in what order.</summary>
internal sealed class RecordingHandler() : DelegatingHandler(new HttpClientHandler())
{
    private readonly ConcurrentQueue<SentWrite> _writes = new();

    public IReadOnlyList<SentWrite> Writes => [.. _writes];

    /// <summary>The points of every write InfluxDB answered 2xx, in the order they were sent.</summary>
    public IReadOnlyList<string> Arrived => [.. _writes.Where(w => w.Status is >= 200 and < 300).SelectMany(w => w.Lines)];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var bytes = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var lines = (await reader.ReadToEndAsync(cancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            _writes.Enqueue(new SentWrite(lines, (int)response.StatusCode, null));
            return response;
        }
        catch (HttpRequestException ex)
        {
            _writes.Enqueue(new SentWrite(lines, 0, ex.Message));
            throw;
        }
    }
}
