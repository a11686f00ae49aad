using ChatOpsWatch.Domain.Security;

namespace ChatOpsWatch.Domain.Tests.Security;

public class HostKeyPolicyTests
{
    private static readonly PinnedHostKey Pin = new("n", "ssh-ed25519", "SHA256:aaa", "first-use");

    [Fact]
    public void Decide_NothingPinned_TrustsOnFirstUse() =>
        Assert.Equal(HostKeyVerdict.FirstUse, HostKeyPolicy.Decide([], "ssh-ed25519", "SHA256:aaa"));

    [Fact]
    public void Decide_PinnedKeyPresented_Trusts() =>
        Assert.Equal(HostKeyVerdict.Trusted, HostKeyPolicy.Decide([Pin], "ssh-ed25519", "SHA256:aaa"));

    [Fact]
    public void Decide_OtherKeyPresented_Refuses() =>
        Assert.Equal(HostKeyVerdict.Mismatch, HostKeyPolicy.Decide([Pin], "ssh-ed25519", "SHA256:bbb"));

    [Fact]
    public void Decide_NewAlgorithmPresented_RefusesLikeAChangedKey() =>
        Assert.Equal(HostKeyVerdict.Mismatch, HostKeyPolicy.Decide([Pin], "rsa-sha2-512", "SHA256:ccc"));
}
