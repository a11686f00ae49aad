using ChatOpsWatch.Testing.FakeBotApi;

namespace ChatOpsWatch.Worker.Tests.Support;

internal static class BotWaits
{
    /// <summary>Waits until the messages sent so far satisfy <paramref name="done"/>.</summary>
    public static async Task WaitUntilSentAsync(this FakeBotApiServer bot, Func<IReadOnlyList<SentMessage>, bool> done, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!done(bot.Sent))
        {
            try
            {
                await Task.Delay(100, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"condition not met within {timeout}; sent so far:\n{string.Join("\n---\n", bot.Sent.Select(m => $"[{m.ChatId}] {m.Text}"))}");
            }
        }
    }

    /// <summary>The first message sent after the first <paramref name="skip"/> that matches, once there is one.</summary>
    public static async Task<SentMessage> NextAsync(this FakeBotApiServer bot, int skip, Func<SentMessage, bool> match, TimeSpan timeout)
    {
        await bot.WaitUntilSentAsync(sent => sent.Skip(skip).Any(match), timeout);
        return bot.Sent.Skip(skip).First(match);
    }
}
