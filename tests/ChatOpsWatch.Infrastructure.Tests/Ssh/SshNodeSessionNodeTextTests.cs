using ChatOpsWatch.Domain.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Infrastructure.Ssh;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsWatch.Infrastructure.Tests.Ssh;

/// <summary>A hostile "sshd" on 127.0.0.1 whose identification line carries terminal escapes (issue 12, item 7).</summary>
public sealed class SshNodeSessionNodeTextTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public SshNodeSessionNodeTextTests() => _listener.Start();

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task RunAsync_ServerIdentificationWithEscapes_FailsWithTheTextSanitised()
    {
        var serve = ServeAsync("SSH-\u001b]0;pwned\u0007\u001b[31m1.0-evil\r\n");
        using var session = new SshNodeSession(
            new SshTarget("evil", "127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port, "root", new SshAuth.Password("x")),
            "true",
            new SshSettings(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4)) { HeartbeatInterval = TimeSpan.Zero },
            new InMemoryHostKeyStore(),
            TimeProvider.System,
            NullLogger<SshNodeSession>.Instance, TextCatalog.English);

        var run = Assert.IsType<ProbeRun.Failure>(await session.RunAsync(CancellationToken.None));
        await serve;

        Assert.True(run.Error.Contains("\\x1b", StringComparison.Ordinal), run.Error); // the node's text is there, shown as escapes
        Assert.DoesNotContain(run.Error, char.IsControl);
    }

    private async Task ServeAsync(string identification)
    {
        using var client = await _listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(identification));
        var buffer = new byte[4096];
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            while (await stream.ReadAsync(buffer, wait.Token) > 0)
            {
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
