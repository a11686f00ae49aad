using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Infrastructure.Delivery;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Infrastructure.Telegram;
using ChatOpsWatch.Worker.Configuration;
using ChatOpsWatch.Worker.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ChatOpsWatch.Infrastructure.Chat;

namespace ChatOpsWatch.Worker.Tests.Hosting;

public sealed class IncidentHostingTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("chatopswatch-hosting-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Theory]
    [InlineData("77", 77, true)]
    [InlineData(null, null, true)]
    [InlineData("0", null, false)]
    [InlineData("topic", null, false)]
    public void Load_OpsThreadId_IsAPositiveTopicIdOrAbsent(string? value, int? expected, bool ok)
    {
        var values = new Dictionary<string, string?> { ["ChatOpsWatch:Telegram:OpsChatId"] = "-100", ["ChatOpsWatch:Telegram:OpsThreadId"] = value };

        var result = ConfigLoader.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), n => n == ConfigLoader.DefaultTokenEnv ? "123:abc" : null);

        Assert.Equal(ok, result.Ok);
        Assert.Equal(expected, result.Config?.Telegram?.OpsThreadId);
        Assert.Equal(ok, !result.Problems.Any(p => p.Key == "ChatOpsWatch:Telegram:OpsThreadId"));
    }

    [Fact]
    public void AddChatOpsWatch_WithTelegram_AnswersIncidentButtonsAndCommandsAndPostsAlertsInTheOpsTopic()
    {
        var telegram = new TelegramConfig("123:abc", "http://127.0.0.1:9", -100, new HashSet<long> { -100 }, new HashSet<long> { 42 }, OpsThreadId: 77);
        var config = new WatchConfig(Path.Combine(dir, "db"), [], new SshSettings(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1)), MonitorSettings.Default, telegram, TimeSpan.FromMinutes(1));
        var builder = Host.CreateApplicationBuilder();

        builder.AddChatOpsWatch(config);
        using var services = builder.Services.BuildServiceProvider();

        Assert.Equal(["ack", "chart", "details", "mute", "node"], services.GetServices<ICallbackHandler>().SelectMany(h => h.Actions).Order());

        // Every command in the menu is answered: by the handler built into ChatUpdateHandler or by a registered one.
        Domain.Chat.ChatCommandKind[] builtIn = [Domain.Chat.ChatCommandKind.Start, Domain.Chat.ChatCommandKind.Help, Domain.Chat.ChatCommandKind.Mute, Domain.Chat.ChatCommandKind.Unmute, Domain.Chat.ChatCommandKind.Ack];
        var registered = services.GetServices<IChatCommandHandler>().SelectMany(h => h.Kinds).ToList();
        Assert.Equal(registered.Count, registered.Distinct().Count());
        Assert.All(Domain.Chat.ChatCommands.All, c => Assert.True(builtIn.Contains(c.Kind) || registered.Contains(c.Kind), $"/{c.Name} has no handler"));
        Assert.Contains(services.GetServices<IChatCommandHandler>(), h => h.Kinds.Contains(Domain.Chat.ChatCommandKind.History) && h.Kinds.Contains(Domain.Chat.ChatCommandKind.Alerts));
        Assert.NotNull(services.GetRequiredService<ITelegramUpdateHandler>());
        Assert.Equal(77, services.GetRequiredService<OutboxDispatcherOptions>().OpsThreadId);
    }
}
