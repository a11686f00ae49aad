using ChatOpsWatch.Domain.Vps;

namespace ChatOpsWatch.Domain.Tests.Vps;

public sealed class NodeExpiryTests
{
    private static readonly DateOnly ExpiresOn = new(2027, 1, 31);

    [Theory]
    [InlineData("2027-01-01T23:59:00Z", 30, 0)]
    [InlineData("2027-01-17T00:00:00Z", 14, 1)] // the reminder starts ExpiryReminderDays before
    [InlineData("2027-01-31T10:00:00Z", 0, 1)]
    [InlineData("2027-02-02T10:00:00Z", -2, 1)] // expired: keeps reminding
    public void Metrics_DaysBeforeExpiry_GiveDaysLeftAndReminder(string now, int days, int reminder)
    {
        var values = NodeExpiry.Metrics(ExpiresOn, 14, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)).ToDictionary();

        Assert.Equal(days, values["node.expiry_days"]);
        Assert.Equal(reminder, values["node.expiry_reminder"]);
    }
}
