using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Probing;

namespace ChatOpsWatch.Domain.Tests.Alerts;

public class NodeMonitorTests
{
    private readonly Dictionary<string, AlertState> _states = [];

    private PollDecision Poll(PollOutcome outcome)
    {
        var decision = NodeMonitor.Decide(Some.Node(), _states, outcome, MonitorSettings.Default, TextCatalog.English);
        foreach (var s in decision.ChangedStates)
        {
            _states[AlertKey.Of(s)] = s;
        }

        return decision;
    }

    [Fact]
    public void Decide_HealthySample_SendsNothingAndKeepsTheSample()
    {
        var d = Poll(new PollOutcome.Succeeded(Some.Sample(0)));

        Assert.Empty(d.Messages);
        Assert.NotNull(d.Sample);
    }

    [Fact]
    public void Decide_NodeDownThenUp_SendsOneCriticalNamingTheNodeThenOneRecovery()
    {
        var messages = new[]
        {
            Poll(new PollOutcome.Succeeded(Some.Sample(0))),
            Poll(new PollOutcome.Failed(Some.At(1), "Connection refused")),
            Poll(new PollOutcome.Failed(Some.At(2), "Connection refused")),
            Poll(new PollOutcome.Failed(Some.At(3), "Connection refused")),
            Poll(new PollOutcome.Succeeded(Some.Sample(4))),
        }.SelectMany(d => d.Messages).ToList();

        Assert.Equal(2, messages.Count);
        Assert.Equal(Severity.Critical, messages[0].Severity);
        Assert.False(messages[0].Silent);
        Assert.Contains("tokyo-1", messages[0].Html, StringComparison.Ordinal);
        Assert.Contains("Connection refused", messages[0].Html, StringComparison.Ordinal);
        Assert.Contains("RESOLVED", messages[1].Html, StringComparison.Ordinal);
        Assert.Contains("after 2 min", messages[1].Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_HostKeyRejectedRepeatedly_RaisesOneSecurityAlert()
    {
        var messages = Enumerable.Range(1, 5)
            .SelectMany(i => Poll(new PollOutcome.HostKeyRejected(Some.At(i), "ssh-ed25519 SHA256:new", "ssh-ed25519 SHA256:old")).Messages)
            .ToList();

        var alert = Assert.Single(messages);
        Assert.Equal(MessageKind.Security, alert.Kind);
        Assert.Contains("SHA256:new", alert.Html, StringComparison.Ordinal);
        Assert.Contains("SHA256:old", alert.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(_states.Values, s => s.RuleId == ReachabilityEvaluator.RuleId && s.IsFiring);
    }

    [Fact]
    public void Decide_CryptoRefusedRepeatedly_RaisesOneSshCryptoSecurityAlertAndNeverUnreachable()
    {
        var refusal = SshRefusalText.Describe(["diffie-hellman-group1-sha1"], "key exchange", legacyWouldHelp: true);
        Poll(new PollOutcome.Succeeded(Some.Sample(0)));
        var messages = Enumerable.Range(1, 6)
            .SelectMany(i => Poll(new PollOutcome.CryptoRefused(Some.At(i), refusal)).Messages)
            .ToList();

        var alert = Assert.Single(messages);
        Assert.Equal(MessageKind.Security, alert.Kind);
        Assert.Equal(Severity.Critical, alert.Severity);
        Assert.Contains("diffie-hellman-group1-sha1", alert.Html, StringComparison.Ordinal);
        Assert.Contains("AllowLegacyAlgorithms", alert.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("unreachable", alert.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(NodeMonitor.CryptoRuleId, alert.Incident?.RuleId);
        Assert.DoesNotContain(_states.Values, s => s.RuleId == ReachabilityEvaluator.RuleId && (s.IsFiring || s.CriticalStreak > 0));
    }

    [Fact]
    public void Decide_CryptoRefusedThenPolled_ResolvesTheSshCryptoAlert()
    {
        Poll(new PollOutcome.CryptoRefused(Some.At(1), SshRefusalText.Describe(["ssh-dss"], "host key", legacyWouldHelp: false)));

        var back = Poll(new PollOutcome.Succeeded(Some.Sample(2)));

        var resolved = Assert.Single(back.Messages);
        Assert.Contains("RESOLVED", resolved.Html, StringComparison.Ordinal);
        Assert.Contains("accepted SSH algorithms", resolved.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_DownThenBackWithAChangedHostKey_TheDownResolvesAndOnlyTheSecurityAlertFires()
    {
        Poll(new PollOutcome.Succeeded(Some.Sample(0)));
        Poll(new PollOutcome.Failed(Some.At(1), "Connection refused", Confirmed: true)); // e.g. reinstalled: sshd down a moment

        var back = Poll(new PollOutcome.HostKeyRejected(Some.At(2), "ssh-ed25519 SHA256:new", "ssh-ed25519 SHA256:old"));

        Assert.Contains(back.Transitions, t => t.Next.RuleId == ReachabilityEvaluator.RuleId && t.Reason == NotifyReason.Resolved);
        Assert.DoesNotContain(_states.Values, s => s.RuleId == ReachabilityEvaluator.RuleId && s.IsFiring);
        Assert.Contains(_states.Values, s => s.RuleId == NodeMonitor.HostKeyRuleId && s.IsFiring);
    }

    [Fact]
    public void Decide_GarbledOutput_WarnsWithoutCountingTheNodeAsDown()
    {
        var d1 = Poll(new PollOutcome.Garbled(Some.At(1), ProbeParser.Parse("banner").Problem!));
        var d2 = Poll(new PollOutcome.Garbled(Some.At(2), ProbeParser.Parse("banner").Problem!));

        var warning = Assert.Single(d1.Messages.Concat(d2.Messages));
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Contains("not a cowprobe output", warning.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(_states.Values, s => s.RuleId == ReachabilityEvaluator.RuleId && s.IsFiring);
    }

    [Fact]
    public void Decide_ErrorTextWithMarkup_IsEscaped()
    {
        Poll(new PollOutcome.Failed(Some.At(1), "<b>x</b>"));
        var message = Assert.Single(Poll(new PollOutcome.Failed(Some.At(2), "<script>&")).Messages);

        Assert.Contains("&lt;script&gt;&amp;", message.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_RestartWithPersistedFiringState_DoesNotFireAgain()
    {
        Poll(new PollOutcome.Failed(Some.At(1), "refused"));
        Poll(new PollOutcome.Failed(Some.At(2), "refused"));
        var persisted = new Dictionary<string, AlertState>(_states);

        // A new process loads the same states: still down means silence, up means one recovery.
        var again = NodeMonitor.Decide(Some.Node(), persisted, new PollOutcome.Failed(Some.At(3), "refused"), MonitorSettings.Default, TextCatalog.English);
        var recovered = NodeMonitor.Decide(Some.Node(), persisted, new PollOutcome.Succeeded(Some.Sample(3)), MonitorSettings.Default, TextCatalog.English);

        Assert.Empty(again.Messages);
        Assert.Contains("RESOLVED", Assert.Single(recovered.Messages).Html, StringComparison.Ordinal);
    }
}
