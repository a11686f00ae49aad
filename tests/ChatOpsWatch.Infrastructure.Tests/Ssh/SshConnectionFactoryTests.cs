using ChatOpsWatch.Infrastructure.Ssh;

namespace ChatOpsWatch.Infrastructure.Tests.Ssh;

public class SshConnectionFactoryTests
{
    [Fact]
    public void Create_AnyTarget_OffersCurve25519FirstAndKeepsTheOthers()
    {
        using var client = SshConnectionFactory.Create(new SshTarget("n", "192.0.2.1", 22, "root", new SshAuth.Password("x")), SshSettings.Default);

        var kex = client.ConnectionInfo.KeyExchangeAlgorithms.Keys.ToList();

        Assert.Equal("curve25519-sha256", kex[0]);
        Assert.Contains("sntrup761x25519-sha512", kex);
        Assert.Equal(TimeSpan.FromSeconds(5), client.ConnectionInfo.Timeout);
    }
}
