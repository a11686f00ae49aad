using ChatOpsWatch.Domain.Ports;
using ChatOpsWatch.Infrastructure.Storage;
using ChatOpsWatch.Worker.Configuration;
using ChatOpsWatch.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsWatch.Worker.Cli;

/// <summary>Validates everything that can be validated before starting, then runs the host until stopped.</summary>
internal static class RunCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        ConfigLoader.Result loaded;
        Microsoft.Extensions.Configuration.IConfigurationManager configuration;
        string[] hostArgs;
        try
        {
            configuration = CommandLine.BuildConfiguration(args, out hostArgs);
            loaded = ConfigLoader.Load(configuration, Environment.GetEnvironmentVariable);
        }
        catch (ConfigFileException ex)
        {
            CommandLine.Report(new ConfigLoader.Result(null, ex.Problems));
            return CommandLine.ExitConfig;
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or FormatException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"chatopswatch: cannot read the configuration: {ex.Message}");
            return CommandLine.ExitConfig;
        }

        if (!CommandLine.Report(loaded))
        {
            return CommandLine.ExitConfig;
        }

        var config = loaded.Config!;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = hostArgs, Configuration = (Microsoft.Extensions.Configuration.ConfigurationManager)configuration });
        builder.AddChatOpsWatch(config);

        // Disposing the host closes the store (for SQLite: the last pooled connection, which checkpoints the WAL).
        using var host = builder.Build();
        var storage = host.Services.GetRequiredService<IStorageLifetime>();
        try
        {
            using var startLog = LoggerFactory.Create(b => b.AddChatOpsWatchConsole(config.Health.JsonConsole));
            await storage.OpenAsync(startLog.CreateLogger("ChatOpsWatch"), default);
        }
        catch (StorageException ex)
        {
            await Console.Error.WriteLineAsync($"chatopswatch: {ex.Message}");
            return CommandLine.ExitStorage;
        }

        var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ChatOpsWatch");
        log.LogInformation("ChatOpsWatch starting: {Nodes} node(s), database {Database}, notifier {Notifier}", config.Nodes.Count, storage.Location, config.Telegram is null ? "console" : config.Telegram.ApiBaseUrl);
        await host.RunAsync();
        return 0;
    }
}
