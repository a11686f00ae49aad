using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Incidents;
using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsWatch.Infrastructure.Tests.Storage.Contracts;

/// <summary>
/// What every <see cref="IIncidentStore"/> provider must do, through the ports only (<see cref="IIncidentStore"/>, and
/// <see cref="IMonitorStore.CommitPollAsync"/> to open and move incidents), so a second provider runs it unchanged.
/// The decisions themselves are <see cref="IncidentLifecycle"/>'s; this checks that a provider stores them faithfully.
/// </summary>
public sealed class IncidentStoreContractTests
{
    public static IEnumerable<object[]> Providers => StorageProviders.Names;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Opened_TheIncidentIsOpenReadableByIdAndInTheNodesHistory(string provider)
    {
        await using var rig = await IncidentStoreRig.CreateAsync(provider);

        await rig.PollAsync(IncidentChange.Opened, Severity.Warning, "disk 91 %");

        var open = Assert.Single(await rig.Incidents.OpenAsync(default));
        Assert.Equal(("tokyo-1", "disk", "disk.used_pct", Severity.Warning, "disk 91 %"), (open.Node, open.RuleId, open.Series, open.Severity, open.Detail));
        Assert.Equal(IncidentStoreRig.T0, open.OpenedAt);
        Assert.Equal(open, await rig.Incidents.GetAsync(open.Id, default));
        Assert.Equal(open.Id, Assert.Single(await rig.Incidents.HistoryAsync("tokyo-1", IncidentStoreRig.T0.AddDays(-1), default)).Id);
        Assert.Null(await rig.Incidents.GetAsync(open.Id + 1000, default));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EscalatedThenDeEscalated_TheSeverityFollowsAndThePeakIsKept(string provider)
    {
        await using var rig = await IncidentStoreRig.CreateAsync(provider);
        await rig.PollAsync(IncidentChange.Opened, Severity.Warning, "disk 91 %");
        await rig.PollAsync(IncidentChange.Escalated, Severity.Critical, "disk 97 %", minutes: 5);

        await rig.PollAsync(IncidentChange.DeEscalated, Severity.Warning, "disk 92 %", minutes: 10);

        var open = Assert.Single(await rig.Incidents.OpenAsync(default));
        Assert.Equal((Severity.Warning, Severity.Critical, "disk 92 %"), (open.Severity, open.MaxSeverity, open.Detail));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Ack_Twice_TheFirstAcknowledgementStays(string provider)
    {
        await using var rig = await IncidentStoreRig.CreateAsync(provider);
        var id = await rig.PollAsync(IncidentChange.Opened, Severity.Critical, "disk 97 %");

        var first = await rig.Incidents.AckAsync(id, "@alice", IncidentStoreRig.T0.AddMinutes(2), default);
        var second = await rig.Incidents.AckAsync(id, "@bob", IncidentStoreRig.T0.AddMinutes(3), default);

        Assert.Equal(("@alice", IncidentStoreRig.T0.AddMinutes(2)), (first!.AckedBy, first.AckedAt!.Value));
        Assert.Equal(first, second);
        Assert.Equal(first, await rig.Incidents.GetAsync(id, default));
        Assert.Null(await rig.Incidents.AckAsync(id + 1000, "@alice", IncidentStoreRig.T0, default));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Mute_ShorterThenLonger_OnlyALaterEndExtendsIt(string provider)
    {
        await using var rig = await IncidentStoreRig.CreateAsync(provider);
        var id = await rig.PollAsync(IncidentChange.Opened, Severity.Warning, "disk 91 %");
        var at = IncidentStoreRig.T0.AddMinutes(1);

        await rig.Incidents.MuteAsync(id, at.AddHours(4), "@alice", at, default);
        var shorter = await rig.Incidents.MuteAsync(id, at.AddHours(1), "@bob", at, default);
        var longer = await rig.Incidents.MuteAsync(id, at.AddHours(24), "@bob", at, default);

        Assert.Equal((at.AddHours(4), "@alice"), (shorter!.MutedUntil!.Value, shorter.MutedBy));
        Assert.Equal((at.AddHours(24), "@bob"), (longer!.MutedUntil!.Value, longer.MutedBy));
        Assert.Equal(longer, await rig.Incidents.GetAsync(id, default));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Resolved_LeavesTheOpenListStaysInHistoryAndNoLongerChanges(string provider)
    {
        await using var rig = await IncidentStoreRig.CreateAsync(provider);
        var id = await rig.PollAsync(IncidentChange.Opened, Severity.Critical, "disk 97 %");

        await rig.PollAsync(IncidentChange.Resolved, Severity.Critical, "disk 60 %", minutes: 20);
        var acked = await rig.Incidents.AckAsync(id, "@alice", IncidentStoreRig.T0.AddMinutes(21), default);

        Assert.Empty(await rig.Incidents.OpenAsync(default));
        var resolved = Assert.Single(await rig.Incidents.HistoryAsync("tokyo-1", IncidentStoreRig.T0, default));
        Assert.Equal((IncidentStoreRig.T0.AddMinutes(20), "disk 60 %", (string?)null), (resolved.ResolvedAt!.Value, resolved.ResolvedDetail, resolved.AckedBy));
        Assert.Equal(resolved, acked);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task FiringAgainAfterResolved_IsANewIncidentWithANewId(string provider)
    {
        await using var rig = await IncidentStoreRig.CreateAsync(provider);
        var first = await rig.PollAsync(IncidentChange.Opened, Severity.Critical, "disk 97 %");
        await rig.PollAsync(IncidentChange.Resolved, Severity.Critical, "disk 60 %", minutes: 20);

        var second = await rig.PollAsync(IncidentChange.Opened, Severity.Warning, "disk 91 %", minutes: 30);

        Assert.NotEqual(first, second);
        Assert.Equal(second, Assert.Single(await rig.Incidents.OpenAsync(default)).Id);
        Assert.Equal([second, first], (await rig.Incidents.HistoryAsync("tokyo-1", IncidentStoreRig.T0, default)).Select(i => i.Id));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Open_SeveralIncidents_WorstFirstThenOldestFirst(string provider)
    {
        await using var rig = await IncidentStoreRig.CreateAsync(provider);
        var warning = await rig.PollAsync(IncidentChange.Opened, Severity.Warning, "w", series: "disk.used_pct{mount=/a}");
        var older = await rig.PollAsync(IncidentChange.Opened, Severity.Critical, "c", minutes: 1, series: "disk.used_pct{mount=/c}");
        var critical = await rig.PollAsync(IncidentChange.Opened, Severity.Critical, "c", minutes: 2, series: "disk.used_pct{mount=/b}");

        Assert.Equal([older, critical, warning], (await rig.Incidents.OpenAsync(default)).Select(i => i.Id));
    }
}

/// <summary>
/// One provider's incident store and the monitor store that opens its incidents, on a fake clock. Self-contained on
/// purpose, so the shared provider fixture of issue 16 can replace it: add a provider by adding a case to <see cref="CreateAsync"/>.
/// </summary>
internal sealed class IncidentStoreRig : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = Some.Now;

    private readonly IAsyncDisposable owner;

    private IncidentStoreRig(IMonitorStore monitor, IIncidentStore incidents, FakeTimeProvider time, IAsyncDisposable owner)
    {
        Monitor = monitor;
        Incidents = incidents;
        Time = time;
        this.owner = owner;
    }

    public IMonitorStore Monitor { get; }

    public IIncidentStore Incidents { get; }

    public FakeTimeProvider Time { get; }

    public static async Task<IncidentStoreRig> CreateAsync(string provider)
    {
        var time = new FakeTimeProvider(T0);
        var store = await StorageProviders.OpenAsync(provider, time);
        var rig = new IncidentStoreRig(store.Port<IMonitorStore>(), store.Port<IIncidentStore>(), time, store);
        await rig.Monitor.UpsertNodeAsync(Some.Node(), default);
        return rig;
    }

    /// <summary>Commits a poll whose one message is this change of rule <c>disk</c> (firing since now); returns the id of the alert's incident.</summary>
    public async Task<long> PollAsync(IncidentChange change, Severity severity, string detail, int minutes = 0, string series = "disk.used_pct")
    {
        var now = T0.AddMinutes(minutes);
        Time.SetUtcNow(now);
        var notice = new IncidentNotice("tokyo-1", "vultr/nrt/core", "disk", series, change, severity, now, detail);
        var message = new OutboxMessage(MessageKind.Alert, severity, Html.Escape(detail)) { Incident = notice };
        await Monitor.CommitPollAsync("tokyo-1", new PollDecision(null, [], [message]), now, default);
        var history = await Incidents.HistoryAsync("tokyo-1", T0.AddDays(-1), default);
        return history.First(i => i.Series == series).Id;
    }

    public ValueTask DisposeAsync() => owner.DisposeAsync();
}
