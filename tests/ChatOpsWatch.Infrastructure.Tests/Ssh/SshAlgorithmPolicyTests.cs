using ChatOpsWatch.Infrastructure.Ssh;

namespace ChatOpsWatch.Infrastructure.Tests.Ssh;

public class SshAlgorithmPolicyTests
{
    [Fact]
    public void Refusal_NoMatchingKexWithLegacyOffers_NamesThemAndTheSetting()
    {
        var text = SshAlgorithmPolicy.Refusal("No matching key exchange algorithm (server offers diffie-hellman-group1-sha1,diffie-hellman-group14-sha1,ext-info-s,kex-strict-s-v00@openssh.com)", legacyAllowed: false);

        Assert.Equal("node offers only diffie-hellman-group1-sha1, diffie-hellman-group14-sha1 for key exchange; set Nodes:N:AllowLegacyAlgorithms: true for this node to accept", text);
    }

    [Fact]
    public void Refusal_OffersNothingWeCouldAllow_SaysUnsupportedInsteadOfTheSetting()
    {
        var text = SshAlgorithmPolicy.Refusal("No matching host key algorithm (server offers ssh-dss)", legacyAllowed: false);

        Assert.Equal("node offers only ssh-dss for host key, which ChatOpsWatch does not support; upgrade the node's sshd", text);
    }

    [Fact]
    public void Refusal_HostileAlgorithmNames_AreSanitised()
    {
        var text = SshAlgorithmPolicy.Refusal("No matching server MAC algorithm (server offers hmac-\u001b[31mevil\u0007)", legacyAllowed: false);

        Assert.Contains("hmac-\\x1b[31mevil\\x07", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', text!);
    }

    [Theory]
    [InlineData("Connection refused")]
    [InlineData("Permission denied (publickey).")]
    [InlineData("An established connection was aborted by the server.")]
    public void Refusal_OtherErrors_AreNotRefusals(string error) => Assert.Null(SshAlgorithmPolicy.Refusal(error, legacyAllowed: false));
}
