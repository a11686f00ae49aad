using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Engine;
using ChatOpsWatch.Domain.Engine.Live;
using ChatOpsWatch.Domain.Engine.Policy;

namespace ChatOpsWatch.Domain.Tests.Engine.Live;

public sealed class LiveEnginePolicyTests
{
    private readonly Dictionary<string, AlertState> _projections = new(StringComparer.Ordinal);

    [Fact]
    public void Evaluate_NodeMuted_SendsNothingButTracksTheStateAndAnnouncesItWhenTheSilenceEnds()
    {
        var engine = new LiveEngine { Texts = TextCatalog.English };
        var silence = new Silence("1", [new Matcher("node", "tokyo-1")], Some.At(0), Some.At(10), "@alice (42)", "disk swap");
        var policy = PolicyContext.Empty with { Silences = [silence] };

        var muted = Step(engine, 0, policy);
        var stillMuted = Step(engine, 5, policy);
        var afterwards = Step(engine, 10, policy);

        Assert.Empty(muted.Messages);
        Assert.Empty(stillMuted.Messages);
        Assert.Contains(muted.Changed, a => a.State.Phase == RulePhase.Firing);
        Assert.Contains("tokyo-1", Assert.Single(afterwards.Messages).Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OtherNodeMuted_StillSends()
    {
        var policy = PolicyContext.Empty with { Silences = [new Silence("1", [new Matcher("node", "osaka-1")], Some.At(0), Some.At(60), "a", "b")] };

        Assert.Single(Step(new LiveEngine { Texts = TextCatalog.English }, 0, policy).Messages);
    }

    [Fact]
    public void Evaluate_AcknowledgedCritical_IsNotRepeatedWhileAnUnacknowledgedOneIs()
    {
        var unacked = new LiveEngine { Texts = TextCatalog.English };
        var acked = new LiveEngine { Texts = TextCatalog.English };
        var first = Step(unacked, 0, PolicyContext.Empty);
        Step(acked, 0, PolicyContext.Empty);
        var firing = Assert.Single(first.Changed, a => a.State.Phase == RulePhase.Firing && a.State.Severity == Severity.Critical);
        var ack = new Acknowledgement("tokyo-1", firing.RuleId, firing.State.FiringSince!.Value, "@alice (42)", Some.At(1));
        var ackPolicy = PolicyContext.Empty with { Acks = [ack] };

        var repeats = Enumerable.Range(1, 40).SelectMany(m => Step(unacked, m, PolicyContext.Empty).Messages).ToList();
        var silent = Enumerable.Range(1, 40).SelectMany(m => Step(acked, m, ackPolicy).Messages).ToList();

        Assert.NotEmpty(repeats); // the first reminder is due 30 min after the alert
        Assert.Empty(silent);
    }

    private EngineDecision Step(LiveEngine engine, int minute, PolicyContext policy)
    {
        var decision = engine.Evaluate(Some.Node(), new PollOutcome.Succeeded(Some.Sample(minute, rootDisk: 99)), MonitorSettings.Default, _projections, policy);
        engine.Apply(decision.Changed);
        return decision;
    }
}
