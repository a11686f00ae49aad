using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine.Policy;
using ChatOpsWatch.Domain.Incidents;

namespace ChatOpsWatch.Domain.Tests.Incidents;

public sealed class HealthMutingTests
{
    private static readonly Dictionary<string, AlertState> NoStates = new(StringComparer.Ordinal);

    [Fact]
    public void Filter_NodeSilenced_HoldsBackItsUnreachableAlert()
    {
        var unreachable = Down(Some.Node());

        var kept = HealthMuting.Filter(Some.Node(), unreachable, Muting(new Matcher("node", "tokyo-1")), Some.At(2));

        Assert.NotEmpty(unreachable);
        Assert.Empty(kept);
    }

    [Fact]
    public void Filter_SilenceOfAnotherNodeOrEnded_KeepsTheAlert()
    {
        var unreachable = Down(Some.Node());

        Assert.Equal(unreachable, HealthMuting.Filter(Some.Node(), unreachable, Muting(new Matcher("node", "osaka-1")), Some.At(2)));
        Assert.Equal(unreachable, HealthMuting.Filter(Some.Node(), unreachable, Muting(new Matcher("node", "tokyo-1")), Some.At(90)));
    }

    [Fact]
    public void Filter_ChangedHostKeyOfASilencedNode_IsNeverHeldBack()
    {
        var states = new Dictionary<string, AlertState>(StringComparer.Ordinal);
        var rejected = new PollOutcome.HostKeyRejected(Some.At(1), "SHA256:evil", "SHA256:pinned");
        var messages = NodeMonitor.Decide(Some.Node(), states, rejected, MonitorSettings.Default, TextCatalog.English).Messages;

        var kept = HealthMuting.Filter(Some.Node(), messages, Muting(new Matcher("node", "tokyo-1")), Some.At(2));

        Assert.Equal(Domain.Notifications.MessageKind.Security, Assert.Single(kept).Kind);
    }

    private static PolicyContext Muting(Matcher matcher) =>
        PolicyContext.Empty with { Silences = [new Silence("1", [matcher], Some.At(0), Some.At(60), "@alice (42)", "moving racks")] };

    /// <summary>Two failed polls in a row: the node is unreachable.</summary>
    private static IReadOnlyList<Domain.Notifications.OutboxMessage> Down(Nodes.NodeInfo node)
    {
        var states = new Dictionary<string, AlertState>(NoStates, StringComparer.Ordinal);
        var first = NodeMonitor.Decide(node, states, new PollOutcome.Failed(Some.At(0), "timeout"), MonitorSettings.Default, TextCatalog.English);
        foreach (var t in first.Transitions)
        {
            states[AlertKey.Of(t.Next)] = t.Next;
        }

        return NodeMonitor.Decide(node, states, new PollOutcome.Failed(Some.At(1), "timeout"), MonitorSettings.Default, TextCatalog.English).Messages;
    }
}
