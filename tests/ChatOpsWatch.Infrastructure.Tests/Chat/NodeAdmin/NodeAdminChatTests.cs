using ChatOpsWatch.Domain.Chat.NodeAdmin;
using ChatOpsWatch.Testing.FakeBotApi;
using Dapper;
using ChatOpsWatch.Infrastructure.Tests.Telegram;

namespace ChatOpsWatch.Infrastructure.Tests.Chat.NodeAdmin;

public sealed class NodeAdminChatTests : IAsyncLifetime
{
    private const long Stranger = -777;
    private NodeAdminHarness _h = null!;

    public async Task InitializeAsync() => _h = await NodeAdminHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<IReadOnlyList<ChatNode>> NodesAsync() => await _h.Store.ActiveAsync(default);

    private List<(string Action, string Who, long UpdateId)> Audit()
    {
        using var raw = _h.Chat.Db.Raw();
        return [.. raw.Query<(string, string, long)>("SELECT action, who, update_id FROM audit ORDER BY id;")];
    }

    [Fact]
    public async Task AddNode_AdminTrusts_PinsTheShownKeyStoresTheNodeAndStartsPolling()
    {
        var prompt = await _h.AdminSaysAsync("/addnode web-3 deploy@10.0.0.5:2222 provider=hetzner region=fra role=edge key=ops");

        Assert.Contains(RecordingScanner.Key.Fingerprint, prompt.Text, StringComparison.Ordinal);
        Assert.Contains("ssh-ed25519", prompt.Text, StringComparison.Ordinal);
        Assert.Equal([("10.0.0.5", 2222)], _h.Scanner.Contacted);
        Assert.Empty(await NodesAsync());
        Assert.Empty(await _h.HostKeys.PinsAsync("web-3", default));
        Assert.Equal(0, _h.Fleet.Refreshes);

        var toast = await _h.PressAsync(prompt, "Trust");

        Assert.Equal("Done.", toast);
        var node = Assert.Single(await NodesAsync());
        Assert.Equal(("web-3", "deploy", "10.0.0.5", 2222, "ops"), (node.Name, node.Spec.User, node.Spec.Host, node.Spec.Port, node.Spec.KeyName));
        var pin = Assert.Single(await _h.HostKeys.PinsAsync("web-3", default));
        Assert.Equal((RecordingScanner.Key.Algorithm, RecordingScanner.Key.Fingerprint), (pin.Algorithm, pin.Fingerprint));
        Assert.Equal(1, _h.Fleet.Refreshes);
        var edit = await _h.Api.WaitForEditAsync(prompt.MessageId);
        Assert.Contains("added by @user42", edit.Text, StringComparison.Ordinal);
        Assert.Equal(["addnode-request", "addnode"], Audit().Select(a => a.Action));
        Assert.All(Audit(), a => Assert.Equal("@user42 (42)", a.Who));
    }

    [Fact]
    public async Task AddNode_TrustPressedTwice_SecondPressChangesNothing()
    {
        var prompt = await _h.AdminSaysAsync("/addnode web-3 root@10.0.0.5");
        await _h.PressAsync(prompt, "Trust");

        var toast = await _h.PressAsync(prompt, "Trust");

        Assert.Contains("Expired", toast, StringComparison.Ordinal);
        Assert.Single(await NodesAsync());
        Assert.Equal(1, _h.Fleet.Refreshes);
    }

