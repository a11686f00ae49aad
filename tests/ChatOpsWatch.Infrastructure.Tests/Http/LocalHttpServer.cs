using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ChatOpsWatch.Infrastructure.Tests.Http;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 (plain or TLS with a self-signed certificate) serving
/// fixed responses by path. The path "/hang" reads the request and never answers.
/// </summary>
public sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, string> _responses = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public LocalHttpServer(X509Certificate2? certificate = null)
    {
        Certificate = certificate;
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public X509Certificate2? Certificate { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri Url(string path) => new($"{(Certificate is null ? "http" : "https")}://localhost:{Port}{path}");

    /// <summary>A self-signed certificate for localhost and 127.0.0.1, valid until now + <paramref name="validFor"/>.</summary>
    public static X509Certificate2 SelfSigned(TimeSpan validFor)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var now = DateTimeOffset.UtcNow;
        using var cert = request.CreateSelfSigned(now.AddDays(-1), now + validFor);
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    public void Respond(string path, int status, string body, string? location = null)
    {
        var head = new StringBuilder($"HTTP/1.1 {status} X\r\nContent-Type: text/html\r\nConnection: close\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n");
        if (location is not null)
        {
            head.Append("Location: ").Append(location).Append("\r\n");
        }

        _responses[path] = head.Append("\r\n").Append(body).ToString();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            Stream stream = client.GetStream();
            if (Certificate is not null)
            {
                var tls = new SslStream(stream);
                await tls.AuthenticateAsServerAsync(Certificate);
                stream = tls;
            }

            var request = await ReadHeadAsync(stream);
            var path = request.Split(' ') is [_, var p, ..] ? p : "/";
            if (path == "/hang")
            {
                await Task.Delay(Timeout.Infinite, _stop.Token);
            }

            var response = _responses.GetValueOrDefault(path, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(Encoding.UTF8.GetBytes(response));
            await stream.FlushAsync();
            await stream.DisposeAsync();
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
        {
            // The client gave up (timeout test) or rejected our certificate (untrusted test).
        }
    }

    private static async Task<string> ReadHeadAsync(Stream stream)
    {
        var buffer = new byte[8192];
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total));
            if (read == 0)
            {
                break;
            }

            total += read;
            if (Encoding.ASCII.GetString(buffer, 0, total).Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                break;
            }
        }

        return Encoding.ASCII.GetString(buffer, 0, total);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
        Certificate?.Dispose();
    }
}
