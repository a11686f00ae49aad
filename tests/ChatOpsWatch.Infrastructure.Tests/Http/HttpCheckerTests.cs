using System.Net;
using System.Net.Sockets;
using ChatOpsWatch.Domain.Network;
using ChatOpsWatch.Infrastructure.Http;

namespace ChatOpsWatch.Infrastructure.Tests.Http;

public sealed class HttpCheckerTests : IAsyncDisposable
{
    private readonly LocalHttpServer _https;
    private readonly HttpChecker _trusting;

    public HttpCheckerTests()
    {
        _https = new LocalHttpServer(LocalHttpServer.SelfSigned(TimeSpan.FromDays(5)));
        _https.Respond("/", 200, "<html>all systems nominal</html>");
        _https.Respond("/old", 302, "", _https.Url("/").ToString());
        _https.Respond("/loop", 302, "", _https.Url("/loop").ToString());
        _https.Respond("/missing", 404, "gone");
        _trusting = new HttpChecker(TimeProvider.System, [_https.Certificate!]);
    }

    public ValueTask DisposeAsync() => _https.DisposeAsync();

    private HttpCheckSpec Spec(string path, string? keyword = null, int? expect = null, double timeoutSeconds = 5) =>
        new("site", _https.Url(path), keyword, TimeSpan.FromSeconds(timeoutSeconds), expect);

    [Fact]
    public async Task CheckAsync_CertificateValidFiveMoreDays_ReportsFiveDaysLeftAndUp()
    {
        var result = await _trusting.CheckAsync(Spec("/", "nominal"), CancellationToken.None);

        Assert.True(HttpOutcome.Answered == result.Outcome, result.Error);
        Assert.Equal(200, result.Status);
        Assert.True(result.Up, result.Error);
        Assert.True(result.TlsValid);
        Assert.InRange(result.TlsDaysLeft!.Value, 4.99, 5.0);
        Assert.Equal(5, (int)Math.Round(result.TlsDaysLeft.Value));
    }

    [Fact]
    public async Task CheckAsync_UntrustedCertificate_FailsButStillReportsExpiry()
    {
        var result = await new HttpChecker(TimeProvider.System).CheckAsync(Spec("/"), CancellationToken.None);

        Assert.Equal(HttpOutcome.Failed, result.Outcome);
        Assert.False(result.Up);
        Assert.False(result.TlsValid);
        Assert.InRange(result.TlsDaysLeft!.Value, 4.99, 5.0);
        Assert.Contains("TLS certificate rejected", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_Redirect_IsFollowedToTheFinalPage()
    {
        var result = await _trusting.CheckAsync(Spec("/old", "nominal"), CancellationToken.None);

        Assert.Equal(200, result.Status);
        Assert.True(result.KeywordFound);
        Assert.True(result.Up);
    }

    [Fact]
    public async Task CheckAsync_EndlessRedirects_StopsAtTheLimitAndIsDown()
    {
        var result = await _trusting.CheckAsync(Spec("/loop"), CancellationToken.None);

        Assert.Equal(302, result.Status);
        Assert.False(result.Up);
    }

    [Fact]
    public async Task CheckAsync_KeywordMissing_IsDownWithTheReason()
    {
        var result = await _trusting.CheckAsync(Spec("/", "maintenance"), CancellationToken.None);

        Assert.Equal(200, result.Status);
        Assert.False(result.KeywordFound);
        Assert.False(result.Up);
        Assert.Contains("maintenance", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_ExpectedStatusNotFound_IsUp()
    {
        Assert.True((await _trusting.CheckAsync(Spec("/missing", expect: 404), CancellationToken.None)).Up);
        Assert.False((await _trusting.CheckAsync(Spec("/missing"), CancellationToken.None)).Up);
    }

    [Fact]
    public async Task CheckAsync_ServerNeverAnswers_IsATimeoutNotAnError()
    {
        var result = await _trusting.CheckAsync(Spec("/hang", timeoutSeconds: 1), CancellationToken.None);

        Assert.Equal(HttpOutcome.TimedOut, result.Outcome);
        Assert.Null(result.Status);
        Assert.InRange(result.LatencyMs, 900, 5000);
        Assert.Equal(1, HttpMetrics.Of(result).ToDictionary()["http.timeout{check=site}"]);
    }

    [Fact]
    public async Task CheckAsync_ConnectionRefused_IsAnErrorNotATimeout()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        var result = await _trusting.CheckAsync(new HttpCheckSpec("site", new Uri($"http://127.0.0.1:{port}/"), null, TimeSpan.FromSeconds(5), null), CancellationToken.None);

        Assert.Equal(HttpOutcome.Failed, result.Outcome);
        Assert.Contains("refused", result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, HttpMetrics.Of(result).ToDictionary()["http.timeout{check=site}"]);
        Assert.Equal(1, HttpMetrics.Of(result).ToDictionary()["http.error{check=site}"]);
    }
}
