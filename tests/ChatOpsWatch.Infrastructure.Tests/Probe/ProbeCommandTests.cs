using ChatOpsWatch.Domain.Probing;
using ChatOpsWatch.Infrastructure.Probe;

namespace ChatOpsWatch.Infrastructure.Tests.Probe;

/// <summary>
/// <see cref="ProbeScript.Command"/>: each node keeps a short head and shares one quoted script (issue 10: 38 KB per
/// session at 1,000 nodes), and the joined text is the command line a node runs.
/// </summary>
public sealed class ProbeCommandTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public void Command_TwoNodes_ShareOneScriptTailAndKeepShortHeads()
    {
        var targets = ProbeTargets.Create(["sshd", "nginx"], [22, 443]);

        var a = ProbeScript.Command(Deadline, targets, ProbeNonce.For("web-1"));
        var b = ProbeScript.Command(Deadline, ProbeTargets.None, ProbeNonce.For("web-2"));

        Assert.Same(a.Tail, b.Tail);
        Assert.True(a.Head.Length < 1_000, $"head is {a.Head.Length} characters");
        Assert.True(a.Tail.Length > ProbeScript.Script.Length, "the tail holds the whole quoted script");
        Assert.NotEqual(a.Text(), b.Text());
    }

    [Fact]
    public void Command_Text_EndsWithTheQuotedScriptOfTheNode()
    {
        var targets = ProbeTargets.Create(["sshd"], [22]);
        var nonce = ProbeNonce.For("web-1");

        var text = ProbeScript.Command(Deadline, targets, nonce).Text();

        Assert.EndsWith(" cowprobe 10 " + ProbeScript.Quote(ProbeScript.For(targets, nonce)), text, StringComparison.Ordinal);
        Assert.StartsWith("sh -c '", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_RunByALoginShell_PrintsOutputFramedByTheNodesNonce()
    {
        var nonce = ProbeNonce.For("web-1");
        var command = ProbeScript.Command(Deadline, ProbeTargets.Create(["sshd"], [22]), nonce);

        var result = await Shell.Run("/bin/bash", ["-c", command.Text()]);

        Assert.Equal(0, result.ExitCode);
        var parsed = ProbeParser.Parse(result.Stdout, nonce);
        Assert.NotNull(parsed.Snapshot);
        Assert.StartsWith($"cowprobe 2 {nonce}", result.Stdout, StringComparison.Ordinal);
    }
}
