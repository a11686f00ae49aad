using ChatOpsWatch.Infrastructure.Ssh;

namespace ChatOpsWatch.Infrastructure.Tests.Ssh;

public class SshAlgorithmPolicyTests
{
    [Fact]
    public void Refusal_NoMatchingKexWithLegacyOffers_NamesThemAndTheSetting()
    {
        var text = SshAlgorithmPolicy.Refusal("No matching key exchange algorithm (server offers diffie-hellman-group1-sha1,diffie-hellman-group14-sha1,ext-info-s,kex-strict-s-v00@openssh.com)", legacyAllowed: false)?.En;

        Assert.Equal("node offers only diffie-hellman-group1-sha1, diffie-hellman-group14-sha1 for key exchange; set Nodes:N:AllowLegacyAlgorithms: true for this node to accept", text);
    }

    [Fact]
    public void Refusal_OffersNothingWeCouldAllow_SaysUnsupportedInsteadOfTheSetting()
    {
        var text = SshAlgorithmPolicy.Refusal("No matching host key algorithm (server offers ssh-dss)", legacyAllowed: false)?.En;

        Assert.Equal("node offers only ssh-dss for host key, which ChatOpsWatch does not support; upgrade the node's sshd", text);
    }

    [Fact]
    public void Refusal_HostileAlgorithmNames_AreSanitised()
    {
        var text = SshAlgorithmPolicy.Refusal("No matching server MAC algorithm (server offers hmac-\u001b[31mevil\u0007)", legacyAllowed: false)?.En;

        Assert.Contains("hmac-\\x1b[31mevil\\x07", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', text!);
    }

    [Theory]
    [InlineData("No matching key exchange algorithm (server offers diffie-hellman-group1-sha1)", "节点的密钥交换算法只提供 diffie-hellman-group1-sha1；如需接受，请为该节点设置 Nodes:N:AllowLegacyAlgorithms: true")]
    [InlineData("No matching server MAC algorithm (server offers hmac-md5)", "节点的服务端消息认证算法只提供 hmac-md5，均不受支持；请升级该节点的 SSH 服务端")]
    [InlineData("No matching host key algorithm (server offers )", "节点的主机密钥算法只提供 （无），均不受支持；请升级该节点的 SSH 服务端")]
    public void Refusal_Chinese_NamesThePartAndTheOffersWithoutSshNetsEnglish(string error, string expected) =>
        Assert.Equal(expected, SshAlgorithmPolicy.Refusal(error, legacyAllowed: false)?.ZhCn);

    [Theory]
    [InlineData("Connection refused")]
    [InlineData("Permission denied (publickey).")]
    [InlineData("An established connection was aborted by the server.")]
    public void Refusal_OtherErrors_AreNotRefusals(string error) => Assert.Null(SshAlgorithmPolicy.Refusal(error, legacyAllowed: false));
}
