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

    [Theory]
    [InlineData(Language.En, "Storage is failing: the disk is full.")]
    [InlineData(Language.ZhCn, "存储故障：磁盘已满。")]
    public void Failing_InTheConfiguredLanguage_NamesTheFaultThePathAndTheEscapedError(Language language, string expected)
    {
        var html = StorageTexts.Failing(StorageFault.DiskFull, "/var/lib/cow/db.sqlite", "disk <full>", TextCatalog.For(language));

        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Contains("<code>/var/lib/cow/db.sqlite</code>", html, StringComparison.Ordinal);
        Assert.Contains("disk &lt;full&gt;", html, StringComparison.Ordinal);
    }
}
