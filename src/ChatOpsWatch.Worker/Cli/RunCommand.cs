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
        SqliteDatabase database;
        try
        {
            using var startLog = LoggerFactory.Create(b => b.AddChatOpsWatchConsole(config.Health.JsonConsole));
            database = await DatabaseOpener.OpenAsync(config.DatabasePath, TimeProvider.System, startLog.CreateLogger("ChatOpsWatch"), default);
        }
        catch (StorageException ex)
        {
            await Console.Error.WriteLineAsync($"chatopswatch: {ex.Message}");
            return CommandLine.ExitStorage;
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = hostArgs, Configuration = (Microsoft.Extensions.Configuration.ConfigurationManager)configuration });
        builder.AddChatOpsWatch(config, database);
        using var host = builder.Build();
        var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ChatOpsWatch");
        log.LogInformation("ChatOpsWatch starting: {Nodes} node(s), database {Database}, notifier {Notifier}", config.Nodes.Count, database.FilePath, config.Telegram is null ? "console" : config.Telegram.ApiBaseUrl);
        await host.RunAsync();

        // The last pooled connection closes here, which checkpoints the WAL into the database file.
        database.Dispose();
        return 0;
    }
}
