using ChatOpsWatch.Infrastructure.Ssh;

namespace ChatOpsWatch.Infrastructure.Tests.Ssh;

public sealed class SshConnectBudgetTests
{
    [Theory]
    [InlineData(1, 4)]
    [InlineData(2, 8)]
    [InlineData(8, 32)]
    [InlineData(64, 64)]
    public void CapacityFor_Processors_IsFourPerCoreWithinFourAndSixtyFour(int processors, int expected)
    {
        Assert.Equal(expected, SshConnectBudget.CapacityFor(processors));
    }

    [Fact]
    public async Task EnterAsync_BudgetSpent_WaitsInsteadOfFailingUntilATurnIsHandedBack()
    {
        using var budget = new SshConnectBudget(2);
        var first = await budget.EnterAsync(CancellationToken.None);
        using var second = await budget.EnterAsync(CancellationToken.None);

        var third = budget.EnterAsync(CancellationToken.None);
        await Task.Delay(50);
        Assert.False(third.IsCompleted, "a third connect must wait while two are in flight");
        Assert.Equal(2, budget.InFlight);

        first.Dispose();
        using var granted = await third.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, budget.InFlight);
    }

    [Fact]
    public async Task Dispose_Twice_HandsBackOneTurn()
    {
        using var budget = new SshConnectBudget(2);
        var lease = await budget.EnterAsync(CancellationToken.None);
        using var other = await budget.EnterAsync(CancellationToken.None);

        lease.Dispose();
        lease.Dispose();

        Assert.Equal(1, budget.InFlight);
    }

    [Fact]
    public async Task EnterAsync_CancelledWhileWaiting_ThrowsAndTakesNoTurn()
    {
        using var budget = new SshConnectBudget(1);
        using var held = await budget.EnterAsync(CancellationToken.None);
        using var cts = new CancellationTokenSource();

        var waiting = budget.EnterAsync(cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, budget.InFlight);
    }
}
