using ChatOpsWatch.Domain.Alerts;

namespace ChatOpsWatch.Domain.Engine.Policy;

/// <summary>Why a message goes out now, or <see cref="None"/>.</summary>
public enum SendReason
{
    None = 0,
    First,
    Escalated,
    DeEscalated,
    Resolved,
    Repeat,
    NoData,
    Flapping,
    Stable,
}

/// <summary>Why a message that would have gone out did not.</summary>
public enum MuteReason
{
    None = 0,
    Silenced,
    Maintenance,
}

/// <summary>Delays between reminders of an unacknowledged critical; the last delay repeats forever.</summary>
public sealed record RepeatSchedule(IReadOnlyList<TimeSpan> Delays)
{
    public static RepeatSchedule Default { get; } = new([TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4)]);

    public static RepeatSchedule Never { get; } = new([]);

    public TimeSpan? DelayBefore(int repeatsSent) => Delays.Count == 0 ? null : Delays[Math.Min(repeatsSent, Delays.Count - 1)];
}

/// <summary>What has been sent for the current episode: persisted next to the <see cref="RuleState"/>.</summary>
public readonly record struct NotifyLedger(bool Sent, DateTimeOffset? LastSent, int RepeatsSent);

/// <summary>The muting data in force; all plain data, checked by pure functions.</summary>
public sealed record PolicyContext(IReadOnlyList<Silence> Silences, IReadOnlyList<MaintenanceWindow> Windows, IReadOnlyList<Acknowledgement> Acks, RepeatSchedule Repeats)
{
    public static PolicyContext Empty { get; } = new([], [], [], RepeatSchedule.Default);
}

/// <summary>
/// Send or not, as a pure decision with a reason. Muted alerts stay unsent (and so does their resolution); an
/// alert still firing when its silence or window ends is sent then as <see cref="SendReason.First"/>.
/// Unacknowledged criticals are repeated on <see cref="RepeatSchedule"/>.
/// </summary>
public static class NotificationPolicy
{
    public static (SendReason Reason, MuteReason Muted, NotifyLedger Next) Decide(
        RuleNotice notice, RuleState state, AlertLabels labels, PolicyContext context, NotifyLedger ledger, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(context);
        var firing = state.Phase == RulePhase.Firing;
        var wanted = Wanted(notice, state, ledger, context, labels, now);
        var next = notice == RuleNotice.Resolved ? default : ledger;
        if (wanted == SendReason.None)
        {
            return (SendReason.None, MuteReason.None, next);
        }

        var muted = context.Silences.Any(s => s.Mutes(labels, now)) ? MuteReason.Silenced
            : context.Windows.Any(w => w.Covers(labels, now)) ? MuteReason.Maintenance
            : MuteReason.None;
        if (muted != MuteReason.None)
        {
            return (SendReason.None, muted, next);
        }

        return wanted switch
        {
            SendReason.Resolved => (wanted, muted, default),
            SendReason.Repeat => (wanted, muted, ledger with { LastSent = now, RepeatsSent = ledger.RepeatsSent + 1 }),
            _ => (wanted, muted, firing ? new NotifyLedger(true, now, wanted == SendReason.First ? 0 : ledger.RepeatsSent) : ledger),
        };
    }

    private static SendReason Wanted(RuleNotice notice, RuleState state, NotifyLedger ledger, PolicyContext context, AlertLabels labels, DateTimeOffset now)
    {
        switch (notice)
        {
            case RuleNotice.Fired:
                return SendReason.First;
            case RuleNotice.Escalated:
                return ledger.Sent ? SendReason.Escalated : SendReason.First;
            case RuleNotice.DeEscalated:
                return ledger.Sent ? SendReason.DeEscalated : SendReason.First;
            case RuleNotice.Resolved:
                return ledger.Sent ? SendReason.Resolved : SendReason.None;
            case RuleNotice.NoData:
                return SendReason.NoData;
            case RuleNotice.Flapping:
                return SendReason.Flapping;
            case RuleNotice.Stable:
                return SendReason.Stable;
        }

        if (state.Phase != RulePhase.Firing || state.Flapping)
        {
            return SendReason.None;
        }

        if (!ledger.Sent)
        {
            return SendReason.First; // its silence or maintenance window has ended while it still fires
        }

        var acked = context.Acks.Any(a => a.Node == labels.Node && a.Rule == labels.Rule && a.FiringSince == state.FiringSince);
        return state.Severity == Severity.Critical && !acked
            && context.Repeats.DelayBefore(ledger.RepeatsSent) is { } delay && ledger.LastSent is { } last && now - last >= delay
            ? SendReason.Repeat
            : SendReason.None;
    }
}
