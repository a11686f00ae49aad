using ChatOpsWatch.Domain.Chat;
using H = ChatOpsWatch.Infrastructure.Tests.Telegram.ChatBotHarness;
using ChatOpsWatch.Infrastructure.Chat;

namespace ChatOpsWatch.Infrastructure.Tests.Chat;

/// <summary>A command whose handler throws still answers the asker, through the real client and the fake Bot API.</summary>
public sealed class FailingCommandTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly H bot = new(H.Fleet(TimeProvider.System.GetUtcNow()), _ => [new Throwing()]);

    public Task InitializeAsync() => bot.StartAsync();

    Task IAsyncLifetime.DisposeAsync() => bot.DisposeAsync().AsTask();

    ValueTask IAsyncDisposable.DisposeAsync() => bot.DisposeAsync();

    [Fact]
    public async Task RegisteredHandlerThrows_AskerIsToldItFailedAndTheCauseIsLogged()
    {
        bot.Api.EnqueueMessage(H.OpsGroup, H.Member, "/report");

        var reply = await bot.Api.WaitForAsync(m => m.ChatId == H.OpsGroup);

        Assert.Equal("⚠️ /report failed inside the monitor. The cause is in the monitor's log.", reply.Text);
        Assert.Contains(bot.Log.At(Microsoft.Extensions.Logging.LogLevel.Error), m => m.Contains("/report in chat", StringComparison.Ordinal));
    }

    private sealed class Throwing : IChatCommandHandler
    {
        public IReadOnlyCollection<ChatCommandKind> Kinds { get; } = [ChatCommandKind.Report];

        public Task HandleAsync(CommandContext context, CancellationToken ct) => throw new InvalidOperationException("boom");
    }
}
