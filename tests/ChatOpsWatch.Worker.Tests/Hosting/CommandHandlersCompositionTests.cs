using ChatOpsWatch.Domain.Alerts;
using ChatOpsWatch.Domain.Chat;
using ChatOpsWatch.Infrastructure.Maintenance;
using ChatOpsWatch.Infrastructure.Ssh;
using ChatOpsWatch.Infrastructure.Telegram;
using ChatOpsWatch.Worker.Configuration;
using ChatOpsWatch.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ChatOpsWatch.Infrastructure.Chat;

namespace ChatOpsWatch.Worker.Tests.Hosting;

/// <summary>The composition root wires the chat commands and the mute reminder, so a running bot answers them.</summary>
public sealed class CommandHandlersCompositionTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("chatopswatch-compose-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void AddChatOpsWatch_WithTelegram_RegistersOneHandlerPerCommandAndTheReminder()
    {
        var telegram = new TelegramConfig("123:abc", "http://127.0.0.1:9", -100, new HashSet<long> { -100 }, new HashSet<long> { 1 });
        var config = new WatchConfig(Path.Combine(dir, "watch.db"), [], SshSettings.Default, MonitorSettings.Default, telegram, TimeSpan.FromMinutes(10)) { MuteReminderLead = TimeSpan.FromMinutes(15) };
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.AddChatOpsWatch(config);
        using var host = builder.Build();

        var kinds = host.Services.GetServices<IChatCommandHandler>().SelectMany(h => h.Kinds).ToList();
        Assert.NotNull(host.Services.GetRequiredService<ITelegramUpdateHandler>());
        Assert.Equal(kinds.Count, kinds.Distinct().Count());
        Assert.Superset(
            new HashSet<ChatCommandKind> { ChatCommandKind.Status, ChatCommandKind.Node, ChatCommandKind.Nodes, ChatCommandKind.Chart, ChatCommandKind.Maint, ChatCommandKind.Silences },
            kinds.ToHashSet());
        Assert.Contains(host.Services.GetServices<IHostedService>(), s => s is MuteReminderService);
        Assert.Equal(TimeSpan.FromMinutes(15), host.Services.GetRequiredService<MuteReminderOptions>().Lead);
    }
}
