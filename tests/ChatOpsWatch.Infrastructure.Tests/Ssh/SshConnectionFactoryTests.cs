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

    [Fact]
    public void Create_DefaultTarget_OffersNoSha1KexNoSha1RsaNoCbcNoHmacSha1()
    {
        using var client = SshConnectionFactory.Create(new SshTarget("n", "192.0.2.1", 22, "root", new SshAuth.Password("x")), SshSettings.Default);
        var info = client.ConnectionInfo;

        Assert.DoesNotContain("diffie-hellman-group1-sha1", info.KeyExchangeAlgorithms.Keys);
        Assert.DoesNotContain("diffie-hellman-group14-sha1", info.KeyExchangeAlgorithms.Keys);
        Assert.DoesNotContain("diffie-hellman-group-exchange-sha1", info.KeyExchangeAlgorithms.Keys);
        Assert.DoesNotContain("ssh-rsa", info.HostKeyAlgorithms.Keys);
        Assert.DoesNotContain(info.Encryptions.Keys, k => k.EndsWith("-cbc", StringComparison.Ordinal));
        Assert.DoesNotContain(info.HmacAlgorithms.Keys, k => k.StartsWith("hmac-sha1", StringComparison.Ordinal));
        Assert.Contains("diffie-hellman-group14-sha256", info.KeyExchangeAlgorithms.Keys);
        Assert.Contains("rsa-sha2-512", info.HostKeyAlgorithms.Keys);
        Assert.Contains("aes256-ctr", info.Encryptions.Keys);
        Assert.Contains("hmac-sha2-256", info.HmacAlgorithms.Keys);
    }

    [Fact]
    public void Create_TargetAllowingLegacy_AlsoOffersTheLegacyAlgorithmsAfterTheModernOnes()
    {
        using var client = SshConnectionFactory.Create(new SshTarget("n", "192.0.2.1", 22, "root", new SshAuth.Password("x"), AllowLegacyAlgorithms: true), SshSettings.Default);
        var kex = client.ConnectionInfo.KeyExchangeAlgorithms.Keys.ToList();

        Assert.Equal("curve25519-sha256", kex[0]);
        Assert.Equal("diffie-hellman-group1-sha1", kex[^1]);
        Assert.Contains("ssh-rsa", client.ConnectionInfo.HostKeyAlgorithms.Keys);
        Assert.Contains("aes128-cbc", client.ConnectionInfo.Encryptions.Keys);
        Assert.Contains("hmac-sha1", client.ConnectionInfo.HmacAlgorithms.Keys);
    }
}
