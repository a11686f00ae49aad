using ChatOpsWatch.Domain.Chat.NodeAdmin;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Tests.Chat.NodeAdmin;

public sealed class NodeAddParserTests
{
    private static (NodeAddRequest? Request, NodeAddProblem? Problem) Parse(string args) =>
        NodeAddParser.Parse(args.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void Parse_FullCommand_ReadsEveryField()
    {
        var (request, problem) = Parse("web-3 deploy@web3.example.com:2222 provider=hetzner region=fra role=edge key=ops");

        Assert.Null(problem);
        Assert.Equal(new NodeAddRequest("web-3", "deploy", "web3.example.com", 2222, "hetzner", "fra", NodeRole.Edge, "ops"), request);
        Assert.Equal(NodeInfo.EdgeInterval, request!.Info.Interval);
    }

    [Fact]
    public void Parse_NoPortNoTags_DefaultsToPort22CoreAndTheDefaultKey()
    {
        var (request, _) = Parse("db-1 root@10.0.0.5");

        Assert.Equal(new NodeAddRequest("db-1", "root", "10.0.0.5", 22, "unknown", "unknown", NodeRole.Core, "default"), request);
    }

    [Theory]
    [InlineData("v6 root@[2001:db8::1]:2200", "2001:db8::1", 2200)]
    [InlineData("v6 root@2001:db8::1", "2001:db8::1", 22)]
    public void Parse_Ipv6Literal_KeepsTheAddressAndPort(string args, string host, int port)
    {
        var (request, problem) = Parse(args);

        Assert.Null(problem);
        Assert.Equal((host, port), (request!.Host, request.Port));
        Assert.Equal($"root@[{host}]:{port}", request.Target);
    }

    [Theory]
    [InlineData("a;touch /tmp/x root@10.0.0.5", "nodeadmin.invalid.name")]
    [InlineData("$(id) root@10.0.0.5", "nodeadmin.invalid.name")]
    [InlineData("n1 root@a;touch", "nodeadmin.invalid.host")]
    [InlineData("n1 root@$(id)", "nodeadmin.invalid.host")]
    [InlineData("n1 root@`id`", "nodeadmin.invalid.host")]
    [InlineData("n1 -oProxyCommand=touch", "nodeadmin.invalid.target")]
    [InlineData("n1 -oProxyCommand=x@10.0.0.5", "nodeadmin.invalid.user")]
    [InlineData("n1 root@-oProxyCommand=x", "nodeadmin.invalid.host")]
    [InlineData("n1 root@host -oProxyCommand=touch", "nodeadmin.invalid.tag")]
    [InlineData("n1 root@10.0.0.5\ntouch /tmp/x", "nodeadmin.invalid.tag")]
    [InlineData("<b>x</b> root@10.0.0.5", "nodeadmin.invalid.name")]
    [InlineData("n1 <b>@10.0.0.5", "nodeadmin.invalid.user")]
    [InlineData("n1 root@10.0.0.5 provider=<b>", "nodeadmin.invalid.tag_value")]
    [InlineData("n1 root@10.0.0.5 key=../../etc/shadow", "nodeadmin.invalid.tag_value")]
    [InlineData("n1 root@10.0.0.5 role=db", "nodeadmin.invalid.role")]
    [InlineData("n1 root@10.0.0.5 role=core role=edge", "nodeadmin.invalid.tag_twice")]
    [InlineData("n1 root@10.0.0.5:0", "nodeadmin.invalid.port")]
    [InlineData("n1 root@10.0.0.5:65536", "nodeadmin.invalid.port")]
    [InlineData("n1 root@10.0.0.5:22;id", "nodeadmin.invalid.port")]
    [InlineData("n1 root@10.1", "nodeadmin.invalid.host")]
    [InlineData("n1 root@999.1.1.1", "nodeadmin.invalid.host")]
    [InlineData("n1 root@a@b", "nodeadmin.invalid.target")]
    [InlineData("n1 10.0.0.5", "nodeadmin.invalid.target")]
    [InlineData("n1", "nodeadmin.invalid.usage")]
    public void Parse_HostileOrBrokenInput_RefusedWithTheReason(string args, string reason)
    {
        var (request, problem) = Parse(args);

        Assert.Null(request);
        Assert.Equal(reason, problem!.TextKey);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("host")]
    [InlineData("user")]
    public void Parse_300Characters_Refused(string where)
    {
        var longText = new string('a', 300);
        var args = where switch
        {
            "name" => $"{longText} root@10.0.0.5",
            "host" => $"n1 root@{longText}",
            _ => $"n1 {longText}@10.0.0.5",
        };

        var (request, problem) = Parse(args);

        Assert.Null(request);
        Assert.Equal($"nodeadmin.invalid.{where}", problem!.TextKey);
    }

    [Fact]
    public void Refused_HtmlInTheInput_IsEscapedAndCut()
    {
        var (_, problem) = Parse($"<b>{new string('x', 300)} root@10.0.0.5");

        var reply = NodeAdminReplies.Refused(TextCatalog.English, problem!);

        Assert.DoesNotContain("<b>x", reply, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;", reply, StringComparison.Ordinal);
        Assert.True(reply.Length < 400, reply);
        Assert.Contains("no connection was made", reply, StringComparison.Ordinal);
    }
}
