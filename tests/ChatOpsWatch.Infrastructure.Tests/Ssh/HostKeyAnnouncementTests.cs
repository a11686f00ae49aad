using ChatOpsWatch.Domain.Security;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Testing.FakeBotApi;

namespace ChatOpsWatch.Infrastructure.Tests.Ssh;

public sealed class HostKeyAnnouncementTests
{
    private static readonly PinnedHostKey Pin = new("web<1>", "ssh-ed25519", "SHA256:abc+/def", "first-use");

    [Fact]
    public void FirstUse_InChinese_NamesNodeAddressAndFingerprintInValidHtml()
    {
        var html = HostKeyAnnouncement.FirstUse(Pin, "203.0.113.10", 2222, TextCatalog.Chinese).Html;

        Assert.StartsWith("🔑 首次连接时已固定 <b>web&lt;1&gt;</b>（203.0.113.10:2222）的 SSH 主机密钥", html, StringComparison.Ordinal);
        Assert.Contains("<code>ssh-ed25519 SHA256:abc+/def</code>", html, StringComparison.Ordinal);
        Assert.Null(FakeHtml.Problem(html));
    }

    [Fact]
    public void FirstUse_InEnglish_KeepsTheWordingOperatorsKnow()
    {
        var html = HostKeyAnnouncement.FirstUse(Pin, "203.0.113.10", 22, TextCatalog.English).Html;

        Assert.StartsWith("🔑 Pinned the SSH host key of <b>web&lt;1&gt;</b> (203.0.113.10:22) on first contact:", html, StringComparison.Ordinal);
    }
}
