using ChatOpsWatch.Domain.Correlation;
using ChatOpsWatch.Domain.Nodes;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Tests.Correlation;

/// <summary>
/// A fleet stepped along a timeline: tests say which nodes are down at which second, and read the messages each
/// step sent. The state goes through a JSON round trip at every step, as it does through SQLite across a restart.
/// </summary>
internal sealed class CorrelationTimeline
{
    private readonly Dictionary<string, NodeReport> _reports = new(StringComparer.Ordinal);
    private CanaryStatus _canaries = CanaryStatus.None;

    public CorrelationTimeline(IReadOnlyList<NodeInfo> fleet, CorrelationOptions? options = null)
    {
        Fleet = fleet;
        Options = options ?? new CorrelationOptions(TimeSpan.FromMinutes(2), 3, 50, TimeSpan.FromMinutes(2));
    }

    public IReadOnlyList<NodeInfo> Fleet { get; }

    public CorrelationOptions Options { get; }

    public CorrelationState State { get; private set; } = CorrelationState.Empty;

    public List<(int Second, OutboxMessage Message)> Sent { get; } = [];

    public static IReadOnlyList<NodeInfo> Region(string region, int count, string provider = "acme") =>
        [.. Enumerable.Range(1, count).Select(i => new NodeInfo($"{region}-{i}", provider, region, NodeRole.Core, NodeInfo.CoreInterval))];

    /// <summary>Reports every named node down (others keep their last report) and steps at <paramref name="second"/>.</summary>
    public IReadOnlyList<OutboxMessage> Down(int second, params string[] nodes)
    {
        foreach (var n in nodes)
        {
            _reports[n] = new NodeReport(Fleet.Single(f => f.Name == n), true, 2, "connect refused");
        }

        return Step(second);
    }

    public IReadOnlyList<OutboxMessage> Up(int second, params string[] nodes)
    {
        foreach (var n in nodes)
        {
            _reports[n] = new NodeReport(Fleet.Single(f => f.Name == n), false, 0, null);
        }

        return Step(second);
    }

    public void Report(NodeReport report) => _reports[report.Node.Name] = report;

    public void AllUp()
    {
        foreach (var n in Fleet)
        {
            _reports[n.Name] = new NodeReport(n, false, 0, null);
        }
    }

    public void Canaries(bool allFailed, int second) =>
        _canaries = new CanaryStatus(["10.0.0.1:53", "10.0.0.2:53"], allFailed ? ["10.0.0.1:53", "10.0.0.2:53"] : [], Some.T0.AddSeconds(second));

    public IReadOnlyList<OutboxMessage> Step(int second)
    {
        var step = Correlator.Step(State, new CorrelationInput(Fleet, _reports, _canaries), Options, TextCatalog.English, Some.T0.AddSeconds(second));
        State = CorrelationStateJson.Read(CorrelationStateJson.Write(step.Next));
        Sent.AddRange(step.Messages.Select(m => (second, m)));
        return step.Messages;
    }
}
