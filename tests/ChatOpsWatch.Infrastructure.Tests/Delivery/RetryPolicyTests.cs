using ChatOpsWatch.Infrastructure.Delivery;

namespace ChatOpsWatch.Infrastructure.Tests.Delivery;

public sealed class RetryPolicyTests
{
    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(6, 160)]
    [InlineData(7, 300)]
    [InlineData(1000, 300)]
    public void Delay_ConsecutiveFailures_DoublesUpToFiveMinutes(int attempts, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryPolicy.Delay(attempts));
    }
}
