using ChatOpsWatch.Domain.Storage;
using ChatOpsWatch.Domain.Text;

namespace ChatOpsWatch.Domain.Tests.Storage;

public sealed class StorageAlarmTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Gap = TimeSpan.FromSeconds(30);

    [Fact]
    public void Next_FlappingDisk_OneNoticePerChangeAtMostOnePerGapEndingOnTheTruth()
    {
        (int Second, bool Failing, StorageNotice Expected)[] timeline =
        [
            (0, false, StorageNotice.None),
            (1, true, StorageNotice.Failing),     // the first failure: told at once
            (2, true, StorageNotice.None),        // still failing: never twice
            (5, false, StorageNotice.None),       // works again, but within the gap
            (20, true, StorageNotice.None),       // failing again: nothing to change
            (25, false, StorageNotice.None),
            (31, false, StorageNotice.Recovered), // the gap is over and it still works
            (40, true, StorageNotice.None),       // within the gap of the recovery notice
            (61, true, StorageNotice.Failing),
        ];

        var alarm = StorageAlarm.Quiet;
        foreach (var (second, failing, expected) in timeline)
        {
            var now = T0.AddSeconds(second);
            var notice = alarm.Next(failing, now, Gap);
            Assert.Equal(expected, notice);
            alarm = alarm.Told(notice, now);
        }
    }

    [Fact]
    public void DueAt_PendingRecoveryWithinTheGap_IsTheGapsEnd()
    {
        var told = StorageAlarm.Quiet.Told(StorageNotice.Failing, T0);

        Assert.Equal(T0 + Gap, told.DueAt(failing: false, Gap));
        Assert.Null(told.DueAt(failing: true, Gap));
    }

    [Fact]
    public void Failing_English_NamesTheFaultThePathAndTheEscapedError()
    {
        var html = StorageTexts.Failing(StorageFault.DiskFull, "/var/lib/cow/db.sqlite", "disk <full>", TextCatalog.English);

        Assert.Contains("Storage is failing: the disk is full.", html, StringComparison.Ordinal);
        Assert.Contains("<code>/var/lib/cow/db.sqlite</code>", html, StringComparison.Ordinal);
        Assert.Contains("Error: <code>disk &lt;full&gt;</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Failing_Chinese_NamesTheFaultAndThePathButNotTheDatabasesEnglishError()
    {
        var html = StorageTexts.Failing(StorageFault.DiskFull, "/var/lib/cow/db.sqlite", "SQLite Error 13: 'database or disk is full'.", TextCatalog.Chinese);

        Assert.Contains("存储故障：磁盘已满。", html, StringComparison.Ordinal);
        Assert.Contains("<code>/var/lib/cow/db.sqlite</code>", html, StringComparison.Ordinal);
        Assert.EndsWith("\n错误详情见监控日志", html, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite", html, StringComparison.Ordinal);
    }
}