    [Fact]
    public async Task AddNode_ConfirmationExpires_TrustAnswersExpiredAndNothingIsAdded()
    {
        var prompt = await _h.AdminSaysAsync("/addnode web-3 root@10.0.0.5");

        _h.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Single(_h.Api.LastButtons(prompt.ChatId), b => b.Label.Contains("Trust", StringComparison.Ordinal));
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        var toast = await _h.PressAsync(prompt, "Trust");

        Assert.Equal("Expired: nothing changed.", toast);
        Assert.Empty(await NodesAsync());
        Assert.Empty(await _h.HostKeys.PinsAsync("web-3", default));
        Assert.Contains("expired", (await _h.Api.WaitForEditAsync(prompt.MessageId)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddNode_Rejected_NothingAddedAndTheRejectionAudited()
    {
        var prompt = await _h.AdminSaysAsync("/addnode web-3 root@10.0.0.5");

        await _h.PressAsync(prompt, "Reject");

        Assert.Empty(await NodesAsync());
        Assert.Empty(await _h.HostKeys.PinsAsync("web-3", default));
        Assert.Equal(["addnode-request", "addnode-rejected"], Audit().Select(a => a.Action));
    }

    [Fact]
    public async Task AddNode_NonAdminPressesTrust_RefusedAndNothingAdded()
    {
        var prompt = await _h.AdminSaysAsync("/addnode web-3 root@10.0.0.5");

        var toast = await _h.PressAsync(prompt, "Trust", ChatBotHarness.Member);

        Assert.Equal("Only admins may press this button.", toast);
        Assert.Empty(await NodesAsync());
        Assert.Equal("Done.", await _h.PressAsync(prompt, "Trust"));
    }

    [Theory]
    [InlineData("/addnode a;touch{0} root@10.0.0.5", "not a node name")]
    [InlineData("/addnode $(touch{0}) root@10.0.0.5", "not a node name")]
    [InlineData("/addnode n1 root@$(touch{0})", "is not a host")]
    [InlineData("/addnode n1 -oProxyCommand=touch{0}", "is not user@host")]
    [InlineData("/addnode n1 root@-oProxyCommand=touch{0}", "is not a host")]
    [InlineData("/addnode n1 root@10.0.0.5\ntouch {0}", "is not a tag")]
    [InlineData("/addnode <b>n1</b> root@10.0.0.5 x{0}", "not a node name")]
    [InlineData("/addnode DB-1 root@10.0.0.5", "in the configuration file")]
    [InlineData("/addnode n1 root@10.0.0.5 key=missing x{0}", "is not a tag")]
    [InlineData("/addnode n1 root@10.0.0.5 key=missing", "no SSH key named")]
    public async Task AddNode_HostileOrInvalid_RefusedWithAReasonNoContactNoFile(string template, string reason)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cow-add-{Guid.NewGuid():N}");
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, file);

        var reply = await _h.AdminSaysAsync(text);

        Assert.Contains(reason, reply.Text, StringComparison.Ordinal);
        Assert.Contains("no connection was made", reply.Text, StringComparison.Ordinal);
        Assert.Empty(_h.Scanner.Contacted);
        Assert.False(File.Exists(file));
        Assert.Empty(await NodesAsync());
    }

    [Fact]
    public async Task AddNode_300Characters_RefusedAndNotEchoedWhole()
    {
        var reply = await _h.AdminSaysAsync("/addnode " + new string('n', 300) + " root@10.0.0.5");

        Assert.Contains("not a node name", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('n', 100), reply.Text, StringComparison.Ordinal);
        Assert.Empty(_h.Scanner.Contacted);
    }

    [Fact]
    public async Task AddNode_NameAlreadyAdded_Refused()
    {
        await _h.PressAsync(await _h.AdminSaysAsync("/addnode web-3 root@10.0.0.5"), "Trust");

        var reply = await _h.AdminSaysAsync("/addnode WEB-3 root@10.0.0.6");

        Assert.Contains("already monitored", reply.Text, StringComparison.Ordinal);
        Assert.Single(_h.Scanner.Contacted);
    }

    [Fact]
    public async Task AddNode_UnauthorisedOrSpoofed_NoContactAndNothingStored()
    {
        _h.Api.EnqueueMessage(Stranger, ChatBotHarness.Admin, "/addnode s1 root@10.0.0.5");
        await _h.SaysAsync(ChatBotHarness.OpsGroup, ChatBotHarness.Member, "/addnode s2 root@10.0.0.5");
        await _h.SaysAsync(ChatBotHarness.OpsGroup, ChatBotHarness.Admin, "/addnode s3 root@10.0.0.5", senderChat: ChatBotHarness.OpsGroup);
        await _h.SaysAsync(ChatBotHarness.OpsGroup, ChatBotHarness.Admin, "/addnode s4 root@10.0.0.5", forwarded: true);
        await _h.Api.WaitForLeaveAsync(Stranger);

        Assert.Empty(_h.Scanner.Contacted);
        Assert.Empty(await NodesAsync());
        Assert.Empty(Audit());
        Assert.DoesNotContain(_h.Api.Sent, m => m.Text.Contains("SHA256", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddNode_UpdateDeliveredTwice_ContactsTheHostOnce()
    {
        var id = _h.Api.EnqueueMessage(ChatBotHarness.OpsGroup, ChatBotHarness.Admin, "/addnode web-3 root@10.0.0.5");
        await _h.Api.WaitForAsync(m => m.Text.Contains("SHA256", StringComparison.Ordinal));
        var update = new global::Telegram.Bot.Types.Update
        {
            Id = id,
            Message = new global::Telegram.Bot.Types.Message
            {
                Id = 1,
                Date = DateTime.UnixEpoch,
                Chat = new() { Id = ChatBotHarness.OpsGroup, Type = global::Telegram.Bot.Types.Enums.ChatType.Group },
                From = new() { Id = ChatBotHarness.Admin, FirstName = "user42", Username = "user42" },
                Text = "/addnode web-3 root@10.0.0.5",
            },
        };

        await _h.Chat.Handler.HandleAsync(update, default);

        Assert.Single(_h.Scanner.Contacted);
        Assert.Single(Audit());
    }

    [Fact]
    public async Task RemoveNode_ConfiguredNode_SaysToEditTheConfiguration()
    {
        var reply = await _h.AdminSaysAsync("/removenode db-1");

        Assert.Contains("edit the configuration", reply.Text, StringComparison.Ordinal);
        Assert.Empty(Audit());
    }

    [Fact]
    public async Task RemoveNode_Confirmed_RetiresTheChatNodeAndStopsPolling()
    {
        await _h.PressAsync(await _h.AdminSaysAsync("/addnode web-3 root@10.0.0.5"), "Trust");
        var prompt = await _h.AdminSaysAsync("/removenode web-3");
        Assert.Single(await NodesAsync());

        await _h.PressAsync(prompt, "Remove");

        Assert.Empty(await NodesAsync());
        Assert.Equal(2, _h.Fleet.Refreshes);
        Assert.Contains("removed by @user42", (await _h.Api.WaitForEditAsync(prompt.MessageId)).Text, StringComparison.Ordinal);
        Assert.Equal(["addnode-request", "addnode", "removenode-request", "removenode"], Audit().Select(a => a.Action));
    }

    [Fact]
    public async Task RemoveNode_Cancelled_NodeStays()
    {
        await _h.PressAsync(await _h.AdminSaysAsync("/addnode web-3 root@10.0.0.5"), "Trust");

        await _h.PressAsync(await _h.AdminSaysAsync("/removenode web-3"), "Cancel");

        Assert.Single(await NodesAsync());
        Assert.Equal(1, _h.Fleet.Refreshes);
    }
}
