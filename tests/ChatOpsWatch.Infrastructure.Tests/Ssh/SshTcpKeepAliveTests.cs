using System.Net;
using System.Net.Sockets;
using ChatOpsWatch.Infrastructure.Ssh;

namespace ChatOpsWatch.Infrastructure.Tests.Ssh;

/// <summary>The kernel keepalive that breaks a lost link's session between heartbeats (issue 10), on a real loopback socket.</summary>
public sealed class SshTcpKeepAliveTests
{
    [Fact]
    public async Task Apply_ConnectedSocket_SetsKeepaliveProbesAndTheUserTimeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync((IPEndPoint)listener.LocalEndpoint);
        using var accepted = await listener.AcceptSocketAsync();

        Assert.True(SshTcpKeepAlive.Apply(client));

        Assert.Equal(1, (int)client.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive)!);
        Assert.Equal(4, (int)client.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime)!);
        Assert.Equal(1, (int)client.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval)!);
        Assert.Equal(5, (int)client.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount)!);
        var userTimeout = new byte[4];
        client.GetRawSocketOption(6, 18, userTimeout); // IPPROTO_TCP, TCP_USER_TIMEOUT
        Assert.Equal(9_000, BitConverter.ToInt32(userTimeout));
    }

    [Fact]
    public void Apply_ClosedSocket_ReturnsFalseWithoutThrowing()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Dispose();

        Assert.False(SshTcpKeepAlive.Apply(socket));
    }
}
