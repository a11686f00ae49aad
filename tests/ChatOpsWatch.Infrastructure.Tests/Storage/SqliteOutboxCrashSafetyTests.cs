using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Delivery;
using Dapper;

namespace ChatOpsWatch.Infrastructure.Tests.Storage;

/// <summary>
/// In-flight marking (migration v4) and backlog folding as stored in SQLite (send_attempts, folded_into). What every
/// outbox must do is in <see cref="Contracts.OutboxContractTests"/>.
/// </summary>
public sealed class SqliteOutboxCrashSafetyTests : IDisposable
{
    private const long Group = -100777;
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TestDb _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task DueAsync_InFlightWhenTheProcessDied_ComesBackMarkedAsPossibleDuplicate()
    {
        var id = await _db.Outbox.EnqueueAsync(Some.Message(text: "disk <b>88%</b>"), Some.Now, None);
        await _db.Outbox.MarkInFlightAsync(id, Some.Now, None);

        _db.Reopen();

        var entry = Assert.Single(await _db.Outbox.DueAsync(Some.Now, 10, None));
        Assert.Equal(PossibleDuplicate.Marker(TextCatalog.English) + "disk <b>88%</b>", entry.Message.Html);
        using var raw = _db.Raw();
        Assert.Equal(1, raw.ExecuteScalar<int>("SELECT send_attempts FROM outbox WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task FoldBacklogs_OverThreshold_OneDigestReplacesTheWarningsAndCriticalsStay()
    {
        var critical = await _db.Outbox.EnqueueAsync(Some.Message(Severity.Critical, "node a down", Group), Some.Now, None);
        var warnings = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            warnings.Add(await _db.Outbox.EnqueueAsync(Some.Message(Severity.Warning, $"disk {i} &amp; more", Group), Some.Now, None));
        }

        var otherChat = await _db.Outbox.EnqueueAsync(Some.Message(Severity.Warning, "to alice", 42), Some.Now, None);

        var folded = await _db.Outbox.FoldBacklogsAsync(10, Some.Now, None);

        Assert.Equal(12, folded);
        var due = await _db.Outbox.DueAsync(Some.Now, 50, None);
        Assert.Equal(critical, due[0].Id);
        Assert.Contains(due, e => e.Id == otherChat);
        var digest = Assert.Single(due, e => e.Message.Html.StartsWith("📦", StringComparison.Ordinal));
        Assert.Equal(Group, digest.Message.ChatId);
        Assert.Equal(Severity.Warning, digest.Message.Severity);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"• disk {i} &amp; more"), digest.Message.Html.Split('\n').Skip(1));
        Assert.Equal(3, due.Count);
        using var raw = _db.Raw();
        Assert.All(warnings, w => Assert.Equal(digest.Id, raw.ExecuteScalar<long?>("SELECT folded_into FROM outbox WHERE id = @w AND sent_at IS NOT NULL", new { w })));
    }

}
