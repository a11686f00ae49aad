using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ChatOpsWatch.Domain.Network;

namespace ChatOpsWatch.Infrastructure.Http;

/// <summary>
/// Runs HTTP(S) checks from the monitor. Each check uses a fresh connection, so the TLS handshake
/// (and with it the certificate) is seen every time. Certificates are validated normally; the
/// expiry is recorded even when validation fails, and the failure is reported, not hidden.
/// Never throws for server or network problems; honours <c>ct</c> by throwing OperationCanceledException.
/// <paramref name="privateRoots"/> are extra trusted roots (a private CA), checked only when the
/// system store does not trust the chain; the host name must still match.
/// </summary>
public sealed class HttpChecker(TimeProvider time, IReadOnlyCollection<X509Certificate2>? privateRoots = null)
{
    private const int MaxBodyBytes = 1 << 20;

    public async Task<HttpCheckResult> CheckAsync(HttpCheckSpec spec, CancellationToken ct)
    {
        DateTime? notAfter = null;
        var tlsErrors = SslPolicyErrors.None;
        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = spec.MaxRedirects > 0,
            MaxAutomaticRedirections = Math.Max(1, spec.MaxRedirects),
            ConnectTimeout = spec.Timeout,
            UseCookies = false,
            SslOptions = new SslClientAuthenticationOptions
            {
                // After redirects this holds the certificate of the last TLS host, the one that answered.
                RemoteCertificateValidationCallback = (_, cert, chain, errors) =>
                {
                    notAfter = (cert as X509Certificate2)?.NotAfter.ToUniversalTime();
                    tlsErrors = TrustPrivateRoot(cert as X509Certificate2, chain, errors);
                    return tlsErrors == SslPolicyErrors.None;
                },
            },
        };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(spec.Timeout);
        var start = time.GetTimestamp();
        int? status = null;
        bool? found = null;
        HttpOutcome outcome;
        string? error = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, spec.Url);
            request.Headers.UserAgent.ParseAdd("ChatOpsWatch/1");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            status = (int)response.StatusCode;
            var body = await ReadBodyAsync(response, cts.Token);
            found = spec.Keyword is null ? null : body.Contains(spec.Keyword, StringComparison.Ordinal);
            outcome = HttpOutcome.Answered;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            outcome = HttpOutcome.TimedOut;
            error = $"no complete response within {spec.Timeout.TotalSeconds:0.###} s";
        }
        catch (HttpRequestException ex)
        {
            outcome = HttpOutcome.Failed;
            error = tlsErrors != SslPolicyErrors.None
                ? $"TLS certificate rejected: {tlsErrors}"
                : $"{ex.HttpRequestError}: {ex.InnerException?.Message ?? ex.Message}";
        }

        var latency = time.GetElapsedTime(start).TotalMilliseconds;
        var now = time.GetUtcNow();
        double? daysLeft = notAfter is { } na ? (na - now.UtcDateTime).TotalDays : null;
        bool? tlsValid = notAfter is null ? null : tlsErrors == SslPolicyErrors.None;
        var statusOk = status is { } s && (spec.ExpectStatus is { } want ? s == want : s is >= 200 and < 300);
        if (outcome == HttpOutcome.Answered && !statusOk)
        {
            error = $"status {status}, expected {(spec.ExpectStatus is { } e ? e.ToString(System.Globalization.CultureInfo.InvariantCulture) : "2xx")}";
        }
        else if (found == false)
        {
            error = $"keyword '{spec.Keyword}' not found";
        }

        var up = outcome == HttpOutcome.Answered && statusOk && found != false;
        return new HttpCheckResult(spec.Name, outcome, status, latency, found, daysLeft, tlsValid, up, error);
    }

    private SslPolicyErrors TrustPrivateRoot(X509Certificate2? cert, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || cert is null || privateRoots is not { Count: > 0 })
        {
            return errors;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(privateRoots.ToArray());
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            custom.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
        }

        custom.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        return custom.Build(cert) ? SslPolicyErrors.None : errors;
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[MaxBodyBytes];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), ct)) > 0)
        {
            total += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, total);
    }
}
